/** URL-safe slug: lowercase ASCII letters, digits and single hyphens ("Déjà Vu & Co." → "deja-vu-co"). */
export function slugify(input: string): string {
  const key = String(input);
  let slug = slugs.get(key);
  if (slug === undefined) {
    slug = slugifyUncached(key);
    if (slugs.size < 100_000) slugs.set(key, slug);
  }
  return slug;
}
const slugs = new Map<string, string>();

function slugifyUncached(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
