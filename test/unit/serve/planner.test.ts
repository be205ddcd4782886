import { describe, it, expect, beforeEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Builder } from '../../../src/build.js';
import { FIXTURES, NOW } from '../../helpers/site.js';

/** A fresh copy of the planner fixture and a builder that has built it once. */
async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-planner-'));
  fs.cpSync(path.join(FIXTURES, 'sites/serve-planner'), dir, { recursive: true });
  const builder = new Builder({ config: path.join(dir, 'site.config.ts'), now: NOW, incremental: true });
  const first = await builder.run();
  expect(first.ok).toBe(true);
  const file = (p: string) => path.join(dir, p);
  const edit = (p: string, from: string | RegExp, to: string) => fs.writeFileSync(file(p), fs.readFileSync(file(p), 'utf8').replace(from, to));
  const rebuild = async (...changed: string[]) => {
    const r = await builder.run(changed.map(file));
    expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
    return { rendered: [...r.rendered].sort(), page: (url: string) => String(r.outputs.find((o) => o.url === url)?.content), result: r };
  };
  /** What a build from scratch of the files as they are now gives: every output by path. */
  const fresh = async () => {
    const r = await new Builder({ config: path.join(dir, 'site.config.ts'), now: NOW }).run();
    expect(r.ok).toBe(true);
    return new Map(r.outputs.map((o) => [o.path, String(o.content)] as const));
  };
  return { first, edit, rebuild, file, fresh };
}

