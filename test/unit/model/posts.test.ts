import { describe, it, expect } from 'vitest';
import { model, page, permutations, post, route } from './fixtures.js';

const ids = (m: ReturnType<typeof model>) => m.globals.posts.map((p) => p.id);

describe('posts collection order', () => {
  const posts = [
    post('old', '2026-01-01', { title: 'Old' }),
    post('mid-b', '2026-02-01', { title: 'Beta' }),
    post('mid-a', '2026-02-01', { title: 'Alpha' }),
    post('new', '2026-03-01', { title: 'New' }),
  ];

  it.each(permutations(posts).map((p) => [p.map((x) => x.id.slice(6)).join(', '), p] as const))('is newest first, same date by title, from input order [%s]', (_, input) => {
    expect(ids(model(input))).toEqual(['posts/new', 'posts/mid-a', 'posts/mid-b', 'posts/old']);
  });

  it.each(
    permutations([post('b', '2026-02-01', { title: 'Same' }), post('a', '2026-02-01', { title: 'Same' }), post('c', '2026-02-01', { title: 'Same' })]).map(
      (p) => [p.map((x) => x.id.slice(6)).join(', '), p] as const,
    ),
  )('breaks a tie of date and title by path, from input order [%s]', (_, input) => {
    expect(ids(model(input))).toEqual(['posts/a', 'posts/b', 'posts/c']);
  });

  it('compares the time of day, not only the date', () => {
    const m = model([post('morning', '2026-02-01T08:00', { title: 'A morning' }), post('evening', '2026-02-01T20:00', { title: 'Z evening' })]);
    expect(ids(m)).toEqual(['posts/evening', 'posts/morning']);
  });

  it('lists the blog index in the same order as the collection', () => {
    const m = model([...posts].reverse());
    expect(route(m, '/blog/').posts!.map((p) => p.id)).toEqual(ids(m));
  });
});

describe('prev/next between posts', () => {
  const posts = [post('one', '2026-01-01', { title: 'One' }), post('two', '2026-02-01', { title: 'Two' }), post('three', '2026-03-01', { title: 'Three' })];
  const m = model([posts[1]!, posts[2]!, posts[0]!]);

  it.each([
    { url: '/blog/one/', prev: undefined, next: '/blog/two/', what: 'the oldest post has no prev' },
    { url: '/blog/two/', prev: '/blog/one/', next: '/blog/three/', what: 'a middle post has prev = older and next = newer' },
    { url: '/blog/three/', prev: '/blog/two/', next: undefined, what: 'the newest post has no next' },
  ])('$what', ({ url, prev, next }) => {
    const p = route(m, url).page;
    expect(p.prev?.url).toBe(prev);
    expect(p.next?.url).toBe(next);
    expect('prev' in p).toBe(prev !== undefined);
    expect('next' in p).toBe(next !== undefined);
  });

  it('a single post has neither prev nor next', () => {
    const p = route(model([posts[0]!]), '/blog/one/').page;
    expect(p.prev).toBeUndefined();
    expect(p.next).toBeUndefined();
  });

  it('gives prev/next as post summaries with title and URL', () => {
    expect(route(m, '/blog/two/').page.prev).toMatchObject({ id: 'posts/one', title: 'One', url: '/blog/one/', date: '2026-01-01T00:00:00+00:00' });
  });
});

describe('drafts and future posts', () => {
  const sources = [
    post('published', '2026-06-01', { categories: ['News'] }),
    post('draft', '2026-05-01', { draft: true, categories: ['Drafty'] }),
    post('future', '2026-06-15T13:00', { categories: ['Later'] }), // one hour after now
    post('earlier-today', '2026-06-15T11:00'),
    post('today-midnight', '2026-06-15'),
  ];

  it.each([
    { id: 'posts/published', drafts: false, included: true },
    { id: 'posts/earlier-today', drafts: false, included: true },
    { id: 'posts/today-midnight', drafts: false, included: true },
    { id: 'posts/draft', drafts: false, included: false },
    { id: 'posts/future', drafts: false, included: false },
    { id: 'posts/draft', drafts: true, included: true },
    { id: 'posts/future', drafts: true, included: true },
  ])('$id with drafts: $drafts → included: $included', ({ id, drafts, included }) => {
    const m = model(sources, { config: { drafts } });
    expect(ids(m).includes(id)).toBe(included);
    expect(m.routes.some((r) => r.page.id === id)).toBe(included);
  });

  it('reads a future date in the site time zone', () => {
    // 2026-06-16 00:00 in Kiritimati (UTC+14) is 2026-06-15 10:00 UTC: already past at noon UTC.
    const m = model([post('kiribati', '2026-06-16')], { config: { timeZone: 'Pacific/Kiritimati' } });
    expect(ids(m)).toEqual(['posts/kiribati']);
    expect(ids(model([post('kiribati', '2026-06-16')]))).toEqual([]);
  });

  it('excludes a draft page, not only draft posts', () => {
    expect(model([page('secret', 'Secret', { draft: true })]).routes.map((r) => r.url)).not.toContain('/secret/');
    expect(model([page('secret', 'Secret', { draft: true })], { config: { drafts: true } }).routes.map((r) => r.url)).toContain('/secret/');
  });

  it('makes no category page and no prev/next link for an excluded post', () => {
    const m = model(sources);
    expect(m.globals.categories.map((c) => c.slug)).toEqual(['news']);
    expect(m.routes.map((r) => r.url).filter((u) => u.startsWith('/blog/category/')).sort()).toEqual(['/blog/category/', '/blog/category/news/']);
    expect(route(m, '/blog/published/').page.prev).toBeUndefined();
  });
});
