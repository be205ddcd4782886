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

  it('writes only the parses that changed to a small file beside the whole cache, until they are many', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-content-changes-'));
    const root = '/site';
    const abs = (i: number) => `/site/content/posts/p${i}.md`;
    const cache: ContentCache = new Map(Array.from({ length: 300 }, (_, i) => [abs(i), { hash: `f${i}`, page: page(`p${i}`, `<p>Body ${i} é</p>`), diagnostics: [] }] as const));
    await writeContentCache(dir, root, 'k1', cache);
    const main = path.join(dir, 'content.v8');
    const changes = path.join(dir, 'content-changes.v8');
    const mainBytes = fs.readFileSync(main);

    // One body edited, one file deleted: the main file stays as it is.
    const back = await readContentCache(dir, root, 'k1');
    back.set(abs(7), { hash: 'f7b', page: page('p7', '<p>Edited ✓</p>'), diagnostics: [] });
    back.delete(abs(9));
    await writeContentCache(dir, root, 'k1', back);
    expect(fs.readFileSync(main).equals(mainBytes)).toBe(true);
    expect(fs.statSync(changes).size).toBeLessThan(mainBytes.length / 10);
    const again = await readContentCache(dir, root, 'k1');
    expect(again.get(abs(7))!.page!.html).toBe('<p>Edited ✓</p>');
    expect(again.get(abs(7))!.hash).toBe('f7b');
    expect(again.has(abs(9))).toBe(false);
    expect(again.get(abs(8))!.page!.html).toBe('<p>Body 8 é</p>');
    expect(again.size).toBe(299);

    // A second build's changes add to the first's.
    again.set(abs(11), { hash: 'f11b', page: page('p11', '<p>Also edited</p>'), diagnostics: [] });
    await writeContentCache(dir, root, 'k1', again);
    const third = await readContentCache(dir, root, 'k1');
    expect(third.get(abs(7))!.page!.html).toBe('<p>Edited ✓</p>');
    expect(third.get(abs(11))!.page!.html).toBe('<p>Also edited</p>');
    expect(third.has(abs(9))).toBe(false);

    // Many changes: the whole cache is written again, and the changes file goes.
    for (let i = 100; i < 300; i++) third.set(abs(i), { hash: `g${i}`, page: page(`p${i}`, `<p>New ${i}</p>`), diagnostics: [] });
    await writeContentCache(dir, root, 'k1', third);
    expect(fs.existsSync(changes)).toBe(false);
    const fourth = await readContentCache(dir, root, 'k1');
    expect(fourth.size).toBe(299);
    expect(fourth.get(abs(7))!.page!.html).toBe('<p>Edited ✓</p>');
    expect(fourth.get(abs(250))!.page!.html).toBe('<p>New 250</p>');
    expect(fourth.get(abs(8))!.page!.html).toBe('<p>Body 8 é</p>');

    // Changes written against an older main file are not applied to a newer one.
    fourth.set(abs(3), { hash: 'f3b', page: page('p3', '<p>Stale change</p>'), diagnostics: [] });
    await writeContentCache(dir, root, 'k1', fourth);
    const stale = fs.readFileSync(changes);
    // The main file written again (another build, without reading the cache): p3 as it was.
    const fresh = new Map([...fourth].slice(0, 250)) as ContentCache;
    fresh.set(abs(3), { hash: 'f3', page: page('p3', '<p>Body 3 é</p>'), diagnostics: [] });
    await writeContentCache(dir, root, 'k1', fresh);
    fs.writeFileSync(changes, stale);
    expect((await readContentCache(dir, root, 'k1')).get(abs(3))!.page!.html).toBe('<p>Body 3 é</p>');
  });
});
