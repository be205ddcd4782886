import { parentPort, workerData } from 'node:worker_threads';
import path from 'node:path';
import { loadConfig, type ConfigOverrides } from '../config/load.js';
import type { ResolvedConfig } from '../config/schema.js';
import { createMarkdown } from '../load/markdown.js';
import { loadFile, type FileToParse } from '../load/loadContent.js';
import { createTemplateEnv, type TemplateEnv } from '../render/env.js';
import { renderSite, summaryHashes, type Prepare } from '../render/renderSite.js';
import { preparePage } from './prepare.js';
import { absoluteUrlUnder } from '../model/urls.js';
import type { Route, SiteGlobals } from '../model/buildSite.js';
import type { SharedEnvOptions } from '../build.js';

export interface WorkerInit {
  configFile: string;
  overrides?: ConfigOverrides;
  dev?: boolean;
}

export type WorkerRequest =
  | { type: 'parse'; files: FileToParse[] }
  /**
   * A render: every route and what every page shares, sent once; the render requests that follow
   * name the routes to render by position. Routes and globals come in one message, so the post
   * summaries that routes show (lists, neighbours, related posts) are the very objects of
   * `globals.posts`, as on the main thread: a page's lasting key names each by its hash, found by
   * identity, and would differ if they were copies (the next build would then reuse nothing).
   */
  | { type: 'renderSetup'; routes: Route[]; globals: SiteGlobals; env: SharedEnvOptions; lastingKeys?: boolean; prepare?: Prepare }
  /** Routes [from, from + count) of the render set up last. */
  | { type: 'render'; from: number; count: number };

/** The render set up last (see `renderSetup`), and whether it has rendered a page yet. */
let session: { routes: Route[]; globals: SiteGlobals; lastingKeys?: WeakMap<object, string>; prepare?: Prepare; madeDirs: Set<string>; started: boolean } | undefined;

const init = workerData as WorkerInit;
let config: Promise<ResolvedConfig> | undefined;
let env: TemplateEnv | undefined;
/** One Markdown renderer for every parse request (two are in flight at a time). */
let markdown: Promise<(src: string) => string> | undefined;

/** The worker loads the config itself: filters and globals in it are functions, which cannot be sent. */
function getConfig(): Promise<ResolvedConfig> {
  config ??= loadConfig(init.configFile, init.overrides).then((r) => {
    if (!r.value) throw new Error('the configuration failed to load in a worker thread');
    return r.value;
  });
  return config;
}

// Load the config (and with it most of Awning's modules) as soon as the thread starts, while the main
// thread is still building the model: the first request then finds it ready.
void getConfig().catch(() => undefined);

async function handle(req: WorkerRequest, id: number): Promise<unknown> {
  const c = await getConfig();
  if (req.type === 'parse') {
    markdown ??= createMarkdown(c.markdown);
    const opts = { contentDir: path.resolve(c.root, c.dirs.content), root: c.root, render: await markdown };
    return req.files.map((f) => loadFile(f.abs, f.text, opts, f.hash));
  }
  if (req.type === 'renderSetup') {
    env ??= createTemplateEnv({ ...req.env, userFilters: c.nunjucks.filters, userGlobals: c.nunjucks.globals });
    const model = { routes: req.routes, globals: req.globals, problems: [], diagnostics: [] };
    session = { routes: req.routes, globals: req.globals, lastingKeys: req.lastingKeys ? summaryHashes(model) : undefined, prepare: req.prepare, madeDirs: new Set(), started: false };
    return undefined;
  }
  if (!session || !env) throw new Error('a render request came before its setup');
  const s = session;
  const part = renderSite({ routes: s.routes.slice(req.from, req.from + req.count), globals: s.globals, problems: [], diagnostics: [] }, env, {
    root: c.root, basePath: c.basePath, abs: absoluteUrlUnder(c.baseUrl), dev: init.dev, keepFragments: s.started, lastingKeys: s.lastingKeys,
    eachPage: s.prepare && ((o) => preparePage(o, s.prepare!, s.madeDirs)),
  });
  s.started = true;
  return part;
}

parentPort!.on('message', (msg: WorkerRequest & { id: number }) => {
  handle(msg, msg.id).then(
    (value) => parentPort!.postMessage({ id: msg.id, ok: true, value }),
    (err: Error) => parentPort!.postMessage({ id: msg.id, ok: false, error: err?.stack ?? String(err) }),
  );
});
