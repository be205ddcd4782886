import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { copyFileSync, lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { listFiles } from './fingerprint.js';
import { compiledModule } from '../util/home.js';
import { foldersOf, linkFilesNow, makeDirsNow } from '../util/files.js';
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

/** What an in-place commit needs of the last build (see `StagedSite.commit`). */
export interface InPlace {
  /** Every file of the output folder, by the last build's manifest. */
  previous: ReadonlySet<string>;
  /** What the output folder holds, listed on another thread while this one built (see `listOutputElsewhere`). */
  listing?: Promise<OutputListing | undefined>;
  /** A page's hash, size and modification time as the page record has them. */
  page: (site: string) => { sha256: string; size: number; mtimeMs: number } | undefined;
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
  /** Files in the staging folder (written or copied there), by path in the site. */
  private readonly staged = new Set<string>();
  private dirs = new Set<string>();
  private failed?: unknown;
  private removing?: Promise<void>;
  /** Some reused file could not be linked and was copied: its modification time is new. */
  linksCopied = false;
  /** After an in-place commit: the files renamed into the output folder (new files there). */
  placed?: Set<string>;

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
   * Write these outputs now (pages rendered by this build); an error surfaces at `commit`. Pages
   * are written as they are rendered, a few at a time: deferring the writes to later turns of the
   * event loop let them wait behind rendering, and every page's text piled up in memory.
   */
  add(outputs: readonly Output[]): void {
    const files: { path: string; content: Buffer | string; site: string }[] = [];
    for (const o of outputs) {
      if (this.hashes.has(o.path)) continue;
      if (o.written) {
        // A worker thread wrote it (see `Prepare.writeTo`).
        if (o.writeError) this.failed ??= this.writeFailed(o.writeError, o.path);
        else {
          this.hashes.set(o.path, o.hash!);
          this.staged.add(o.path);
        }
      } else {
        files.push({ path: path.join(this.staging, o.path), content: o.content, site: o.path });
      }
    }
    if (this.failed) return;
    let site: string | undefined;
    try {
      this.makeDirsFor(files.map((f) => f.path));
      for (const f of files) {
        this.hashes.set((site = f.site), writeHashed(f.path, f.content));
        this.staged.add(f.site);
      }
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
   * Write what is left and the copied folders, and put the site in the output folder. With `reuse`,
   * a copied file whose source has the size and modification time recorded, and whose copy in the
   * last output is untouched, is taken from there and keeps its recorded hash.
   *
   * Two ways to put it there:
   * - **Swap** (a first build, or most files new): files taken from the last output are hard-linked
   *   into the staging folder, which then replaces the output folder whole; the old one is removed
   *   on another thread (see `settled`).
   * - **In place** (`inPlace`, when fewer files are new than are kept): the new and changed files
   *   are renamed from the staging folder into the output folder one by one, files of the last
   *   build that this one does not make are deleted, and everything else is not touched (so its
   *   modification time stays, for deploy tools that compare times). At 4,000 posts with one post
   *   changed, linking 8,600 files and removing the old folder cost more than the rest of writing.
   *   Only when the output folder holds nothing but the last build's files: a file put there by
   *   hand would survive, and the folder would differ from a clean build's, so the build swaps.
   */
  async commit(outputs: readonly Output[], copies: readonly CopyDir[], reuse?: CopyReuse, inPlace?: InPlace): Promise<Map<string, FileHash>> {
    // Files taken from the last output: linked into the staging folder to swap, or left where they are.
    const kept: { from: string; to: string; site: string }[] = [];
    // The last output's copies as listed on another thread (2,600 stats fewer here at 4,000 posts).
    const listing = inPlace && reuse?.oldDir === this.outDir ? await inPlace.listing : undefined;
    const oldCopy = (site: string): { size: number; mtimeMs: number } | undefined =>
      listing?.dir === this.outDir ? listedFile(listing, site) : statSync(path.join(reuse!.oldDir, site), { throwIfNoEntry: false });
    // Outputs win over copied files of the same name, as if written after them.
    const outputPaths = new Set(outputs.map((o) => o.path));
    for (const c of copies) {
      const files = (await listFiles(c.from)).filter((f) => !outputPaths.has(`${c.to}/${f}`));
      try {
        this.makeDirsFor(files.map((f) => path.join(this.staging, c.to, f)));
        for (const f of files) {
          const site = `${c.to}/${f}`;
          const src = path.join(c.from, f);
          const to = path.join(this.staging, c.to, f);
          // A later folder's file replaces an earlier one's of the same name (the site's own theme
          // assets over the built-in ones, in serve).
          if (this.copied.has(site)) {
            rmSync(to, { force: true });
            this.staged.delete(site);
            const i = kept.findIndex((k) => k.site === site);
            if (i >= 0) kept.splice(i, 1);
          }
          const st = statSync(src);
          const rec = reuse?.index.get(site);
          const old = rec && rec.srcSize === st.size && rec.srcMtimeMs === st.mtimeMs ? oldCopy(site) : undefined;
          if (rec && old && old.size === rec.srcSize && old.mtimeMs === rec.outMtimeMs) {
            kept.push({ from: path.join(reuse!.oldDir, site), to, site });
            this.copied.set(site, { srcSize: st.size, srcMtimeMs: st.mtimeMs, sha256: rec.sha256 });
          } else {
            copyFileSync(src, to);
            this.staged.add(site);
            this.copied.set(site, { srcSize: st.size, srcMtimeMs: st.mtimeMs });
          }
        }
      } catch (err) {
        this.failed ??= err;
      }
    }
    for (const o of outputs) {
      if (!o.reused || this.hashes.has(o.path)) continue;
      kept.push({ from: o.reused.from, to: path.join(this.staging, o.path), site: o.path });
      this.hashes.set(o.path, { sha256: o.reused.sha256, size: o.reused.size });
    }
    this.add(outputs.filter((o) => !o.reused));
    if (this.failed) throw this.failed;
    if (inPlace && this.staged.size < kept.length && !this.fileBecomesFolder(inPlace.previous) && (await this.onlyLastBuildIn(inPlace))) {
      this.putInPlace(inPlace);
      return this.hashes;
    }
    try {
      this.makeDirsFor(kept.map((k) => k.to));
      if (linkFilesNow(kept).copied > 0) this.linksCopied = true;
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { dest?: string };
      throw e?.code ? this.writeFailed(e) : err;
    }
    const old = path.join(path.dirname(this.staging), `.${path.basename(this.outDir)}-old-${process.pid}`);
    const hadOld = await exists(this.outDir);
    if (hadOld) await rename(this.outDir, old);
    await rename(this.staging, this.outDir);
    // The old folder is removed while the caller writes the manifest and the caches: see `settled`.
    if (hadOld) this.removing = removeElsewhere(old);
    return this.hashes;
  }

  /**
   * Whether a path of this build is a folder where the last build had a file, or the reverse
   * (content/media/gallery/ replaced by a file of that name, a permalink moved from /x.html/ to
   * /x.html). In place, that would take a file and a folder swapping places half way through: such
   * a build swaps the whole folder.
   */
  private fileBecomesFolder(previous: ReadonlySet<string>): boolean {
    const now = new Set([...this.hashes.keys(), ...this.copied.keys()]);
    const underFileOf = (f: string, files: ReadonlySet<string>) => {
      for (const d of foldersOf(f)) if (files.has(d)) return true;
      return false;
    };
    for (const f of now) if (underFileOf(f, previous)) return true;
    for (const f of previous) if (underFileOf(f, now)) return true;
    return false;
  }

  /** Whether the output folder holds only files of the last build's manifest, and no empty folder, and can take renames from the staging folder. */
  private async onlyLastBuildIn(inPlace: InPlace): Promise<boolean> {
    // Files are renamed from the staging folder: both must be on one file system (dist/ may be a
    // link to another).
    if (statSync(this.outDir, { throwIfNoEntry: false })?.dev !== statSync(this.staging).dev) return false;
    const listing = (await inPlace.listing) ?? listOutput(this.outDir);
    return listing !== undefined && listing.dir === this.outDir && !listing.emptyFolder && listing.files.every((f) => inPlace.previous.has(f));
  }

  /**
   * The new and changed files into the output folder, by renames; the last build's files this one
   * does not make, deleted (with the folders they leave empty). A page whose new bytes are the ones
   * the output folder holds (by the page record, with its size and time) is left as it is.
   */
  private putInPlace(inPlace: InPlace): void {
    const dirs = new Set<string>();
    const placed = new Set<string>();
    this.placed = placed;
    let site: string | undefined;
    try {
      for (site of [...this.staged].sort()) {
        const h = this.hashes.get(site)!;
        const before = inPlace.page(site);
        const to = path.join(this.outDir, site);
        if (before && before.sha256 === h.sha256 && before.size === h.size) {
          const st = statSync(to, { throwIfNoEntry: false });
          if (st && st.size === before.size && st.mtimeMs === before.mtimeMs) continue;
        }
        const dir = path.dirname(to);
        if (!dirs.has(dir)) {
          dirs.add(dir);
          mkdirSync(dir, { recursive: true });
        }
        renameSync(path.join(this.staging, site), to);
        placed.add(site);
      }
      site = undefined;
      const gone = [...inPlace.previous].filter((f) => !this.hashes.has(f) && !this.copied.has(f)).sort().reverse();
      for (const f of gone) {
        rmSync(path.join(this.outDir, f), { force: true });
        // Its folders, while empty (the top one is the output folder itself, kept).
        for (let d = path.dirname(f); d !== '.'; d = path.dirname(d)) {
          try {
            rmdirSync(path.join(this.outDir, d));
          } catch {
            break;
          }
        }
      }
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { dest?: string };
      throw e?.code ? this.writeFailed(e, site) : err;
    }
    this.removing = rm(this.staging, { recursive: true, force: true });
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
 * The files of a folder (paths inside it, with "/") with their sizes and modification times, and
 * whether some folder in it is empty.
 */
export interface OutputListing {
  dir: string;
  files: string[];
  sizes: Float64Array;
  mtimes: Float64Array;
  emptyFolder: boolean;
}

const listingIndex = new WeakMap<OutputListing, Map<string, number>>();

/** A file's size and modification time as a listing has them (undefined: not in the folder). */
export function listedFile(listing: OutputListing, site: string): { size: number; mtimeMs: number } | undefined {
  let index = listingIndex.get(listing);
  if (!index) listingIndex.set(listing, (index = new Map(listing.files.map((f, i) => [f, i] as const))));
  const i = index.get(site);
  return i === undefined ? undefined : { size: listing.sizes[i]!, mtimeMs: listing.mtimes[i]! };
}

/** List a folder here (see `OutputListing`); undefined if it cannot be read. */
export function listOutput(dir: string): OutputListing | undefined {
  const files: string[] = [];
  const stats: number[] = [];
  let emptyFolder = false;
  const walk = (at: string, prefix: string): void => {
    const entries = readdirSync(at, { withFileTypes: true });
    if (entries.length === 0) emptyFolder = true;
    for (const e of entries) {
      const p = path.join(at, e.name);
      if (e.isDirectory()) walk(p, `${prefix}${e.name}/`);
      else {
        const st = lstatSync(p);
        files.push(prefix + e.name);
        stats.push(st.size, st.mtimeMs);
      }
    }
  };
  try {
    walk(dir, '');
  } catch {
    return undefined;
  }
  const sizes = new Float64Array(files.length);
  const mtimes = new Float64Array(files.length);
  for (let i = 0; i < files.length; i++) {
    sizes[i] = stats[2 * i]!;
    mtimes[i] = stats[2 * i + 1]!;
  }
  return { dir, files, sizes, mtimes, emptyFolder };
}

/**
 * List the output folder on a short-lived worker thread, while this one builds. An in-place commit
 * must know that the folder holds nothing but the last build's files, and the plan that a page of
 * the last build is still as it was written (its size and time): listing and stating 6,000 folders
 * and 8,600 files (4,000 posts) takes 0.15-0.2 s. Resolves undefined if the folder cannot be listed there.
 */
export function listOutputElsewhere(dir: string): Promise<OutputListing | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      // This module, compiled, in lib/ (also when it runs from src/ under the tests, or from the bundle).
      worker = new Worker(compiledModule('output/write.js'), { workerData: { listOutput: dir } });
    } catch {
      resolve(undefined);
      return;
    }
    worker.once('message', (m: OutputListing | undefined) => resolve(m));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}

if (!isMainThread && (workerData as { listOutput?: string } | null)?.listOutput) {
  parentPort!.postMessage(listOutput((workerData as { listOutput: string }).listOutput));
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
