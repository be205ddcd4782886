import { createHash } from 'node:crypto';
import { bodyHashes, type SiteModel, type Route } from '../model/buildSite.js';
import { markActive } from '../model/menus.js';
import { fragmentsOf, type TemplateEnv } from './env.js';
import { rebaseHtml } from './filters.js';
import { templateDiagnostic } from './errors.js';
import { structuredData } from './jsonld.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ScannedPart } from '../check/html.js';
import type { FileHash } from '../output/write.js';
import { hashBody } from '../load/scan.js';

export interface Output {
  /** Path inside the output folder, with forward slashes. */
  path: string;
  /**
   * The bytes. Empty for pages `build` has written (with `write`, the default): their text is not
   * kept once written, so a big site is never held in memory whole.
   */
  content: string | Buffer;
  /** The URL it is served at. */
  url: string;
  /** A rendered page: the templates and globals its render read (kept in the build cache). */
  deps?: PageDeps;
  /** A rendered page's lasting context key, when the renderer was asked for it (`lastingKeys`). */
  key?: string;
  /** A page taken unchanged from the last build's output folder (the build cache): `content` is empty. */
  reused?: ReusedPage;
  /**
   * Made by the worker thread that rendered the page (see `Prepare`), so the main thread does not:
   * the SHA-256 and byte size of what it wrote, and its link-check scan.
   */
  hash?: FileHash;
  scan?: ScannedPart[];
  /** Written into the staging folder by the worker thread that rendered it (`Prepare.writeTo`): `content` is empty. */
  written?: boolean;
  /** Why that write failed (a Node error's message, code and path): the build fails with it. */
  writeError?: { message: string; code?: string; path?: string; dest?: string };
}

/** What a worker thread makes of each page it renders besides the HTML. */
export interface Prepare {
  /** Scan it for the link check. */
  scan: boolean;
  /** The staging folder: the worker writes its pages there itself (see `StagedSite`). */
  writeTo?: string;
}

export interface PageDeps {
  templates: string[];
  globals: string[];
}

export interface ReusedPage {
  /** The file in the last build's output folder, linked (or copied) into the new one. */
  from: string;
  sha256: string;
  size: number;
  /** Its modification time, which the link keeps. */
  mtimeMs: number;
  deps: PageDeps;
}

/** What a rendered page depended on, so a later build can tell whether it must render it again. */
interface RenderedEntry {
  /** Hash of the page's own template context. */
  key: string;
  templates: Set<string>;
  globals: Set<string>;
  content: string;
}

/** Kept between builds by watch mode: each page's output and what it was made from. */
export interface RenderCache {
  pages: Map<string, RenderedEntry>;
  /** Hash of each global's value at the last build. */
  globals: Map<string, string>;
}

export const createRenderCache = (): RenderCache => ({ pages: new Map(), globals: new Map() });

export interface RenderOptions {
  root: string;
  basePath: string;
  abs: (url: string) => string;
  dev?: boolean;
  /** Reuse pages whose context, templates and globals did not change. */
  cache?: RenderCache;
  /** Templates changed since the cache was filled (names such as "layouts/post.njk"); "*" for all. */
  changedTemplates?: ReadonlySet<string>;
  /**
   * The model's routes are only the pages to render again, and the caller knows nothing else changed
   * (a body-only edit in serve): every route is rendered, no global is hashed, and the cache keeps
   * the pages of routes not given.
   */
  partial?: boolean;
  /** Keep the {% cache %} fragments of the last build: the caller knows no global changed. */
  keepFragments?: boolean;
  /**
   * Give each rendered page its lasting context key (for the build cache's record), with these
   * summary hashes (summaryHashes, made once per thread): the thread that renders a page keys it.
   */
  lastingKeys?: WeakMap<object, string>;
  /**
   * Called with each page as soon as it is rendered (a worker thread scans, writes and hashes it
   * there and lets its text go, so the text dies young instead of waiting for the rest of the chunk).
   */
  eachPage?: (out: Output) => void;
}

const hash = (s: string) => createHash('sha1').update(s).digest('base64');

