import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, type BuildResult } from '../../src/build.js';
import { ROOT } from '../helpers/site.js';

/**
 * The build cache's page record: a build after a change renders only the pages the change reaches
 * and links the rest from the last build's output. Whatever the change, the output must be byte for
 * byte what a build without any cache makes.
 */

let site: string;
const config = () => path.join(site, 'site.config.ts');
// After the example's last post, so that every post is published.
const cliLike = { checkLinks: true, headers: true, now: new Date('2030-01-15T12:00:00Z') };

function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isFile()) out.set(f.split(path.sep).join('/'), fs.readFileSync(p));
  }
  return out;
}

function folders(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, f)).isDirectory()).sort();
}

/** Build with the cache into dist/, then without any cache into fresh/, and compare. */
async function buildAndCompare(workers?: number, now = cliLike.now): Promise<BuildResult> {
  const cached = await build({ config: config(), ...cliLike, workers, now });
  expect(cached.ok, JSON.stringify(cached.diagnostics)).toBe(true);
  const freshDir = path.join(site, 'fresh');
  fs.rmSync(freshDir, { recursive: true, force: true });
  const fresh = await build({ config: config(), ...cliLike, now, persistCache: false, overrides: { out: freshDir } });
  expect(fresh.ok).toBe(true);
  const a = files(path.join(site, 'dist'));
  const b = files(freshDir);
  expect([...a.keys()]).toEqual([...b.keys()]);
  // The same folders too: a build that updates the output in place leaves no empty one behind.
  expect(folders(path.join(site, 'dist'))).toEqual(folders(freshDir));
  for (const [f, bytes] of b) expect(a.get(f)!.equals(bytes), f).toBe(true);
  return cached;
}

const pageCount = (r: BuildResult) => r.outputs.filter((o) => o.path.endsWith('.html')).length;
const post = (name: string) => path.join(site, 'content/posts', name);

