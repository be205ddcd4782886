import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, runCli } from '../helpers/site.js';

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

/** Every file under a folder with its bytes. */
function contents(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[]) {
    if (e.isFile()) out.set(path.relative(dir, path.join(e.parentPath, e.name)), fs.readFileSync(path.join(e.parentPath, e.name), 'latin1'));
  }
  return out;
}

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
    expect(contents(path.join(second, 'dist'))).toEqual(contents(path.join(first, 'dist')));
    expect(contents(path.join(without, 'dist'))).toEqual(contents(path.join(first, 'dist')));
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
    // Same length, other bytes: V8 checks its own header and a checksum and refuses the data.
    const damaged = Buffer.alloc(good.length, 7);
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

  it('the bundle calls no import(): under a code cache, V8 loses the loader that import() needs', () => {
    // "error: A dynamic import callback was not specified" is what `serve --open` printed when the
    // "open" package was imported rather than required. Packages the bundle leaves out are required.
    const bundle = fs.readFileSync(path.join(ROOT, 'lib/awning.cjs'), 'utf8');
    expect(bundle.match(/\bimport\s*\(\s*["'`][^"'`]+["'`]\s*\)/g) ?? []).toEqual([]);
  });
});
