import { describe, it, expect } from 'vitest';
import { paginate } from '../../../src/model/pagination.js';
import { model, post, route, urls } from './fixtures.js';

const N = 3;
const BASE = '/blog/';
const items = (n: number) => Array.from({ length: n }, (_, i) => `item-${i + 1}`);

describe('paginate: page count at the boundaries (perPage 3)', () => {
  it.each([
    { count: 0, pages: 1, sizes: [0] },
    { count: 1, pages: 1, sizes: [1] },
    { count: N, pages: 1, sizes: [N] },
    { count: N + 1, pages: 2, sizes: [N, 1] },
    { count: 2 * N, pages: 2, sizes: [N, N] },
    { count: 2 * N + 1, pages: 3, sizes: [N, N, 1] },
  ])('$count items → $pages page(s) of sizes $sizes', ({ count, pages, sizes }) => {
    const result = paginate(items(count), N, BASE);
    expect(result).toHaveLength(pages);
    expect(result.map((p) => p.items.length)).toEqual(sizes);
    expect(result.map((p) => p.pagination.total)).toEqual(Array(pages).fill(pages));
    expect(result.map((p) => p.pagination.totalItems)).toEqual(Array(pages).fill(count));
  });

  it('keeps every item exactly once, in order, across pages', () => {
    const all = items(2 * N + 1);
    expect(paginate(all, N, BASE).flatMap((p) => p.items)).toEqual(all);
  });
});

describe('paginate: URLs', () => {
  it.each([0, 1, N, N + 1, 2 * N + 1])('page 1 of %i items is the plain URL, never /page/1/', (count) => {
    const result = paginate(items(count), N, BASE);
    expect(result[0]!.pagination.url).toBe(BASE);
    expect(result[0]!.pagination.first).toBe(BASE);
    const every = result.flatMap((p) => [p.pagination.url, p.pagination.first, p.pagination.last, p.pagination.prev, p.pagination.next, ...p.pagination.pages.map((x) => x.url)]);
    expect(every.filter((u) => u?.includes('/page/1/'))).toEqual([]);
  });

  it.each([
    { count: 0, page: 1, url: '/blog/', prev: undefined, next: undefined, last: '/blog/' },
    { count: 1, page: 1, url: '/blog/', prev: undefined, next: undefined, last: '/blog/' },
    { count: N, page: 1, url: '/blog/', prev: undefined, next: undefined, last: '/blog/' },
    { count: N + 1, page: 1, url: '/blog/', prev: undefined, next: '/blog/page/2/', last: '/blog/page/2/' },
    { count: N + 1, page: 2, url: '/blog/page/2/', prev: '/blog/', next: undefined, last: '/blog/page/2/' },
    { count: 2 * N + 1, page: 2, url: '/blog/page/2/', prev: '/blog/', next: '/blog/page/3/', last: '/blog/page/3/' },
    { count: 2 * N + 1, page: 3, url: '/blog/page/3/', prev: '/blog/page/2/', next: undefined, last: '/blog/page/3/' },
  ])('$count items, page $page: url $url, prev $prev, next $next, last $last', ({ count, page, url, prev, next, last }) => {
    const p = paginate(items(count), N, BASE)[page - 1]!.pagination;
    expect(p.number).toBe(page);
    expect(p.url).toBe(url);
    expect(p.first).toBe(BASE);
    expect(p.last).toBe(last);
    expect(p.prev).toBe(prev);
    expect(p.next).toBe(next);
    expect('prev' in p).toBe(prev !== undefined);
    expect('next' in p).toBe(next !== undefined);
  });

  it('lists every page number with its URL for numbered links', () => {
    const p = paginate(items(2 * N + 1), N, '/blog/category/tips/')[0]!.pagination;
    expect(p.pages).toEqual([
      { number: 1, url: '/blog/category/tips/' },
      { number: 2, url: '/blog/category/tips/page/2/' },
      { number: 3, url: '/blog/category/tips/page/3/' },
    ]);
  });
});

describe('buildSite: paginated lists', () => {
  const posts = (n: number) => Array.from({ length: n }, (_, i) => post(`p${i + 1}`, `2026-01-${String(i + 1).padStart(2, '0')}`, { categories: ['Tips'] }));

  it.each([
    { count: 0, expected: ['/blog/'] },
    { count: 1, expected: ['/blog/'] },
    { count: 2, expected: ['/blog/'] },
    { count: 3, expected: ['/blog/', '/blog/page/2/'] },
  ])('$count posts with postsPerPage 2 → blog pages $expected', ({ count, expected }) => {
    const m = model(posts(count), { config: { postsPerPage: 2 } });
    expect(m.routes.filter((r) => r.page.kind === 'blog').map((r) => r.url)).toEqual(expected);
    expect(urls(m)).not.toContain('/blog/page/1/');
  });

  it('paginates category pages at /blog/category/<slug>/page/2/ too', () => {
    const m = model(posts(3), { config: { postsPerPage: 2 } });
    expect(urls(m).filter((u) => u.startsWith('/blog/category/tips/'))).toEqual(['/blog/category/tips/', '/blog/category/tips/page/2/']);
    const second = route(m, '/blog/category/tips/page/2/');
    expect(second.layout).toBe('list');
    expect(second.posts!.map((p) => p.id)).toEqual(['posts/p1']);
    expect(second.pagination).toMatchObject({ number: 2, total: 2, prev: '/blog/category/tips/', first: '/blog/category/tips/' });
  });

  it('puts the newest posts on page 1 and the rest on page 2', () => {
    const m = model(posts(3), { config: { postsPerPage: 2 } });
    expect(route(m, '/blog/').posts!.map((p) => p.id)).toEqual(['posts/p3', 'posts/p2']);
    expect(route(m, '/blog/page/2/').posts!.map((p) => p.id)).toEqual(['posts/p1']);
  });

  it('titles page 2 and later with their page number', () => {
    const m = model(posts(3), { config: { postsPerPage: 2 } });
    expect(route(m, '/blog/').page.title).toBe('Blog');
    expect(route(m, '/blog/page/2/').page.title).toBe('Blog – page 2');
  });
});

describe('paginate: the numbered links shown', () => {
  const shown = (total: number, page: number) =>
    paginate(items(total * N), N, BASE)[page - 1]!.pagination.nearby.map((p) => (p ? p.number : '…')).join(' ');

  it.each([
    { total: 1, page: 1, expected: '1' },
    { total: 5, page: 1, expected: '1 2 3 4 5' },
    { total: 7, page: 4, expected: '1 2 3 4 5 6 7' },
    { total: 40, page: 1, expected: '1 2 3 … 40' },
    { total: 40, page: 5, expected: '1 2 3 4 5 6 7 … 40' },
    { total: 40, page: 10, expected: '1 … 8 9 10 11 12 … 40' },
    { total: 40, page: 38, expected: '1 … 36 37 38 39 40' },
    { total: 400, page: 400, expected: '1 … 398 399 400' },
  ])('$total pages, on page $page: $expected', ({ total, page, expected }) => {
    expect(shown(total, page)).toBe(expected);
  });

  it('links each shown page to its URL, and keeps every page in `pages`', () => {
    const p = paginate(items(40 * N), N, BASE)[9]!.pagination;
    expect(p.pages).toHaveLength(40);
    for (const x of p.nearby) if (x) expect(x.url).toBe(x.number === 1 ? BASE : `${BASE}page/${x.number}/`);
  });
});
