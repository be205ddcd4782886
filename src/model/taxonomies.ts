import { slugify } from '../util/slugify.js';
import type { Term } from './views.js';

export interface TermWarning {
  slug: string;
  spellings: { name: string; files: string[] }[];
}

/** Group posts (already newest first) by term slug; spellings that slugify alike become one term. */
export function buildTerms(
  posts: readonly { id: string; file: string; terms: readonly string[] }[],
  kind: 'category' | 'tag',
  baseUrl: string,
): { terms: Term[]; warnings: TermWarning[] } {
  const bySlug = new Map<string, { names: Map<string, string[]>; postIds: string[] }>();
  for (const post of posts) {
    const seen = new Set<string>();
    for (const name of post.terms) {
      const slug = slugify(name);
      if (!slug || seen.has(slug)) continue;
      seen.add(slug);
      let entry = bySlug.get(slug);
      if (!entry) bySlug.set(slug, (entry = { names: new Map(), postIds: [] }));
      entry.postIds.push(post.id);
      const files = entry.names.get(name) ?? [];
      files.push(post.file);
      entry.names.set(name, files);
    }
  }
  const terms: Term[] = [];
  const warnings: TermWarning[] = [];
  for (const [slug, entry] of [...bySlug].sort(([a], [b]) => (a < b ? -1 : 1))) {
    // The spelling most posts use wins; ties go to the one that sorts first.
    const spellings = [...entry.names].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
    terms.push({ kind, name: spellings[0]![0], slug, url: `${baseUrl}${slug}/`, count: entry.postIds.length, postIds: entry.postIds });
    if (spellings.length > 1) warnings.push({ slug, spellings: spellings.map(([name, files]) => ({ name, files: [...files].sort() })) });
  }
  return { terms, warnings };
}
