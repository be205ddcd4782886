/** URL-safe slug: lowercase ASCII letters, digits and single hyphens ("Déjà Vu & Co." → "deja-vu-co"). */
export function slugify(input: string): string {
  return String(input)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
