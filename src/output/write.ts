import { mkdir, rename, rm, stat, copyFile } from 'node:fs/promises';
import { listFiles } from './fingerprint.js';
import { writeFiles, linkFiles } from '../util/files.js';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Output } from '../render/renderSite.js';

/** A folder copied as it is into the output: theme assets, content media. */
export interface CopyDir {
  from: string;
  to: string;
}

/**
 * A site being written into a staging folder beside the output folder, swapped in at the end, so a
 * failed or interrupted build never leaves a half-written or emptied site. Pages can be written while others are still being
 * rendered (`add`), and the folder replaces the output folder only at `commit`, after the checks.
 * Each file is encoded once: the bytes written are the bytes hashed for the manifest.
 */
export class StagedSite {
  readonly hashes = new Map<string, FileHash>();
  private dirs = new Set<string>();
  private pending: Promise<void>[] = [];
  private failed?: unknown;

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
   * Start writing these outputs (a slice at a time); an error surfaces at `commit`. A page reused
   * from the last build is hard-linked from the old output folder (copied where links fail), not
   * written again: its bytes are the ones recorded.
   */
  add(outputs: readonly Output[]): void {
    const list = outputs.filter((o) => !this.hashes.has(o.path));
    const bytes = new Map<string, Buffer>();
    const links: { from: string; to: string }[] = [];
    for (const o of list) {
      if (o.reused) {
        links.push({ from: o.reused.from, to: path.join(this.staging, o.path) });
        this.hashes.set(o.path, { sha256: o.reused.sha256, size: o.reused.size });
        continue;
      }
      const b = typeof o.content === 'string' ? Buffer.from(o.content) : o.content;
      bytes.set(o.path, b);
      this.hashes.set(o.path, { sha256: createHash('sha256').update(b).digest('hex'), size: b.length });
    }
    const job = (async () => {
      const dirs = [...new Set(list.map((o) => path.dirname(path.join(this.staging, o.path))))].filter((d) => !this.dirs.has(d)).sort();
      for (const d of dirs) this.dirs.add(d);
      await writeFiles(dirs, list.filter((o) => !o.reused).map((o) => ({ path: path.join(this.staging, o.path), bytes: bytes.get(o.path)! })));
      await linkFiles(links);
    })().catch((err: unknown) => {
      this.failed ??= err;
    });
    this.pending.push(job);
  }

  /** Write what is left and the copied folders, then swap the staging folder in. */
  async commit(outputs: readonly Output[], copies: readonly CopyDir[]): Promise<Map<string, FileHash>> {
    // Folders already made for pages may be needed by the copies: wait for the pages first.
    await Promise.all(this.pending);
    // Outputs win over copied files of the same name, as if written after them.
    for (const c of copies) await copyTree(c.from, path.join(this.staging, c.to), (f) => this.hashes.has(`${c.to}/${f}`));
    this.add(outputs);
    await Promise.all(this.pending);
    if (this.failed) throw this.failed;
    const old = path.join(path.dirname(this.staging), `.${path.basename(this.outDir)}-old-${process.pid}`);
    const hadOld = await exists(this.outDir);
    if (hadOld) await rename(this.outDir, old);
    await rename(this.staging, this.outDir);
    if (hadOld) await rm(old, { recursive: true, force: true });
    return this.hashes;
  }

  /** Remove the staging folder: the output folder stays as it was. */
  async abort(): Promise<void> {
    await Promise.all(this.pending);
    await rm(this.staging, { recursive: true, force: true });
  }
}

/** A written file's SHA-256 (hex) and size, for the manifest. */
export interface FileHash {
  sha256: string;
  size: number;
}

/** Run fn over items, 64 at a time. */
export async function inBatches<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      for (let item = queue.pop(); item !== undefined; item = queue.pop()) await fn(item);
    }),
  );
}

/** Copy a folder's files (if it exists): the same files listFiles names for the manifest and the check. */
async function copyTree(from: string, to: string, skip: (file: string) => boolean = () => false): Promise<void> {
  const files = (await listFiles(from)).filter((f) => !skip(f));
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
