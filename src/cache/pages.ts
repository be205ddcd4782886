import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../util/files.js';
import { readFileSync, statSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import v8 from 'node:v8';
import type { Route, SiteModel } from '../model/buildSite.js';
import { globalValues, globalsChanged, hashGlobals, lastingContextKey, summaryHash, summaryHashes, type Output, type PageDeps } from '../render/renderSite.js';
import type { SourcePage } from '../load/source.js';
import { pageShape } from '../load/scan.js';
import type { ScannedPart } from '../check/html.js';
import type { LinkCheckRecord } from '../check/stage.js';
import { listedFile, type FileHash, type OutputListing } from '../output/write.js';

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
  /** The link check's scan of the page (when the build checked links), made by this build: its parts. */
  parts?: ScannedPart[];
  /**
   * A page read from a record with a scan: its place among the record's scanned pages (see
   * `storedParts`), decoded only when something asks for it.
   */
  scanAt?: number;
}

/**
 * How scans are stored: each distinct string once, each part once (the header and footer parts are
 * shared by most pages), and all of it as numbers in one array. Stored as plain objects, the scans of
 * 6,000 pages took 50 MB and most of a second to write and read back; as an array per part, V8 still
 * spent a tenth of a second on 37,000 small arrays.
 */
interface StoredScans {
  strings: string[];
  /**
   * Every part, one after another: [refs, ids, images, shared], then (tag, attr, value, resource)
   * per ref, the ids, and (src, alt) per image, as indices into `strings` (alt -1: none).
   */
  data: Int32Array;
  /** Where each part starts in `data`. */
  partAt: Int32Array;
  /** The pages (by path) and their parts' indices: page k's are pageParts[pageAt[k] .. pageAt[k + 1]). */
  pageFiles: string[];
  pageAt: Int32Array;
  pageParts: Int32Array;
  /** Records written since the string table was last made afresh (it only grows in between). */
  generation: number;
}

/**
 * The scans a record was read with: parts are decoded when first asked for (a build after one edit
 * checks the links of the few pages it rendered, not of all 6,000), and the next record copies the
 * numbers of the parts it keeps instead of encoding them again.
 */
export interface ScanBase {
  scans: StoredScans;
  /** Each decoded part's index in `scans`. */
  index: Map<ScannedPart, number>;
  /** Decoded parts by index. */
  decoded: (ScannedPart | undefined)[];
}

/** The string table is made afresh every so many records, so strings no page uses any more do not pile up. */
const FRESH_EVERY = 16;

export interface StoredPages {
  key: string;
  outDir: string;
  /** Hash of each global's value. */
  globals: Map<string, string>;
  /** Hash of each template's text, by the name pages load it by. */
  templates: Map<string, string>;
  deps: PageDeps[];
  pages: Map<string, StoredPage>;
  /**
   * Every Markdown file the model was built from (by its path from the site root): the hash of its
   * bytes and the hash of its shape, everything of its parse a page other than its own can show
   * (place, front matter, excerpt). See `bodiesChanged`.
   */
  sources?: Map<string, [hash: string, shape: string]>;
  /** What the build's link check found, for the next build (see check/stage.ts: LastLinkCheck). */
  links?: LinkCheckRecord;
  /** Read from a record: its scans as stored, for the next record to copy from. */
  scanBase?: ScanBase;
}

interface StoredFile extends Omit<StoredPages, 'pages' | 'scanBase'> {
  pages: Map<string, Omit<StoredPage, 'parts' | 'scanAt'>>;
  scans: StoredScans;
}

const FILE = 'pages.v8';

/** A growable array of 32-bit numbers. */
class Ints {
  a = new Int32Array(1 << 16);
  n = 0;
  room(k: number): void {
    if (this.n + k <= this.a.length) return;
    let size = this.a.length * 2;
    while (size < this.n + k) size *= 2;
    const b = new Int32Array(size);
    b.set(this.a.subarray(0, this.n));
    this.a = b;
  }
  push(v: number): void {
    if (this.n === this.a.length) this.room(1);
    this.a[this.n++] = v;
  }
  done(): Int32Array {
    return this.a.slice(0, this.n);
  }
}

