import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, runCli, snapshot } from '../helpers/site.js';
import { manifestPath } from '../../src/output/manifest.js';

/** The files section of the manifest written beside an output folder. */
const manifestFiles = (dir: string) => JSON.parse(fs.readFileSync(manifestPath(dir), 'utf8')).files;

describe('the example site, built by the real CLI', () => {
  let tmp: string;
  let out: string;
  let result: ReturnType<typeof runCli>;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-example-'));
    out = path.join(tmp, 'site');
    result = runCli(['build', '--out', out], ROOT);
  });
  const read = (p: string) => fs.readFileSync(path.join(out, p), 'utf8');

  it('builds without errors and says how many pages it wrote', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Built \d+ pages \(\d+ files\) in \d+ ms → /);
  });

  it('has the home page, posts, locations, services, feed, sitemap, robots and 404', () => {
    for (const f of ['index.html', 'blog/index.html', 'blog/page/2/index.html', 'locations/millbrook/index.html', 'services/swedish/index.html', 'feed.xml', 'sitemap.xml', 'robots.txt', '404.html', 'media/logo.svg']) {
      expect(fs.existsSync(path.join(out, f)), f).toBe(true);
    }
    expect(fs.readdirSync(path.join(out, 'assets')).some((f) => /^site\.[0-9a-f]{8}\.css$/.test(f))).toBe(true);
    expect(read('robots.txt')).toContain('Sitemap: https://juniperstone.example.com/sitemap.xml');
    expect(read('sitemap.xml')).toContain('<loc>https://juniperstone.example.com/blog/carrier-oils-explained/</loc><lastmod>2025-09-09T00:00:00-04:00</lastmod>');
    expect(read('feed.xml')).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
  });

  it('shows a location with its address, click-to-call phone, map link and grouped hours', () => {
    const html = read('locations/millbrook/index.html');
    expect(html).toContain('214 Mill Street, Suite B');
    expect(html).toContain('href="tel:+19195550142"');
    expect(html).toContain('https://www.google.com/maps/search/?api=1&amp;query=');
    expect(html).toMatch(/<th scope="row">Tuesday – Thursday<\/th><td>10:00 AM – 8:00 PM<\/td>/);
    expect(html).toMatch(/<th scope="row">Saturday<\/th><td>9:00 AM – 1:00 PM, 2:00 PM – 6:00 PM<\/td>/);
    expect(html).toContain('Book at this location');
  });

  it('shows each service with its prices', () => {
    const html = read('services/swedish/index.html');
    expect(html).toContain('<td>60 min</td><td>$95</td>');
  });

  it('gives the same bytes with and without the build cache, and with 0, 1 or 2 worker threads', () => {
    const a = snapshot(out);
    const variants: string[][] = [
      ['--no-cache', '--workers', '0'],
      ['--no-cache', '--workers', '1'],
      ['--workers', '2'], // fills the cache …
      ['--workers', '2'], // … and uses it
    ];
    variants.forEach((flags, i) => {
      const dir = path.join(tmp, `variant-${i}`);
      const r = runCli(['build', '--out', dir, ...flags], ROOT);
      expect(r.status, r.stderr).toBe(0);
      const b = snapshot(dir);
      expect([...b.keys()].sort(), flags.join(' ')).toEqual([...a.keys()].sort());
      for (const [file, bytes] of a) expect(b.get(file)!.equals(bytes), `${file} with ${flags.join(' ')}`).toBe(true);
      // The manifest's hashes and sizes, made by the thread that rendered each page, are the same too.
      expect(manifestFiles(dir), flags.join(' ')).toEqual(manifestFiles(out));
    });
  });

  it('gives the same bytes in another time zone and locale', () => {
    const other = path.join(tmp, 'other');
    const r = runCli(['build', '--out', other], ROOT, { TZ: 'Pacific/Auckland', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' });
    expect(r.status).toBe(0);
    const a = snapshot(out);
    const b = snapshot(other);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [file, bytes] of a) expect(b.get(file)!.equals(bytes), file).toBe(true);
  });
});
