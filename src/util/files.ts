import { readFileSync, mkdirSync, linkSync, copyFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Many small files, read in slices of `SLICE` with the event loop free in between, and written at
 * once, synchronously.
 *
 * Why not fs/promises: each readFile there is an open, an fstat, reads and a close, every one a
 * round trip through libuv's thread pool and a promise. Measured on this project's 4,000-post
 * corpus (files of about 7 KB, 2 cores): reading them all took 560–700 ms with fs/promises (64 at
 * a time), 200–400 ms with the callback API, and 45–55 ms with readFileSync; writing 6,000 pages
 * of 47 KB took 400–480 ms and 700 ms of CPU with fs/promises, 275–345 ms and 270 ms of CPU
 * synchronously. A slice of 64 small files blocks for about a millisecond, so a server on the
 * same thread (serve) still answers between slices.
 */
const SLICE = 64;

const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

async function readSliced<T>(files: readonly string[], read: (file: string) => T): Promise<T[]> {
  const out: T[] = new Array(files.length);
  for (let i = 0; i < files.length; i += SLICE) {
    if (i > 0) await yieldNow();
    const end = Math.min(files.length, i + SLICE);
    for (let k = i; k < end; k++) out[k] = read(files[k]!);
  }
  return out;
}

/** Read files as UTF-8 text, in order. Rejects with the first error (with its path, as fs gives it). */
export const readTexts = (files: readonly string[]): Promise<string[]> => readSliced(files, (f) => readFileSync(f, 'utf8'));

/** Read files as bytes, in order. */
export const readBuffers = (files: readonly string[]): Promise<Buffer[]> => readSliced(files, (f) => readFileSync(f));

/** Write a file through a temporary one beside it, so a crash never leaves half a file (caches, manifests). */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

/** The folders a path inside a site ("/"-separated) lies in, outermost first: "a/b/c" → "a", "a/b". */
export function* foldersOf(site: string): Generator<string> {
  for (let i = site.indexOf('/'); i !== -1; i = site.indexOf('/', i + 1)) yield site.slice(0, i);
}

/** Make folders, with their parents. */
export function makeDirsNow(dirs: Iterable<string>): void {
  for (const d of dirs) mkdirSync(d, { recursive: true });
}

/**
 * Hard-link files: the new output folder shares the unchanged pages' bytes with the old one, which
 * is then removed. Where a link cannot be made (another file system, a file system without links),
 * the file is copied (a copy has a new modification time: the count says how many were).
 */
export function linkFilesNow(pairs: readonly { from: string; to: string }[]): { copied: number } {
  let canLink = true;
  let copied = 0;
  for (const { from, to } of pairs) {
    if (canLink) {
      try {
        linkSync(from, to);
        continue;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') throw err;
        canLink = false;
      }
    }
    copyFileSync(from, to);
    copied++;
  }
  return { copied };
}