function encodeScans(pages: ReadonlyMap<string, StoredPage>, base: ScanBase | undefined): StoredScans {
  // The last record's strings stay where they were, so the numbers of its parts hold as they are.
  const keep = base && base.scans.generation + 1 < FRESH_EVERY ? base : undefined;
  const strings: string[] = keep ? [...keep.scans.strings] : [];
  let stringIds: Map<string, number> | undefined;
  const str = (s: string | undefined): number => {
    if (s === undefined) return -1;
    stringIds ??= new Map(strings.map((x, i) => [x, i] as const));
    let i = stringIds.get(s);
    if (i === undefined) {
      stringIds.set(s, (i = strings.length));
      strings.push(s);
    }
    return i;
  };
  const data = new Ints();
  const partAt = new Ints();
  const partIds = new Map<ScannedPart, number>();
  // Parts of the last record kept: their new index by their old one.
  const kept = new Map<number, number>();
  const copyKept = (old: number): number => {
    let i = kept.get(old);
    if (i === undefined) {
      kept.set(old, (i = partAt.n));
      partAt.push(data.n);
      const d = keep!.scans.data;
      const from = keep!.scans.partAt[old]!;
      const len = 4 + d[from]! * 4 + d[from + 1]! + d[from + 2]! * 2;
      data.room(len);
      data.a.set(d.subarray(from, from + len), data.n);
      data.n += len;
    }
    return i;
  };
  const pageFiles: string[] = [];
  const pageAt = new Ints();
  const pageParts = new Ints();
  for (const [file, page] of pages) {
    if (page.parts === undefined && (page.scanAt === undefined || !base)) continue;
    pageFiles.push(file);
    pageAt.push(pageParts.n);
    if (!page.parts) {
      // Not decoded: its parts' numbers are copied (or, with a fresh string table, decoded to encode).
      const b = base!.scans;
      for (let j = b.pageAt[page.scanAt!]!; j < b.pageAt[page.scanAt! + 1]!; j++) {
        const old = b.pageParts[j]!;
        pageParts.push(keep ? copyKept(old) : encodePart(decodePart(base!, old)));
      }
      continue;
    }
    for (const part of page.parts) pageParts.push(encodePart(part));
  }
  function encodePart(part: ScannedPart): number {
    const old = keep?.index.get(part);
    if (old !== undefined) return copyKept(old);
    let i = partIds.get(part);
    if (i !== undefined) return i;
    partIds.set(part, (i = partAt.n));
    partAt.push(data.n);
    data.room(4 + part.refs.length * 4 + part.ids.size + part.images.length * 2);
    data.push(part.refs.length);
    data.push(part.ids.size);
    data.push(part.images.length);
    data.push(part.shared ? 1 : 0);
    for (const r of part.refs) {
      data.push(str(r.tag));
      data.push(str(r.attr));
      data.push(str(r.value));
      data.push(r.resource ? 1 : 0);
    }
    for (const id of part.ids) data.push(str(id));
    for (const im of part.images) {
      data.push(str(im.src));
      data.push(str(im.alt));
    }
    return i;
  }
  pageAt.push(pageParts.n);
  return {
    strings, data: data.done(), partAt: partAt.done(), pageFiles, pageAt: pageAt.done(), pageParts: pageParts.done(),
    generation: keep ? keep.scans.generation + 1 : 0,
  };
}

