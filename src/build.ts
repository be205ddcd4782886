import path from 'node:path';
import { loadConfig, type ConfigOverrides } from './config/load.js';
import type { ResolvedConfig } from './config/schema.js';
import { loadData, locateProblem, type LoadedData } from './load/loadData.js';
import { loadContent, loadFile, type ContentCache, type FileToParse, type LoadedFile } from './load/loadContent.js';
import { hashText, scanMarkdown } from './load/scan.js';
import { patchBodies, onlyBodyChanged, indexModel, type ModelIndex } from './model/patch.js';
import { createMarkdown } from './load/markdown.js';
import { buildSite, type SiteModel } from './model/buildSite.js';
import { absoluteUrlUnder } from './model/urls.js';
import { createTemplateEnv, type TemplateEnv, type TemplateEnvOptions } from './render/env.js';

/** Template environment options that can be sent to a worker thread. */
export type SharedEnvOptions = Omit<TemplateEnvOptions, 'userFilters' | 'userGlobals'>;
import { renderSite, createRenderCache, type Output, type Prepare, type RenderCache } from './render/renderSite.js';
import { atomFeed, sitemap, robots } from './output/feeds.js';
import { runInfo } from './util/runInfo.js';
import { StagedSite, listOutput, listOutputElsewhere, type CopyDir, type OutputListing } from './output/write.js';
import { scanHtml, fromParts, type ScannedHtml } from './check/html.js';
import { readCopyIndex, writeCopyIndex } from './cache/copies.js';
import { hasStoredPages, planReuse, readStoredPages, recordedParts, recordPages, templateHasher, writeStoredPages, type ModelSource, type ReusePlan, type StoredPages } from './cache/pages.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import { copiedFiles, fingerprintAssets } from './output/fingerprint.js';
import { addHeadersFile } from './output/headers.js';
import { readManifest, writeManifest, type Manifest } from './output/manifest.js';
import { forgetOutput, keepOutput } from './cache/output.js';
import { checkLinksStage, type LinkCheckRecord } from './check/stage.js';
import { pathConflicts } from './check/paths.js';
import { availableParallelism } from 'node:os';
import { Pool, shareWork } from './parallel/pool.js';
import { hasStoredParses, readContentCache, writeContentCache, writeLastBuild, forgetLastBuild, readTemplateCode, writeTemplateCode, readRelated, writeRelated } from './cache/store.js';
import { lastRelated, seedRelated } from './model/related.js';
import { templateCode, type TemplateCode } from './render/templateCode.js';
import { checkUpToDate, configKey, inputsFor, layoutOf, readInputs, type Inputs, type InputStamps, type UpToDateCheck } from './cache/upToDate.js';
import type { EvaluatedConfig } from './config/evaluate.js';
import { THEME_DIR } from './scaffold/theme.js';
import { dayInZone, nextDayStart, parseSiteDate } from './util/time.js';
import { existsSync, readFileSync } from 'node:fs';
import { VERSION } from './version.js';

/**
 * Below this many files (or pages), starting worker threads costs more than it saves: each loads
 * Awning and the config (about 0.5 s of a core) and the model is copied to it. Measured on 2 cores:
 * 1,000 posts (1,600 pages) build in 5.6 s on one thread and 6.3-6.6 s with a worker; 4,000 posts
 * in 20-23 s on one thread and 16-17 s with one. `--workers` overrides it.
 */
const PARALLEL_MIN_FILES = 2000;

/** The default theme shipped with Awning. */
export const BUILTIN_TEMPLATES = THEME_DIR;

export interface BuildOptions {
  /** Path to site.config.ts. */
  config?: string;
  overrides?: ConfigOverrides;
  /** The build's clock; tests pass a fixed one. */
  now?: Date;
  /** false: build in memory only (check, tests). */
  write?: boolean;
  /** Serve mode: templates see dev = true. */
  dev?: boolean;
  /** Check that every internal link, image and anchor leads somewhere (`awning build` and `check` do). */
  checkLinks?: boolean;
  /** Add a _headers file with cache rules for Netlify and Cloudflare Pages (`awning build` does). */
  headers?: boolean;
  /** Keep parsed Markdown in <site>/.awning-cache/ between builds (default: on when writing). */
  persistCache?: boolean;
  /** The up-to-date check, when the caller made it already (the CLI does, before loading this module). */
  checked?: UpToDateCheck;
  /**
   * Worker threads besides the main thread for parsing and rendering big sites (0: none).
   * Default: one fewer than the cores, from 300 Markdown files up. Output is the same either way.
   */
  workers?: number;
}

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  config?: ResolvedConfig;
  model?: SiteModel;
  outputs: Output[];
  /** Absolute output folder. */
  outDir?: string;
  timings: Record<string, number>;
  /** URLs of the pages that went through a template (the rest were reused from the last build). */
  rendered: string[];
  /** Folders copied as they are (theme assets, content media). */
  copies: CopyDir[];
  /** After writing: every file's hash and what changed since the last build. */
  manifest?: Manifest;
  /**
   * Nothing the output is made from changed since the last build into the same folder: nothing was
   * rendered or written, and `outputs` is empty. `pages` and `files` count what the folder holds.
   */
  upToDate?: { pages: number; files: number };
  /** Serve: the changed files have the bytes they had at the last run; nothing was done. */
  unchanged?: boolean;
  /** Set when only these outputs can differ from the last run's (serve's fast path). */
  changedOutputs?: Output[];
  /** The inputs' fingerprint, recorded after a successful write. */
  fingerprint?: string;
  /** The Markdown files' stats and hashes, recorded with it. */
  inputStamps?: InputStamps;
  /** When the next scheduled post goes live (ms since the epoch), if one is waiting. */
  nextPublish?: number;
  /** With the build cache: what to record of this build's pages once it is written. */
  pageRecord?: { key: string; plan: ReusePlan; templateHash: (name: string) => string | undefined; listing?: Promise<OutputListing | undefined> };
}

