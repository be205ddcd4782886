import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, cliOkConfig, runCli } from '../helpers/site.js';

// The real binary (bin/awning.js → lib/), run in a copy of a fixture in a temporary folder.
// lib/ must be compiled: `npm test` does it (pretest); with vitest alone, run `npm run compile` first.

const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const BUILD_OPTIONS = ['--config', '--out', '--base-url', '--drafts', '--quiet', '--debug'];
/** A line of a JavaScript stack trace. */
const STACK_LINE = /^\s*at .*[:(].*\d+:\d+\)?$/m;

const temps: string[] = [];

/** A fresh copy of test/fixtures/<rel> in its own temporary folder. */
function copySite(rel: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-'));
  temps.push(dir);
  fs.cpSync(path.join(FIXTURES, rel), dir, { recursive: true });
  return dir;
}

/** Every file under a folder, relative, sorted. */
function filesUnder(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'lib/cli/main.js'))) throw new Error('lib/ is not compiled: run "npm run compile" (npm test does it for you).');
});

afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

describe('awning build on a good site', () => {
  it('exits 0, prints "Built N pages" and writes dist/index.html', () => {
    const site = copySite('sites/cli-ok');
    const r = runCli(['build'], site);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const m = /^Built (\d+) pages \((\d+) files\) in \d+ ms → dist\/\n$/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    const dist = path.join(site, 'dist');
    const files = filesUnder(dist);
    expect(Number(m![1])).toBe(files.filter((f) => f.endsWith('.html')).length);
    expect(files).toContain('index.html');
    expect(files).toContain('blog/opening-day/index.html');
    expect(fs.readFileSync(path.join(dist, 'index.html'), 'utf8')).toContain('Fresh bread every morning.');
    expect(fs.readdirSync(site).filter((n) => n.startsWith('.dist-'))).toEqual([]);
  });

  it('leaves out a draft, and a post dated in the future, without --drafts', () => {
    const site = copySite('sites/cli-ok');
    expect(runCli(['build'], site).status).toBe(0);
    const files = filesUnder(path.join(site, 'dist'));
    expect(files).not.toContain('blog/secret-menu/index.html');
    expect(files).not.toContain('blog/far-future/index.html');
    const blog = fs.readFileSync(path.join(site, 'dist/blog/index.html'), 'utf8');
    expect(blog).toContain('Opening day');
    expect(blog).not.toContain('Secret menu');
    expect(blog).not.toContain('Far future');
  });

  it('--drafts includes the draft and the future post', () => {
    const site = copySite('sites/cli-ok');
    const r = runCli(['build', '--drafts'], site);
    expect(r.status).toBe(0);
    const files = filesUnder(path.join(site, 'dist'));
    expect(files).toContain('blog/secret-menu/index.html');
    expect(files).toContain('blog/far-future/index.html');
    expect(fs.readFileSync(path.join(site, 'dist/blog/secret-menu/index.html'), 'utf8')).toContain('Not yet.');
  });

  it('--out writes the site elsewhere', () => {
    const site = copySite('sites/cli-ok');
    const r = runCli(['build', '--out', 'public'], site);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/→ public\/\n$/);
    expect(fs.existsSync(path.join(site, 'public/index.html'))).toBe(true);
    expect(fs.existsSync(path.join(site, 'dist'))).toBe(false);
  });

  it('--quiet prints nothing on success', () => {
    const site = copySite('sites/cli-ok');
    const r = runCli(['build', '--quiet'], site);
    expect(r).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(fs.existsSync(path.join(site, 'dist/index.html'))).toBe(true);
  });

  it('--base-url prefixes links with its path', () => {
    const site = copySite('sites/cli-ok');
    const r = runCli(['build', '--base-url', 'https://preview.example.net/pr-7/'], site);
    expect(r.status).toBe(0);
    const html = fs.readFileSync(path.join(site, 'dist/about/index.html'), 'utf8');
    expect(html).toContain('href="https://preview.example.net/pr-7/about/"');
    expect(html).toMatch(/href="\/pr-7\/assets\/favicon\.[0-9a-f]{8}\.svg"/);
  });

  it('--config builds a site from another folder', () => {
    const site = copySite('sites/cli-ok');
    const r = runCli(['build', '--config', path.join(site, 'site.config.ts')], os.tmpdir());
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(site, 'dist/index.html'))).toBe(true);
  });
});