/** Render every route through its layout; template errors become located diagnostics. */
export function renderSite(model: SiteModel, env: TemplateEnv, o: RenderOptions): { value: Output[]; diagnostics: Diagnostic[]; rendered: string[] } {
  const g = model.globals;
  const globals = globalValues(model, o.dev ?? false);
  for (const [k, v] of Object.entries(globals)) env.addGlobal(k, v);
  env.addGlobal('structuredData', (page: Parameters<typeof structuredData>[1]) => structuredData(g, page, o.abs));
  const track = tracker(env, new Set([...Object.keys(globals), 'structuredData']));
  // {% cache %} fragments live for one build; a reused fragment hands its dependencies to the page.
  const fragments = fragmentsOf(env);
  if (!o.keepFragments) fragments.fragments.clear();
  fragments.current = () => (track.globals && track.templates ? { globals: track.globals, templates: track.templates } : undefined);
  fragments.isolate = () => {
    if (!track.globals || !track.templates) return undefined;
    const outer = { globals: track.globals, templates: track.templates };
    const deps = { globals: new Set<string>(), templates: new Set<string>() };
    track.globals = deps.globals;
    track.templates = deps.templates;
    return {
      deps,
      restore: () => {
        track.globals = outer.globals;
        track.templates = outer.templates;
      },
    };
  };

  let changedGlobals = new Set<string>();
  if (o.cache && !o.partial) {
    const hashes = hashGlobals(globals);
    changedGlobals = globalsChanged(o.cache.globals, hashes);
    o.cache.globals = hashes;
  }

  // Every page's key is made on a full pass: each post summary is hashed once, not once per list
  // that shows it. A partial pass (a few pages) is cheaper without.
  const known = o.cache && !o.partial ? summaryHashes(model) : undefined;
  const outputs: Output[] = [];
  const diagnostics: Diagnostic[] = [];
  const failed = new Set<string>();
  const rendered: string[] = [];
  try {
    for (const route of model.routes) {
      const name = `layouts/${route.layout}.njk`;
      // One missing layout would fail every page that uses it: report it once.
      if (failed.has(name)) continue;
      const prev = o.cache?.pages.get(route.output);
      const key = o.cache ? contextKey(route, known) : '';
      // The marked menus in the context follow from the page's URL and trail (in the key) and the
      // menus global: a change to that global renders every page again.
      if (prev && !o.partial && prev.key === key && !changedGlobals.has('menus') && !intersects(prev.globals, changedGlobals) && !touches(prev.templates, o.changedTemplates)) {
        outputs.push({ path: route.output, url: route.url, content: prev.content });
        continue;
      }
      const ctx = contextFor(route, g.menus, o.basePath);
      const used = (track.globals = new Set());
      const templates = (track.templates = new Set([name]));
      try {
        const content = env.getTemplate(name, true).render(ctx);
        rendered.push(route.url);
        const out: Output = { path: route.output, url: route.url, content, deps: { templates: [...templates].sort(), globals: [...used].sort() } };
        if (o.lastingKeys) out.key = lastingContextKey(route, o.lastingKeys);
        o.eachPage?.(out);
        outputs.push(out);
        o.cache?.pages.set(route.output, { key, templates, globals: used, content });
      } catch (err) {
        o.cache?.pages.delete(route.output);
        const d = templateDiagnostic(err, o.root, route.page);
        const id = `${d.code}|${d.file}|${d.line}|${d.column}`;
        if (!failed.has(id)) diagnostics.push(d);
        failed.add(id);
        if (d.code === 'AWN400') failed.add(name);
      }
    }
  } finally {
    track.globals = undefined;
    track.templates = undefined;
  }
  if (o.cache && !o.partial) {
    const live = new Set(model.routes.map((r) => r.output));
    for (const k of o.cache.pages.keys()) if (!live.has(k)) o.cache.pages.delete(k);
  }
  return { value: outputs, diagnostics, rendered };
}

/** The values a render sees as globals, by name: the model's, plus `dev` (see globalsChanged for `structuredData`). */
export function globalValues(model: SiteModel, dev: boolean): Record<string, unknown> {
  return { ...model.globals, dev };
}

/**
 * Each global's hash, by name. With `known` (see summaryHashes), a list of objects hashed already
 * (`posts`: every post's summary) is hashed as the list of their hashes, not as JSON again.
 */
export function hashGlobals(values: Record<string, unknown>, known?: WeakMap<object, string>): Map<string, string> {
  const hashList = (v: unknown[]) => {
    const hashes = v.map((x) => (x !== null && typeof x === 'object' ? known!.get(x) : undefined));
    return hashes.every((h) => h !== undefined) ? hash(`[${hashes.join(',')}]`) : hashValue(v);
  };
  return new Map(Object.entries(values).map(([k, v]) => [k, known && Array.isArray(v) && v.length > 0 ? hashList(v) : hashValue(v)] as const));
}

/**
 * The globals whose hash differs between two renders (or that one of them lacks), with
 * `structuredData` when `site` changed: it reads the page (in the page's key) and `site` only.
 */
export function globalsChanged(before: ReadonlyMap<string, string>, now: ReadonlyMap<string, string>): Set<string> {
  const changed = new Set<string>();
  for (const [k, h] of now) if (before.get(k) !== h) changed.add(k);
  for (const k of before.keys()) if (!now.has(k)) changed.add(k);
  if (changed.has('site')) changed.add('structuredData');
  return changed;
}

/**
 * A page's context key that holds across processes (for the build cache): like `contextKey`, with
 * the body hashed rather than named by an id that lives only in this process. `known` holds hashes
 * of objects many pages share (post summaries in lists, neighbours and related posts): each is
 * written as its hash, so its JSON is made once, not once per page that shows it.
 */
