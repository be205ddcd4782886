import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../util/files.js';
import { readFileSync, statSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import v8 from 'node:v8';
import type { Route, SiteModel } from '../model/buildSite.js';
import { globalValues, globalsChanged, hashGlobals, lastingContextKey, summaryHashes, type Output, type PageDeps } from '../render/renderSite.js';
import type { ScannedPart } from '../check/html.js';
import type { FileHash } from '../output/write.js';

/**
 * The build cache's record of every page of the last build: what its render read and the hash of
 * what it wrote. A later build renders only the pages whose context, templates or globals changed;
 * the others are linked from the last build's output folder, and their link-check scans are reused.
 * Never trusted across Awning versions, Node versions, configurations or output folders (its key),
 * and each reused file must still be in the output folder with the size and modification time recorded.
 */
export interface StoredPage {
  /** The page's own context (lastingContextKey). */
  key: string;
  /** Index into StoredPages.deps: pages share a handful of template and global sets. */
  deps: number;
  sha256: string;
  size: number;
  /** The written file's modification time: a file changed by hand since is not reused. */
  mtimeMs: number;
  /** The link check's scan of the page (when the build checked links): its parts, by index. */
  parts?: ScannedPart[];
}

/**
 * How scans are stored: each distinct string once, each part once (the header and footer parts are
 * shared by most pages), and every list as numbers. Stored as plain objects, the scans of 6,000 pages
 * took 50 MB and most of a second to write and read back.
 */
interface StoredScans {
  strings: string[];
  /** Per part: [refs, ids, images, shared]. refs: (tag, attr, value, resource) quads of indices. */
  parts: [Int32Array, Int32Array, Int32Array, boolean][];
  /** Per page (by path): its parts' indices. */
  pages: Map<string, Int32Array>;
}

export interface StoredPages {
  key: string;
  outDir: string;
  /** Hash of each global's value. */
  globals: Map<string, string>;
  /** Hash of each template's text, by the name pages load it by. */
  templates: Map<string, string>;
  deps: PageDeps[];
  pages: Map<string, StoredPage>;
}

interface StoredFile extends Omit<StoredPages, 'pages'> {
  pages: Map<string, Omit<StoredPage, 'parts'>>;
  scans: StoredScans;
}

const FILE = 'pages.v8';

function encodeScans(pages: ReadonlyMap<string, StoredPage>): StoredScans {
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const str = (s: string | undefined): number => {
    if (s === undefined) return -1;
    let i = stringIds.get(s);
    if (i === undefined) {
      stringIds.set(s, (i = strings.length));
      strings.push(s);
    }
    return i;
  };
  const parts: StoredScans['parts'] = [];
  const partIds = new Map<ScannedPart, number>();
  const byPage = new Map<string, Int32Array>();
  for (const [file, page] of pages) {
    if (!page.parts) continue;
    byPage.set(
      file,
      Int32Array.from(page.parts, (part) => {
        let i = partIds.get(part);
        if (i === undefined) {
          partIds.set(part, (i = parts.length));
          const refs = new Int32Array(part.refs.length * 4);
          part.refs.forEach((r, k) => {
            refs[k * 4] = str(r.tag);
            refs[k * 4 + 1] = str(r.attr);
            refs[k * 4 + 2] = str(r.value);
            refs[k * 4 + 3] = r.resource ? 1 : 0;
          });
          const ids = new Int32Array(part.ids.size);
          let n = 0;
          for (const id of part.ids) ids[n++] = str(id);
          const images = new Int32Array(part.images.length * 2);
          part.images.forEach((im, k) => {
            images[k * 2] = str(im.src);
            images[k * 2 + 1] = str(im.alt);
          });
          parts.push([refs, ids, images, part.shared]);
        }
        return i;
      }),
    );
  }
  return { strings, parts, pages: byPage };
}

function decodeScans(scans: StoredScans): Map<string, ScannedPart[]> {
  const s = scans.strings;
  const parts = scans.parts.map(([refs, ids, images, shared]): ScannedPart => {
    const part: ScannedPart = { refs: [], ids: new Set(), images: [], shared };
    for (let i = 0; i < refs.length; i += 4) part.refs.push({ tag: s[refs[i]!]!, attr: s[refs[i + 1]!]!, value: s[refs[i + 2]!]!, resource: refs[i + 3] === 1 });
    for (const id of ids) part.ids.add(s[id]!);
    for (let i = 0; i < images.length; i += 2) part.images.push({ src: s[images[i]!]!, alt: images[i + 1]! < 0 ? undefined : s[images[i + 1]!]! });
    return part;
  });
  const out = new Map<string, ScannedPart[]>();
  for (const [file, ids] of scans.pages) out.set(file, Array.from(ids, (i) => parts[i]!));
  return out;
}

export async function readStoredPages(dir: string, key: string, outDir: string): Promise<StoredPages | undefined> {
  try {
    const stored = v8.deserialize(await readFile(path.join(dir, FILE))) as StoredFile;
    if (stored.key !== key || stored.outDir !== outDir) return undefined;
    const scans = decodeScans(stored.scans);
    const pages = new Map<string, StoredPage>();
    for (const [file, page] of stored.pages) pages.set(file, { ...page, parts: scans.get(file) });
    return { key, outDir, globals: stored.globals, templates: stored.templates, deps: stored.deps, pages };
  } catch {
    return undefined;
  }
}

export async function writeStoredPages(dir: string, stored: StoredPages): Promise<void> {
  const pages = new Map<string, Omit<StoredPage, 'parts'>>();
  for (const [file, { parts: _parts, ...page }] of stored.pages) pages.set(file, page);
  await writeFileAtomic(path.join(dir, FILE), v8.serialize({ ...stored, pages, scans: encodeScans(stored.pages) } satisfies StoredFile));
}

/** Hash of a template's text as the environment would find it (the first search path that has it). */
export function templateHasher(searchPaths: readonly string[]): (name: string) => string | undefined {
  const memo = new Map<string, string | undefined>();
  return (name) => {
    if (memo.has(name)) return memo.get(name);
    let h: string | undefined;
    if (!name.startsWith('.') && !path.isAbsolute(name)) {
      for (const dir of searchPaths) {
        const file = path.join(dir, name);
        if (!existsSync(file)) continue;
        h = createHash('sha1').update(readFileSync(file)).digest('base64');
        break;
      }
    }
    memo.set(name, h);
    return h;
  };
}

/** Which pages to render and which to take from the last build, and the keys to record. */
export interface ReusePlan {
  render: Route[];
  reused: Output[];
  /** Every route's context key, by output path (empty with `keyWhenRendered`). */
  keys: Map<string, string>;
  /** The renderers must key every page they render (rendered outputs carry `key`). */
  keyWhenRendered?: boolean;
  globals: Map<string, string>;
}

/**
 * Plan a build against the stored record. A page is reused when its context key is the same, no
 * template or global it read changed, the menus did not change (every page's menus are marked from
 * them), and its file is still in the output folder with the recorded size and modification time.
 * With `needScans`, a page recorded without a scan is rendered (the link check needs one).
 */
export function planReuse(
  model: SiteModel,
  stored: StoredPages | undefined,
  o: { dev: boolean; outDir: string; templateHash: (name: string) => string | undefined; needScans: boolean },
): ReusePlan {
  const globals = hashGlobals(globalValues(model, o.dev));
  // Without a record, nothing can be reused: the pages are keyed by the threads that render them.
  const keys = new Map<string, string>();
  if (!stored) return { render: model.routes, reused: [], keys, globals, keyWhenRendered: true };
  const known = summaryHashes(model);
  for (const r of model.routes) keys.set(r.output, lastingContextKey(r, known));

  const changedGlobals = globalsChanged(stored.globals, globals);
  const changedTemplates = new Set<string>();
  for (const [name, h] of stored.templates) if (o.templateHash(name) !== h) changedTemplates.add(name);
  // Each distinct set of dependencies is judged once.
  const depsOk = stored.deps.map((d) => !d.globals.some((g) => changedGlobals.has(g)) && !d.templates.some((t) => changedTemplates.has(t) || !stored.templates.has(t)));

  const render: Route[] = [];
  const reused: Output[] = [];
  const menusChanged = changedGlobals.has('menus');
  for (const r of model.routes) {
    const sp = stored.pages.get(r.output);
    const from = path.join(o.outDir, r.output);
    if (
      sp && !menusChanged && sp.key === keys.get(r.output) && depsOk[sp.deps] && (sp.parts || !o.needScans) && unchangedFile(from, sp)
    ) {
      reused.push({ path: r.output, url: r.url, content: '', reused: { from, sha256: sp.sha256, size: sp.size, mtimeMs: sp.mtimeMs, deps: stored.deps[sp.deps]!, scan: sp.parts } });
    } else {
      render.push(r);
    }
  }
  return { render, reused, keys, globals };
}

function unchangedFile(file: string, sp: StoredPage): boolean {
  const st = statSync(file, { throwIfNoEntry: false });
  return st !== undefined && st.size === sp.size && st.mtimeMs === sp.mtimeMs;
}

/** The record of a build just written to `outDir`: every page's key, dependencies, written hash and scan. */
export function recordPages(
  plan: ReusePlan,
  outputs: readonly Output[],
  o: {
    key: string;
    outDir: string;
    hashes: ReadonlyMap<string, FileHash>;
    scans?: ReadonlyMap<string, { parts: ScannedPart[] }>;
    templateHash: (name: string) => string | undefined;
    /** Reused files were copied, not linked: their times must be looked at. */
    linksCopied?: boolean;
  },
): StoredPages {
  const deps: PageDeps[] = [];
  const depIndex = new Map<string, number>();
  const templates = new Map<string, string>();
  const pages = new Map<string, StoredPage>();
  for (const out of outputs) {
    const key = plan.keys.get(out.path) ?? out.key;
    const d = out.deps ?? out.reused?.deps;
    const h = o.hashes.get(out.path);
    if (key === undefined || !d || !h) continue;
    const id = JSON.stringify(d);
    let i = depIndex.get(id);
    if (i === undefined) {
      depIndex.set(id, (i = deps.length));
      deps.push(d);
      for (const t of d.templates) {
        const th = o.templateHash(t);
        if (th !== undefined) templates.set(t, th);
      }
    }
    // A reused page is the very file planned from (a hard link keeps its time); a new one is looked at.
    const mtimeMs = out.reused && !o.linksCopied ? out.reused.mtimeMs : statSync(path.join(o.outDir, out.path), { throwIfNoEntry: false })?.mtimeMs;
    if (mtimeMs === undefined) continue;
    pages.set(out.path, { key, deps: i, sha256: h.sha256, size: h.size, mtimeMs, parts: o.scans?.get(out.path)?.parts });
  }
  return { key: o.key, outDir: o.outDir, globals: plan.globals, templates, deps, pages };
}
