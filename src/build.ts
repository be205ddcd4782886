import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type ConfigOverrides } from './config/load.js';
import type { ResolvedConfig } from './config/schema.js';
import { loadData, locateProblem, type LoadedData } from './load/loadData.js';
import { loadContent, type ContentCache } from './load/loadContent.js';
import { createMarkdown } from './load/markdown.js';
import { buildSite, type SiteModel } from './model/buildSite.js';
import { createTemplateEnv, type TemplateEnv } from './render/env.js';
import { renderSite, createRenderCache, type Output, type RenderCache } from './render/renderSite.js';
import { atomFeed, sitemap, robots } from './output/feeds.js';
import { writeSite, type CopyDir } from './output/write.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';

/** The default theme shipped with Awning. */
export const BUILTIN_TEMPLATES = fileURLToPath(new URL('../templates', import.meta.url));

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
}

/** One build from scratch: the six stages in order; stops before writing if any error was found. */
export async function build(opts: BuildOptions = {}): Promise<BuildResult> {
  const builder = new Builder({ ...opts, incremental: false });
  const result = await builder.run();
  if (result.ok && opts.write !== false) {
    const t = performance.now();
    await writeSite(result.outDir!, result.outputs, result.copies);
    result.timings['write'] = performance.now() - t;
  }
  return result;
}

export interface BuilderOptions extends Omit<BuildOptions, 'write'> {
  /** Keep parsed files and rendered pages between runs, and redo only what a change affects. */
  incremental?: boolean;
  /** A clock for each run (serve uses the real one). */
  clock?: () => Date;
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

  constructor(private readonly opts: BuilderOptions) {}

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

    // 1. Config: reloaded on start and whenever it changes; everything else is then redone.
    if (all) {
      const cfg = await loadConfig(this.configFile, this.opts.overrides);
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
      this.markdown = createMarkdown(this.config.markdown);
    }
    const config = this.config!;
    const dir = (d: string) => path.resolve(config.root, d);
    const contentDir = dir(config.dirs.content);
    const dataDir = dir(config.dirs.data);
    const outDir = dir(config.dirs.output);
    this.searchPaths = [...new Set([dir(config.dirs.templates), BUILTIN_TEMPLATES])];
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
    }

    // 2 + 3. Data and content, read in parallel; every problem is collected.
    const dataChanged = all || !this.data || changed!.some((p) => inside(p, dataDir));
    const contentChanged = all || changed!.some((p) => inside(p, contentDir) && p.endsWith('.md'));
    const [data, content] = await Promise.all([
      dataChanged ? loadData(dataDir, config.root) : Promise.resolve(this.data!),
      loadContent({
        contentDir, dataDir, root: config.root, render: this.markdown!, cache: this.contentCache,
        changed: all || !this.opts.incremental ? undefined : new Set(contentChanged ? changed : []),
      }),
    ]);
    this.data = data;
    lap('load');
    const diagnostics = [...data.diagnostics, ...content.diagnostics];
    if (hasErrors(diagnostics)) return fail(diagnostics, { config, outDir });

    // 4. The pure model.
    const model = buildSite(config, data.value.data, content.value, now);
    diagnostics.push(...model.diagnostics, ...model.problems.map((p) => locateProblem(p, data.value.sources)));
    lap('model');
    if (hasErrors(diagnostics)) return fail(diagnostics, { config, outDir, model });

    // 5. Render, reusing pages whose inputs did not change.
    this.env ??= createTemplateEnv({
      searchPaths: this.searchPaths,
      basePath: config.basePath,
      baseUrl: config.baseUrl,
      timeZone: config.timeZone,
      language: config.language,
      userFilters: config.nunjucks.filters,
      userGlobals: config.nunjucks.globals,
    });
    const abs = (url: string) => new URL(url.replace(/^\//, ''), config.baseUrl).href;
    const rendered = renderSite(model, this.env, {
      root: config.root,
      basePath: config.basePath,
      abs,
      dev: this.opts.dev,
      cache: this.opts.incremental ? this.renderCache : undefined,
      changedTemplates,
    });
    diagnostics.push(...rendered.diagnostics);
    if (rendered.diagnostics.length) this.renderCache = createRenderCache();
    const outputs = [
      ...rendered.value,
      { path: 'feed.xml', url: '/feed.xml', content: atomFeed(model.globals, abs) },
      { path: 'sitemap.xml', url: '/sitemap.xml', content: sitemap(model.globals, abs) },
      { path: 'robots.txt', url: '/robots.txt', content: robots(abs) },
    ];
    lap('render');
    if (hasErrors(diagnostics)) return fail(diagnostics, { config, outDir, model });
    return {
      ok: true, diagnostics: sortDiagnostics(diagnostics), config, model, outputs, outDir, timings,
      rendered: rendered.rendered, copies: copiesFor(config, this.searchPaths),
    };
  }
}

/** Theme assets (built-in first, so a site's own files win) and content media. */
export function copiesFor(config: ResolvedConfig, searchPaths: string[]): CopyDir[] {
  return [
    ...[...searchPaths].reverse().map((p) => ({ from: path.join(p, 'assets'), to: 'assets' })),
    { from: path.resolve(config.root, config.dirs.content, 'media'), to: 'media' },
  ];
}
