import path from 'node:path';
import { makeDirsNow } from '../util/files.js';
import { scanHtml } from '../check/html.js';
import { writeHashed } from '../output/write.js';
import type { Output, Prepare } from '../render/renderSite.js';

/**
 * What a worker thread does with a page it rendered, so the main thread does not: scan it for the
 * link check, write it into the staging folder and hash what it wrote. The main thread was the one
 * the other threads waited for: it wrote every page of the site, and receiving each page's text cost
 * it too. Only the hash, the size and the scan go back to it; a failed write goes back as
 * `writeError`, and the main thread fails the build with it. `madeDirs`: folders made so far.
 */
export function preparePage(o: Output, what: Prepare, madeDirs: Set<string>): void {
  if (what.scan && o.path.endsWith('.html')) o.scan = scanHtml(String(o.content)).parts;
  if (what.writeTo === undefined) return;
  try {
    const file = path.join(what.writeTo, o.path);
    const dir = path.dirname(file);
    if (!madeDirs.has(dir)) {
      makeDirsNow([dir]);
      madeDirs.add(dir);
    }
    o.hash = writeHashed(file, o.content);
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { dest?: string };
    o.writeError = { message: e?.message ?? String(err), code: e?.code, path: e?.path, dest: e?.dest };
  }
  o.written = true;
  o.content = '';
}