export function lastingContextKey(route: Route, known: WeakMap<object, string>): string {
  return `${hash(contextJson(route, known))}|${bodyHashes.get(route.page) ?? hashBody(route.page.content)}`;
}

/** The JSON of a page's context but its body, with shared summaries written as their hashes. */
function contextJson(route: Route, known?: WeakMap<object, string>): string {
  // Every key but `content`, which is not even read (a body from the build cache is decoded only when read).
  const page: Record<string, unknown> = {};
  for (const k of Object.keys(route.page)) if (k !== 'content') page[k] = route.page[k as keyof typeof route.page];
  if (!known) return JSON.stringify([page, route.posts, route.pagination]);
  const swap = (v: unknown): unknown => (v !== null && typeof v === 'object' && known.get(v)) || v;
  // Summaries sit at the top of the page (prev, next), in its lists (related) and in route.posts.
  const shallow: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(page)) shallow[k] = Array.isArray(v) ? v.map(swap) : swap(v);
  // A list's pages share one array of every page's number and URL (hundreds on a big blog).
  let pagination: unknown = route.pagination;
  if (route.pagination) {
    const pages = route.pagination.pages;
    let h = known.get(pages);
    if (!h) known.set(pages, (h = `#${hashValue(pages)}`));
    pagination = { ...route.pagination, pages: h };
  }
  return JSON.stringify([shallow, route.posts?.map(swap), pagination]);
}

/** A post summary's hash, as page keys write it in place of the summary. */
export const summaryHash = (summary: object): string => `#${hashValue(summary)}`;

/** Hashes of the post summaries, for `lastingContextKey`. */
export function summaryHashes(model: SiteModel): WeakMap<object, string> {
  const known = new WeakMap<object, string>();
  for (const p of model.globals.posts) known.set(p, summaryHash(p));
  return known;
}

export const hashValue = (v: unknown): string => hash(JSON.stringify(v) ?? '');

/**
 * What a page's own context is made of, cheaply: everything but the rendered body is hashed as JSON;
 * the body (most of the bytes) is named by an id per distinct string. Unchanged files keep the very
 * same string object from the content cache, whose hash V8 computes once, so the lookup is cheap.
 */
function contextKey(route: Route, known?: WeakMap<object, string>): string {
  return `${hash(contextJson(route, known))}|${contentId(route.page.content)}`;
}
const contentIds = new Map<string, number>();
function contentId(content: string): number {
  let id = contentIds.get(content);
  if (id === undefined) {
    if (contentIds.size > 200_000) contentIds.clear();
    contentIds.set(content, (id = contentIds.size + 1));
  }
  return id;
}

function contextFor(route: Route, menus: SiteModel['globals']['menus'], basePath: string): Record<string, unknown> {
  const page = basePath === '/' ? route.page : { ...route.page, content: rebaseHtml(route.page.content, basePath) };
  const ctx: Record<string, unknown> = {
    page,
    breadcrumbs: route.page.breadcrumbs,
    menus: markActive(menus, route.url, route.page.breadcrumbs.map((c) => c.url)),
  };
  // Only list pages shadow the global `posts` (all posts): Nunjucks looks up globals only for absent keys.
  if (route.posts) ctx['posts'] = route.posts;
  if (route.pagination) ctx['pagination'] = route.pagination;
  return ctx;
}

interface Tracker {
  watched: Set<string>;
  globals?: Set<string>;
  templates?: Set<string>;
}
const TRACKER = Symbol('awning.tracker');

/**
 * Record which globals and templates a render uses: Nunjucks reads globals through env.globals
 * and loads every extends/include through env.getTemplate, so both are wrapped once per environment.
 */
function tracker(env: TemplateEnv, watched: Set<string>): Tracker {
  const e = env as unknown as { [TRACKER]?: Tracker; globals: Record<string, unknown>; getTemplate: (...a: unknown[]) => unknown };
  const existing = e[TRACKER];
  if (existing) {
    existing.watched = watched;
    return existing;
  }
  const t: Tracker = { watched };
  e.globals = new Proxy(e.globals, {
    get(target, name) {
      if (t.globals && typeof name === 'string' && t.watched.has(name)) t.globals.add(name);
      return Reflect.get(target, name);
    },
  });
  const getTemplate = e.getTemplate.bind(env);
  e.getTemplate = (name: unknown, ...rest: unknown[]) => {
    t.templates?.add(String(name));
    return getTemplate(name, ...rest);
  };
  e[TRACKER] = t;
  return t;
}

const intersects = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...b].some((x) => a.has(x));
const touches = (used: ReadonlySet<string>, changed?: ReadonlySet<string>) => !!changed && (changed.has('*') || [...changed].some((t) => used.has(t)));