/** One build from scratch: the six stages in order; stops before writing if any error was found. */
export async function build(opts: BuildOptions = {}): Promise<BuildResult> {
  const write = opts.write !== false;
  const now = opts.now ?? new Date();
  // Nothing changed since the last build into the same folder? Then it is done before it starts.
  const check = opts.checked ?? (write && opts.persistCache !== false
    ? await checkUpToDate({ configFile: path.resolve(opts.config ?? 'site.config.ts'), overrides: opts.overrides ?? {}, checkLinks: opts.checkLinks ?? false, headers: opts.headers ?? false, now })
    : undefined);
  if (check?.result) return check.result;
  // Pages are scanned for the link check and written to a staging folder as soon as they are
  // rendered (while worker threads render the rest); the folder replaces dist/ only if all is well.
  let staged: Promise<StagedSite> | undefined;
  // The staging folder once open: pages are then written at once, each as it is rendered.
  let openSite: StagedSite | undefined;
  const stage = (outDir: string) => (staged ??= StagedSite.open(outDir).then((s) => (openSite = s)));
  const scans = opts.checkLinks ? new Map<string, ScannedHtml>() : undefined;
  const onPages = (pages: readonly Output[], outDir: string) => {
    if (scans) for (const p of pages) if (p.path.endsWith('.html')) scans.set(p.path, p.scan ? fromParts(p.scan) : scanHtml(String(p.content)));
    if (!write) return;
    const add = (s: StagedSite) => {
      s.add(pages);
      // Written and scanned: the text is not kept, so a big site is not held in memory.
      for (const p of pages) (p as { content: string | Buffer }).content = '';
    };
    if (openSite) add(openSite);
    else void stage(outDir).then(add, () => undefined);
  };
  const builder = new Builder({
    persistCache: write, ...opts, now, evaluated: check?.evaluated, inputs: check?.inputs,
    incremental: false, recordInputs: write, reuseOutput: write, onPages: scans || write ? onPages : undefined,
    prepare: { scan: scans !== undefined },
    stagingFor: write ? async (outDir) => (await stage(outDir)).staging : undefined,
  });
  let result: BuildResult | undefined;
  try {
    result = await builder.run();
    const checkStart = performance.now();
    // A page where a copied file stands (or inside it) could not be written: an error naming both.
    const copied = result.ok ? await copiedFiles(result.copies) : undefined;
    if (copied) result = pathConflicts(result, copied);
    // Pages taken from the last build bring their scans along, decoded if the check asks for them.
    let linkCheck: LinkCheckRecord | undefined;
    if (opts.checkLinks) {
      const plan = result.pageRecord?.plan;
      // A page not rendered now was taken from the record: its scan is the recorded one.
      const recorded = (p: string) => {
        const parts = plan && recordedParts(plan, p);
        return parts && fromParts(parts);
      };
      const checked = await checkLinksStage(result, scans, { scanOf: recorded, last: plan?.lastLinks && { ...plan.lastLinks, ids: (p) => recorded(p)?.ids } }, copied);
      linkCheck = checked.linkCheck;
      result = checked;
    }
    result.timings['check'] = performance.now() - checkStart;
    if (opts.headers) result = await addHeadersFile(result);
    if (!result.ok || !write) return result;
    const t = performance.now();
    staged ??= StagedSite.open(result.outDir!);
    const site = await staged;
    staged = undefined;
    const cacheDir = path.join(result.config!.root, '.awning-cache');
    const persist = opts.persistCache !== false;
    const copyIndex = persist ? await readCopyIndex(cacheDir, result.outDir!) : undefined;
    // The output is about to change: until this build records itself, no later build may take the
    // folder for the last recorded one (a --no-cache build, or a failure after the swap).
    await forgetLastBuild(cacheDir);
    const kept = forgetOutput(cacheDir);
    // With the last build's page record, the few files that changed can be put in place (see `commit`).
    const lastPages = result.pageRecord?.plan.previous;
    const previous = lastPages ? ((await readManifest(result.outDir!)) ?? null) : undefined;
    const inPlace = lastPages && previous ? { previous: new Set(Object.keys(previous.files)), page: (p: string) => lastPages.get(p), listing: result.pageRecord!.listing } : undefined;
    let hashes;
    try {
      hashes = await site.commit(result.outputs, result.copies, copyIndex && { index: copyIndex, oldDir: result.outDir! }, inPlace);
    } catch (err) {
      await site.abort();
      throw err;
    }
    result.timings['write'] = performance.now() - t;
    result.manifest = (await writeManifest(result.outDir!, hashes, result.copies, result.config!, site.copied, previous)).manifest;
    // Every copied file taken as it was from the last output (same file, same time): the record holds.
    const copiesKept = copyIndex && !site.linksCopied && site.copied.size === copyIndex.size && [...site.copied].every(([f, c]) => c.sha256 !== undefined && copyIndex.has(f));
    if (persist && !copiesKept) await writeCopyIndex(cacheDir, result.outDir!, site.copied, result.manifest);
    result.timings['manifest'] = performance.now() - t - result.timings['write'];
    if (result.pageRecord) {
      const { key, plan, templateHash } = result.pageRecord;
      const t2 = performance.now();
      await writeStoredPages(cacheDir, recordPages(plan, result.outputs, { key, outDir: result.outDir!, hashes, scans, templateHash, linksCopied: site.linksCopied, linkCheck }));
      result.timings['cache'] = performance.now() - t2;
    }
    if (result.fingerprint && persist) {
      const pages = result.outputs.filter((o) => o.path.endsWith('.html')).length;
      // The output, kept in the cache for a build that finds no dist/ (see cache/output.ts).
      const t3 = performance.now();
      keepOutput(cacheDir, result.outDir!, result.manifest, kept, site.placed);
      result.timings['keep'] = performance.now() - t3;
      await writeLastBuild(cacheDir, {
        fingerprint: result.fingerprint, outDir: result.outDir!, pages, files: result.outputs.length, inputs: result.inputStamps,
        staleAt: Math.min(result.nextPublish ?? Infinity, nextDayStart(now, result.config!.timeZone)), builtAt: now.getTime(),
        warnings: result.diagnostics, layout: layoutOf(result.config!),
      });
    }
    await site.settled();
    return result;
  } finally {
    // A build that stopped before the swap (errors, an exception) leaves dist/ as it was.
    if (staged) await (await staged.catch(() => undefined))?.abort();
  }
}

