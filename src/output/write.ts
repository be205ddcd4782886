import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { copyFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { listFiles } from './fingerprint.js';
import { linkFilesNow, makeDirsNow } from '../util/files.js';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Output } from '../render/renderSite.js';

/** A folder copied as it is into the output: theme assets, content media. */
export interface CopyDir {
  from: string;
  to: string;
}

/**
 * The build cache's record of a copied file (by its path in the output): the source's size and
 * modification time when it was copied, the bytes' hash, and the copy's modification time.
 */
export interface CopyRecord {
  srcSize: number;
  srcMtimeMs: number;
  sha256: string;
  outMtimeMs: number;
}

/** Copied files of the last build, to link from its output folder instead of copying and hashing again. */
export interface CopyReuse {
  index: ReadonlyMap<string, CopyRecord>;
  oldDir: string;
}

/**
 * A site being written into a staging folder beside the output folder, swapped in at the end, so a
 * failed or interrupted build never leaves a half-written or emptied site. Pages are written as they
 * are rendered (`add`), and the folder replaces the output folder only at `commit`, after the checks.
 * The text hashed for the manifest is the text written.
 */
export class StagedSite {
  readonly hashes = new Map<string, FileHash>();
  private dirs = new Set<string>();
  private failed?: unknown;
  private removing?: Promise<void>;
  /** Some reused file could not be linked and was copied: its modification time is new. */
  linksCopied = false;

  private constructor(
    private readonly outDir: string,
    readonly staging: string,
  ) {}

  static async open(outDir: string): Promise<StagedSite> {
    const parent = path.dirname(path.resolve(outDir));
    const staging = path.join(parent, `.${path.basename(outDir)}-staging-${process.pid}`);
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    return new StagedSite(outDir, staging);
  }

  /**
   * Write these outputs now; an error surfaces at `commit`. A page reused from the last build is
   * hard-linked from the old output folder (copied where links fail), not written again: its bytes
   * are the ones recorded. Pages are written as they are rendered, a few at a time: deferring the
   * writes to later turns of the event loop let them wait behind rendering, and every page's text
   * piled up in memory.
   */
  add(outputs: readonly Output[]): void {
    const list = outputs.filter((o) => !this.hashes.has(o.path));
    const files: { path: string; content: Buffer | string; site: string }[] = [];
    const links: { from: string; to: string }[] = [];
    for (const o of list) {
      const to = path.join(this.staging, o.path);
      if (o.written) {
        // A worker thread wrote it (see `Prepare.writeTo`).
        if (o.writeError) this.failed ??= this.writeFailed(o.writeError, o.path);
        else this.hashes.set(o.path, o.hash!);
      } else if (o.reused) {
        links.push({ from: o.reused.from, to });
        this.hashes.set(o.path, { sha256: o.reused.sha256, size: o.reused.size });
      } else {
        files.push({ path: to, content: o.content, site: o.path });
      }
    }
    if (this.failed) return;
    let site: string | undefined;
    try {
      this.makeDirsFor([...files.map((f) => f.path), ...links.map((l) => l.to)]);
      for (const f of files) this.hashes.set((site = f.site), writeHashed(f.path, f.content));
      site = undefined;
      if (linkFilesNow(links).copied > 0) this.linksCopied = true;
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { dest?: string };
      // A failed write (a full disk) has no path in Node's error: the file being written is named.
      this.failed = e?.code ? this.writeFailed(e, site) : err;
    }
  }

  /**
   * A file or folder that could not be made, named by its place in the output folder (Node's error
   * names the staging folder, which the user never sees): "could not write dist/a/index.html: no
   * space left on device (ENOSPC)".
   */
  private writeFailed(err: { message: string; code?: string; path?: string; dest?: string }, site?: string): Error {
    // The path in the staging folder: a link's or copy's is its destination.
    const inStaging = [err.dest, err.path].find((p) => p?.startsWith(this.staging + path.sep));
    const at = inStaging ? path.relative(this.staging, inStaging).split(path.sep).join('/') : site;
    // Node's message is "CODE: what, syscall 'path'" or "CODE: what, syscall": what is kept.
    const what = err.message.replace(/^[A-Z]+: /, '').replace(/, \w+(?: '.*')?$/s, '');
    return new Error(`could not write ${path.basename(this.outDir)}/${at ?? ''}: ${what}${err.code ? ` (${err.code})` : ''}`);
  }


  /**
   * Copied files by their path in the output: the source's size and modification time, and the
   * hash when the file was taken from the last build (unchanged since).
   */
  readonly copied = new Map<string, { srcSize: number; srcMtimeMs: number; sha256?: string }>();

