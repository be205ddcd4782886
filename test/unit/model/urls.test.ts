import { describe, it, expect } from 'vitest';
import { fillPermalink, outputPath, pagePath } from '../../../src/model/urls.js';
import { model, page, post, route } from './fixtures.js';

const DATE = { year: 2025, month: 3, day: 7 };

describe('fillPermalink', () => {
  it.each([
    { pattern: '/blog/:slug/', slug: 'spring-hours', path: 'posts/spring-hours', url: '/blog/spring-hours/' },
    { pattern: '/blog/:year/:month/:day/:slug/', slug: 'spring-hours', path: '', url: '/blog/2025/03/07/spring-hours/' },
    { pattern: '/:path/', slug: 'careers', path: 'about/careers', url: '/about/careers/' },
    { pattern: '/:path/', slug: 'index', path: '', url: '/' },
    { pattern: '/about/team', slug: 'x', path: 'x', url: '/about/team/' },
    { pattern: '/404.html', slug: '404', path: '404', url: '/404.html' },
    { pattern: '//news//:slug', slug: 'a', path: 'a', url: '/news/a/' },
  ])('$pattern with slug "$slug", path "$path" → $url', ({ pattern, slug, path, url }) => {
    expect(fillPermalink(pattern, { slug, path, date: DATE })).toBe(url);
  });

  it('pads month and day to two digits', () => {
    expect(fillPermalink('/:year-:month-:day/', { slug: 's', path: 's', date: { year: 2026, month: 1, day: 2 } })).toBe('/2026-01-02/');
  });
});

describe('outputPath', () => {
  it.each([
    { url: '/', out: 'index.html' },
    { url: '/about/', out: 'about/index.html' },
    { url: '/blog/page/2/', out: 'blog/page/2/index.html' },
    { url: '/404.html', out: '404.html' },
    { url: '/feed.xml', out: 'feed.xml' },
  ])('$url is written to $out', ({ url, out }) => {
    expect(outputPath(url)).toBe(out);
  });
});

describe('pagePath', () => {
  it.each([
    { id: 'index', path: '' },
    { id: 'about', path: 'about' },
    { id: 'about/index', path: 'about' },
    { id: 'about/careers', path: 'about/careers' },
  ])('$id → "$path"', ({ id, path }) => {
    expect(pagePath(id)).toBe(path);
  });
});

describe('buildSite: page and post URLs', () => {
  it.each([
    { src: page('index', 'Home'), url: '/', output: 'index.html' },
    { src: page('about', 'About'), url: '/about/', output: 'about/index.html' },
    { src: page('about/index', 'About'), url: '/about/', output: 'about/index.html' },
    { src: page('about/careers', 'Careers'), url: '/about/careers/', output: 'about/careers/index.html' },
    { src: page('404', 'Not found', { permalink: '/404.html' }), url: '/404.html', output: '404.html' },
    { src: page('team', 'Team', { permalink: '/about/team/' }), url: '/about/team/', output: 'about/team/index.html' },
    { src: post('spring-hours', '2026-03-01'), url: '/blog/spring-hours/', output: 'blog/spring-hours/index.html' },
  ])('$src.id is served at $url', ({ src, url, output }) => {
    const m = model([src]);
    expect(route(m, url).output).toBe(output);
  });

  it('fills a dated post permalink with the date in the site time zone', () => {
    // 02:00 UTC on March 1 is still February 28 in Los Angeles.
    const m = model([post('late', '2026-03-01T02:00:00Z')], { config: { timeZone: 'America/Los_Angeles', permalinks: { post: '/blog/:year/:month/:day/:slug/', page: '/:path/', blog: '/blog/', category: '/blog/category/', tag: '/blog/tag/' } } });
    expect(route(m, '/blog/2026/02/28/late/').page.id).toBe('posts/late');
  });
});