describe('awning build on a broken site', () => {
  it('exits 1 with a located error, a code frame and a hint, and leaves dist/ exactly as it was', () => {
    const site = copySite('sites/cli-ok');
    expect(runCli(['build'], site).status).toBe(0);
    const dist = path.join(site, 'dist');
    const index = path.join(dist, 'index.html');
    const before = { files: filesUnder(dist), content: fs.readFileSync(index), stat: fs.statSync(index), dir: fs.statSync(dist) };

    const post = path.join(site, 'content/posts/opening-day.md');
    const text = fs.readFileSync(post, 'utf8');
    expect(text.split('\n')[2]).toBe('date: 2024-03-01');
    fs.writeFileSync(post, text.replace('date: 2024-03-01', 'date: 2024-13-01'));

    const r = runCli(['build'], site);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error[AWN302] content/posts/opening-day.md:3:7');
    expect(r.stderr).toContain('> 3 | date: 2024-13-01');
    expect(r.stderr).toMatch(/^\s+\|\s+\^$/m);
    expect(r.stderr).toMatch(/^\s+hint: \S/m);
    expect(r.stderr).toMatch(/Build failed: 1 error\. Nothing was written to dist\/\.\n$/);
    expect(r.stderr).not.toMatch(STACK_LINE);

    expect(filesUnder(dist)).toEqual(before.files);
    expect(fs.readFileSync(index)).toEqual(before.content);
    const after = fs.statSync(index);
    expect(after.mtimeMs).toBe(before.stat.mtimeMs);
    expect(after.ino).toBe(before.stat.ino);
    expect(fs.statSync(dist).ino).toBe(before.dir.ino);
    expect(fs.readdirSync(site).filter((n) => n.startsWith('.dist-'))).toEqual([]);
  });

  it('a broken link found after the pages were rendered and written to staging (in a worker thread) still leaves dist/ as it was', () => {
    const site = copySite('sites/cli-ok');
    expect(runCli(['build'], site).status).toBe(0);
    const dist = path.join(site, 'dist');
    const index = path.join(dist, 'index.html');
    const before = { files: filesUnder(dist), content: fs.readFileSync(index), ino: fs.statSync(index).ino };
    const post = path.join(site, 'content/posts/opening-day.md');
    fs.appendFileSync(post, '\nSee [our new room](/rooms/quiet/).\n');

    const r = runCli(['build', '--workers', '1'], site);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error[AWN600] content/posts/opening-day.md');
    expect(filesUnder(dist)).toEqual(before.files);
    expect(fs.readFileSync(index)).toEqual(before.content);
    expect(fs.statSync(index).ino).toBe(before.ino);
    expect(fs.readdirSync(site).filter((n) => n.startsWith('.dist-'))).toEqual([]);
  });

  it('a page that cannot be written, on this thread or a worker thread, fails the build by its name in dist/, and leaves dist/ as it was', () => {
    const site = copySite('sites/cli-ok');
    expect(runCli(['build'], site).status).toBe(0);
    const dist = path.join(site, 'dist');
    const before = { files: filesUnder(dist), ino: fs.statSync(path.join(dist, 'index.html')).ino };
    // Folder names longer than a file system allows (255 bytes). Each thread writes the pages it
    // renders: with --workers 0 this thread writes them all; with workers, the site's one chunk of
    // pages goes to a worker (workers are handed the first chunks).
    const long = (c: string) => c.repeat(300);
    for (const c of 'bcdefg') fs.writeFileSync(path.join(site, `content/posts/long-${c}.md`), `---\ntitle: Long ${c}\ndate: 2024-03-02\npermalink: /${long(c)}/\n---\nHello.\n`);
    for (const workers of ['0', '1', '2']) {
      const r = runCli(['build', '--workers', workers], site);
      expect(r.status, workers).toBe(1);
      expect(r.stderr, workers).toMatch(new RegExp(`^error: could not write dist/([b-g])\\1{299}: name too long \\(ENAMETOOLONG\\)$`, 'm'));
      expect(r.stderr).not.toContain('-staging-');
      expect(filesUnder(dist)).toEqual(before.files);
      expect(fs.statSync(path.join(dist, 'index.html')).ino).toBe(before.ino);
      expect(fs.readdirSync(site).filter((n) => n.startsWith('.dist-'))).toEqual([]);
    }
  });

  it('prints no stack trace without --debug, and one with it', () => {
    const site = copySite('invalid/config-throws');
    // The config throws when AWNING_TEST_UNSET_VARIABLE is not set (it never is).
    expect(process.env['AWNING_TEST_UNSET_VARIABLE']).toBeUndefined();
    const r = runCli(['build'], site);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error[AWN101] site.config.ts:4:31');
    expect(r.stderr).toContain('AWNING_TEST_UNSET_VARIABLE is not set');
    expect(r.stderr).toMatch(/Build failed: 1 error\./);
    expect(r.stderr).not.toMatch(STACK_LINE);

    const debug = runCli(['build', '--debug'], site);
    expect(debug.status).toBe(1);
    expect(debug.stderr).toContain('error[AWN101] site.config.ts:4:31');
    expect(debug.stderr).toMatch(STACK_LINE);
  });
});

