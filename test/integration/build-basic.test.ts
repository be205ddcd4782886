import { describe, it, expect } from 'vitest';
import { buildFixture } from '../helpers/site.js';

describe('a basic site', () => {
  it('renders a post at its pretty URL with its date in the site time zone', async () => {
    const site = await buildFixture('basic');
    expect(site.ok).toBe(true);
    const html = site.page('/blog/winter-hours/');
    expect(html).toContain('<h1>Winter hours</h1>');
    expect(html).toContain('December 19, 2025');
    expect(html).toContain('datetime="2025-12-19T00:00:00-08:00"');
    expect(html).toContain('<h1 id="hello">Hello</h1>');
  });

  it('prefixes every generated link with the base URL path', async () => {
    const site = await buildFixture('basic', { overrides: { baseUrl: 'https://preview.example.net/pr-7/' } });
    const html = site.page('/about/');
    expect(html).toContain('<a href="/pr-7/about/">self</a>');
    expect(html).toContain('href="https://preview.example.net/pr-7/about/"');
    const post = site.page('/blog/winter-hours/');
    expect(post).toContain('href="/pr-7/about/"');
    expect(site.page('/sitemap.xml')).toContain('<loc>https://preview.example.net/pr-7/blog/winter-hours/</loc>');
  });
});
