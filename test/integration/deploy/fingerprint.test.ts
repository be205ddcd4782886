import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/build.js';
import { FIXTURES, NOW, runCli } from '../../helpers/site.js';

const SITE = path.join(FIXTURES, 'sites/deploy-assets');
const temps: string[] = [];
function copySite(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-assets-'));
  temps.push(dir);
  fs.cpSync(SITE, dir, { recursive: true });
  return dir;
}
afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

const HASHED = /^assets\/site\.([0-9a-f]{8})\.css$/;
const sha8 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex').slice(0, 8);

async function built(dir = SITE, opts: Parameters<typeof build>[0] = {}) {
  const r = await build({ config: path.join(dir, 'site.config.ts'), now: NOW, write: false, headers: true, ...opts });
  expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
  const byPath = new Map(r.outputs.map((o) => [o.path, o.content]));
  return { r, byPath, get: (p: string) => String(byPath.get(p)) };
}

describe('theme assets get content-hashed names', () => {
  it('writes the stylesheet under a name with the hash of its bytes, and no copy under the plain name', async () => {
    const { r, byPath } = await built();
    const css = [...byPath.keys()].find((p) => HASHED.test(p));
    expect(css).toBeDefined();
    expect(HASHED.exec(css!)![1]).toBe(sha8(byPath.get(css!) as Buffer));
    expect(byPath.has('assets/site.css')).toBe(false);
    expect(r.copies.map((c) => c.to)).not.toContain('assets');
  });

  it('links pages to the hashed name through the asset filter, with the base path', async () => {
    const { byPath, get } = await built();
    const css = [...byPath.keys()].find((p) => HASHED.test(p))!;
    expect(get('index.html')).toContain(`<link rel="stylesheet" href="/${css}">`);
    expect(get('index.html')).toMatch(/<link rel="icon" href="\/assets\/favicon\.[0-9a-f]{8}\.svg">/);
    const preview = await built(SITE, { overrides: { baseUrl: 'https://preview.example.net/pr-3/' } });
    expect(preview.get('index.html')).toContain(`<link rel="stylesheet" href="/pr-3/${css}">`);
  });

  it("points the stylesheet's url() references at the hashed names of the files they load", async () => {
    const { byPath, get } = await built();
    const css = get([...byPath.keys()].find((p) => HASHED.test(p))!);
    const font = [...byPath.keys()].find((p) => /^assets\/fonts\/brand\.[0-9a-f]{8}\.woff2$/.test(p))!;
    const paper = [...byPath.keys()].find((p) => /^assets\/paper\.[0-9a-f]{8}\.svg$/.test(p))!;
    expect(css).toContain(`url(${font.slice('assets/'.length)})`);
    expect(css).toContain(`url("/${paper}")`);
  });

  it('gives the stylesheet a new name when a font it loads changes, and leaves other names alone', async () => {
    const before = await built();
    const dir = copySite();
    fs.writeFileSync(path.join(dir, 'templates/assets/fonts/brand.woff2'), 'other bytes\n');
    const after = await built(dir);
    const names = (m: Map<string, unknown>) => [...m.keys()].filter((p) => p.startsWith('assets/')).sort();
    const gone = names(before.byPath).filter((p) => !after.byPath.has(p));
    expect(gone.map((p) => p.replace(/\.[0-9a-f]{8}\./, '.*.'))).toEqual(['assets/fonts/brand.*.woff2', 'assets/site.*.css']);
  });

  it('serve keeps the plain names: it serves assets from their folders', async () => {
    const r = await build({ config: path.join(SITE, 'site.config.ts'), now: NOW, write: false, dev: true });
    const html = String(r.outputs.find((o) => o.path === 'index.html')!.content);
    expect(html).toContain('<link rel="stylesheet" href="/assets/site.css">');
    expect(r.outputs.some((o) => o.path.startsWith('assets/'))).toBe(false);
    expect(r.copies.map((c) => c.to)).toContain('assets');
  });
});

/** The rules of a _headers file: path pattern → Cache-Control. */
function rules(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let current = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    if (!/^\s/.test(line)) current = line.trim();
    else {
      const m = /^\s+Cache-Control:\s*(.+)$/.exec(line);
      if (m) out.set(current, m[1]!);
    }
  }
  return out;
}
/** How Netlify and Cloudflare match a rule: "*" matches anything, including "/". */
const matches = (rule: string, url: string) => new RegExp(`^${rule.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(url);

describe('the _headers file', () => {
  it('caches hashed assets for a year, immutable, and makes pages revalidate', async () => {
    const { get } = await built();
    const h = rules(get('_headers'));
    expect(h.get('/assets/*')).toBe('public, max-age=31536000, immutable');
    expect(h.get('/')).toBe('public, max-age=0, must-revalidate');
    expect(h.get('/blog/*')).toBe('public, max-age=0, must-revalidate');
    expect(h.get('/media/*')).toBe('public, max-age=3600');
  });

  it('matches every file of the site by exactly one rule (hosts join the values of overlapping rules)', async () => {
    const { r, get } = await built();
    const h = rules(get('_headers'));
    const urls = [...r.outputs.map((o) => o.path), 'media/window.svg'].filter((p) => p !== '_headers').map((p) => (p === 'index.html' ? '/' : p.endsWith('/index.html') ? `/${p.slice(0, -10)}` : `/${p}`));
    for (const url of urls) {
      const hits = [...h.keys()].filter((rule) => matches(rule, url));
      expect(hits, url).toHaveLength(1);
      const value = h.get(hits[0]!)!;
      if (url.startsWith('/assets/')) expect(value, url).toContain('immutable');
      else expect(value, url).not.toContain('immutable');
    }
  });

  it('is written by awning build, and not with --no-headers', () => {
    const dir = copySite();
    expect(runCli(['build'], dir).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'dist/_headers'), 'utf8')).toContain('/assets/*\n  Cache-Control: public, max-age=31536000, immutable');
    const r = runCli(['build', '--no-headers'], dir);
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'dist/_headers'))).toBe(false);
    expect(fs.readdirSync(path.join(dir, 'dist/assets')).some((f) => /^site\.[0-9a-f]{8}\.css$/.test(f))).toBe(true);
  });
});
