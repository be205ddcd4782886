import { mkdir, rename, rm, writeFile, cp, stat } from 'node:fs/promises';
import path from 'node:path';
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
export async function writeSite(outDir: string, outputs: readonly Output[], copies: readonly CopyDir[]): Promise<void> {
  const parent = path.dirname(path.resolve(outDir));
  const name = path.basename(outDir);
  const staging = path.join(parent, `.${name}-staging-${process.pid}`);
  const old = path.join(parent, `.${name}-old-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    for (const c of copies) {
      if (await exists(c.from)) await cp(c.from, path.join(staging, c.to), { recursive: true });
    }
    const dirs = new Set(outputs.map((o) => path.dirname(path.join(staging, o.path))));
    for (const d of [...dirs].sort()) await mkdir(d, { recursive: true });
    // Bounded parallelism: enough to keep the disk busy without opening thousands of files at once.
    const queue = [...outputs];
    const workers = Array.from({ length: 16 }, async () => {
      for (let o = queue.pop(); o; o = queue.pop()) await writeFile(path.join(staging, o.path), o.content);
    });
    await Promise.all(workers);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  const hadOld = await exists(outDir);
  if (hadOld) await rename(outDir, old);
  await rename(staging, outDir);
  if (hadOld) await rm(old, { recursive: true, force: true });
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
