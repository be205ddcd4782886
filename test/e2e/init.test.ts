import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/site.js';

// `awning init` in a temporary folder, then the new site built with Awning linked from this
// repository (node_modules/awning → the repo: what `npm install` gives, without the network).

const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const temps: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-init-'));
  temps.push(d);
  return d;
};

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'lib/cli/main.js'))) throw new Error('lib/ is not compiled: run "npm run compile".');
});
afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

/** Link the repository as the site's node_modules/awning, as `npm install` would install it. */
function linkAwning(site: string): void {
  fs.mkdirSync(path.join(site, 'node_modules'), { recursive: true });
  fs.symlinkSync(ROOT, path.join(site, 'node_modules/awning'), 'dir');
}
/** Run the site's own Awning (node_modules/awning/bin/awning.js), as `npx awning` does. */
function awning(site: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(site, 'node_modules/awning/bin/awning.js'), ...args], { cwd: site, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
const today = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

describe('awning init my-site', () => {
  let parent: string;
  let site: string;
  let result: ReturnType<typeof runCli>;
  beforeAll(() => {
    parent = tempDir();
    site = path.join(parent, 'corner-bakery');
    result = runCli(['init', 'corner-bakery', '--time-zone', 'America/Chicago'], parent);
  });
  const read = (f: string) => fs.readFileSync(path.join(site, f), 'utf8');

  it('creates the folder with package.json, site.config.ts, a post, a page, the data files and .gitignore, and says what to do next', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const f of ['package.json', 'site.config.ts', '.gitignore', 'content/index.md', 'content/about.md', 'content/posts/welcome.md', 'content/_data/site.yaml', 'content/_data/locations.yaml', 'content/_data/services.yaml', 'content/_data/menus.yaml']) {
      expect(fs.existsSync(path.join(site, f)), f).toBe(true);
    }
    expect(result.stdout).toContain('Created a site in corner-bakery/');
    expect(result.stdout).toMatch(/Next:\n\s+cd corner-bakery\n\s+npm install\n\s+npx awning serve/);
  });

  it('depends on Awning with a range of the running version, and has build, serve and check scripts', () => {
    const pkg = JSON.parse(read('package.json')) as { name: string; type: string; dependencies: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.name).toBe('corner-bakery');
    expect(pkg.type).toBe('module');
    expect(pkg.dependencies).toEqual({ awning: `^${VERSION}` });
    expect(pkg.scripts).toMatchObject({ build: 'awning build', serve: 'awning serve', check: 'awning check' });
  });

  it('does not copy the theme: templates are looked up in Awning', () => {
    expect(fs.existsSync(path.join(site, 'templates'))).toBe(false);
  });

  it('explains every field of the data files and the front matter in comments', () => {
    const site = read('content/_data/site.yaml');
    for (const field of ['name', 'tagline', 'description', 'phone', 'email', 'booking_url', 'logo', 'currency', 'social']) expect(site).toMatch(new RegExp(`^#? ?${field}:.*(#|\\n)`, 'm'));
    const locations = read('content/_data/locations.yaml');
    for (const field of ['slug', 'street', 'region', 'postal_code', 'country', 'phone', 'email', 'latitude', 'booking_url', 'hours', 'exceptions']) expect(locations).toMatch(new RegExp(`^\\s*#? ?${field}:`, 'm'));
    expect(locations.split('\n').filter((l) => l.includes('#')).length).toBeGreaterThan(10);
    expect(read('content/posts/welcome.md')).toMatch(/^# image_alt:/m);
    expect(read('site.config.ts')).toContain("timeZone: 'America/Chicago'");
  });

  it("dates the welcome post today in the site's time zone", () => {
    expect(read('content/posts/welcome.md')).toContain(`\ndate: ${today('America/Chicago')}\n`);
  });

  it('ignores dist/, node_modules/ and the build manifest in git', () => {
    const ignore = read('.gitignore').split('\n');
    for (const p of ['dist/', 'node_modules/', '.awning/']) expect(ignore).toContain(p);
  });

  it('builds and checks cleanly with Awning installed', () => {
    linkAwning(site);
    const check = awning(site, ['check']);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/no problems found/);
    const build = awning(site, ['build']);
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    const home = read('dist/index.html');
    expect(home).toContain('Corner Bakery');
    expect(fs.existsSync(path.join(site, 'dist/blog/welcome/index.html'))).toBe(true);
    expect(fs.existsSync(path.join(site, 'dist/locations/main-street/index.html'))).toBe(true);
    expect(fs.existsSync(path.join(site, 'dist/_headers'))).toBe(true);
  });

  it('serves at once with awning serve', async () => {
    if (!fs.existsSync(path.join(site, 'node_modules/awning'))) linkAwning(site);
    const child = spawn(process.execPath, [path.join(site, 'node_modules/awning/bin/awning.js'), 'serve', '--port', '0'], { cwd: site, env: { ...process.env, NO_COLOR: '1' } });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 20_000);
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /Serving .* at (http:\/\/\S+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        child.stderr.on('data', (c: Buffer) => (out += c.toString()));
        child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
      });
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Corner Bakery');
      const about = await fetch(new URL('/about/', url));
      expect(about.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('awning init in a folder that is not empty', () => {
  it('refuses, names the folder, and writes nothing', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine\n');
    const r = runCli(['init', '.'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error[AWN700]');
    expect(r.stderr).toContain('is not empty (it has notes.txt)');
    expect(r.stderr).toMatch(/hint: .*--force/);
    expect(fs.readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('with --force, adds the starter files and keeps the ones that were there', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'README.md'), 'my own readme\n');
    const r = runCli(['init', '.', '--force', '--name', 'Pearl Street Barbers', '--time-zone', 'UTC'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Kept 1 file already there, unchanged: README.md');
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('my own readme\n');
    expect(fs.readFileSync(path.join(dir, 'content/_data/site.yaml'), 'utf8')).toContain('name: Pearl Street Barbers');
    expect(r.stdout).not.toContain('cd ');
  });
});

describe('awning init --eject-theme', () => {
  it("copies the theme into templates/, and the site builds from the copy", () => {
    const parent = tempDir();
    const r = runCli(['init', 'site', '--eject-theme', '--time-zone', 'UTC'], parent);
    expect(r.status).toBe(0);
    const site = path.join(parent, 'site');
    for (const f of ['layouts/base.njk', 'layouts/post.njk', 'partials/header.njk', 'assets/site.css']) expect(fs.existsSync(path.join(site, 'templates', f)), f).toBe(true);
    const post = path.join(site, 'templates/layouts/post.njk');
    fs.writeFileSync(post, fs.readFileSync(post, 'utf8').replace('{% block main %}', '{% block main %}<p class="ejected">Changed here.</p>'));
    linkAwning(site);
    const build = awning(site, ['build']);
    expect(build.status, build.stderr).toBe(0);
    expect(fs.readFileSync(path.join(site, 'dist/blog/welcome/index.html'), 'utf8')).toContain('<p class="ejected">Changed here.</p>');
  });
});