export interface BuilderOptions extends Omit<BuildOptions, 'write'> {
  /** Keep parsed files and rendered pages between runs, and redo only what a change affects. */
  incremental?: boolean;
  /** A clock for each run (serve uses the real one). */
  clock?: () => Date;
  /** With the build cache: fingerprint the inputs, for the next build's up-to-date check. */
  recordInputs?: boolean;
  /** The config file, already run by the up-to-date check. */
  evaluated?: EvaluatedConfig;
  /** The inputs the up-to-date check read (used if the config turns out to have the layout it assumed). */
  inputs?: Inputs;
  /**
   * With the build cache: render only pages whose inputs changed since the last build into the
   * output folder; the others come back as `reused` outputs, to be linked from that folder.
   */
  reuseOutput?: boolean;
  /**
   * Rendered pages as they come (worker threads send them in chunks), so the caller can check and
   * write them while others are still rendering. Called for pages rendered in this run only.
   */
  onPages?: (pages: readonly Output[], outDir: string) => void;
  /** What worker threads make of each page besides the HTML, for `onPages`. */
  prepare?: Omit<Prepare, 'writeTo'>;
  /**
   * The staging folder `onPages` writes into, made on first call: worker threads write the pages they
   * render there themselves (`Prepare.writeTo`) and send `onPages` only their hashes and scans.
   */
  stagingFor?: (outDir: string) => Promise<string>;
}

/**
 * The build's stages with their caches. `build` runs it once; `serve` keeps one and runs it again
 * with the paths that changed, so only those files are re-read and only affected pages re-rendered.
 */
export class Builder {
  private config?: ResolvedConfig;
  private contentCache: ContentCache = new Map();
  private renderCache: RenderCache = createRenderCache();
  private env?: TemplateEnv;
  private data?: { value: LoadedData; diagnostics: Diagnostic[] };
  private markdown?: (src: string) => string;
  private searchPaths: string[] = [];
  private pool?: Pool;
  /** Compiled templates by the hash of their text, kept across runs and (with the build cache) builds. */
  private templateCode: TemplateCode = templateCode();
  /** Serve: the last good build, for saves that change only a Markdown body (see `patchRun`). */
  private last?: LastGood;
  /** The config file as the up-to-date check ran it: taken by the first run, then run again on each change. */
  private evaluated?: EvaluatedConfig;
  /** The run of the config file that `config` came from (its text and value are in the cache key). */
  private configRun?: EvaluatedConfig;

