import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, type BuildResult } from '../../src/build.js';
import { ROOT } from '../helpers/site.js';
import { seededRandom } from '../helpers/random.js';

/**
 * A deterministic random sequence of edits, each followed by a build with the build cache and one
 * without: the two outputs must be the same files, folders and bytes, and a failed build must leave
 * dist/ as it was. It exercises the cache's shortcuts together (pages reused, keys taken from the
 * record, dist/ updated in place or swapped, links checked on rendered pages only), in orders no
 * hand-written test thought of.
 */

const now = new Date('2030-01-15T12:00:00Z');

function tree(dir: string): { files: Map<string, Buffer>; folders: string[] } {
  const files = new Map<string, Buffer>();
  const folders: string[] = [];
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const p = path.join(dir, f);
    const rel = f.split(path.sep).join('/');
    if (fs.lstatSync(p).isDirectory()) folders.push(rel);
    else files.set(rel, fs.readFileSync(p));
  }
  return { files, folders };
}

function differences(a: ReturnType<typeof tree>, b: ReturnType<typeof tree>): string[] {
  const out: string[] = [];
  for (const f of new Set([...a.files.keys(), ...b.files.keys()])) {
    if (!a.files.has(f)) out.push(`only in the clean build: ${f}`);
    else if (!b.files.has(f)) out.push(`only in the cached build: ${f}`);
    else if (!a.files.get(f)!.equals(b.files.get(f)!)) out.push(`differs: ${f}`);
  }
  if (a.folders.join('\n') !== b.folders.join('\n')) out.push('the folders differ');
  return out;
}

describe('the build cache over a random sequence of edits', () => {
  it('gives what a build without it gives, after every edit', { timeout: 300_000 }, async () => {
    const site = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-sequence-'));
    fs.cpSync(path.join(ROOT, 'content'), path.join(site, 'content'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'site.config.ts'), path.join(site, 'site.config.ts'));
    const config = path.join(site, 'site.config.ts');
    const dist = path.join(site, 'dist');
    const c = (p: string) => path.join(site, 'content', p);
    const rnd = seededRandom(7);
    const posts = () => fs.readdirSync(c('posts')).filter((f) => f.endsWith('.md'));
    const edits: [string, () => void][] = [
      ['a body edit', () => fs.appendFileSync(c(`posts/${posts()[rnd(posts().length)]}`), `\nA line, number ${rnd(1000)}.\n`)],
      ['a new post', () => fs.writeFileSync(c(`posts/new-${rnd(50)}.md`), `---\ntitle: New ${rnd(9)}\ndate: 2025-0${1 + rnd(9)}-1${rnd(9)}\ncategories: [Topic ${rnd(3)}]\n---\nText with [a link](/about/) ${'word '.repeat(rnd(60))}\n`)],
      ['a deleted post', () => {
        const added = posts().filter((p) => p.startsWith('new-'));
        if (added.length) fs.rmSync(c(`posts/${added[rnd(added.length)]}`));
      }],
      ['a media file added', () => {
        const g = c(`media/g${rnd(3)}`);
        if (fs.existsSync(g) && !fs.statSync(g).isDirectory()) fs.rmSync(g);
        fs.mkdirSync(g, { recursive: true });
        fs.writeFileSync(path.join(g, `f${rnd(4)}.txt`), `x${rnd(100)}`);
      }],
      ['a media folder removed', () => fs.rmSync(c(`media/g${rnd(3)}`), { recursive: true, force: true })],
      ['a media file changed', () => {
        const f = c(`media/g${rnd(3)}/f${rnd(4)}.txt`);
        if (fs.existsSync(f) && fs.statSync(f).isFile()) {
          fs.writeFileSync(f, `y${rnd(100)}`);
          fs.utimesSync(f, new Date(), new Date(Date.now() + rnd(10000)));
        }
      }],
      ['a media folder turned into a file (or a file into a folder)', () => {
        const d = c(`media/g${rnd(3)}`);
        const folder = fs.existsSync(d) && fs.statSync(d).isDirectory();
        fs.rmSync(d, { recursive: true, force: true });
        if (folder) fs.writeFileSync(d, 'a file');
        else {
          fs.mkdirSync(d);
          fs.writeFileSync(path.join(d, 'f0.txt'), 'in a folder');
        }
      }],
      ['the data and a body edited', () => {
        const file = c('_data/locations.yaml');
        fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/21\d Mill Street/, `21${rnd(10)} Mill Street`));
        fs.appendFileSync(c(`posts/${posts()[rnd(posts().length)]}`), '\nAnd a line.\n');
      }],
      ['a page moved', () => fs.writeFileSync(c('extra.md'), `---\ntitle: Extra\npermalink: ${['/extra/', '/extra/sub/', '/other/', '/extra.html', '/deep/a/b/'][rnd(5)]}\n---\nAn extra page.\n`)],
      ['a page removed', () => fs.rmSync(c('extra.md'), { force: true })],
      ['a broken link', () => fs.writeFileSync(c('posts/broken.md'), `---\ntitle: Broken\ndate: 2025-01-01\n---\n[Nowhere](/nowhere-${rnd(3)}/)\n`)],
      ['a file in dist/ edited by hand', () => {
        if (!fs.existsSync(dist)) return;
        const all = [...tree(dist).files.keys()];
        fs.appendFileSync(path.join(dist, all[rnd(all.length)]!), ' ');
      }],
      ['a template edited or reset', () => {
        const layouts = path.join(site, 'templates/layouts');
        fs.mkdirSync(layouts, { recursive: true });
        if (rnd(2)) fs.rmSync(path.join(layouts, 'page.njk'), { force: true });
        else fs.writeFileSync(path.join(layouts, 'page.njk'), `{# ${rnd(100)} #}\n${fs.readFileSync(path.join(ROOT, 'templates/layouts/page.njk'), 'utf8')}`);
      }],
    ];
    for (let step = 0; step < 40; step++) {
      // A broken link fails every build until it is fixed: it is, soon.
      if (fs.existsSync(c('posts/broken.md')) && rnd(2)) fs.rmSync(c('posts/broken.md'));
      const [what, edit] = edits[rnd(edits.length)]!;
      edit();
      const before = fs.existsSync(dist) ? tree(dist) : undefined;
      let cached: BuildResult | Error;
      try {
        cached = await build({ config, checkLinks: true, headers: true, now });
      } catch (err) {
        cached = err as Error;
      }
      const fresh = await build({ config, checkLinks: true, headers: true, now, persistCache: false, overrides: { out: path.join(site, 'fresh') } });
      const label = `step ${step}: ${what}`;
      expect(cached instanceof Error ? cached.message : cached.ok, label).toBe(fresh.ok);
      if (fresh.ok) expect(differences(tree(path.join(site, 'fresh')), tree(dist)), label).toEqual([]);
      else if (before) expect(differences(before, tree(dist)), `${label}: the failed build changed dist/`).toEqual([]);
      fs.rmSync(path.join(site, 'fresh'), { recursive: true, force: true });
    }
  });
});
