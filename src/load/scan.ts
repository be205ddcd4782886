import { readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { listFiles } from '../output/fingerprint.js';
import type { SourcePage } from './source.js';

// Finding and hashing the site's source files: kept apart from the parsers (YAML, zod, markdown-it)
// so that the up-to-date check (cache/upToDate.ts) can run without loading them.

/** Every Markdown file under the content folder but those under `exclude` (the data folder), sorted by path. */
export async function scanMarkdown(contentDir: string, exclude: string): Promise<string[]> {
  const skip = exclude + path.sep;
  return (await listFiles(contentDir))
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join(contentDir, f))
    .filter((abs) => !abs.startsWith(skip));
}

export const hashText = (text: string): string => createHash('sha1').update(text).digest('hex');

/**
 * What of a parsed file other pages can show (its place, front matter and excerpt), hashed: when
 * only a file's body changes and this does not, no other page's context does (see cache/pages.ts).
 */
export const pageShape = (p: Pick<SourcePage, 'id' | 'kind' | 'slug' | 'frontMatter' | 'extra' | 'excerpt'>): string =>
  createHash('sha1').update(JSON.stringify([p.id, p.kind, p.slug, p.frontMatter, p.extra, p.excerpt])).digest('base64');

/** A rendered body's hash, as page keys write it (see lastingContextKey). */
export const hashBody = (html: string): string => createHash('sha1').update(html).digest('base64');

/** The names of the data files (YAML, JSON) in the data folder, sorted. */
export async function listDataFiles(dataDir: string): Promise<string[]> {
  try {
    return (await readdir(dataDir)).filter((n) => /\.(ya?ml|json)$/.test(n)).sort();
  } catch {
    return [];
  }
}
