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
      nearby: nearby(pages, number),
    };
    if (number > 1) p.prev = pageUrl(base, number - 1);
    if (number < total) p.next = pageUrl(base, number + 1);
    return { items: items.slice((number - 1) * perPage, number * perPage), pagination: p };
  });
}

/** Pages shown around page `number` (see PaginationView.nearby). */
function nearby<P>(pages: readonly P[], number: number, side = 2): (P | null)[] {
  const total = pages.length;
  const shown = new Set<number>([1, total]);
  for (let n = number - side; n <= number + side; n++) if (n >= 1 && n <= total) shown.add(n);
  // A gap of one page shows that page instead of an ellipsis.
  for (const n of [...shown]) if (shown.has(n + 2) && !shown.has(n + 1)) shown.add(n + 1);
  const out: (P | null)[] = [];
  let last = 0;
  for (const n of [...shown].sort((a, b) => a - b)) {
    if (n > last + 1) out.push(null);
    out.push(pages[n - 1]!);
    last = n;
  }
  return out;
}