/** Part `k` of a record's scans, decoded once. */
function decodePart(base: ScanBase, k: number): ScannedPart {
  let part = base.decoded[k];
  if (part) return part;
  const { strings: s, data: d } = base.scans;
  const at = base.scans.partAt[k]!;
  const nRefs = d[at]!;
  const nIds = d[at + 1]!;
  const nImages = d[at + 2]!;
  part = { refs: new Array(nRefs), ids: new Set(), images: new Array(nImages), shared: d[at + 3] === 1 };
  let i = at + 4;
  for (let r = 0; r < nRefs; r++, i += 4) part.refs[r] = { tag: s[d[i]!]!, attr: s[d[i + 1]!]!, value: s[d[i + 2]!]!, resource: d[i + 3] === 1 };
  for (let r = 0; r < nIds; r++) part.ids.add(s[d[i++]!]!);
  for (let r = 0; r < nImages; r++, i += 2) part.images[r] = { src: s[d[i]!]!, alt: d[i + 1]! < 0 ? undefined : s[d[i + 1]!]! };
  base.decoded[k] = part;
  base.index.set(part, k);
  return part;
}

/** A recorded page's link-check scan: made by this build, or decoded from the record it was read from. */
export function storedParts(stored: Pick<StoredPages, 'scanBase'>, page: StoredPage): ScannedPart[] | undefined {
  if (page.parts || page.scanAt === undefined || !stored.scanBase) return page.parts;
  const base = stored.scanBase;
  const { pageAt, pageParts } = base.scans;
  const out: ScannedPart[] = [];
  for (let j = pageAt[page.scanAt]!; j < pageAt[page.scanAt + 1]!; j++) out.push(decodePart(base, pageParts[j]!));
  return out;
}

/** Whether the cache folder holds a page record at all (of any key). */
export const hasStoredPages = (dir: string): boolean => existsSync(path.join(dir, FILE));

export async function readStoredPages(dir: string, key: string, outDir: string): Promise<StoredPages | undefined> {
  // No output folder (a CI job that keeps the cache but not dist/): no page can be reused, and the
  // build goes the way of a first one (worker threads start early, pages are keyed as rendered).
  if (!existsSync(outDir)) return undefined;
  try {
    const stored = v8.deserialize(await readFile(path.join(dir, FILE))) as StoredFile;
    if (stored.key !== key || stored.outDir !== outDir) return undefined;
    const pages = stored.pages as Map<string, StoredPage>;
    stored.scans.pageFiles.forEach((file, k) => {
      const page = pages.get(file);
      if (page) page.scanAt = k;
    });
    const scanBase: ScanBase = { scans: stored.scans, index: new Map(), decoded: new Array(stored.scans.partAt.length) };
    return { key, outDir, globals: stored.globals, templates: stored.templates, deps: stored.deps, pages, sources: stored.sources, links: stored.links, scanBase };
  } catch {
    return undefined;
  }
}

export async function writeStoredPages(dir: string, stored: StoredPages): Promise<void> {
  const pages = new Map<string, Omit<StoredPage, 'parts' | 'scanAt'>>();
  for (const [file, { parts: _parts, scanAt: _scanAt, ...page }] of stored.pages) pages.set(file, page);
  const { scanBase, ...rest } = stored;
  await writeFileAtomic(path.join(dir, FILE), v8.serialize({ ...rest, pages, scans: encodeScans(stored.pages, scanBase) } satisfies StoredFile));
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
  /** The post summaries' hashes (see summaryHashes), for the threads that key what they render. */
  summaries: WeakMap<object, string>;
  /** The scans of the record planned from, for the next record to copy from. */
  scanBase?: ScanBase;
  /** The record planned from: what the output folder holds of each page. */
  previous?: ReadonlyMap<string, StoredPage>;
  /** The Markdown files this build's model was made from, to record (see `StoredPages.sources`). */
  sources?: Map<string, [hash: string, shape: string]>;
  /** Only these files' bodies changed since the record: every other page's key was taken from it. */
  bodiesOnly?: ReadonlySet<string>;
  /** The record's link check. */
  lastLinks?: LinkCheckRecord;
}

