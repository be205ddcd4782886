import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, cliOkConfig, runCli, snapshot } from '../helpers/site.js';

// bin/awning.js runs the one-file build of the command line (lib/awning.cjs) with V8's code cache,
// kept in $AWNING_COMPILE_CACHE. What a user can notice: the same output with and without it, one
// file written once and then only read, and a damaged or unwritable cache costing nothing but time.

const temps: string[] = [];
const temp = (prefix: string): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

function site(): string {
  const dir = temp('awning-cc-site-');
  fs.cpSync(path.join(FIXTURES, 'sites/cli-ok'), dir, { recursive: true });
  return dir;
}

describe('the command line’s code cache', () => {
  it('is written by the first command, then only read, and changes no byte of the output', () => {
    const cache = temp('awning-cc-');
    const first = site();
    const r1 = runCli(['build', '--no-cache'], first, { AWNING_COMPILE_CACHE: cache });
    expect(r1.stderr).toBe('');
    expect(r1.status).toBe(0);
    const files = fs.readdirSync(cache);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{20}\.bin$/);
    const written = fs.statSync(path.join(cache, files[0]!));
    expect(written.size).toBeGreaterThan(10_000);

    const second = site();
    const r2 = runCli(['build', '--no-cache'], second, { AWNING_COMPILE_CACHE: cache });
    expect(r2.status).toBe(0);
    expect(r2.stdout.replace(/\d+ ms/, 'N ms')).toBe(r1.stdout.replace(/\d+ ms/, 'N ms'));
    expect(fs.readdirSync(cache)).toEqual(files);
    expect(fs.statSync(path.join(cache, files[0]!)).mtimeMs).toBe(written.mtimeMs);

    const without = site();
    const r3 = runCli(['build', '--no-cache'], without, { AWNING_COMPILE_CACHE: 'off' });
    expect(r3.status).toBe(0);
    expect(snapshot(path.join(second, 'dist'))).toEqual(snapshot(path.join(first, 'dist')));
    expect(snapshot(path.join(without, 'dist'))).toEqual(snapshot(path.join(first, 'dist')));
  });

  it('is written again by the first build after a command that built no site', () => {
    // A cache holds the functions its command compiled: `--version` compiles a fraction of a build's.
    const cache = temp('awning-cc-');
    const dir = site();
    expect(runCli(['--version'], dir, { AWNING_COMPILE_CACHE: cache }).status).toBe(0);
    const [lite] = fs.readdirSync(cache);
    expect(lite).toMatch(/^[0-9a-f]{20}\.lite\.bin$/);
    const liteSize = fs.statSync(path.join(cache, lite!)).size;
    expect(runCli(['build'], dir, { AWNING_COMPILE_CACHE: cache }).status).toBe(0);
    const [full] = fs.readdirSync(cache);
    expect(fs.readdirSync(cache)).toEqual([lite!.replace('.lite.bin', '.bin')]);
    const written = fs.statSync(path.join(cache, full!));
    expect(written.size).toBeGreaterThan(liteSize * 1.5);
    // From then on it is only read, by builds and by commands that build nothing.
    expect(runCli(['build', '--no-cache'], dir, { AWNING_COMPILE_CACHE: cache }).status).toBe(0);
    expect(runCli(['--version'], dir, { AWNING_COMPILE_CACHE: cache }).status).toBe(0);
    expect(fs.readdirSync(cache)).toEqual([full]);
    expect(fs.statSync(path.join(cache, full!)).mtimeMs).toBe(written.mtimeMs);
  });

  it('replaces a damaged cache file, and the command works as usual', () => {
    const cache = temp('awning-cc-');
    const dir = site();
    expect(runCli(['build', '--no-cache'], dir, { AWNING_COMPILE_CACHE: cache }).status).toBe(0);
    const [name] = fs.readdirSync(cache);
    const file = path.join(cache, name!);
    const good = fs.readFileSync(file);
    // Bytes changed in the middle, headers intact: V8 checks only its header, and its deserializer
    // crashed the process on such data ("Fatal error … unreachable code"); the file's own hash
    // catches it.
    const damaged = Buffer.from(good);
    for (let i = good.length >> 1; i < (good.length >> 1) + 2000; i++) damaged[i]! ^= 0x5a;
    fs.writeFileSync(file, damaged);
    const r = runCli(['build', '--no-cache'], dir, { AWNING_COMPILE_CACHE: cache });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Built \d+ pages/);
    expect(fs.readdirSync(cache)).toEqual([name]);
    expect(fs.readFileSync(file).equals(damaged)).toBe(false);
  });

  it('costs nothing but time when its folder cannot be written', () => {
    const dir = site();
    const blocker = path.join(temp('awning-cc-'), 'a-file');
    fs.writeFileSync(blocker, 'not a folder');
    const r = runCli(['build'], dir, { AWNING_COMPILE_CACHE: path.join(blocker, 'cache') });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Built \d+ pages/);
  });

  it('is not read from, nor written to, a folder that others may write', () => {
    // Its files are code that runs: a folder anyone can write would let anyone run code as the user.
    const cache = temp('awning-cc-');
    fs.chmodSync(cache, 0o777);
    const r = runCli(['--version'], site(), { AWNING_COMPILE_CACHE: cache });
    expect(r.status).toBe(0);
    expect(fs.readdirSync(cache)).toEqual([]);
  });

  it("removes only its own old files from the folder, never others'", () => {
    const cache = temp('awning-cc-');
    const old = new Date(Date.UTC(2020, 0, 1));
    for (let i = 0; i < 10; i++) {
      fs.writeFileSync(path.join(cache, `firmware-${i}.bin`), 'x');
      fs.writeFileSync(path.join(cache, `${String(i).repeat(20)}.bin`), 'stale');
      fs.utimesSync(path.join(cache, `firmware-${i}.bin`), old, old);
      fs.utimesSync(path.join(cache, `${String(i).repeat(20)}.bin`), old, old);
    }
    expect(runCli(['--version'], site(), { AWNING_COMPILE_CACHE: cache }).status).toBe(0);
    const names = fs.readdirSync(cache);
    expect(names.filter((n) => n.startsWith('firmware-'))).toHaveLength(10);
    expect(names.filter((n) => /^[0-9a-f]{20}(\.lite)?\.bin$/.test(n))).toHaveLength(8);
  });

  it('the bundle calls no import(): under a code cache, V8 loses the loader that import() needs', () => {
    // "error: A dynamic import callback was not specified" is what `serve --open` printed when the
    // "open" package was imported rather than required. Packages the bundle leaves out are required.
    const bundle = fs.readFileSync(path.join(ROOT, 'lib/awning.cjs'), 'utf8');
    expect(bundle.match(/\bimport\s*\(\s*["'`][^"'`]+["'`]\s*\)/g) ?? []).toEqual([]);
  });

  it('only src/util/home.ts reads import.meta, which is empty in the bundle', () => {
    const files = (fs.readdirSync(path.join(ROOT, 'src'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    const readers = files.filter((f) => /import\.meta/.test(fs.readFileSync(path.join(ROOT, 'src', f), 'utf8')));
    expect(readers.map((f) => f.split(path.sep).join('/'))).toEqual(['util/home.ts']);
  });
});

describe('a filter of the site that returns a SafeString of its own Nunjucks', () => {
  it('prints its HTML unescaped, as the installed Nunjucks does', () => {
    // The bundle has its own copy of Nunjucks; the site's config imports the installed one.
    const dir = site();
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    fs.writeFileSync(
      path.join(dir, 'site.config.ts'),
      cliOkConfig("import nunjucks from 'nunjucks';", '{ bold: (s: string) => new nunjucks.runtime.SafeString(`<b>${s}</b>`) }'),
    );
    fs.mkdirSync(path.join(dir, 'templates/layouts'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'templates/layouts/page.njk'), '{% extends "layouts/base.njk" %}\n{% block main %}<p id="probe">{{ page.title | bold }}</p>{% endblock %}\n');
    const r = runCli(['build', '--no-cache'], dir, { AWNING_COMPILE_CACHE: temp('awning-cc-') });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const about = fs.readFileSync(path.join(dir, 'dist/about/index.html'), 'utf8');
    expect(about).toMatch(/<p id="probe"><b>[^<]+<\/b><\/p>/);
  });
});