describe('the command line itself', () => {
  it('exits 2 for an unknown option', () => {
    const r = runCli(['build', '--frobnicate'], os.tmpdir());
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option '--frobnicate'");
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('exits 2 for an unknown command', () => {
    const r = runCli(['frobnicate'], os.tmpdir());
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('--version prints the version from package.json', () => {
    for (const flag of ['--version', '-v']) {
      const r = runCli([flag], os.tmpdir());
      expect(r.status).toBe(0);
      expect(r.stdout.trim()).toBe(VERSION);
    }
  });

  it('awning build --help lists every option of build', () => {
    const r = runCli(['build', '--help'], os.tmpdir());
    expect(r.status).toBe(0);
    for (const o of BUILD_OPTIONS) expect(r.stdout).toContain(o);
  });

  it('awning --help lists the commands', () => {
    const r = runCli(['--help'], os.tmpdir());
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\s+build\b/m);
    expect(r.stdout).toContain('--version');
  });

  // Product bug: README ("awning --help, awning build --help: lists the commands and every option")
  // promises the build options in the top-level help too; src/cli/main.ts prints only the command list.
  it('awning --help lists every option of build', () => {
    const r = runCli(['--help'], os.tmpdir());
    expect(r.status).toBe(0);
    for (const o of BUILD_OPTIONS) expect(r.stdout).toContain(o);
  });
});

describe('a worker thread that stops', () => {
  it('fails the build with a message instead of leaving it waiting', () => {
    const site = copySite('sites/cli-ok');
    // A user's filter that ends the thread it runs in when that is a worker thread.
    fs.writeFileSync(
      path.join(site, 'site.config.ts'),
      cliOkConfig("import { isMainThread } from 'node:worker_threads';", '{ stop: (s: string) => (isMainThread ? s : process.exit(3)) }'),
    );
    fs.mkdirSync(path.join(site, 'templates/layouts'), { recursive: true });
    fs.writeFileSync(path.join(site, 'templates/layouts/post.njk'), '<!DOCTYPE html><html lang="en"><head><title>{{ page.title | stop }}</title></head><body><main>{{ page.content | safe }}</main></body></html>\n');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/awning.js'), 'build', '--workers', '1'], { cwd: site, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
    expect(r.signal, 'the build hung').toBeNull();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('a worker thread stopped (exit code 3) before answering');
    expect(fs.readdirSync(site).filter((n) => n.startsWith('.dist-'))).toEqual([]);
  }, 70_000);
});
