import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { spawn } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { startDev, type Dev } from '../../src/serve/index.js';
import { FIXTURES, ROOT } from '../helpers/site.js';
import { chromiumRequirement, describeWith, launchChromium } from '../helpers/browser.js';

/** A GET with the path sent exactly as written (no client-side normalisation of "..").*/
function rawGet(base: string, rawPath: string): Promise<{ status: number; body: string }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function copyFixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-serve-'));
  fs.cpSync(path.join(FIXTURES, 'sites/serve-live'), dir, { recursive: true });
  return dir;
}

describe('the preview server, over HTTP', () => {
  let dir: string;
  let dev: Dev;
  beforeAll(async () => {
    dir = copyFixture();
    dev = await startDev({ config: path.join(dir, 'site.config.ts'), host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => dev?.close());

  it('serves pages at pretty URLs with the live-reload script, and assets with their types', async () => {
    const page = await rawGet(dev.url, '/blog/first-post/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('The original words of the first post.');
    expect(page.body).toContain('<script src="/__awning/client.js" type="module"></script></body>');
    const res = await fetch(new URL('/assets/site.css', dev.url));
    expect(res.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await res.text()).toContain('rgb(10, 20, 30)');
    const redirect = await rawGet(dev.url, '/blog/first-post');
    expect(redirect.status).toBe(301);
  });

  it("answers an unknown URL with the site's 404 page and status 404", async () => {
    const res = await rawGet(dev.url, '/no/such/page/');
    expect(res.status).toBe(404);
    expect(res.body).toContain('This page does not exist.');
  });

  it('never serves a file from outside the site, however the path is written', async () => {
    const secret = fs.readFileSync(path.join(dir, 'site.config.ts'), 'utf8');
    for (const p of ['/../site.config.ts', '/%2e%2e/site.config.ts', '/assets/../../site.config.ts', '/assets/..%2f..%2fsite.config.ts', '/assets/%2e%2e%2f%2e%2e%2fsite.config.ts', '/media/..%5c..%5csite.config.ts', '/../package.json', '/assets/../../../package.json', '/%00', '/assets/']) {
      const res = await rawGet(dev.url, p);
      expect(res.status, p).not.toBe(200);
      expect(res.body, p).not.toContain('defineConfig');
      expect(res.body, p).not.toContain(secret.slice(0, 40));
      expect(res.body, p).not.toContain('"name": "awning"');
    }
  });

  it('does not write to dist/', () => {
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});

describeWith(chromiumRequirement(), 'the preview in a browser', () => {
  let dir: string;
  let dev: Dev;
  let browser: Browser;
  let page: Page;
  const file = (p: string) => path.join(dir, p);
  const write = (p: string, text: string) => fs.writeFileSync(file(p), text);
  const edit = (p: string, from: string, to: string) => write(p, fs.readFileSync(file(p), 'utf8').replace(from, to));

  beforeAll(async () => {
    dir = copyFixture();
    dev = await startDev({ config: path.join(dir, 'site.config.ts'), host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(new URL('/blog/first-post/', dev.url).href);
    // Wait for the live-reload socket; a marker on window shows later that no navigation happened.
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/__awning/client.js')));
    await page.waitForTimeout(200);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  });
  afterAll(async () => {
    await browser?.close();
    await dev?.close();
  });
  const marker = () => page.evaluate(() => (window as unknown as { marker?: number }).marker);

  it('shows an edited post without a navigation, with the new HTML sent over the socket (no request for the page)', async () => {
    const requested: string[] = [];
    const onRequest = (r: { url(): string }) => requested.push(r.url());
    page.on('request', onRequest);
    edit('content/posts/first-post.md', 'The original words', 'Freshly saved words');
    await page.waitForFunction(() => document.body.textContent?.includes('Freshly saved words'), null, { timeout: 10_000 });
    page.off('request', onRequest);
    expect(await marker()).toBe(42);
    expect(requested.filter((u) => new URL(u).pathname === '/blog/first-post/')).toEqual([]);
  });

  it('applies an edited stylesheet without reloading, keeping open menus open', async () => {
    await page.evaluate(() => ((document.querySelector('details') as HTMLDetailsElement).open = true));
    edit('templates/assets/site.css', 'rgb(10, 20, 30)', 'rgb(200, 30, 40)');
    await page.waitForFunction(() => getComputedStyle(document.querySelector('h1')!).color === 'rgb(200, 30, 40)', null, { timeout: 10_000 });
    expect(await marker()).toBe(42);
    expect(await page.evaluate(() => (document.querySelector('details') as HTMLDetailsElement).open)).toBe(true);
  });

  it('shows a broken file as an overlay naming the file and line, and clears it once fixed', async () => {
    const original = fs.readFileSync(file('content/posts/second-post.md'), 'utf8');
    write('content/posts/second-post.md', original.replace('date: 2026-02-10', 'date: 2026-13-10'));
    const overlay = page.locator('#__awning_overlay');
    await overlay.waitFor({ state: 'attached', timeout: 10_000 });
    const text = await page.evaluate(() => document.getElementById('__awning_overlay')!.shadowRoot!.textContent);
    expect(text).toContain('error[AWN302] content/posts/second-post.md:3:7');
    expect(text).toContain('month 13 does not exist');
    // The last good page is still there behind the overlay, and the server is alive.
    expect(await page.locator('h1').textContent()).toBe('First post');
    write('content/posts/second-post.md', original);
    await overlay.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await marker()).toBe(42);
  });

  it('shows a post saved the way some editors do it (a new file renamed over the old one)', async () => {
    const target = file('content/posts/first-post.md');
    const text = fs.readFileSync(target, 'utf8').replace('Freshly saved words', 'Words saved by a rename');
    fs.writeFileSync(`${target}.tmp-save`, text);
    fs.renameSync(`${target}.tmp-save`, target);
    await page.waitForFunction(() => document.body.textContent?.includes('Words saved by a rename'), null, { timeout: 10_000 });
    expect(await marker()).toBe(42);
  });

  it('shows a new post on the open blog index', async () => {
    const index = await browser.newPage();
    await index.goto(new URL('/blog/', dev.url).href);
    await index.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/__awning/client.js')));
    await index.waitForTimeout(200);
    write('content/posts/brand-new.md', '---\ntitle: A brand new post\ndate: 2026-03-01\ncategories: [News]\n---\nJust arrived.\n');
    await index.waitForFunction(() => document.body.textContent?.includes('A brand new post'), null, { timeout: 10_000 });
    await index.close();
  });

  it('answers a deleted post with the 404 page', async () => {
    fs.rmSync(file('content/posts/second-post.md'));
    await expect.poll(async () => (await fetch(new URL('/blog/second-post/', dev.url))).status, { timeout: 10_000 }).toBe(404);
    const res = await page.goto(new URL('/blog/second-post/', dev.url).href);
    expect(res?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Nothing here');
  });
});

describe('awning serve on the command line', () => {
  it('prints its address, serves, and stops cleanly on Ctrl-C', async () => {
    const dir = copyFixture();
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/awning.js'), 'serve', '--port', '0'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    await expect.poll(() => /Serving \. at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1], { timeout: 15_000 }).toBeTruthy();
    const url = /Serving \. at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)![1]!;
    const res = await fetch(new URL('/blog/first-post/', url));
    expect(res.status).toBe(200);
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGINT');
    });
    expect(code).toBe(0);
    expect(out).toContain('Stopped.');
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});
