#!/usr/bin/env node
// Awning's command line. `npm install` (the prepare script) compiles src/ to lib/ and bundles the
// command line and its packages into one file, lib/awning.cjs. This file runs that bundle with V8's
// code cache: the bytecode of its functions, kept from an earlier run, so that most of the
// JavaScript a command runs is neither parsed nor compiled again. Loading Awning's 400-odd modules
// one by one took 0.25-0.35 s of every command; the bundle with the cache takes about 0.05 s.
// (Node 22 has module.enableCompileCache for this; Node 20, which Awning supports, does not.)
//
// The cache is a file per bundle (by the hash of its bytes), Node version and flags, in
// $AWNING_COMPILE_CACHE or else <tmp>/awning-compile-cache (like Node 22's default), written on
// exit when missing or refused by V8. It holds the functions the command that wrote it compiled,
// so a cache from a command that built no site (`--version`, an up-to-date build: "<key>.lite.bin")
// is written again by the first command that builds one ("<key>.bin"): the example site's build
// after a one-post edit took 0.37 s with the light cache and 0.33 s with the full one.
// AWNING_COMPILE_CACHE=off runs without it. Any problem with the cache (a read-only folder, a
// damaged file) only makes the command start slower.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const bundle = fileURLToPath(new URL('../lib/awning.cjs', import.meta.url));
let source;
try {
  source = readFileSync(bundle, 'utf8');
} catch {
  process.stderr.write('Awning is not compiled yet: run "npm install" (or "npm run compile") in the Awning folder.\n');
  process.exit(1);
}
const main = await run(source);
process.exitCode = await main(process.argv);

/** Runs the bundle as a CommonJS module, with its code cache, and returns its main(). */
async function run(text) {
  const setting = process.env.AWNING_COMPILE_CACHE;
  let full;
  let lite;
  let cacheFile;
  let cachedData;
  if (setting !== 'off') {
    const [{ createHash }, os] = await Promise.all([import('node:crypto'), import('node:os')]);
    const dir = setting || path.join(os.tmpdir(), 'awning-compile-cache');
    const key = createHash('sha1').update(text).update(`\0${process.version}\0${process.arch}\0${process.execArgv.join('\0')}`).digest('hex').slice(0, 20);
    full = path.join(dir, `${key}.bin`);
    lite = path.join(dir, `${key}.lite.bin`);
    for (const file of [full, lite]) {
      try {
        cachedData = readFileSync(file);
        cacheFile = file;
        break;
      } catch {
        cachedData = undefined;
      }
    }
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${text}\n})`;
  const script = new vm.Script(wrapped, {
    filename: bundle,
    cachedData,
    // No importModuleDynamically: under a code cache V8 drops it, so import() must not be used in
    // the bundle at all (a test checks; "open", left outside, is required instead).
  });
  const module = { exports: {} };
  if (full) {
    const refused = !cachedData || script.cachedDataRejected;
    // On exit, so the cache also holds the functions this command compiled as it ran.
    process.once('exit', () => {
      const built = module.exports.runInfo?.builtSite === true;
      if (refused || (built && cacheFile === lite)) saveCache(script, built ? full : lite, built ? lite : full);
    });
  }
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  return module.exports.main;
}

/** Writes the code cache atomically (another command may be reading it), removes the other kind, keeps the 8 newest. */
function saveCache(script, file, replaces) {
  try {
    const fs = createRequire(import.meta.url)('node:fs');
    const dir = path.dirname(file);
    fs.mkdirSync(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, script.createCachedData());
    fs.renameSync(temp, file);
    fs.rmSync(replaces, { force: true });
    const old = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.bin'))
      .map((f) => ({ f, t: fs.statSync(path.join(dir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t)
      .slice(8);
    for (const { f } of old) fs.rmSync(path.join(dir, f), { force: true });
  } catch {
    // A cache that cannot be written costs only time.
  }
}