  /**
   * Write what is left and the copied folders, then swap the staging folder in. With `reuse`, a
   * copied file whose source has the size and modification time recorded, and whose copy in the
   * last output is untouched, is linked from there and keeps its recorded hash.
   */
  async commit(outputs: readonly Output[], copies: readonly CopyDir[], reuse?: CopyReuse): Promise<Map<string, FileHash>> {
    // Outputs win over copied files of the same name, as if written after them.
    for (const c of copies) {
      const files = (await listFiles(c.from)).filter((f) => !this.hashes.has(`${c.to}/${f}`));
      const links: { from: string; to: string }[] = [];
      try {
        this.makeDirsFor(files.map((f) => path.join(this.staging, c.to, f)));
        for (const f of files) {
          const site = `${c.to}/${f}`;
          const src = path.join(c.from, f);
          const to = path.join(this.staging, c.to, f);
          // A later folder's file replaces an earlier one's of the same name (the site's own theme
          // assets over the built-in ones, in serve).
          if (this.copied.has(site)) rmSync(to, { force: true });
          const st = statSync(src);
          const rec = reuse?.index.get(site);
          const old = rec && rec.srcSize === st.size && rec.srcMtimeMs === st.mtimeMs ? statSync(path.join(reuse!.oldDir, site), { throwIfNoEntry: false }) : undefined;
          if (rec && old && old.size === rec.srcSize && old.mtimeMs === rec.outMtimeMs) {
            links.push({ from: path.join(reuse!.oldDir, site), to });
            this.copied.set(site, { srcSize: st.size, srcMtimeMs: st.mtimeMs, sha256: rec.sha256 });
          } else {
            copyFileSync(src, to);
            this.copied.set(site, { srcSize: st.size, srcMtimeMs: st.mtimeMs });
          }
        }
        linkFilesNow(links);
      } catch (err) {
        this.failed ??= err;
      }
    }
    this.add(outputs);
    if (this.failed) throw this.failed;
    const old = path.join(path.dirname(this.staging), `.${path.basename(this.outDir)}-old-${process.pid}`);
    const hadOld = await exists(this.outDir);
    if (hadOld) await rename(this.outDir, old);
    await rename(this.staging, this.outDir);
    // The old folder is removed while the caller writes the manifest and the caches: see `settled`.
    if (hadOld) this.removing = removeElsewhere(old);
    return this.hashes;
  }

  /** Make the folders these files go in, each once per build. */
  private makeDirsFor(files: readonly string[]): void {
    const dirs = [...new Set(files.map((f) => path.dirname(f)))].filter((d) => !this.dirs.has(d)).sort();
    for (const d of dirs) this.dirs.add(d);
    makeDirsNow(dirs);
  }

  /** Wait until the replaced output folder is gone. */
  async settled(): Promise<void> {
    await this.removing;
  }

  /** Remove the staging folder: the output folder stays as it was. */
  async abort(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
  }
}

/** A written file's SHA-256 (hex) and size, for the manifest. */
export interface FileHash {
  sha256: string;
  size: number;
}

/**
 * Write a file into a folder that exists, and return the SHA-256 and size of the bytes written (the
 * text hashed for the manifest is the text written). Text is encoded to UTF-8 once, into a scratch
 * buffer kept for the next file: hashing a string, measuring it and writing it encoded it three
 * times, and a Buffer per page lived outside V8's heap until a full collection. Called by the main
 * thread for its pages and by worker threads for theirs.
 */
export function writeHashed(file: string, content: string | Buffer): FileHash {
  const bytes = typeof content === 'string' ? encodeInScratch(content) : content;
  writeFileSync(file, bytes);
  return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
}

let scratch: Buffer | undefined;
/** Text above this many UTF-16 units gets its own buffer rather than a scratch buffer kept for good. */
const SCRATCH_MAX_UNITS = 4 << 20;

/** The text as UTF-8, in the scratch buffer (valid until the next call). */
function encodeInScratch(text: string): Buffer {
  if (text.length > SCRATCH_MAX_UNITS) return Buffer.from(text);
  // A UTF-16 unit takes at most 3 bytes in UTF-8 (a surrogate pair, two units, takes 4).
  const room = text.length * 3;
  if (!scratch || scratch.length < room) scratch = Buffer.allocUnsafeSlow(Math.max(room, 1 << 20));
  return scratch.subarray(0, scratch.write(text, 'utf8'));
}

/**
 * Remove a folder on a short-lived worker thread. Removing the replaced output (6,000 folders at
 * 4,000 posts) costs about 0.35 s of CPU; with fs/promises most of it runs as callbacks on this
 * thread, which meanwhile writes the manifest and the caches. Falls back to doing it here.
 */
function removeElsewhere(dir: string): Promise<void> {
  return new Promise<void>((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker("require('node:fs').rmSync(require('node:worker_threads').workerData, { recursive: true, force: true });", { eval: true, workerData: dir });
    } catch {
      void rm(dir, { recursive: true, force: true }).then(resolve, resolve);
      return;
    }
    worker.once('error', () => void rm(dir, { recursive: true, force: true }).then(resolve, resolve));
    worker.once('exit', (code) => (code === 0 ? resolve() : void rm(dir, { recursive: true, force: true }).then(resolve, resolve)));
  });
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
