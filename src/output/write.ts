import { mkdir, rename, rm, writeFile, stat, copyFile } from 'node:fs/promises';
import { listFiles } from './fingerprint.js';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Output } from '../render/renderSite.js';

/** A folder copied as it is into the output: theme assets, content media. */
export interface CopyDir {
  from: string;
  to: string;
}

/**
 * Write every output into a staging folder beside the output folder, then swap it in,
 * so a failed or interrupted build never leaves a half-written or emptied site.
 */
export async function writeSite(outDir: string, outputs: readonly Output[], copies: readonly CopyDir[]): Promise<Map<string, FileHash>> {
  const hashes = new Map<string, FileHash>();
  const parent = path.dirname(path.resolve(outDir));
  const name = path.basename(outDir);
  const staging = path.join(parent, `.${name}-staging-${process.pid}`);
  const old = path.join(parent, `.${name}-old-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    for (const c of copies) await copyTree(c.from, path.join(staging, c.to));
    // Folders first, then the files; bounded parallelism keeps the disk busy without opening
    // thousands of files at once.
    const dirs = [...new Set(outputs.map((o) => path.dirname(path.join(staging, o.path))))].sort();
    // Recursive mkdir tolerates a parent made meanwhile by a sibling, so folders can be made in parallel.
    await inBatches(dirs, (d) => mkdir(d, { recursive: true }).then(() => undefined));
    // Each page is encoded once: the bytes written are the bytes hashed for the manifest.
    await inBatches(outputs, (o) => {
      const bytes = typeof o.content === 'string' ? Buffer.from(o.content) : o.content;
      hashes.set(o.path, { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length });
      return writeFile(path.join(staging, o.path), bytes);
    });
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  const hadOld = await exists(outDir);
  if (hadOld) await rename(outDir, old);
  await rename(staging, outDir);
  if (hadOld) await rm(old, { recursive: true, force: true });
  return hashes;
}

/** A written file's SHA-256 (hex) and size, for the manifest. */
export interface FileHash {
  sha256: string;
  size: number;
}

/** Run fn over items, 64 at a time. */
async function inBatches<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      for (let item = queue.pop(); item !== undefined; item = queue.pop()) await fn(item);
    }),
  );
}

/** Copy a folder's files (if it exists): the same files listFiles names for the manifest and the check. */
async function copyTree(from: string, to: string): Promise<void> {
  const files = await listFiles(from);
  const dirs = [...new Set(files.map((f) => path.dirname(path.join(to, f))))];
  await inBatches(dirs, (d) => mkdir(d, { recursive: true }).then(() => undefined));
  await inBatches(files, (f) => copyFile(path.join(from, f), path.join(to, f)));
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