  constructor(private readonly opts: BuilderOptions) {
    this.evaluated = opts.evaluated;
  }

  /** Serve knows its address only once it listens: links then point at it. Takes effect on the next run. */
  setBaseUrl(url: string): void {
    this.opts.overrides = { ...this.opts.overrides, baseUrl: url };
    this.config = undefined;
  }

  /** The absolute path of the config file. */
  get configFile(): string {
    return path.resolve(this.opts.config ?? 'site.config.ts');
  }

  /** Folders to watch: content (with data), the site's templates, and the config file. */
  watchPaths(): string[] {
    if (!this.config) return [this.configFile];
    const dir = (d: string) => path.resolve(this.config!.root, d);
    return [...new Set([dir(this.config.dirs.content), dir(this.config.dirs.data), ...this.searchPaths, this.configFile])];
  }

  /** Run the stages; `changed` lists absolute paths changed since the last run (undefined: everything). */
  async run(changed?: readonly string[]): Promise<BuildResult> {
    try {
      return await this.runStages(changed);
    } finally {
      await this.pool?.close();
      this.pool = undefined;
    }
  }

  private async runStages(changed?: readonly string[]): Promise<BuildResult> {
    runInfo.builtSite = true;
    const timings: Record<string, number> = {};
    let t = performance.now();
    const lap = (name: string) => {
      const n = performance.now();
      timings[name] = n - t;
      t = n;
    };
    const fail = (diagnostics: Diagnostic[], extra: Partial<BuildResult> = {}): BuildResult => ({
      ok: false, diagnostics: sortDiagnostics(diagnostics), outputs: [], timings, rendered: [], copies: [], ...extra,
    });
    const now = this.opts.now ?? this.opts.clock?.() ?? new Date();
    const all = changed === undefined || changed.includes(this.configFile) || !this.config;
    const last = this.last;
    this.last = undefined;

    // 1. Config: reloaded on start and whenever it changes; everything else is then redone.
    if (all) {
      // The up-to-date check ran the config file already: that is used once, for the first run.
      const cfg = await loadConfig(this.configFile, this.opts.overrides, this.evaluated);
      this.evaluated = undefined;
      this.configRun = cfg.evaluated;
      lap('config');
      if (!cfg.value) {
        this.config = undefined;
        return fail(cfg.diagnostics);
      }
      this.config = cfg.value;
      this.contentCache = new Map();
      this.renderCache = createRenderCache();
      this.env = undefined;
      this.data = undefined;
      this.markdown = undefined;
    }
    const config = this.config!;
    const dir = (d: string) => path.resolve(config.root, d);
    const contentDir = dir(config.dirs.content);
    const dataDir = dir(config.dirs.data);
    const outDir = dir(config.dirs.output);
    this.searchPaths = [...new Set([dir(config.dirs.templates), BUILTIN_TEMPLATES])];
    // A site parsed from scratch (no stored parses) with many Markdown files: worker threads start
    // now, and load while this thread reads the inputs and the data. Started when parsing began,
    // they were ready 1 s into a cold build of 4,000 posts instead of 0.7 s.
    // The files listed for that are listed once: reading the inputs below takes the same list.
    let scanned: Promise<string[]> | undefined;
    if (!this.opts.incremental && !this.pool && this.contentCache.size === 0 && (!this.opts.persistCache || !hasStoredParses(path.join(config.root, '.awning-cache')))) {
      const count = this.opts.inputs?.preRead.size ?? (await (scanned = scanMarkdown(contentDir, dataDir))).length;
      if (count >= PARALLEL_MIN_FILES) this.poolFor(count);
    }
    // Theme assets under content-hashed names; serve keeps their names and serves them from their folders.
    const assets = this.opts.dev ? undefined : await fingerprintAssets(copiesFor(config, this.searchPaths));
    const inside = (p: string, d: string) => p === d || p.startsWith(d + path.sep);

    // Which templates changed: pages that used them are rendered again; a new or deleted one redoes all.
    let changedTemplates: Set<string> | undefined;
    if (!all) {
      for (const p of changed!) {
        const sp = this.searchPaths.find((d) => inside(p, d));
        if (sp && !inside(p, path.join(sp, 'assets'))) {
          changedTemplates ??= new Set();
          changedTemplates.add(path.relative(sp, p).split(path.sep).join('/'));
        }
      }
      if (changedTemplates) this.env = undefined;
      if (!changedTemplates && last) {
        const patched = await this.patchRun(changed!, last, { contentDir, dataDir, now, timings });
        if (patched) return patched;
      }
    }

    // The build cache: parsed Markdown from the last build, if it was made under the same key.
    const cacheDir = path.join(config.root, '.awning-cache');
    // With a page record, the output folder is listed on another thread while this one reads and
    // models the site: for the plan (each page's file as written?) and an in-place commit. A small
    // site's is listed here, in a millisecond or two: the thread took 0.1-0.2 s to start and load,
    // and the example site's build waited for it (90 ms of a 0.45 s build after a one-post edit).
    const small = (this.opts.inputs?.files.length ?? Infinity) < LIST_HERE_BELOW;
    const listing = this.opts.reuseOutput && !this.opts.incremental && hasStoredPages(cacheDir) && existsSync(outDir)
      ? small ? Promise.resolve().then(() => listOutput(outDir)) : listOutputElsewhere(outDir)
      : undefined;
    let key: string | undefined;
    let cachedBefore = 0;
    let inputs: Inputs | undefined;
    let storedPages: StoredPages | undefined;
    let storedRelated: { key: string } | undefined;
    if (this.opts.persistCache && !this.opts.incremental && this.contentCache.size === 0) {
      key = configKey(this.configFile, this.configRun!, this.opts.overrides ?? {});
      // The fingerprint of the inputs, recorded for the next build's up-to-date check; the files'
      // texts are read for it once (by that check, when it knew where they are).
      if (this.opts.recordInputs) {
        inputs = inputsFor(this.opts.inputs, key, config) ??
          (await readInputs(config.root, layoutOf(config), key, { checkLinks: this.opts.checkLinks ?? false, headers: this.opts.headers ?? false }, undefined, scanned));
      }
      const [contentCache, code, pages, related] = await Promise.all([
        readContentCache(cacheDir, config.root, key),
        readTemplateCode(cacheDir, VERSION),
        this.opts.reuseOutput ? readStoredPages(cacheDir, pagesKey(key, assets?.map, this.opts.dev), outDir) : undefined,
        readRelated(cacheDir, VERSION),
      ]);
      storedPages = pages;
      if (related) seedRelated(related.key, related.result);
      storedRelated = related;
      this.contentCache = contentCache;
      this.templateCode = templateCode(code);
      cachedBefore = this.contentCache.size;
    }

    // 2 + 3. Data and content, read in parallel; every problem is collected.
    const dataChanged = all || !this.data || changed!.some((p) => inside(p, dataDir));
    const contentChanged = all || changed!.some((p) => inside(p, contentDir) && p.endsWith('.md'));
    const [data, content] = await Promise.all([
      dataChanged ? loadData(dataDir, config.root) : Promise.resolve(this.data!),
      loadContent({
        contentDir, dataDir, root: config.root, render: (src) => this.markdown!(src), prepare: () => this.loadMarkdown(), cache: this.contentCache,
        changed: all || !this.opts.incremental ? undefined : new Set(contentChanged ? changed : []),
        preRead: inputs?.preRead,
        files: inputs?.files,
        parseMany: this.opts.incremental ? undefined : (files) => this.parseMany(files, contentDir, config.root),
      }),
    ]);
    this.data = data;
    if (key && (content.parsed > 0 || this.contentCache.size !== cachedBefore)) {
      await writeContentCache(cacheDir, config.root, key, this.contentCache);
    }
    lap('load');
    const diagnostics = [...data.diagnostics, ...content.diagnostics];
    if (hasErrors(diagnostics)) return fail(diagnostics, { config, outDir });

    // Worker threads start now, so that they load while this thread builds the model; not when the
    // last build's pages are at hand, as most of them will then be reused.
    if (!this.opts.incremental && !storedPages) this.poolFor(content.value.length);

    // 4. The pure model.
    const model = buildSite(config, data.value.data, content.value, now);
    // Related posts take most of the model's time on a big blog: kept for the next build.
    const related = lastRelated();
    if (key && related && related.key !== storedRelated?.key) await writeRelated(cacheDir, VERSION, related);
    diagnostics.push(...model.diagnostics, ...model.problems.map((p) => locateProblem(p, data.value.sources)));
    lap('model');
    if (hasErrors(diagnostics)) return fail(diagnostics, { config, outDir, model });

    // 5. Render, reusing pages whose inputs did not change.
    // Everything the template environment needs but the config's own filters and globals (functions,
    // which cannot be sent): worker threads build the same environment from it.
    const envOptions: SharedEnvOptions = {
      searchPaths: this.searchPaths,
      basePath: config.basePath,
      baseUrl: config.baseUrl,
      timeZone: config.timeZone,
      language: config.language,
      assets: assets?.map,
      templateCode: this.templateCode,
    };
    this.env ??= createTemplateEnv({ ...envOptions, userFilters: config.nunjucks.filters, userGlobals: config.nunjucks.globals });
    const abs = absoluteUrlUnder(config.baseUrl);
    const renderOpts = { root: config.root, basePath: config.basePath, abs, dev: this.opts.dev };
    const onPages = this.opts.onPages ? (pages: readonly Output[]) => this.opts.onPages!(pages, outDir) : undefined;
    // With the build cache, pages whose inputs did not change are taken from the last build.
    let plan: ReusePlan | undefined;
    let templateHash: ((name: string) => string | undefined) | undefined;
    if (key && this.opts.reuseOutput) {
      templateHash = templateHasher(this.searchPaths);
      const sources = new Map<string, ModelSource>();
      for (const loaded of this.contentCache.values()) if (loaded.page) sources.set(loaded.page.file, { hash: loaded.hash, page: loaded.page });
      plan = planReuse(model, storedPages, { dev: this.opts.dev ?? false, outDir, templateHash, needScans: this.opts.checkLinks ?? false, sources, listing: storedPages && (await listing) });
      timings['plan'] = performance.now() - t;
    }
    const toRender = plan ? { ...model, routes: plan.render } : model;
    const lastingKeys = plan?.keyWhenRendered ? plan.summaries : undefined;
    let rendered: ReturnType<typeof renderSite>;
    // The staging folder is opened before the first page: each is then written as it is rendered.
    const writeTo = onPages && (await this.opts.stagingFor?.(outDir));
    if (this.opts.incremental ? undefined : this.poolFor(toRender.routes.length)) {
      const prepare: Prepare = { scan: this.opts.prepare?.scan ?? false, writeTo };
      rendered = await this.renderParallel(toRender, this.env, { ...renderOpts, lastingKeys }, envOptions, onPages && { onPages, prepare });
    }
    else if (onPages) rendered = await this.renderInChunks(toRender, this.env, { ...renderOpts, lastingKeys }, onPages);
    else rendered = renderSite(toRender, this.env, { ...renderOpts, cache: this.opts.incremental ? this.renderCache : undefined, changedTemplates, lastingKeys });
    diagnostics.push(...rendered.diagnostics);
    if (rendered.diagnostics.length) this.renderCache = createRenderCache();
    if (key && this.templateCode.added && !rendered.diagnostics.length) await writeTemplateCode(cacheDir, VERSION, this.templateCode);
    const pages = plan?.reused.length ? [...rendered.value, ...plan.reused].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) : rendered.value;
    const outputs = [
      ...pages,
      ...(assets?.outputs ?? []),
      { path: 'feed.xml', url: '/feed.xml', content: atomFeed(model.globals, abs) },
      { path: 'sitemap.xml', url: '/sitemap.xml', content: sitemap(model.globals, abs) },
      { path: 'robots.txt', url: '/robots.txt', content: robots(abs) },
    ];
    lap('render');
    if (hasErrors(diagnostics)) return fail(diagnostics, { config, outDir, model });
    // The next time a scheduled post goes live: the output changes then, though no file does.
    let nextPublish = Infinity;
    for (const p of content.value) {
      if (p.kind !== 'post' || p.frontMatter.draft || config.drafts) continue;
      const at = parseSiteDate(p.frontMatter.date!, config.timeZone).getTime();
      if (at > now.getTime() && at < nextPublish) nextPublish = at;
    }
    if (this.opts.incremental) {
      const positions = new Map(outputs.map((x, i) => [x.path, i] as const));
      this.last = { model, outputs, warnings: diagnostics, day: dayInZone(now, config.timeZone), nextPublish, index: indexModel(model), positions };
    }
    return {
      ok: true, diagnostics: sortDiagnostics(diagnostics), config, model, outputs, outDir, timings, fingerprint: inputs?.fingerprint, inputStamps: inputs?.stamps,
      nextPublish: Number.isFinite(nextPublish) ? nextPublish : undefined,
      // Templates are recorded with the text they were rendered from (one edited during the build
      // is then seen as changed by the next), else as they are on disk.
      pageRecord: plan && key ? { key: pagesKey(key, assets?.map, this.opts.dev), plan, templateHash: (name) => this.templateCode.texts.get(name) ?? templateHash!(name), listing } : undefined,
      rendered: rendered.rendered, copies: assets?.copies ?? copiesFor(config, this.searchPaths),
    };
  }

  /**
   * Serve's fast path: every changed path is a Markdown file the last build used, and its front
   * matter is unchanged. Then the site's shape is the same: the last model is patched in place and
   * only the pages that show the new body or excerpt are rendered; no other file is read and no
   * other page's context is built or hashed. Returns undefined when the full path must run.
   */
  private async patchRun(changed: readonly string[], last: LastGood, o: { contentDir: string; dataDir: string; now: Date; timings: Record<string, number> }): Promise<BuildResult | undefined> {
    const config = this.config!;
    const inside = (p: string, d: string) => p.startsWith(d + path.sep);
    if (!changed.every((p) => p.endsWith('.md') && inside(p, o.contentDir) && !inside(p, o.dataDir) && this.contentCache.get(p)?.page)) return undefined;
    // The clock moves the model too: today's hours, scheduled posts.
    if (dayInZone(o.now, config.timeZone) !== last.day || o.now.getTime() >= last.nextPublish) return undefined;
    const t = performance.now();
    const updates: { abs: string; loaded: LoadedFile }[] = [];
    for (const abs of changed) {
      let text: string;
      try {
        // One small file, read synchronously on purpose: an asynchronous read waits in libuv's
        // thread pool behind the watcher's rescan of the folder (an lstat per post).
        text = readFileSync(abs, 'utf8');
      } catch {
        return undefined;
      }
      const cached = this.contentCache.get(abs)!;
      const hash = hashText(text);
      if (cached.hash === hash) continue;
      const render = await this.loadMarkdown();
      const loaded = loadFile(abs, text, { contentDir: o.contentDir, root: config.root, render }, hash);
      if (!loaded.page || loaded.diagnostics.length || !onlyBodyChanged(cached.page!, loaded.page)) return undefined;
      updates.push({ abs, loaded });
    }
    for (const u of updates) this.contentCache.set(u.abs, u.loaded);
    o.timings['load'] = performance.now() - t;
    const copies = copiesFor(config, this.searchPaths);
    const outDir = path.resolve(config.root, config.dirs.output);
    if (updates.length === 0) {
      this.last = last;
      return { ok: true, unchanged: true, diagnostics: last.warnings, config, model: last.model, outputs: last.outputs, changedOutputs: [], outDir, timings: o.timings, rendered: [], copies };
    }

    const model = last.model;
    const { affected, summariesChanged } = patchBodies(model, updates.map((u) => u.loaded.page!), last.index);
    if (summariesChanged) {
      // Pages that read every post (a "latest posts" box) show the new excerpt too.
      const readers = new Set<string>();
      for (const [out, entry] of this.renderCache.pages) if (entry.globals.has('posts')) readers.add(out);
      for (const r of model.routes) if (readers.has(r.output)) affected.add(r);
      this.renderCache.globals.delete('posts');
    }
    const abs = absoluteUrlUnder(config.baseUrl);
    const rendered = renderSite({ ...model, routes: [...affected] }, this.env!, {
      root: config.root, basePath: config.basePath, abs, dev: this.opts.dev,
      cache: this.renderCache, partial: true, keepFragments: !summariesChanged,
    });
    const outputs = last.outputs.slice();
    const changedOutputs: Output[] = [];
    const replace = (x: Output) => {
      outputs[last.positions.get(x.path)!] = x;
      changedOutputs.push(x);
    };
    rendered.value.forEach(replace);
    if (summariesChanged) replace({ path: 'feed.xml', url: '/feed.xml', content: atomFeed(model.globals, abs) });
    o.timings['render'] = performance.now() - t - o.timings['load'];
    if (rendered.diagnostics.length) {
      this.renderCache = createRenderCache();
      return { ok: false, diagnostics: sortDiagnostics(rendered.diagnostics), config, outputs: [], timings: o.timings, rendered: [], copies: [] };
    }
    this.last = { ...last, outputs };
    return {
      ok: true, diagnostics: last.warnings, config, model, outputs, changedOutputs, outDir, timings: o.timings,
      rendered: rendered.rendered, copies,
    };
  }

  /**
   * Render on this thread in chunks, handing each page to `onPages` as soon as it is rendered (which
   * scans and writes it, and lets its text go), with the event loop free between chunks.
   */
  private async renderInChunks(model: SiteModel, env: TemplateEnv, o: Parameters<typeof renderSite>[2], onPages: (pages: readonly Output[]) => void): Promise<ReturnType<typeof renderSite>> {
    const parts: ReturnType<typeof renderSite>[] = [];
    for (let i = 0; i < model.routes.length; i += CHUNK) {
      const part = renderSite({ ...model, routes: model.routes.slice(i, i + CHUNK) }, env, { ...o, keepFragments: i > 0, eachPage: (out) => onPages([out]) });
      parts.push(part);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return joinRendered(parts);
  }

  /** Worker threads for `items` pieces of work: the option, or by default one fewer than the cores for big jobs. */
  private poolFor(items: number): Pool | undefined {
    if (this.pool) return this.pool;
    const wanted = this.opts.workers ?? (items >= PARALLEL_MIN_FILES ? Math.min(3, availableParallelism() - 1) : 0);
    if (wanted > 0) this.pool = Pool.create(wanted, { configFile: this.configFile, overrides: this.opts.overrides, dev: this.opts.dev });
    return this.pool;
  }

  /** The build's Markdown renderer, made (and markdown-it loaded) the first time a file needs parsing. */
  private async loadMarkdown(): Promise<(src: string) => string> {
    this.markdown ??= await createMarkdown(this.config!.markdown);
    return this.markdown;
  }

  /**
   * Parse Markdown files on this thread and the workers', in chunks taken as threads become free;
   * the same results, in the same order. The texts go along, so each file is parsed as it was hashed.
   */
  private async parseMany(files: FileToParse[], contentDir: string, root: string): Promise<LoadedFile[]> {
    const pool = this.poolFor(files.length);
    const render = await this.loadMarkdown();
    const here = (chunk: FileToParse[]) => chunk.map((f) => loadFile(f.abs, f.text, { contentDir, root, render }, f.hash));
    if (!pool) return here(files);
    return (await shareWork(files, PARSE_CHUNK, pool.size, here, (i, chunk) => pool.call<LoadedFile[]>(i, { type: 'parse', files: chunk }))).flat();
  }

  /**
   * Render on the worker threads and this one, in chunks taken as threads become free (see
   * `shareWork`): this thread also builds the model before and checks and records the site after, so
   * the workers take more of the pages. With `stream`, each chunk goes to `onPages` as it is done,
   * and the workers scan, write and hash their pages (`Prepare`).
   */
  private async renderParallel(
    model: SiteModel,
    env: TemplateEnv,
    o: Parameters<typeof renderSite>[2],
    envOptions: SharedEnvOptions,
    stream?: { onPages: (pages: readonly Output[]) => void; prepare: Prepare },
  ): Promise<ReturnType<typeof renderSite>> {
    const pool = this.pool!;
    type Part = ReturnType<typeof renderSite>;
    // The routes and what every page shares go once to each worker; its render requests follow in order.
    const setups = Array.from({ length: pool.size }, (_, i) =>
      pool.call<void>(i, { type: 'renderSetup', routes: model.routes, globals: model.globals, env: envOptions, lastingKeys: o.lastingKeys !== undefined, prepare: stream?.prepare }),
    );
    for (const s of setups) s.catch(() => undefined);
    const parts = await shareWork(
      model.routes,
      RENDER_CHUNK,
      pool.size,
      (routes, first) => renderSite({ ...model, routes }, env, { ...o, keepFragments: !first, eachPage: stream && ((out) => stream.onPages([out])) }),
      async (i, routes, start) => {
        let part: Part;
        try {
          part = await pool.call<Part>(i, { type: 'render', from: start, count: routes.length });
        } catch (err) {
          await setups[i]; // a failed setup is the cause to report
          throw err;
        }
        if (stream) stream.onPages(part.value);
        return part;
      },
    );
    await Promise.all(setups);
    return joinRendered(parts);
  }

}

