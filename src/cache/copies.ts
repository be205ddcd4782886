import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../util/files.js';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { CopyRecord } from '../output/write.js';
import type { Manifest } from '../output/manifest.js';

/**
 * The build cache's record of copied files (content media): a file whose source still has the
 * recorded size and modification time, and whose copy in the output folder is untouched, is linked
 * from there with its recorded hash instead of being copied and read again for the manifest (as
 * make and git trust a file's size and time). Kept per output folder.
 */
const FILE = 'copies.json';

export async function readCopyIndex(dir: string, outDir: string): Promise<Map<string, CopyRecord> | undefined> {
  try {
    const stored = JSON.parse(await readFile(path.join(dir, FILE), 'utf8')) as { outDir: string; entries: [string, CopyRecord][] };
    return stored.outDir === outDir ? new Map(stored.entries) : undefined;
  } catch {
    return undefined;
  }
}

/** Record the files just copied into `outDir`, with their hashes from the manifest. */
export async function writeCopyIndex(
  dir: string,
  outDir: string,
  copied: ReadonlyMap<string, { srcSize: number; srcMtimeMs: number }>,
  manifest: Manifest,
): Promise<void> {
  const entries: [string, CopyRecord][] = [];
  for (const [file, c] of copied) {
    const m = manifest.files[file];
    const out = statSync(path.join(outDir, file), { throwIfNoEntry: false });
    if (m && out) entries.push([file, { srcSize: c.srcSize, srcMtimeMs: c.srcMtimeMs, sha256: m.sha256, outMtimeMs: out.mtimeMs }]);
  }
  await writeFileAtomic(path.join(dir, FILE), JSON.stringify({ outDir, entries }));
}
