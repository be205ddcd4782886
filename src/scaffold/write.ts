import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface WriteReport {
  /** Files written, relative to the root, in the order given. */
  written: string[];
  /** Files that were there already and were left as they are. */
  kept: string[];
}

/** Write files under a root, never replacing one that exists (the check and the write are one step). */
export async function writeNewFiles(root: string, files: Readonly<Record<string, string | Buffer>>): Promise<WriteReport> {
  const report: WriteReport = { written: [], kept: [] };
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    try {
      await writeFile(abs, content, { flag: 'wx' });
      report.written.push(rel);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      report.kept.push(rel);
    }
  }
  return report;
}
