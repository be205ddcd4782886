import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../../helpers/site.js';
import type { Manifest } from '../../../src/output/manifest.js';

const temps: string[] = [];
afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

let site: string;
beforeEach(() => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-manifest-'));
  temps.push(site);
  fs.cpSync(path.join(FIXTURES, 'sites/deploy-manifest'), site, { recursive: true });
});

const EPOCH = { SOURCE_DATE_EPOCH: '1781524800' };
function buildSite(args: string[] = []): Manifest {
  const r = runCli(['build', ...args], site, EPOCH);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(fs.readFileSync(path.join(site, '.awning/dist.manifest.json'), 'utf8')) as Manifest;
}
function edit(file: string, from: string, to: string): void {
  const p = path.join(site, file);
  const text = fs.readFileSync(p, 'utf8');
  expect(text).toContain(from);
  fs.writeFileSync(p, text.replace(from, to));
}

describe('the build manifest', () => {
  it('sits beside dist/, not in it, and lists every file of dist/ with its SHA-256, size and URL', () => {
    const m = buildSite();
    expect(fs.readdirSync(path.join(site, 'dist'))).not.toContain('.awning');
    const files = (fs.readdirSync(path.join(site, 'dist'), { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((e) => e.isFile())
      .map((e) => path.relative(path.join(site, 'dist'), path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .sort();
    expect(Object.keys(m.files)).toEqual(files);
    for (const f of files) {
      const bytes = fs.readFileSync(path.join(site, 'dist', f));
      expect(m.files[f]).toMatchObject({ sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length });
    }
    expect(m.files['blog/winter-servicing/index.html']!.url).toBe('/blog/winter-servicing/');
    expect(m.files['index.html']!.url).toBe('/');
  });

  it('on the first build, lists every file as added', () => {
    const m = buildSite();
    expect(m.changes.previous).toBe(false);
    expect(m.changes.added).toEqual(Object.keys(m.files));
    expect(m.changes.changed).toEqual([]);
  });

  it('after changing the end of one post, lists exactly that page as changed, and nothing added or removed', () => {
    buildSite();
    edit('content/posts/winter-servicing.md', 'check your lights for free.', 'check your lights for free. Bring it in any weekday.');
    const m = buildSite();
    expect(m.changes).toEqual({
      previous: true,
      added: [],
      changed: ['blog/winter-servicing/index.html'],
      removed: [],
      purge: ['/blog/winter-servicing/', '/blog/winter-servicing/index.html'],
    });
  });

  it('after building again with no change, lists nothing', () => {
    buildSite();
    const m = buildSite();
    expect(m.changes).toMatchObject({ previous: true, added: [], changed: [], removed: [], purge: [] });
  });

  it('after deleting a post, lists its page as removed and the lists that showed it as changed', () => {
    buildSite();
    fs.rmSync(path.join(site, 'content/posts/new-workbench.md'));
    const m = buildSite();
    expect(m.changes.removed).toEqual(['blog/new-workbench/index.html']);
    expect(m.changes.added).toEqual([]);
    expect(m.changes.changed).toEqual(expect.arrayContaining(['blog/index.html', 'blog/category/workshop/index.html', 'feed.xml', 'sitemap.xml']));
    expect(m.changes.changed).not.toContain('about/index.html');
    expect(m.changes.purge).toContain('/blog/new-workbench/');
  });

  it('after a stylesheet change, lists its new hashed name as added and the old one as removed (no page links it here, so no page changed)', () => {
    buildSite();
    fs.mkdirSync(path.join(site, 'templates/assets'), { recursive: true });
    fs.writeFileSync(path.join(site, 'templates/assets/extra.css'), 'p { margin: 0; }\n');
    const first = buildSite();
    expect(first.changes.added.filter((f) => /^assets\/extra\.[0-9a-f]{8}\.css$/.test(f))).toHaveLength(1);
    fs.writeFileSync(path.join(site, 'templates/assets/extra.css'), 'p { margin: 1em 0; }\n');
    const m = buildSite();
    expect(m.changes.added.map((f) => f.replace(/\.[0-9a-f]{8}\./, '.*.'))).toEqual(['assets/extra.*.css']);
    expect(m.changes.removed.map((f) => f.replace(/\.[0-9a-f]{8}\./, '.*.'))).toEqual(['assets/extra.*.css']);
    expect(m.changes.changed).toEqual([]);
  });

  it('names the previous manifest after the output folder: --out public keeps its own', () => {
    buildSite();
    const r = runCli(['build', '--out', 'public'], site, EPOCH);
    expect(r.status).toBe(0);
    const m = JSON.parse(fs.readFileSync(path.join(site, '.awning/public.manifest.json'), 'utf8')) as Manifest;
    expect(m.changes.previous).toBe(false);
  });
});