/** A Markdown file's parse as the model was made from it. */
export interface ModelSource {
  hash: string;
  page: SourcePage;
}

/** The hash of what of a parse other pages can show: everything but the body and its word count. */
const shapeOf = (p: SourcePage) => p.shape ?? pageShape(p);

/** The sources to record: a file's shape is taken from the record when its bytes are the same. */
function recordSources(sources: ReadonlyMap<string, ModelSource>, before: StoredPages['sources']): Map<string, [string, string]> {
  const out = new Map<string, [string, string]>();
  for (const [file, { hash, page }] of sources) {
    const b = before?.get(file);
    out.set(file, [hash, b && b[0] === hash ? b[1] : shapeOf(page)]);
  }
  return out;
}

/**
 * The files whose body alone changed since the record was made, when nothing else of the Markdown
 * did (the same files, each with the same shape); undefined otherwise. Then every page's context
 * but those files' own pages is what it was, if the globals (the data, the clock's day) are too.
 */
function bodiesChanged(before: StoredPages['sources'], now: ReadonlyMap<string, [string, string]>): Set<string> | undefined {
  if (!before || before.size !== now.size) return undefined;
  const changed = new Set<string>();
  for (const [file, [hash, shape]] of now) {
    const b = before.get(file);
    if (!b || b[1] !== shape) return undefined;
    if (b[0] !== hash) changed.add(file);
  }
  return changed;
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
  o: {
    dev: boolean;
    outDir: string;
    templateHash: (name: string) => string | undefined;
    needScans: boolean;
    sources?: ReadonlyMap<string, ModelSource>;
    /** The output folder's files' sizes and times, listed already (else each page's file is looked at). */
    listing?: OutputListing;
  },
): ReusePlan {
  const sources = o.sources && recordSources(o.sources, stored?.sources);
  const values = globalValues(model, o.dev);
  // Only bodies changed since the record (the common edit: a typo fixed in a post): the summaries
  // every list shows are the recorded ones, and so is every page's context but the changed files'.
  // Hashing every summary and keying every page took 0.3 s at 4,000 posts. The other globals are
  // hashed all the same, and one that differs keys every page: they hold what else a page's context
  // is made of (the data, views with the day's opening hours, every page's title, URL and date, so
  // a scheduled post gone live too). `buildTime` differs in every build and is in no context.
  let bodiesOnly = sources && stored?.globals.has('posts') ? bodiesChanged(stored.sources, sources) : undefined;
  let globals: Map<string, string> | undefined;
  if (bodiesOnly) {
    const { posts: _posts, ...rest } = values;
    const hashed = hashGlobals(rest);
    if ([...hashed].every(([k, h]) => k === 'buildTime' || stored!.globals.get(k) === h) && stored!.globals.size === hashed.size + 1) {
      globals = new Map(Object.keys(values).map((k) => [k, k === 'posts' ? stored!.globals.get('posts')! : hashed.get(k)!] as const));
    } else bodiesOnly = undefined;
  }
  const known = bodiesOnly ? new WeakMap<object, string>() : summaryHashes(model);
  globals ??= hashGlobals(values, known);
  // Without a record, nothing can be reused: the pages are keyed by the threads that render them.
  const keys = new Map<string, string>();
  if (!stored) return { render: model.routes, reused: [], keys, globals, summaries: known, keyWhenRendered: true, sources };
  const summaries = bodiesOnly && new Set<object>(model.globals.posts);
  for (const r of model.routes) {
    const sp = bodiesOnly && !(r.page.file !== undefined && bodiesOnly.has(r.page.file)) ? stored.pages.get(r.output) : undefined;
    if (sp) keys.set(r.output, sp.key);
    else {
      if (summaries) hashSummariesOf(r, summaries, known);
      keys.set(r.output, lastingContextKey(r, known));
    }
  }

  const changedGlobals = globalsChanged(stored.globals, globals);
  const changedTemplates = new Set<string>();
  for (const [name, h] of stored.templates) if (o.templateHash(name) !== h) changedTemplates.add(name);
  // Each distinct set of dependencies is judged once.
  const depsOk = stored.deps.map((d) => !d.globals.some((g) => changedGlobals.has(g)) && !d.templates.some((t) => changedTemplates.has(t) || !stored.templates.has(t)));

  const render: Route[] = [];
  const reused: Output[] = [];
  const menusChanged = changedGlobals.has('menus');
  const unchangedFile = (site: string, sp: StoredPage): boolean => {
    const st = o.listing?.dir === o.outDir ? listedFile(o.listing, site) : statSync(path.join(o.outDir, site), { throwIfNoEntry: false });
    return st !== undefined && st.size === sp.size && st.mtimeMs === sp.mtimeMs;
  };
  for (const r of model.routes) {
    const sp = stored.pages.get(r.output);
    const from = path.join(o.outDir, r.output);
    if (
      sp && !menusChanged && sp.key === keys.get(r.output) && depsOk[sp.deps] && (sp.parts || sp.scanAt !== undefined || !o.needScans) && unchangedFile(r.output, sp)
    ) {
      reused.push({ path: r.output, url: r.url, content: '', reused: { from, sha256: sp.sha256, size: sp.size, mtimeMs: sp.mtimeMs, deps: stored.deps[sp.deps]! } });
    } else {
      render.push(r);
    }
  }
  return { render, reused, keys, globals, summaries: known, scanBase: stored.scanBase, previous: stored.pages, sources, bodiesOnly, lastLinks: stored.links };
}