/** What serve keeps of its last good build. */
interface LastGood {
  model: SiteModel;
  outputs: Output[];
  /** Routes by file and summaries by id; each output's position by path. */
  index: ModelIndex;
  positions: Map<string, number>;
  /** Warnings of that build, repeated by builds that patch it. */
  warnings: Diagnostic[];
  /** The day it was built (in the site's zone) and the next time a scheduled post goes live. */
  day: string;
  nextPublish: number;
}

/**
 * Pages rendered in one go on this thread (no workers) before they are written and the event loop
 * may run. Small, so each page's text dies young: at 1,000 posts 10 rather than 100 took the median
 * cold build from 4.32 to 4.05 s (4 alternating pairs) and the peak from 207 to 187 MB.
 */
const CHUNK = 10;
/** Sites with fewer Markdown files than this list their output folder on the main thread. */
const LIST_HERE_BELOW = 300;
/** Markdown files parsed in one go by a thread (about 30 ms of work on the benchmark's posts). */
const PARSE_CHUNK = 40;
/** Pages rendered in one go by a thread when threads share a render (50 to 100 ms of work). */
const RENDER_CHUNK = 50;

/**
 * Parts of one render as one: outputs sorted by path, each diagnostic once. A template error is the
 * same error on every page that reaches it (the message names the first page): once per place, as
 * within one `renderSite`, however many chunks the pages were rendered in.
 */
function joinRendered(parts: readonly ReturnType<typeof renderSite>[]): ReturnType<typeof renderSite> {
  const seen = new Set<string>();
  const diagnostics = parts.flatMap((p) => p.diagnostics).filter((d) => {
    const key = `${d.code}|${d.file}|${d.line}|${d.column}`;
    return !seen.has(key) && (seen.add(key), true);
  });
  const value = parts.flatMap((p) => p.value).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { value, diagnostics, rendered: parts.flatMap((p) => p.rendered) };
}


/** Theme assets (built-in first, so a site's own files win) and content media. */
export function copiesFor(config: ResolvedConfig, searchPaths: string[]): CopyDir[] {
  return [
    ...[...searchPaths].reverse().map((p) => ({ from: path.join(p, 'assets'), to: 'assets' })),
    { from: path.resolve(config.root, config.dirs.content, 'media'), to: 'media' },
  ];
}

/** The page record's key: the build cache's, the theme assets' hashed names, and serve or build. */
function pagesKey(key: string, assets: ReadonlyMap<string, string> | undefined, dev: boolean | undefined): string {
  return hashText(JSON.stringify([key, assets ? [...assets] : null, dev ?? false]));
}

