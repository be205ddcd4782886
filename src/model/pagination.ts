import type { PaginationView } from './views.js';
import { pageUrl } from './urls.js';

/** Split items into pages of perPage; an empty list still has one (empty) page. */
export function paginate<T>(items: readonly T[], perPage: number, base: string): { items: T[]; pagination: PaginationView }[] {
  const total = Math.max(1, Math.ceil(items.length / perPage));
  const pages = Array.from({ length: total }, (_, i) => ({ number: i + 1, url: pageUrl(base, i + 1) }));
  return pages.map(({ number, url }) => {
    const p: PaginationView = {
      number,
      total,
      perPage,
      totalItems: items.length,
      url,
      first: pages[0]!.url,
      last: pages[total - 1]!.url,
      pages,
    };
    if (number > 1) p.prev = pageUrl(base, number - 1);
    if (number < total) p.next = pageUrl(base, number + 1);
    return { items: items.slice((number - 1) * perPage, number * perPage), pagination: p };
  });
}