/** The link-check scan the record planned from has of a page (a page taken from it, or one rendered again). */
export function recordedParts(plan: ReusePlan, site: string): ScannedPart[] | undefined {
  const sp = plan.previous?.get(site);
  return sp && storedParts(plan, sp);
}

/** Hash the post summaries a page's context shows (see `lastingContextKey`), as `summaryHashes` would. */
function hashSummariesOf(r: Route, summaries: ReadonlySet<object>, known: WeakMap<object, string>): void {
  const add = (v: unknown) => {
    if (v !== null && typeof v === 'object' && summaries.has(v) && !known.has(v)) known.set(v, summaryHash(v));
  };
  for (const k of Object.keys(r.page)) {
    if (k === 'content') continue;
    const v = r.page[k as keyof typeof r.page];
    if (Array.isArray(v)) v.forEach(add);
    else add(v);
  }
  r.posts?.forEach(add);
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
    linkCheck?: LinkCheckRecord;
  },
): StoredPages {
  const deps: PageDeps[] = [];
  const depIndex = new Map<string, number>();
  const depIds = new Map<PageDeps, string>();
  const templates = new Map<string, string>();
  const pages = new Map<string, StoredPage>();
  for (const out of outputs) {
    const key = plan.keys.get(out.path) ?? out.key;
    const d = out.deps ?? out.reused?.deps;
    const h = o.hashes.get(out.path);
    if (key === undefined || !d || !h) continue;
    // Reused pages share their record's dependency objects: each is written as JSON once.
    let id = depIds.get(d);
    if (id === undefined) depIds.set(d, (id = JSON.stringify(d)));
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
    // A reused page keeps its scan as the last record has it (decoded or not); a rendered one has its new scan.
    const before = out.reused ? plan.previous?.get(out.path) : undefined;
    const page: StoredPage = { key, deps: i, sha256: h.sha256, size: h.size, mtimeMs };
    if (before && (before.parts || before.scanAt !== undefined)) {
      page.parts = before.parts;
      page.scanAt = before.scanAt;
    } else page.parts = o.scans?.get(out.path)?.parts;
    pages.set(out.path, page);
  }
  return { key: o.key, outDir: o.outDir, globals: plan.globals, templates, deps, pages, sources: plan.sources, links: o.linkCheck, scanBase: plan.scanBase };
}