describe('which pages a change renders again', () => {
  let s: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    s = await setup();
  });

  it('renders every page on the first build', () => {
    expect(s.first.rendered.length).toBe(s.first.outputs.filter((o) => o.path.endsWith('.html')).length);
  });

  it('a change to a post body renders only that post', async () => {
    s.edit('content/posts/post-2.md', 'Body of post 2.', 'A new body for post 2.');
    const r = await s.rebuild('content/posts/post-2.md');
    expect(r.rendered).toEqual(['/blog/post-2/']);
    expect(r.page('/blog/post-2/')).toContain('A new body for post 2.');
  });

  it("a post's new title reaches the post, its neighbours, the lists and the related posts that show it", async () => {
    s.edit('content/posts/post-2.md', 'title: Post 2', 'title: Renamed');
    const r = await s.rebuild('content/posts/post-2.md');
    // post-1 (older neighbour and related, same category), post-3 (newer neighbour), the lists.
    expect(r.rendered).toEqual(['/blog/', '/blog/category/alpha/', '/blog/post-1/', '/blog/post-2/', '/blog/post-3/']);
    expect(r.page('/blog/post-3/')).toContain('rel="prev" href="/blog/post-2/">Renamed</a>');
    expect(r.page('/blog/post-1/')).toContain('class="related" href="/blog/post-2/">Renamed</a>');
  });

  it('a change to a partial renders the pages that include it, and no others', async () => {
    s.edit('templates/partials/meta.njk', 'class="meta"', 'class="meta changed"');
    const r = await s.rebuild('templates/partials/meta.njk');
    expect(r.rendered).toEqual(['/blog/post-1/', '/blog/post-2/', '/blog/post-3/', '/blog/post-4/']);
    expect(r.page('/blog/post-4/')).toContain('class="meta changed"');
  });

  it('a change to a data file renders the pages that show that data', async () => {
    s.edit('content/_data/locations.yaml', '1 Main St', '2 Main St');
    const r = await s.rebuild('content/_data/locations.yaml');
    // /locations/ reuses the {% cache %} fragment /about/ rendered: it still learns that it shows locations.
    expect(r.rendered).toEqual(['/about/', '/locations/', '/locations/main/']);
    expect(r.page('/locations/main/')).toContain('2 Main St');
  });

  it('a {% cache %} fragment is rendered once and shown on every page that uses it', async () => {
    s.edit('content/_data/locations.yaml', 'name: Main Street', 'name: High Street');
    const r = await s.rebuild('content/_data/locations.yaml');
    expect(r.page('/about/')).toContain('<ul><li>High Street</li></ul>');
    expect(r.page('/locations/')).toContain('<ul><li>High Street</li></ul>');
  });

  it('a change to the config renders every page', async () => {
    s.edit('site.config.ts', "title: 'Planner'", "title: 'Planner 2'");
    const r = await s.rebuild('site.config.ts');
    expect(r.rendered.length).toBe(s.first.rendered.length);
  });

  it('a new post appears on the index, and a deleted one disappears', async () => {
    fs.writeFileSync(s.file('content/posts/post-5.md'), '---\ntitle: Post 5\ndate: 2026-05-01\n---\nFive.\n');
    let r = await s.rebuild('content/posts/post-5.md');
    expect(r.rendered).toContain('/blog/post-5/');
    expect(r.page('/blog/')).toContain('href="/blog/post-5/"');
    fs.rmSync(s.file('content/posts/post-5.md'));
    r = await s.rebuild('content/posts/post-5.md');
    expect(r.page('/blog/')).not.toContain('post-5');
    expect(r.page('/blog/post-5/')).toBe('undefined');
  });

  it("a change to a page's body renders only that page", async () => {
    s.edit('content/about.md', 'We have', 'Today we have');
    const r = await s.rebuild('content/about.md');
    // (This fixture's page layout does not show the body; the byte-for-byte test below checks pages that do.)
    expect(r.rendered).toEqual(['/about/']);
  });

  it('saving a file with the same bytes renders nothing', async () => {
    s.edit('content/posts/post-2.md', 'Body', 'Body');
    const r = await s.rebuild('content/posts/post-2.md');
    expect(r.rendered).toEqual([]);
    expect(r.result.unchanged).toBe(true);
  });

  it("new first words of a post without a description reach every list and neighbour that shows its excerpt", async () => {
    fs.writeFileSync(s.file('content/posts/post-5.md'), '---\ntitle: Post 5\ndate: 2026-05-01\ncategories: [Beta]\n---\nFive starts here.\n');
    await s.rebuild('content/posts/post-5.md');
    s.edit('content/posts/post-5.md', 'Five starts here.', 'Five now opens differently.');
    const r = await s.rebuild('content/posts/post-5.md');
    // The post, and the lists that show its excerpt; its neighbour and related posts render again
    // too (they show its summary), though their bytes come out the same.
    expect(r.rendered).toEqual(['/blog/', '/blog/category/beta/', '/blog/post-3/', '/blog/post-4/', '/blog/post-5/']);
    expect(r.page('/blog/')).toContain('Five now opens differently.');
    expect(r.page('/blog/category/beta/')).toContain('Five now opens differently.');
  });

  it('after body edits, every output is byte for byte what a build from scratch gives', async () => {
    fs.writeFileSync(s.file('content/posts/post-5.md'), '---\ntitle: Post 5\ndate: 2026-05-01\ncategories: [Beta]\n---\nFive.\n');
    await s.rebuild('content/posts/post-5.md');
    s.edit('content/posts/post-5.md', 'Five.', 'Five, edited: *new* words.');
    s.edit('content/posts/post-2.md', 'Body of post 2.', 'Second body.');
    s.edit('content/about.md', 'We have', 'We now have');
    const r = await s.rebuild('content/posts/post-5.md', 'content/posts/post-2.md', 'content/about.md');
    expect(r.result.changedOutputs?.length).toBeGreaterThan(0);
    const expected = await s.fresh();
    const got = new Map(r.result.outputs.map((o) => [o.path, String(o.content)] as const));
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [p, html] of expected) expect(got.get(p), p).toBe(html);
    // And a full rebuild after the patches agrees as well.
    s.edit('content/posts/post-1.md', 'title: Post 1', 'title: Post One');
    const full = await s.rebuild('content/posts/post-1.md');
    const expected2 = await s.fresh();
    for (const [p, html] of expected2) expect(String(full.result.outputs.find((o) => o.path === p)?.content), p).toBe(html);
  });
});
