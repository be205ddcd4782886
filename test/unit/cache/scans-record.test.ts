import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readStoredPages, storedParts, writeStoredPages, type StoredPages } from '../../../src/cache/pages.js';
import { scanHtml } from '../../../src/check/html.js';

const html = (main: string) =>
  `<!DOCTYPE html><html lang="en"><head><link rel="stylesheet" href="/site.css"></head><body><nav><a href="/">Home</a></nav><main>${main}</main><footer><a href="https://x.example.org/">X</a></footer></body></html>`;

/** What the link check sees of each page: its refs, ids and images, part by part. */
const seen = (stored: StoredPages) =>
  [...stored.pages].map(([file, p]) => [file, storedParts(stored, p)?.map((part) => ({ refs: part.refs, ids: [...part.ids].sort(), images: part.images, shared: part.shared }))]);

describe('the page record\'s link-check scans', () => {
  it('read back the same, record after record, as each copies what it can from the last', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-scans-'));
    const page = (main: string) => ({ key: 'k', deps: 0, sha256: 's', size: 1, mtimeMs: 1, parts: scanHtml(html(main)).parts });
    let record: StoredPages = {
      key: 'key', outDir: dir, globals: new Map(), templates: new Map(), deps: [{ templates: [], globals: [] }],
      pages: new Map([
        ['a/index.html', page('<h1 id="a">A</h1><a href="/b/#b">to b</a><img src="/m/a.png" alt="">')],
        ['b/index.html', page('<h2 id="b">B &amp; co</h2><img src="/m/b.png">')],
        ['c/index.html', page('<p>C</p>')],
      ]),
    };
    // Twenty records: each rewrites one page and drops or adds another, past the point where the
    // string table is made afresh.
    for (let n = 0; n < 20; n++) {
      const expected = seen(record);
      await writeStoredPages(dir, record);
      const back = await readStoredPages(dir, 'key', dir);
      expect(back).toBeDefined();
      expect(seen(back!)).toEqual(expected);
      const pages = new Map(back!.pages);
      pages.set('c/index.html', page(`<p id="c${n}">C, version ${n}</p><a href="/v${n}/">v${n}</a>`));
      if (n % 3 === 0) pages.delete('b/index.html');
      else pages.set('b/index.html', page(`<h2 id="b">B</h2><img src="/m/b${n}.png" alt="b ${n}">`));
      record = { ...back!, pages };
    }
  });
});
