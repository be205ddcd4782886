import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from '../../src/build.js';
import { buildFixture, FIXTURES, NOW } from '../helpers/site.js';

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

  it('does not keep a written page in memory: the bytes are on disk, the result keeps its path and URL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-written-'));
    fs.cpSync(path.join(FIXTURES, 'sites/basic'), dir, { recursive: true });
    const r = await build({ config: path.join(dir, 'site.config.ts'), now: NOW });
    expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
    const post = r.outputs.find((o) => o.url === '/blog/winter-hours/')!;
    expect(post.path).toBe('blog/winter-hours/index.html');
    expect(post.content).toBe('');
    expect(fs.readFileSync(path.join(dir, 'dist', post.path), 'utf8')).toContain('<h1>Winter hours</h1>');
    expect(r.manifest!.files[post.path]!.size).toBe(fs.statSync(path.join(dir, 'dist', post.path)).size);
  });
});
