#!/usr/bin/env node
// Awning's command line. `npm install` (the prepare script) compiles src/ to lib/ and bundles the
// command line and its packages into one file, lib/awning.cjs. This file runs that bundle with V8's
// code cache: the bytecode of its functions, kept from an earlier run, so that most of the
// JavaScript a command runs is neither parsed nor compiled again. Loading Awning's 400-odd modules
// one by one took 0.25-0.35 s of every command; the bundle with the cache takes about 0.05 s.
// (Node 22 has module.enableCompileCache for this; Node 20, which Awning supports, does not.)
//
// The cache (see README, Architecture):
// - one file per bundle (the hash of the wrapped text and of its path), Node version, flags
//   (NODE_OPTIONS too), in $AWNING_COMPILE_CACHE or <tmp>/awning-compile-cache-<user id>, a folder
//   only its owner may write (it holds code this process runs), checked before it is read;
// - each file starts with a SHA-256 of the rest, checked before V8 sees the data: V8 checks its
//   own header but not the bytes after it, and a damaged file crashed the process;
// - written on exit when missing or refused; a cache written by a command that built no site
//   (`--version`, an up-to-date build: "<key>.lite.bin") lacks most of a build's code and is
//   written again by the first command that builds one ("<key>.bin");
// - AWNING_COMPILE_CACHE=off (or 0, false, no) runs without it. A problem with the cache (a
//   read-only folder, a damaged file, a full disk) only makes the command start slower.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { isMainThread, workerData } from 'node:worker_threads';

const bundle = fileURLToPath(new URL('../lib/awning.cjs', import.meta.url));
let source;
try {
  source = fs.readFileSync(bundle, 'utf8');
} catch {
  process.stderr.write('Awning is not compiled yet: run "npm install" (or "npm run compile") in the Awning folder.\n');
  process.exit(1);
}
// The package's ES modules (for import() of what the bundle leaves out: see src/cli/serve.ts).
globalThis[Symbol.for('awning.import')] = (id) => import(id);
const awning = run(source);
// A worker thread of Awning's (see src/util/threads.ts) runs the same bundle for its role.
if (!isMainThread && workerData?.awningWorker) await awning.runWorker(workerData.awningWorker);
else process.exitCode = await awning.main(process.argv);

/** Runs the bundle as a CommonJS module, with its code cache, and returns its exports. */
function run(text) {
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${text}\n})`;
  const cache = openCache(wrapped);
  const script = new vm.Script(wrapped, { filename: bundle, cachedData: cache?.data });
  const module = { exports: {} };
  // Worker threads read the cache; the main thread writes it.
  if (cache && isMainThread) {
    const refused = !cache.data || script.cachedDataRejected;
    // On exit, so the cache also holds the functions this command compiled as it ran.
    process.once('exit', () => {
      const built = module.exports.runInfo?.builtSite === true;
      if (built) {
        if (refused || cache.from !== cache.full) save(script, cache.dir, cache.full, cache.lite);
      } else if (refused) {
        // Unless another command wrote a full cache meanwhile: it is better than this one.
        const fullSince = cache.from !== cache.full && fs.existsSync(cache.full);
        if (!fullSince) save(script, cache.dir, cache.lite, cache.full);
      }
    });
  }
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  return module.exports;
}

/** The cache's folder and files, and the data to use (undefined: none, or none to trust). */
function openCache(wrapped) {
  const setting = process.env.AWNING_COMPILE_CACHE ?? '';
  if (/^(off|0|false|no)$/i.test(setting)) return undefined;
  const uid = process.getuid?.() ?? 0;
  const dir = setting ? path.resolve(setting) : path.join(os.tmpdir(), `awning-compile-cache-${uid}`);
  const key = createHash('sha256')
    .update(`${bundle}\0${process.version}\0${process.arch}\0${process.execArgv.join('\0')}\0${process.env.NODE_OPTIONS ?? ''}\0`)
    .update(wrapped)
    .digest('hex')
    .slice(0, 20);
  const full = path.join(dir, `${key}.bin`);
  const lite = path.join(dir, `${key}.lite.bin`);
  const cache = { dir, full, lite, from: undefined, data: undefined };
  let st;
  try {
    st = fs.statSync(dir);
  } catch {
    return cache; // made on exit
  }
  // Only a folder of this user's that no one else may write: its files become code that runs.
  if (!st.isDirectory() || (process.getuid && st.uid !== uid) || (st.mode & 0o022) !== 0) return undefined;
  for (const file of [full, lite]) {
    let bytes;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      continue;
    }
    cache.from = file;
    const data = bytes.subarray(32);
    if (bytes.length > 32 && createHash('sha256').update(data).digest().equals(bytes.subarray(0, 32))) cache.data = data;
    break;
  }
  return cache;
}

/** Writes the cache atomically (another command may be reading it), with its hash in front. */
function save(script, dir, file, other) {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const data = script.createCachedData();
    fs.writeFileSync(temp, Buffer.concat([createHash('sha256').update(data).digest(), data]), { mode: 0o600 });
    fs.renameSync(temp, file);
    fs.rmSync(other, { force: true });
    prune(dir);
  } catch {
    // A cache that cannot be written costs only time.
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // Nothing more to do.
    }
  }
}

/** Keeps the 8 newest of this cache's own files, and removes temporary files older than a minute. */
function prune(dir) {
  const now = Date.now();
  const own = [];
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (/^[0-9a-f]{20}(\.lite)?\.bin$/.test(name)) own.push({ p, t: fs.statSync(p).mtimeMs });
    else if (/^[0-9a-f]{20}(\.lite)?\.bin\.\d+\.tmp$/.test(name) && now - fs.statSync(p).mtimeMs > 60_000) fs.rmSync(p, { force: true });
  }
  own.sort((a, b) => b.t - a.t);
  for (const { p } of own.slice(8)) fs.rmSync(p, { force: true });
}
