import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readStoredPages, storedParts, writeStoredPages, type StoredPage, type StoredPages } from '../../../src/cache/pages.js';
import { scanHtml, type ScannedPart } from '../../../src/check/html.js';
import { seededRandom } from '../../helpers/random.js';

const html = (main: string, nav: string) =>
  `<!DOCTYPE html><html lang="en"><head><link rel="stylesheet" href="/site.css"></head><body><nav>${nav}</nav><main>${main}</main><footer><a href="https://x.example.org/">X</a></footer></body></html>`;
const seen = (parts: ScannedPart[] | undefined) => parts?.map((p) => ({ refs: p.refs, ids: [...p.ids].sort(), images: p.images, shared: p.shared }));

describe("the page record's scans over many builds", () => {
  it('decode to each page\'s true scan, whether a page was decoded, rendered again, kept undecoded, deleted or added', async () => {
    const rnd = seededRandom(42);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-scan-generations-'));
    const page = (k: number, n: number) =>
      html(`<h1 id="p${k}-${n}">Page</h1><a href="/p${rnd(30)}/#p${rnd(30)}">a link</a><img src="/m/${rnd(50)}.png"${rnd(2) ? ` alt="a${rnd(5)}"` : ''}>`, `<a href="/">Home</a><a href="/n${n % 3}/">N</a>`);
    const truth = new Map<string, string>();
    const fresh = (file: string, text: string): StoredPage => {
      truth.set(file, text);
      return { key: 'k', deps: 0, sha256: 's', size: 1, mtimeMs: 1, parts: scanHtml(text).parts };
    };
    const pages = new Map<string, StoredPage>();
    for (let k = 0; k < 30; k++) pages.set(`p${k}/index.html`, fresh(`p${k}/index.html`, page(k, 0)));
    let record: StoredPages = { key: 'key', outDir: dir, globals: new Map(), templates: new Map(), deps: [{ templates: [], globals: [] }], pages };
    // Past several points where the string table is made afresh (every 16 records).
    for (let n = 1; n < 60; n++) {
      await writeStoredPages(dir, record);
      const back = (await readStoredPages(dir, 'key', dir))!;
      for (const [file, text] of truth) expect(seen(storedParts(back, back.pages.get(file)!)), `record ${n}, ${file}`).toEqual(seen(scanHtml(text).parts));
      // The next build: read again, some scans decoded (an anchor's target), some pages rendered again, some deleted, one added.
      const again = (await readStoredPages(dir, 'key', dir))!;
      for (const file of truth.keys()) if (rnd(4) === 0) storedParts(again, again.pages.get(file)!);
      const next = new Map<string, StoredPage>();
      for (const [file, p] of again.pages) {
        const r = rnd(10);
        if (r === 0) truth.delete(file);
        else if (r < 3) next.set(file, fresh(file, page(Number(file.slice(1, file.indexOf('/'))), n)));
        else next.set(file, { ...p });
      }
      if (rnd(2)) next.set(`p${30 + n}/index.html`, fresh(`p${30 + n}/index.html`, page(30 + n, n)));
      record = { ...again, pages: next };
    }
  });
});
