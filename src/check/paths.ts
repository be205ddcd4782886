import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildResult } from '../build.js';
import { foldersOf } from '../util/files.js';
import { rel as relTo } from '../load/loadData.js';
import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * A page written where a copied file (content media, a theme asset) stands, or inside it: a page at
 * /media/logo.svg/ is dist/media/logo.svg/index.html, which needs a folder where the media file
 * content/media/logo.svg is a file. The build could write only one of them; it used to fail while
 * writing, with an operating system error naming its staging folder. A page of exactly a copied
 * file's name replaces it, on purpose.
 */
export function pathConflicts(result: BuildResult, copied: ReadonlyMap<string, string>): BuildResult {
  const { config, model } = result;
  if (!result.ok || !config || !model) return result;
  const outputs = new Set(result.outputs.map((o) => o.path));
  // Looked up only for a conflict: most builds have none.
  let byOutput: Map<string, (typeof model.routes)[number]> | undefined;
  const routeAt = (o: string) => (byOutput ??= new Map(model.routes.map((r) => [r.output, r] as const))).get(o);
  const rel = (abs: string) => relTo(config.root, abs);
  const out = path.basename(path.resolve(config.root, config.dirs.output));
  const found: Diagnostic[] = [];
  for (const o of outputs) {
    for (const a of foldersOf(o)) {
      const src = copied.get(a);
      if (src === undefined) continue;
      const route = routeAt(o);
      found.push(
        diagnostic(
          'AWN500',
          route?.page.file ? permalinkLine(config.root, route.page.file) : { file: rel(src) },
          `The page ${route?.url ?? `/${o}`} would be written to ${out}/${o}, inside ${out}/${a}, which is the file ${rel(src)} copied as it is.`,
          route?.page.file ? 'give the page another "permalink", or rename the file.' : 'rename or move the file.',
        ),
      );
      break;
    }
  }
  for (const [c, src] of copied) {
    if (outputs.has(c)) continue;
    for (const a of foldersOf(c)) {
      if (!outputs.has(a)) continue;
      const route = routeAt(a);
      found.push(
        diagnostic(
          'AWN500',
          { file: rel(src) },
          `The file ${rel(src)} would be copied to ${out}/${c}, inside ${out}/${a}, which is the page ${route?.url ?? `/${a}`}${route?.page.file ? ` (${route.page.file})` : ''}.`,
          'rename or move the file, or give the page another "permalink".',
        ),
      );
      break;
    }
  }
  if (!found.length) return result;
  const all = sortDiagnostics([...result.diagnostics, ...found]);
  return { ...result, ok: !hasErrors(all), diagnostics: all };
}

/** A page's source at its "permalink" line (the line to change), or the file alone. */
function permalinkLine(root: string, file: string): { file: string; line?: number; column?: number; source?: string } {
  try {
    const source = readFileSync(path.join(root, file), 'utf8');
    const lines = source.split('\n');
    const i = lines.findIndex((l) => /^permalink\s*:/.test(l));
    return i === -1 ? { file } : { file, line: i + 1, column: 1, source };
  } catch {
    return { file };
  }
}
