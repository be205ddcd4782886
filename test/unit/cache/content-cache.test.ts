import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readContentCache, writeContentCache } from '../../../src/cache/store.js';
import type { ContentCache } from '../../../src/load/loadContent.js';
import type { SourcePage } from '../../../src/load/source.js';

const page = (id: string, html: string): SourcePage => ({
  id, file: `content/${id}.md`, kind: 'post', slug: id, frontMatter: { title: id } as SourcePage['frontMatter'], extra: {},
  html, htmlHash: `h-${id}`, excerpt: 'x', words: 1, bodyLine: 4,
});

describe('the build cache\'s parses', () => {
  it('give back every body as it was, written from strings or from the bytes they were read from', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-content-cache-'));
    const root = '/site';
    const bodies = ['<p>Café crème, 5 €</p>', '<p>Hot stones 🪨 and tea 🍵</p>', '', '<p>日本語のテキスト</p>'];
    const cache: ContentCache = new Map(bodies.map((html, i) => [`/site/content/p${i}.md`, { hash: `f${i}`, page: page(`p${i}`, html), diagnostics: [] }] as const));
    cache.set('/site/content/broken.md', { hash: 'fb', diagnostics: [{ code: 'AWN300', severity: 'error', message: 'broken', file: 'content/broken.md' }] as never });
    await writeContentCache(dir, root, 'k1', cache);

    const back = await readContentCache(dir, root, 'k1');
    expect([...back.keys()]).toEqual([...cache.keys()]);
    bodies.forEach((html, i) => expect(back.get(`/site/content/p${i}.md`)!.page!.html).toBe(html));
    expect(back.get('/site/content/p1.md')!.page).toEqual(cache.get('/site/content/p1.md')!.page);
    expect(back.get('/site/content/broken.md')).toEqual(cache.get('/site/content/broken.md'));

    // Written again without reading most bodies (they are copied as bytes), and one body replaced.
    back.set('/site/content/p2.md', { hash: 'f2b', page: page('p2', '<p>Now with text ✓</p>'), diagnostics: [] });
    await writeContentCache(dir, root, 'k1', back);
    const again = await readContentCache(dir, root, 'k1');
    expect(again.get('/site/content/p0.md')!.page!.html).toBe(bodies[0]);
    expect(again.get('/site/content/p2.md')!.page!.html).toBe('<p>Now with text ✓</p>');
    expect(again.get('/site/content/p3.md')!.page!.html).toBe(bodies[3]);
    // Another key: nothing.
    expect((await readContentCache(dir, root, 'k2')).size).toBe(0);
  });
});