describe('builds that reuse the last build\'s pages', () => {
  beforeAll(async () => {
    site = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-pagecache-'));
    fs.cpSync(path.join(ROOT, 'content'), path.join(site, 'content'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'site.config.ts'), path.join(site, 'site.config.ts'));
    // With a worker thread: pages are keyed by the thread that renders them, and the next build's
    // keys (made on the main thread) must match them, or nothing would be reused.
    const first = await buildAndCompare(1);
    expect(first.rendered.length).toBe(pageCount(first));
    expect(fs.existsSync(path.join(site, '.awning-cache/pages.v8'))).toBe(true);
  });

  it('renders only the post when its body changes below the excerpt, and links the other pages', async () => {
    const before = fs.statSync(path.join(site, 'dist/about/index.html')).ino;
    fs.appendFileSync(post('carrier-oils-explained.md'), '\nA closing line about storing oils away from light.\n');
    const r = await buildAndCompare();
    expect(r.rendered).toEqual(['/blog/carrier-oils-explained/']);
    // Every other page's key came from the record, not from hashing its context again.
    expect(r.pageRecord!.plan.bodiesOnly).toEqual(new Set(['content/posts/carrier-oils-explained.md']));
    // An untouched page is the very same file (a hard link), not a copy.
    expect(fs.statSync(path.join(site, 'dist/about/index.html')).ino).toBe(before);
    expect(fs.readFileSync(path.join(site, 'dist/blog/carrier-oils-explained/index.html'), 'utf8')).toContain('storing oils away from light');
  });

  it('updates the output folder in place: untouched files keep their times, and a page rendered to the same bytes is not written', async () => {
    const dist = path.join(site, 'dist');
    const folder = fs.statSync(dist).ino;
    const about = path.join(dist, 'about/index.html');
    const aboutTime = fs.statSync(about).mtimeMs;
    // A template comment: every page that uses the layout is rendered again, to the same bytes.
    const layouts = path.join(site, 'templates/layouts');
    fs.mkdirSync(layouts, { recursive: true });
    const page = fs.readFileSync(path.join(ROOT, 'templates/layouts/page.njk'), 'utf8');
    fs.writeFileSync(path.join(layouts, 'page.njk'), `{# A note for whoever edits this next. #}\n${page}`);
    const times = new Map([...files(dist).keys()].map((f) => [f, fs.statSync(path.join(dist, f)).mtimeMs] as const));
    const r = await buildAndCompare();
    expect(r.rendered).toContain('/about/');
    expect(fs.statSync(dist).ino).toBe(folder);
    expect(fs.statSync(about).mtimeMs).toBe(aboutTime);
    const pages = [...times.keys()].filter((f) => f.endsWith('.html'));
    for (const f of pages) expect(fs.statSync(path.join(dist, f)).mtimeMs, f).toBe(times.get(f));
    expect(r.manifest!.changes.changed.filter((f) => f.endsWith('.html'))).toEqual([]);
    fs.rmSync(path.join(layouts, 'page.njk'));
    await buildAndCompare();
  });

  it('replaces the output folder whole when it holds a file the last build did not make', async () => {
    const dist = path.join(site, 'dist');
    const folder = fs.statSync(dist).ino;
    fs.writeFileSync(path.join(dist, 'notes.txt'), 'put here by hand');
    fs.mkdirSync(path.join(dist, 'blog/empty-by-hand'));
    fs.appendFileSync(post('carrier-oils-explained.md'), '\nA line to build again for.\n');
    const r = await buildAndCompare();
    expect(r.rendered).toEqual(['/blog/carrier-oils-explained/']);
    expect(fs.statSync(dist).ino).not.toBe(folder);
    expect(fs.existsSync(path.join(dist, 'notes.txt'))).toBe(false);
  });

  it('renders the lists that show a post when an edit to its first paragraph changes its excerpt', async () => {
    // Without a description, a post's lists show the start of its body.
    const file = post('drinking-water-after-massage.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^description: .*\n/m, ''));
    await buildAndCompare();
    const text = fs.readFileSync(file, 'utf8');
    const body = text.slice(text.indexOf('\n---\n', 4) + 5);
    const first = body.split('\n').find((l) => /^[A-Za-z]/.test(l))!;
    fs.writeFileSync(file, text.replace(first, `Sip slowly and often. ${first}`));
    const r = await buildAndCompare();
    expect(r.pageRecord!.plan.bodiesOnly).toBeUndefined();
    expect(r.rendered.length).toBeGreaterThan(1);
    const showing = [...files(path.join(site, 'dist'))].filter(([f, bytes]) => f.endsWith('.html') && !f.startsWith('blog/drinking-water-after-massage/') && bytes.includes('Sip slowly and often.'));
    expect(showing.length).toBeGreaterThan(0);
  });

  it('renders the pages a scheduled post joins when it goes live between two body edits', async () => {
    fs.writeFileSync(post('late-winter-hours.md'), '---\ntitle: Late winter hours\ndate: 2030-02-01\ncategories: [Studio News]\n---\nWe stay open later on Thursdays in February.\n');
    const scheduled = await buildAndCompare();
    expect(fs.existsSync(path.join(site, 'dist/blog/late-winter-hours/index.html'))).toBe(false);
    expect(scheduled.nextPublish).toBeDefined();
    fs.appendFileSync(post('carrier-oils-explained.md'), '\nA line written in February.\n');
    const live = await buildAndCompare(undefined, new Date('2030-02-03T12:00:00Z'));
    expect(live.pageRecord!.plan.bodiesOnly).toBeUndefined();
    expect(fs.readFileSync(path.join(site, 'dist/blog/index.html'), 'utf8')).toContain('Late winter hours');
    // Back to the usual clock, without the post.
    fs.rmSync(post('late-winter-hours.md'));
    await buildAndCompare();
  });

  it("renders the pages with the day's opening hours when a body edit is built on another day", async () => {
    fs.appendFileSync(post('carrier-oils-explained.md'), '\nA line for the next day.\n');
    const r = await buildAndCompare(undefined, new Date('2030-01-16T12:00:00Z'));
    expect(r.pageRecord!.plan.bodiesOnly).toBeUndefined();
    expect(r.rendered).toContain('/locations/millbrook/');
    fs.appendFileSync(post('carrier-oils-explained.md'), '\nAnd back to the usual day.\n');
    await buildAndCompare();
  });

  it('renders the post, its neighbours, lists and related posts when its title changes', async () => {
    // The newest post: first on the blog index.
    const file = post('storing-essential-oils.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: Storing oils, plainly explained'));
    const r = await buildAndCompare();
    expect(r.rendered).toContain('/blog/storing-essential-oils/');
    expect(r.rendered).toContain('/blog/');
    expect(r.rendered.length).toBeLessThan(pageCount(r) / 2);
    expect(fs.readFileSync(path.join(site, 'dist/blog/index.html'), 'utf8')).toContain('Storing oils, plainly explained');
  });

  it('follows a change of tags: related posts are computed again, not taken from the cache', async () => {
    expect(fs.existsSync(path.join(site, '.awning-cache/related.v8'))).toBe(true);
    const file = post('choosing-the-right-pressure.md');
    const text = fs.readFileSync(file, 'utf8');
    const tags = /^tags: .*$/m.exec(text);
    fs.writeFileSync(file, tags ? text.replace(tags[0], 'tags: [aromatherapy, oils, scents]') : text.replace(/^---\n/, '---\ntags: [aromatherapy, oils, scents]\n'));
    const r = await buildAndCompare();
    expect(r.rendered).toContain('/blog/choosing-the-right-pressure/');
  });

  it('renders every page that includes an edited template, and only those', async () => {
    const partials = path.join(site, 'templates/partials');
    fs.mkdirSync(partials, { recursive: true });
    const footer = fs.readFileSync(path.join(ROOT, 'templates/partials/footer.njk'), 'utf8');
    fs.writeFileSync(path.join(partials, 'footer.njk'), footer.replace('</footer>', '<p>Gift cards at the front desk.</p></footer>'));
    const r = await buildAndCompare();
    expect(r.rendered.length).toBe(pageCount(r));
    expect(fs.readFileSync(path.join(site, 'dist/about/index.html'), 'utf8')).toContain('Gift cards at the front desk.');
    // Back to the theme's own footer: the site's copy is gone, so every page changes again.
    fs.rmSync(path.join(partials, 'footer.njk'));
    const back = await buildAndCompare();
    expect(back.rendered.length).toBe(pageCount(back));
    // A partial only the home and services pages include.
    const prices = fs.readFileSync(path.join(ROOT, 'templates/partials/service-prices.njk'), 'utf8');
    fs.writeFileSync(path.join(partials, 'service-prices.njk'), `${prices}\n<p>Prices include tax.</p>\n`);
    const some = await buildAndCompare();
    expect([...some.rendered].sort()).toEqual(['/', '/services/']);
  });

  it('follows changes to data (hours in every footer) and to the menu', async () => {
    const locations = path.join(site, 'content/_data/locations.yaml');
    fs.writeFileSync(locations, fs.readFileSync(locations, 'utf8').replace('214 Mill Street', '216 Mill Street'));
    const r = await buildAndCompare();
    expect(fs.readFileSync(path.join(site, 'dist/locations/millbrook/index.html'), 'utf8')).toContain('216 Mill Street');
    expect(r.rendered.length).toBeGreaterThan(0);
    const menus = path.join(site, 'content/_data/menus.yaml');
    const text = fs.readFileSync(menus, 'utf8');
    fs.writeFileSync(menus, text.replace('label: Locations', 'label: Our studios'));
    const m = await buildAndCompare();
    expect(m.rendered.length).toBe(pageCount(m));
    expect(fs.readFileSync(path.join(site, 'dist/about/index.html'), 'utf8')).toContain('Our studios');
  });

  it('follows a deleted and a new post', async () => {
    // A post no other page links to.
    fs.rmSync(post('desk-posture-between-sessions.md'));
    fs.writeFileSync(post('a-new-season.md'), '---\ntitle: A new season of hours\ndate: 2026-01-05\ncategories: [Studio News]\n---\nWe open earlier on Saturdays from January.\n');
    await buildAndCompare();
    expect(fs.existsSync(path.join(site, 'dist/blog/desk-posture-between-sessions/index.html'))).toBe(false);
    expect(fs.readFileSync(path.join(site, 'dist/blog/a-new-season/index.html'), 'utf8')).toContain('We open earlier on Saturdays');
  });

  it('renders again a page whose file was changed by hand in the output folder', async () => {
    const about = path.join(site, 'dist/about/index.html');
    const original = fs.readFileSync(about, 'utf8');
    // Same size, other bytes: only the modification time tells.
    fs.writeFileSync(about, original.replace('<main', '<MAIN'));
    fs.appendFileSync(post('carrier-oils-explained.md'), '\nOne more line.\n');
    const r = await buildAndCompare();
    expect(r.rendered).toContain('/about/');
    expect(fs.readFileSync(about, 'utf8')).toBe(original);
  });

  it('links unchanged media from the last output, and copies and hashes a changed one', async () => {
    const logo = path.join(site, 'dist/media/logo.svg');
    const before = fs.statSync(logo).ino;
    fs.appendFileSync(post('carrier-oils-explained.md'), '\nMedia line.\n');
    await buildAndCompare();
    expect(fs.statSync(logo).ino).toBe(before);
    // Same size, other bytes: the source's modification time tells.
    const src = path.join(site, 'content/media/logo.svg');
    const text = fs.readFileSync(src, 'utf8');
    const changed = text.replace(/#[0-9a-fA-F]{6}/, '#123456');
    expect(changed).not.toBe(text);
    fs.writeFileSync(src, changed);
    fs.utimesSync(src, new Date(), new Date(Date.now() + 5000));
    const r = await buildAndCompare();
    expect(fs.readFileSync(logo, 'utf8')).toBe(fs.readFileSync(src, 'utf8'));
    const sha = (await import('node:crypto')).createHash('sha256').update(fs.readFileSync(src)).digest('hex');
    expect(r.manifest!.files['media/logo.svg']!.sha256).toBe(sha);
    expect(r.manifest!.changes.changed).toContain('media/logo.svg');
  });

  it('copies again a media file changed by hand in the output folder', async () => {
    const logo = path.join(site, 'dist/media/logo.svg');
    const original = fs.readFileSync(logo, 'utf8');
    // Same size, other bytes: only the modification time tells.
    fs.writeFileSync(logo, original.replace(/#[0-9a-fA-F]{6}/, '#654321'));
    expect(fs.readFileSync(logo, 'utf8')).not.toBe(original);
    fs.appendFileSync(post('carrier-oils-explained.md'), '\nA line while the logo was edited.\n');
    await buildAndCompare();
    expect(fs.readFileSync(logo, 'utf8')).toBe(original);
  });

  it('swaps the whole folder when a media folder becomes a file of the same name, and back', async () => {
    const media = path.join(site, 'content/media');
    fs.mkdirSync(path.join(media, 'gallery'));
    fs.copyFileSync(path.join(media, 'logo.svg'), path.join(media, 'gallery/a.svg'));
    await buildAndCompare();
    const folder = fs.statSync(path.join(site, 'dist')).ino;
    fs.rmSync(path.join(media, 'gallery'), { recursive: true });
    fs.writeFileSync(path.join(media, 'gallery'), 'now a file');
    const r = await buildAndCompare();
    expect(r.ok).toBe(true);
    expect(fs.readFileSync(path.join(site, 'dist/media/gallery'), 'utf8')).toBe('now a file');
    expect(fs.statSync(path.join(site, 'dist')).ino).not.toBe(folder);
    fs.rmSync(path.join(media, 'gallery'));
    fs.mkdirSync(path.join(media, 'gallery'));
    fs.copyFileSync(path.join(media, 'logo.svg'), path.join(media, 'gallery/a.svg'));
    await buildAndCompare();
    fs.rmSync(path.join(media, 'gallery'), { recursive: true });
    await buildAndCompare();
  });

  it('copies reused pages where links fail (another file system), and the next build still reuses them', async () => {
    const elsewhere = '/dev/shm';
    if (!fs.existsSync(elsewhere) || fs.statSync(elsewhere).dev === fs.statSync(site).dev) return; // needs two file systems
    // dist/ moves to another file system behind a symlink: the staging folder (beside dist/) can
    // then not link to it, and copies.
    const away = fs.mkdtempSync(path.join(elsewhere, 'awning-away-'));
    // cp -a keeps modification times to the nanosecond, as the record needs (fs.cpSync rounds them).
    const { execFileSync } = await import('node:child_process');
    execFileSync('cp', ['-a', path.join(site, 'dist'), path.join(away, 'dist')]);
    fs.rmSync(path.join(site, 'dist'), { recursive: true });
    fs.symlinkSync(path.join(away, 'dist'), path.join(site, 'dist'));
    fs.appendFileSync(post('carrier-oils-explained.md'), '\nAcross file systems.\n');
    const copied = await buildAndCompare();
    expect(copied.rendered).toEqual(['/blog/carrier-oils-explained/']);
    fs.appendFileSync(post('carrier-oils-explained.md'), '\nAnd back.\n');
    const next = await buildAndCompare();
    expect(next.rendered).toEqual(['/blog/carrier-oils-explained/']);
    fs.rmSync(away, { recursive: true, force: true });
  });

  it('keeps the output as it was when a build fails, and the next good build is still exact', async () => {
    const snapshot = files(path.join(site, 'dist'));
    const file = post('carrier-oils-explained.md');
    const good = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, good.replace(/^date: .*$/m, 'date: not-a-date'));
    const failed = await build({ config: config(), ...cliLike });
    expect(failed.ok).toBe(false);
    const after = files(path.join(site, 'dist'));
    expect([...after.keys()]).toEqual([...snapshot.keys()]);
    for (const [f, bytes] of snapshot) expect(after.get(f)!.equals(bytes), f).toBe(true);
    fs.writeFileSync(file, good.replace('One more line.', 'One more line, edited.'));
    const r = await buildAndCompare();
    expect(r.rendered).toEqual(['/blog/carrier-oils-explained/']);
  });
});

describe("the link check after an edit: only the rendered pages' links, when nothing they lead to changed", () => {
  let dir: string;
  const run = () => build({ config: path.join(dir, 'site.config.ts'), ...cliLike });
  const file = (rel: string) => path.join(dir, 'content', rel);
  const codes = (r: BuildResult) => r.diagnostics.map((d) => `${d.code} ${d.file}`);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-linkcheck-'));
    fs.cpSync(path.join(ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'site.config.ts'), path.join(dir, 'site.config.ts'));
    // A page that links to a heading of a post: it is taken from the last build when the post changes.
    fs.appendFileSync(file('about.md'), '\nHow we [choose our oils](/blog/carrier-oils-explained/#common-carrier-oils).\n');
    expect((await run()).ok).toBe(true);
  });

  it('finds a link on an untouched page broken by an edit that removes the heading it leads to', async () => {
    const post = file('posts/carrier-oils-explained.md');
    const text = fs.readFileSync(post, 'utf8');
    fs.writeFileSync(post, text.replace('## Common carrier oils', '## Oils we like'));
    const r = await run();
    expect(r.ok).toBe(false);
    expect(codes(r)).toContain('AWN602 content/about.md');
    expect(r.rendered).not.toContain('/about/');
    fs.writeFileSync(post, text);
    expect((await run()).ok).toBe(true);
  });

  it('finds a link on an untouched page broken by a deleted post', async () => {
    const post = file('posts/carrier-oils-explained.md');
    const text = fs.readFileSync(post, 'utf8');
    fs.rmSync(post);
    const r = await run();
    expect(r.ok).toBe(false);
    expect(codes(r)).toContain('AWN600 content/about.md');
    fs.writeFileSync(post, text);
    expect((await run()).ok).toBe(true);
  });

  it('finds a broken link in the body just edited, and after the fix checks as before', async () => {
    const post = file('posts/drinking-water-after-massage.md');
    const text = fs.readFileSync(post, 'utf8');
    fs.writeFileSync(post, `${text}\nSee [our old price list](/prices-2019/).\n`);
    const r = await run();
    expect(r.ok).toBe(false);
    expect(codes(r)).toEqual(['AWN600 content/posts/drinking-water-after-massage.md']);
    fs.writeFileSync(post, `${text}\nSee [our services](/services/).\n`);
    const fixed = await run();
    expect(fixed.ok, JSON.stringify(fixed.diagnostics)).toBe(true);
    expect(fixed.rendered).toEqual(['/blog/drinking-water-after-massage/']);
  });

  it('with broken links as warnings, still reports one on an untouched page after an edit elsewhere', async () => {
    const config = path.join(dir, 'site.config.ts');
    const original = fs.readFileSync(config, 'utf8');
    fs.writeFileSync(config, original.replace("  postsPerPage: 6,", "  postsPerPage: 6,\n  checks: { brokenLinks: 'warning' },"));
    const about = file('about.md');
    const text = fs.readFileSync(about, 'utf8');
    fs.writeFileSync(about, `${text}\nOur [gift cards](/gift-cards/) are coming.\n`);
    const first = await run();
    expect(first.ok).toBe(true);
    expect(codes(first)).toEqual(['AWN600 content/about.md']);
    fs.appendFileSync(file('posts/drinking-water-after-massage.md'), '\nOne more sip.\n');
    const next = await run();
    expect(next.rendered).toEqual(['/blog/drinking-water-after-massage/']);
    expect(codes(next)).toEqual(['AWN600 content/about.md']);
    fs.writeFileSync(about, text);
    fs.writeFileSync(config, original);
  });
});

describe('copied files over two builds', () => {
  it('a site asset replacing a theme asset of the same name is copied over it in every build (dev builds copy both folders)', async () => {
    const { FIXTURES } = await import('../helpers/site.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-assetover-'));
    fs.cpSync(path.join(FIXTURES, 'sites/cli-ok'), dir, { recursive: true });
    fs.mkdirSync(path.join(dir, 'templates/assets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'templates/assets/site.css'), 'body { color: rebeccapurple; }\n');
    for (let i = 0; i < 2; i++) {
      // A change, so that the second build is not simply up to date.
      fs.appendFileSync(path.join(dir, 'content/posts/opening-day.md'), `\nLine ${i}.\n`);
      const r = await build({ config: path.join(dir, 'site.config.ts'), dev: true, now: new Date('2030-01-15T12:00:00Z') });
      expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
      expect(fs.readFileSync(path.join(dir, 'dist/assets/site.css'), 'utf8')).toBe('body { color: rebeccapurple; }\n');
    }
  });
});
