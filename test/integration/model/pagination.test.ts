import { describe, it, expect, beforeAll } from 'vitest';
import { buildFixture, type BuiltSite } from '../../helpers/site.js';
import { items, rel } from './helpers.js';

// 3 posts in category "Tips", postsPerPage 2; tag "Pair" has exactly 2 posts, tag "Solo" one.
let site: BuiltSite;
beforeAll(async () => {
  site = await buildFixture('model-pagination');
});

describe('pagination through real output', () => {
  it('builds without problems', () => {
    expect(site.ok).toBe(true);
    expect(site.diagnostics).toEqual([]);
  });

  it.each([
    { url: '/blog/', exists: true },
    { url: '/blog/page/2/', exists: true },
    { url: '/blog/page/1/', exists: false },
    { url: '/blog/page/3/', exists: false },
    { url: '/blog/category/tips/', exists: true },
    { url: '/blog/category/tips/page/2/', exists: true },
    { url: '/blog/category/tips/page/1/', exists: false },
    { url: '/blog/category/tips/page/3/', exists: false },
    { url: '/blog/tag/pair/', exists: true },
    { url: '/blog/tag/pair/page/2/', exists: false },
    { url: '/blog/tag/solo/', exists: true },
    { url: '/blog/tag/solo/page/2/', exists: false },
  ])('$url exists: $exists', ({ url, exists }) => {
    expect(site.urls().includes(url)).toBe(exists);
  });

  it.each([
    { url: '/blog/', posts: ['Post 3', 'Post 2'], prev: undefined, next: '/blog/page/2/', of: 'Page 1 of 2' },
    { url: '/blog/page/2/', posts: ['Post 1'], prev: '/blog/', next: undefined, of: 'Page 2 of 2' },
    { url: '/blog/category/tips/', posts: ['Post 3', 'Post 2'], prev: undefined, next: '/blog/category/tips/page/2/', of: 'Page 1 of 2' },
    { url: '/blog/category/tips/page/2/', posts: ['Post 1'], prev: '/blog/category/tips/', next: undefined, of: 'Page 2 of 2' },
    { url: '/blog/tag/pair/', posts: ['Post 2', 'Post 1'], prev: undefined, next: undefined, of: 'Page 1 of 1' },
  ])('$url lists $posts with prev $prev and next $next', ({ url, posts, prev, next, of }) => {
    const html = site.page(url);
    expect(items(html, 'posts')).toEqual(posts);
    expect(rel(html, 'prev')).toBe(prev);
    expect(rel(html, 'next')).toBe(next);
    expect(html).toContain(`<span class="of">${of}</span>`);
  });

  it('links first and last pages, page 1 by its plain URL', () => {
    const html = site.page('/blog/page/2/');
    expect(html).toContain('<a class="first" href="/blog/">');
    expect(html).toContain('<a class="last" href="/blog/page/2/">');
    expect(site.urls().filter((u) => u.includes('/page/1/'))).toEqual([]);
  });

  it('titles page 2 with its number', () => {
    expect(site.page('/blog/page/2/')).toContain('<h1>Blog – page 2</h1>');
    expect(site.page('/blog/category/tips/page/2/')).toContain('<h1>Tips – page 2</h1>');
  });

  it('prefixes pagination links with the base path', async () => {
    const sub = await buildFixture('model-pagination', { overrides: { baseUrl: 'https://example.com/sub/' } });
    const html = sub.page('/blog/page/2/');
    expect(rel(html, 'prev')).toBe('/sub/blog/');
    expect(rel(sub.page('/blog/'), 'next')).toBe('/sub/blog/page/2/');
  });

  it('lists every page URL in the sitemap, and no /page/1/', () => {
    const xml = site.page('/sitemap.xml');
    expect(xml).toContain('<loc>https://example.com/blog/page/2/</loc>');
    expect(xml).not.toContain('/page/1/');
  });
});
