import { createHash } from 'node:crypto';
import { readBuffers } from '../util/files.js';
import { listFiles } from '../output/fingerprint.js';
import path from 'node:path';

/**
 * Everything a build's output is made from, as one hash: the cache key (Awning, Node, config and
 * flags), every Markdown file's hash, the data files, the template and asset files, the copied
 * media (names and hashes). The clock is the caller's: it records when the output goes stale (the
 * next scheduled post, the next day in the site's zone).
 */
export async function inputFingerprint(parts: {
  key: string;
  options: unknown;
  contentHashes: readonly string[];
  dataTexts: readonly string[];
  templateDirs: readonly string[];
  mediaHashes: readonly string[];
}): Promise<string> {
  const h = createHash('sha1');
  h.update(JSON.stringify([parts.key, parts.options]));
  for (const c of parts.contentHashes) h.update(c);
  for (const d of parts.dataTexts) h.update(d).update('\0');
  // Every folder listed and every file read at once; hashed in a fixed order.
  const templates = await Promise.all(parts.templateDirs.map(async (dir) => {
    const files = await listFiles(dir);
    const bytes = await readBuffers(files.map((f) => path.join(dir, f)));
    return files.map((f, i) => [f, bytes[i]!] as const);
  }));
  for (const files of templates) for (const [f, bytes] of files) h.update(f).update('\0').update(bytes);
  for (const m of parts.mediaHashes) h.update(m).update('\0');
  return h.digest('hex');
}
