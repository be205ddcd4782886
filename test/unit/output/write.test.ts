import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { preparePage } from '../../../src/parallel/prepare.js';
import { StagedSite } from '../../../src/output/write.js';
import type { Output } from '../../../src/render/renderSite.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-write-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const page = (p: string, content: string): Output => ({ path: p, url: `/${p}`, content });

describe('a page written by the thread that rendered it', () => {
  it('is written as UTF-8, with the hash and size of the bytes on disk, and its text let go', () => {
    const dir = path.join(tmp, 'staging-a');
    fs.mkdirSync(dir);
    // A long page with typographic quotes and an emoji, then a short one: the short one is encoded
    // into the same scratch buffer and must not carry the long one's bytes.
    const long = `<p>It\u2019s \u201cquiet\u201d here \u{1F33F} \u6e29\u6cc9</p>`.repeat(5000);
    const pages = [page('blog/a/index.html', long), page('b/index.html', '<p>caf\u00e9</p>'), page('c.txt', 'x')];
    const made = new Set<string>();
    for (const o of pages) preparePage(o, { scan: true, writeTo: dir }, made);
    for (const [o, text] of pages.map((o, i) => [o, [long, '<p>caf\u00e9</p>', 'x'][i]!] as const)) {
      const bytes = fs.readFileSync(path.join(dir, o.path));
      expect(bytes.equals(Buffer.from(text, 'utf8')), o.path).toBe(true);
      expect(o.hash).toEqual({ sha256: sha(bytes), size: bytes.length });
      expect(o.written).toBe(true);
      expect(o.content).toBe('');
      expect(o.writeError).toBeUndefined();
    }
    expect(pages[0]!.scan).toBeDefined();
    expect(pages[2]!.scan).toBeUndefined();
  });

  it('reports a write that failed instead of throwing, and the staged site fails with it, named in dist/', async () => {
    const outDir = path.join(tmp, 'site-b', 'dist');
    fs.mkdirSync(path.join(outDir, 'kept'), { recursive: true });
    fs.writeFileSync(path.join(outDir, 'kept', 'index.html'), 'before');
    const site = await StagedSite.open(outDir);
    // The staging folder's "posts" is a file: nothing can be written under it.
    fs.writeFileSync(path.join(site.staging, 'posts'), '');
    const o = page('posts/one/index.html', '<p>one</p>');
    preparePage(o, { scan: false, writeTo: site.staging }, new Set());
    expect(o.writeError?.code).toBe('ENOTDIR');
    expect(o.written).toBe(true);
    site.add([page('index.html', '<p>home</p>'), o]);
    await expect(site.commit([], [])).rejects.toThrow(/^could not write dist\/posts\/one: not a directory \(ENOTDIR\)$/);
    await site.abort();
    expect(fs.readFileSync(path.join(outDir, 'kept', 'index.html'), 'utf8')).toBe('before');
    expect(fs.readdirSync(path.dirname(outDir))).toEqual(['dist']);
  });

  it('fails the same way for a page this thread writes', async () => {
    const outDir = path.join(tmp, 'site-c', 'dist');
    fs.mkdirSync(outDir, { recursive: true });
    const site = await StagedSite.open(outDir);
    site.add([page(`${'n'.repeat(300)}/index.html`, '<p>long</p>')]);
    await expect(site.commit([], [])).rejects.toThrow(new RegExp(`^could not write dist/${'n'.repeat(300)}: name too long \\(ENAMETOOLONG\\)$`));
    await site.abort();
    expect(fs.readdirSync(path.dirname(outDir))).toEqual(['dist']);
  });

  // /dev/full takes no byte: a write fails with ENOSPC, and Node's error then names no path.
  it.skipIf(!fs.existsSync('/dev/full'))('names the page when the disk is full, on either thread', async () => {
    const outDir = path.join(tmp, 'site-d', 'dist');
    fs.mkdirSync(outDir, { recursive: true });
    const site = await StagedSite.open(outDir);
    fs.symlinkSync('/dev/full', path.join(site.staging, 'full.html'));
    fs.symlinkSync('/dev/full', path.join(site.staging, 'worker.html'));
    const o = page('worker.html', '<p>w</p>');
    preparePage(o, { scan: false, writeTo: site.staging }, new Set());
    expect(o.writeError?.code).toBe('ENOSPC');
    const other = await StagedSite.open(path.join(tmp, 'site-e', 'dist'));
    other.add([o]);
    await expect(other.commit([], [])).rejects.toThrow(/^could not write dist\/worker\.html: no space left on device \(ENOSPC\)$/);
    await other.abort();
    site.add([page('full.html', '<p>full</p>')]);
    await expect(site.commit([], [])).rejects.toThrow(/^could not write dist\/full\.html: no space left on device \(ENOSPC\)$/);
    await site.abort();
  });

  it('names the page in dist/ when a page of the last build cannot be linked (it was deleted meanwhile)', async () => {
    const outDir = path.join(tmp, 'site-f', 'dist');
    fs.mkdirSync(outDir, { recursive: true });
    const site = await StagedSite.open(outDir);
    const gone: Output = { path: 'blog/old/index.html', url: '/blog/old/', content: '', reused: { from: path.join(outDir, 'blog/old/index.html'), sha256: 'x', size: 1, mtimeMs: 0, deps: { templates: [], globals: [] } } };
    // Node's error names the source first; the page is the destination, in the staging folder.
    await expect(site.commit([gone], [])).rejects.toThrow(/^could not write dist\/blog\/old\/index\.html: no such file or directory \(ENOENT\)$/);
    await site.abort();
  });
});

