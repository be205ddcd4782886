import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES, runCli, snapshot } from '../helpers/site.js';

/** `awning build` with the clock at an instant (ms since the epoch, through SOURCE_DATE_EPOCH). */
const buildAt = (dir: string, ms: number) => runCli(['build'], dir, { SOURCE_DATE_EPOCH: String(ms / 1000) });

/** A copy of the cli-ok fixture site in a fresh temporary folder. */
function fixtureCopy(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(path.join(FIXTURES, 'sites/cli-ok'), dir, { recursive: true });
  return dir;
}

/** The fixture's site.config.ts with `before` above the config, another baseUrl expression, or more keys. */
function writeConfig(dir: string, o: { before?: string; baseUrl?: string; more?: string }): void {
  const lines = [
    "import { defineConfig } from 'awning';",
    ...(o.before ? [o.before] : []),
    '',
    'export default defineConfig({',
    "  title: 'Corner Bakery',",
    `  baseUrl: ${o.baseUrl ?? "'https://bakery.example.com/'"},`,
    "  timeZone: 'America/Chicago',",
    ...(o.more ? [`  ${o.more}`] : []),
    '});',
    '',
  ];
  fs.writeFileSync(path.join(dir, 'site.config.ts'), lines.join('\n'));
}

describe('a build with nothing changed', () => {
  it('writes nothing and says the output is up to date; any change to an input builds again', () => {
    const dir = fixtureCopy('awning-uptodate-');
    const first = runCli(['build'], dir);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).not.toContain('up to date');
    const index = path.join(dir, 'dist/index.html');
    const before = fs.statSync(index);

    const second = runCli(['build'], dir);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^Built \d+ pages .*\(up to date: nothing changed since the last build\)\n$/);
    expect(fs.statSync(index).mtimeMs).toBe(before.mtimeMs);
    expect(fs.statSync(index).ino).toBe(before.ino);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, '.awning/dist.manifest.json'), 'utf8'));
    expect(manifest.changes).toMatchObject({ added: [], changed: [], removed: [], purge: [] });

    // A template change builds again.
    const layouts = path.join(dir, 'templates/layouts');
    fs.mkdirSync(layouts, { recursive: true });
    fs.writeFileSync(path.join(layouts, '404.njk'), '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Gone</title></head><body><main><h1>Gone fishing</h1></main></body></html>\n');
    const third = runCli(['build'], dir);
    expect(third.stdout).not.toContain('up to date');
    expect(fs.readFileSync(path.join(dir, 'dist/404.html'), 'utf8')).toContain('Gone fishing');

    // So does a content change, and --no-cache always builds.
    const post = path.join(dir, 'content/posts', fs.readdirSync(path.join(dir, 'content/posts')).find((f) => !f.includes('draft') && !f.includes('future'))!);
    fs.appendFileSync(post, '\nA sentence added later.\n');
    const fourth = runCli(['build'], dir);
    expect(fourth.stdout).not.toContain('up to date');
    expect(runCli(['build', '--no-cache'], dir).stdout).not.toContain('up to date');
  });

  it('keeps compiled templates in the cache: the output is the same, and an edited template is compiled again', () => {
    const dir = fixtureCopy('awning-tplcache-');
    const layouts = path.join(dir, 'templates/layouts');
    fs.mkdirSync(layouts, { recursive: true });
    const page404 = (words: string) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Gone</title></head><body><main><h1>{{ "${words}" | upper }}</h1></main></body></html>\n`;
    fs.writeFileSync(path.join(layouts, '404.njk'), page404('gone fishing'));
    expect(runCli(['build', '--no-cache', '--out', 'fresh'], dir).status).toBe(0);
    expect(runCli(['build'], dir).status).toBe(0);
    const stored = JSON.parse(fs.readFileSync(path.join(dir, '.awning-cache/templates.json'), 'utf8'));
    expect(stored.entries.length).toBeGreaterThan(3);
    // Built again from the cached code: byte for byte what a build without the cache made.
    fs.rmSync(path.join(dir, 'dist'), { recursive: true });
    expect(runCli(['build'], dir).status).toBe(0);
    const files = (d: string) => fs.readdirSync(path.join(dir, d), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).sort();
    expect(files('dist')).toEqual(files('fresh'));
    for (const f of files('fresh')) expect(fs.readFileSync(path.join(dir, 'dist', f), 'utf8'), f).toBe(fs.readFileSync(path.join(dir, 'fresh', f), 'utf8'));
    // An edit to a cached template shows at once.
    fs.writeFileSync(path.join(layouts, '404.njk'), page404('back soon'));
    expect(runCli(['build'], dir).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'dist/404.html'), 'utf8')).toContain('BACK SOON');
  });

  it('repeats the last build\'s warnings when nothing changed', () => {
    const dir = fixtureCopy('awning-uptodate-warn-');
    // Two spellings of one category: a warning (AWN310), not an error.
    fs.writeFileSync(path.join(dir, 'content/posts/one.md'), '---\ntitle: One\ndate: 2024-03-01\ncategories: [Bread Tips]\n---\nFirst.\n');
    fs.writeFileSync(path.join(dir, 'content/posts/two.md'), '---\ntitle: Two\ndate: 2024-03-02\ncategories: [bread tips]\n---\nSecond.\n');
    const first = runCli(['build'], dir);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain('AWN310');
    const second = runCli(['build'], dir);
    expect(second.stdout).toContain('up to date');
    expect(second.stderr).toBe(first.stderr);
  });

  it('builds again when a value the config reads from the environment changes', () => {
    const dir = fixtureCopy('awning-uptodate-env-');
    writeConfig(dir, { baseUrl: "process.env.SITE_URL ?? 'https://bakery.example.com/'" });
    expect(runCli(['build'], dir, { SITE_URL: 'https://one.example.com/' }).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'dist/sitemap.xml'), 'utf8')).toContain('https://one.example.com/');
    const second = runCli(['build'], dir, { SITE_URL: 'https://two.example.com/' });
    expect(second.stdout).not.toContain('up to date');
    expect(fs.readFileSync(path.join(dir, 'dist/sitemap.xml'), 'utf8')).toContain('https://two.example.com/');
    expect(fs.readFileSync(path.join(dir, 'dist/sitemap.xml'), 'utf8')).not.toContain('https://one.example.com/');
  });

  it('builds again once a scheduled post\'s time has come, though no file changed', () => {
    const dir = fixtureCopy('awning-uptodate-sched-');
    fs.writeFileSync(path.join(dir, 'content/posts/later.md'), '---\ntitle: Later today\ndate: 2030-06-01T15:00\n---\nSoon.\n');
    // 2030-06-01 10:00 in Chicago (UTC-5): the post is five hours away.
    const morning = Date.UTC(2030, 5, 1, 15);
    const evening = Date.UTC(2030, 5, 1, 22);
    expect(buildAt(dir, morning).status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'dist/blog/later/index.html'))).toBe(false);
    expect(buildAt(dir, morning).stdout).toContain('up to date');
    const live = buildAt(dir, evening);
    expect(live.stdout).not.toContain('up to date');
    expect(fs.readFileSync(path.join(dir, 'dist/blog/later/index.html'), 'utf8')).toContain('Later today');
  });

  it('builds again when the day turns in the site\'s zone (today\'s hours), not before', () => {
    const dir = fixtureCopy('awning-uptodate-day-');
    // The fixture's zone is Chicago (UTC-5 in summer): its June 2 begins at 05:00 UTC.
    const at = (h: number, m: number, s = 0) => Date.UTC(2030, 5, 2, h, m, s);
    expect(buildAt(dir, at(3, 0)).status).toBe(0);
    expect(buildAt(dir, at(4, 59, 59)).stdout).toContain('up to date');
    const next = buildAt(dir, at(5, 0, 1));
    expect(next.status, next.stderr).toBe(0);
    expect(next.stdout).not.toContain('up to date');
    expect(buildAt(dir, at(9, 0)).stdout).toContain('up to date');
  });

  it('builds again with an earlier clock (a release built with SOURCE_DATE_EPOCH after a build with the real clock)', () => {
    const dir = fixtureCopy('awning-uptodate-earlier-');
    fs.writeFileSync(path.join(dir, 'content/posts/june.md'), '---\ntitle: June news\ndate: 2030-06-10\n---\nNews.\n');
    expect(buildAt(dir, Date.UTC(2030, 5, 20, 17)).status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'dist/blog/june/index.html'))).toBe(true);
    // On June 5 the post is not published yet: the output must not be the June 20 one.
    const earlier = buildAt(dir, Date.UTC(2030, 5, 5, 17));
    expect(earlier.status, earlier.stderr).toBe(0);
    expect(earlier.stdout).not.toContain('up to date');
    expect(fs.existsSync(path.join(dir, 'dist/blog/june/index.html'))).toBe(false);
  });

  it('builds again when a module the config imports changes (a filter\'s helper)', () => {
    const dir = fixtureCopy('awning-uptodate-helper-');
    fs.mkdirSync(path.join(dir, 'lib'));
    fs.writeFileSync(path.join(dir, 'lib/shout.ts'), "export const shout = (s: string): string => `${s}!`;\n");
    writeConfig(dir, { before: "import { shout } from './lib/shout.js';", more: 'nunjucks: { filters: { shout: (s: string) => shout(s) } },' });
    fs.mkdirSync(path.join(dir, 'templates/layouts'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'templates/layouts/404.njk'), '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Gone</title></head><body><main><h1>{{ "gone" | shout }}</h1></main></body></html>\n');
    expect(runCli(['build'], dir).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'dist/404.html'), 'utf8')).toContain('gone!');
    expect(runCli(['build'], dir).stdout).toContain('up to date');
    fs.writeFileSync(path.join(dir, 'lib/shout.ts'), "export const shout = (s: string): string => `${s.toUpperCase()}!`;\n");
    const again = runCli(['build'], dir);
    expect(again.stdout).not.toContain('up to date');
    expect(fs.readFileSync(path.join(dir, 'dist/404.html'), 'utf8')).toContain('GONE!');
  });

  it('builds when a config global refers to itself (a cycle), and is up to date the second time', () => {
    const dir = fixtureCopy('awning-uptodate-cycle-');
    writeConfig(dir, {
      before: "\nconst nav: { label: string; children: unknown[] } = { label: 'Home', children: [] };\nnav.children.push({ label: 'Up', parent: nav });",
      more: "nunjucks: { globals: { nav, big: 10n, seen: new Set(['a']) } },",
    });
    const first = runCli(['build'], dir);
    expect(first.status, first.stderr).toBe(0);
    expect(runCli(['build'], dir).stdout).toContain('up to date');
  });

  it('is never "up to date" with an output another build replaced (--no-cache in between)', () => {
    const dir = fixtureCopy('awning-uptodate-nocache-');
    const post = path.join(dir, 'content/posts/opening-day.md');
    const original = fs.readFileSync(post, 'utf8');
    expect(runCli(['build'], dir).status).toBe(0);
    const before = fs.readFileSync(path.join(dir, 'dist/blog/opening-day/index.html'), 'utf8');
    fs.writeFileSync(post, `${original}\nA line only the no-cache build saw.\n`);
    expect(runCli(['build', '--no-cache'], dir).status).toBe(0);
    fs.writeFileSync(post, original);
    const back = runCli(['build'], dir);
    expect(back.stdout).not.toContain('up to date');
    expect(fs.readFileSync(path.join(dir, 'dist/blog/opening-day/index.html'), 'utf8')).toBe(before);
  });

  it('takes an unchanged post\'s hash from its stat (no read), and sees an edit that kept the size and modification time', () => {
    const dir = fixtureCopy('awning-uptodate-stamps-');
    const post = path.join(dir, 'content/posts/opening-day.md');
    const longAgo = new Date('2024-03-01T12:00:00Z');
    fs.utimesSync(post, longAgo, longAgo);
    expect(runCli(['build'], dir).status).toBe(0);
    // The record's stamps are trusted only for files older than its reading by a few seconds (file
    // systems that keep whole seconds): move the record's time on, as if the build ran later.
    const lastFile = path.join(dir, '.awning-cache/last-build.json');
    const age = (record: { inputs: { readAt: number; files: [string, ...unknown[]][] } }) => ({ ...record, inputs: { ...record.inputs, readAt: record.inputs.readAt + 60_000 } });
    const record = JSON.parse(fs.readFileSync(lastFile, 'utf8'));
    const stamp = record.inputs.files.find((f: [string]) => f[0] === 'content/posts/opening-day.md');
    expect(stamp).toBeDefined();
    fs.writeFileSync(lastFile, JSON.stringify(age(record)));
    expect(runCli(['build'], dir).stdout).toContain('up to date');
    // The recorded hash stands for the file: with another one recorded, the inputs look changed
    // (were the file read, they would not).
    stamp[5] = '0'.repeat(40);
    fs.writeFileSync(lastFile, JSON.stringify(age(record)));
    expect(runCli(['build'], dir).stdout).not.toContain('up to date');
    expect(fs.readFileSync(path.join(dir, 'dist/blog/opening-day/index.html'), 'utf8')).toContain('We are open.');

    // Same size, modification time put back: only the change time (which no program can set) tells.
    const { size } = fs.statSync(post);
    fs.writeFileSync(post, fs.readFileSync(post, 'utf8').replace('We are open.', 'We are shut.'));
    fs.utimesSync(post, longAgo, longAgo);
    expect(fs.statSync(post).size).toBe(size);
    expect(fs.statSync(post).mtimeMs).toBe(longAgo.getTime());
    const again = runCli(['build'], dir);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).not.toContain('up to date');
    expect(fs.readFileSync(path.join(dir, 'dist/blog/opening-day/index.html'), 'utf8')).toContain('We are shut.');
  });
});

describe('the output kept in the build cache (a CI job that keeps .awning-cache/ but not dist/)', () => {
  /** The site built from scratch into another folder, for comparison. */
  const clean = (dir: string) => {
    const out = path.join(dir, 'clean-out');
    fs.rmSync(out, { recursive: true, force: true });
    const r = runCli(['build', '--no-cache', '--out', out], dir);
    expect(r.status, r.stderr).toBe(0);
    return snapshot(out);
  };
  const same = (dir: string, want: Map<string, Buffer>) => {
    const got = snapshot(path.join(dir, 'dist'));
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [file, bytes] of want) expect(got.get(file)!.equals(bytes), file).toBe(true);
  };
  const gone = (dir: string) => {
    fs.rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
    fs.rmSync(path.join(dir, '.awning'), { recursive: true, force: true });
  };

  it('puts dist/ back when it is gone, so nothing is built again; an edit then renders only its pages', () => {
    const dir = fixtureCopy('awning-kept-');
    fs.mkdirSync(path.join(dir, 'content/media'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'content/media/menu.pdf'), Buffer.from('%PDF-1.4 a price list\n'));
    expect(runCli(['build'], dir).status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'dist/media/menu.pdf'))).toBe(true);
    const built = snapshot(path.join(dir, 'dist'));
    gone(dir);
    // A fresh checkout: every input, media files too, has new times (its hash is read again).
    const later = new Date(Date.now() + 5000);
    for (const f of fs.readdirSync(path.join(dir, 'content'), { recursive: true }) as string[]) fs.utimesSync(path.join(dir, 'content', f), later, later);
    expect(fs.readdirSync(path.join(dir, 'content/media')).length).toBeGreaterThan(0);
    const back = runCli(['build'], dir);
    expect(back.status, back.stderr).toBe(0);
    expect(back.stdout).toContain('(up to date: nothing changed since the last build)');
    same(dir, built);
    expect(fs.existsSync(path.join(dir, '.awning/dist.manifest.json'))).toBe(true);

    gone(dir);
    const post = path.join(dir, 'content/posts', fs.readdirSync(path.join(dir, 'content/posts')).find((f) => !f.includes('draft') && !f.includes('future'))!);
    fs.appendFileSync(post, '\nA new closing line.\n');
    const edited = runCli(['build', '--json'], dir);
    expect(edited.status, edited.stderr).toBe(0);
    const summary = JSON.parse(edited.stdout);
    expect(summary.upToDate).toBeUndefined();
    expect(summary.changes.added + summary.changes.removed).toBe(0);
    // Pages the edit does not touch are the kept files themselves, not written again.
    expect(fs.statSync(path.join(dir, 'dist/404.html')).ino).toBe(fs.statSync(path.join(dir, '.awning-cache/output/404.html')).ino);
    same(dir, clean(dir));
  });

  it('is not used when a kept file was changed since, or when another build wrote dist/ without keeping it', () => {
    const dir = fixtureCopy('awning-kept-bad-');
    expect(runCli(['build'], dir).status).toBe(0);
    gone(dir);
    // The kept copy of a page, changed in place (a hard link: the same file as the old dist/'s).
    const kept = path.join(dir, '.awning-cache/output/index.html');
    const text = fs.readFileSync(kept, 'utf8');
    fs.writeFileSync(kept, text.replace('<h1', '<h2').replace('</h1>', '</h2>'));
    const r = runCli(['build'], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('up to date');
    same(dir, clean(dir));

    // A --no-cache build replaces dist/ and keeps nothing: the kept output is not put back.
    const post = path.join(dir, 'content/posts', fs.readdirSync(path.join(dir, 'content/posts')).find((f) => !f.includes('draft') && !f.includes('future'))!);
    fs.appendFileSync(post, '\nAnother line.\n');
    expect(runCli(['build', '--no-cache'], dir).status).toBe(0);
    gone(dir);
    const again = runCli(['build'], dir);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).not.toContain('up to date');
    same(dir, clean(dir));

    // A build into another folder leaves the missing dist/ missing.
    gone(dir);
    expect(runCli(['build', '--out', 'elsewhere'], dir).status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'elsewhere/index.html'))).toBe(true);
  });

  it('keeps every file whose bytes changed, even when the record was left from an older output', () => {
    const dir = fixtureCopy('awning-kept-stale-');
    expect(runCli(['build'], dir).status).toBe(0);
    const record = path.join(dir, '.awning-cache/output.json');
    const saved = fs.readFileSync(record);
    // A writer that does not forget the record (an older Awning): the about page changes, same size.
    const about = path.join(dir, 'content/about.md');
    const text = fs.readFileSync(about, 'utf8');
    const changed = text.replace('small', 'smell');
    expect(changed).not.toBe(text);
    fs.writeFileSync(about, changed);
    expect(runCli(['build', '--no-cache'], dir).status).toBe(0);
    fs.writeFileSync(record, saved);
    const post = path.join(dir, 'content/posts', fs.readdirSync(path.join(dir, 'content/posts')).find((f) => !f.includes('draft') && !f.includes('future'))!);
    fs.appendFileSync(post, '\nOne more line.\n');
    expect(runCli(['build'], dir).status).toBe(0);
    gone(dir);
    const r = runCli(['build'], dir);
    expect(r.status, r.stderr).toBe(0);
    same(dir, clean(dir));
  });

  it('keeps the new files of a build that replaced the whole folder, so the next edit reuses every other page', () => {
    const dir = fixtureCopy('awning-kept-swap-');
    expect(runCli(['build'], dir).status).toBe(0);
    // A config edit that changes no page: the build renders and swaps the whole folder (new files, same bytes).
    fs.appendFileSync(path.join(dir, 'site.config.ts'), '// a comment\n');
    expect(runCli(['build'], dir).status).toBe(0);
    gone(dir);
    expect(runCli(['build'], dir).stdout).toContain('up to date');
    const post = path.join(dir, 'content/posts', fs.readdirSync(path.join(dir, 'content/posts')).find((f) => !f.includes('draft') && !f.includes('future'))!);
    fs.appendFileSync(post, '\nOne more line.\n');
    expect(runCli(['build'], dir).status).toBe(0);
    expect(fs.statSync(path.join(dir, 'dist/404.html')).ino).toBe(fs.statSync(path.join(dir, '.awning-cache/output/404.html')).ino);
    same(dir, clean(dir));
  });
});
