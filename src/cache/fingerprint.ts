import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { listFiles } from '../output/fingerprint.js';
import path from 'node:path';

/**
 * Everything a build's output is made from, as one hash: the cache key (Awning, Node, config and
 * flags), every Markdown file's hash, the data files, the template and asset files, the copied
 * media (names, sizes, modification times), and the day in the site's zone with the number of
 * published posts (so a post scheduled for today, or a new year, makes a new build).
 */
export async function inputFingerprint(parts: {
  key: string;
  options: unknown;
  contentHashes: readonly string[];
  dataTexts: readonly string[];
  templateDirs: readonly string[];
  mediaDirs: readonly string[];
  day: string;
  published: number;
}): Promise<string> {
  const h = createHash('sha1');
  h.update(JSON.stringify([parts.key, parts.options, parts.day, parts.published]));
  for (const c of parts.contentHashes) h.update(c);
  for (const d of parts.dataTexts) h.update(d).update('\0');
  for (const dir of parts.templateDirs) {
    for (const f of await listFiles(dir)) h.update(f).update('\0').update(await readFile(path.join(dir, f)));
  }
  for (const dir of parts.mediaDirs) {
    for (const f of await listFiles(dir)) {
      const s = await stat(path.join(dir, f));
      h.update(`${f}\0${s.size}\0${s.mtimeMs}\0`);
    }
  }
  return h.digest('hex');
}
