import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type ConfigOverrides } from './config/load.js';
import type { ResolvedConfig } from './config/schema.js';
import { loadData, locateProblem, type LoadedData } from './load/loadData.js';
import { loadContent, type ContentCache } from './load/loadContent.js';
import { createMarkdown } from './load/markdown.js';
import { buildSite, type SiteModel } from './model/buildSite.js';
import { createTemplateEnv } from './render/env.js';
import { renderSite, type Output } from './render/renderSite.js';
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
  /** Kept between builds by serve: parsed Markdown per file. */
  cache?: ContentCache;
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
}

/** The six stages in order; stops before writing if any error was found. */
export async function build(opts: BuildOptions = {}): Promise<BuildResult> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const n = performance.now();
    timings[name] = n - t;
    t = n;
  };
  const now = opts.now ?? new Date();
  const fail = (diagnostics: Diagnostic[], extra: Partial<BuildResult> = {}): BuildResult => ({ ok: false, diagnostics: sortDiagnostics(diagnostics), outputs: [], timings, ...extra });

  // 1. Config
  const cfg = await loadConfig(opts.config ?? 'site.config.ts', opts.overrides);
  lap('config');
  if (!cfg.value) return fail(cfg.diagnostics);
  const config = cfg.value;
  const dir = (d: string) => path.resolve(config.root, d);
  const contentDir = dir(config.dirs.content);
  const dataDir = dir(config.dirs.data);
  const outDir = dir(config.dirs.output);

  // 2 + 3. Data and content, read in parallel; every problem is collected.
  const render = createMarkdown(config.markdown);
  const [data, content] = await Promise.all([
    loadData(dataDir, config.root),
    loadContent({ contentDir, dataDir, root: config.root, render, cache: opts.cache }),
  ]);
  lap('load');
  const diagnostics = [...data.diagnostics, ...content.diagnostics];
  if (hasErrors(diagnostics)) return fail(diagnostics, { config, outDir });

  // 4. The pure model.
  const model = buildSite(config, data.value.data, content.value, now);
  diagnostics.push(...model.diagnostics, ...model.problems.map((p) => locateProblem(p, data.value.sources)));
  lap('model');
  if (hasErrors(diagnostics)) return fail(diagnostics, { config, outDir, model });

  // 5. Render.
  const searchPaths = [...new Set([dir(config.dirs.templates), BUILTIN_TEMPLATES])];
  const env = createTemplateEnv({
    searchPaths,
    basePath: config.basePath,
    baseUrl: config.baseUrl,
    timeZone: config.timeZone,
    language: config.language,
    userFilters: config.nunjucks.filters,
    userGlobals: config.nunjucks.globals,
  });
  const abs = (url: string) => new URL(url.replace(/^\//, ''), config.baseUrl).href;
  const rendered = renderSite(model, env, { root: config.root, basePath: config.basePath, abs, dev: opts.dev });
  diagnostics.push(...rendered.diagnostics);
  const outputs = [
    ...rendered.value,
    { path: 'feed.xml', url: '/feed.xml', content: atomFeed(model.globals, abs) },
    { path: 'sitemap.xml', url: '/sitemap.xml', content: sitemap(model.globals, abs) },
    { path: 'robots.txt', url: '/robots.txt', content: robots(abs) },
  ];
  lap('render');
  if (hasErrors(diagnostics)) return fail(diagnostics, { config, outDir, model });

  // 6. Write, atomically.
  if (opts.write !== false) {
    await writeSite(outDir, outputs, copiesFor(config, searchPaths));
    lap('write');
  }
  return { ok: true, diagnostics: sortDiagnostics(diagnostics), config, model, outputs, outDir, timings };
}

/** Theme assets (built-in first, so a site's own files win) and content media. */
export function copiesFor(config: ResolvedConfig, searchPaths: string[]): CopyDir[] {
  return [
    ...[...searchPaths].reverse().map((p) => ({ from: path.join(p, 'assets'), to: 'assets' })),
    { from: path.resolve(config.root, config.dirs.content, 'media'), to: 'media' },
  ];
}

export type { LoadedData };
