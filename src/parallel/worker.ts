import { parentPort, workerData } from 'node:worker_threads';
import path from 'node:path';
import { loadConfig, type ConfigOverrides } from '../config/load.js';
import type { ResolvedConfig } from '../config/schema.js';
import { createMarkdown } from '../load/markdown.js';
import { parseFiles } from '../load/loadContent.js';
import { createTemplateEnv, type TemplateEnv } from '../render/env.js';
import { renderSite, summaryHashes, type Output, type Prepare } from '../render/renderSite.js';
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
  | { type: 'parse'; files: string[] }
  /** With `chunk`: pages are sent back as they are rendered, `chunk` at a time, and the answer has none. */
  | { type: 'render'; routes: Route[]; globals: SiteGlobals; env: SharedEnvOptions; chunk?: number; lastingKeys?: boolean; prepare?: Prepare };

const init = workerData as WorkerInit;
let config: Promise<ResolvedConfig> | undefined;
let env: TemplateEnv | undefined;
let markdown: ((src: string) => string) | undefined;

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
    markdown ??= await createMarkdown(c.markdown);
    return parseFiles(req.files, { contentDir: path.resolve(c.root, c.dirs.content), root: c.root, render: markdown });
  }
  const madeDirs = new Set<string>();
  env ??= createTemplateEnv({ ...req.env, userFilters: c.nunjucks.filters, userGlobals: c.nunjucks.globals });
  const abs = absoluteUrlUnder(c.baseUrl);
  const model = { routes: req.routes, globals: req.globals, problems: [], diagnostics: [] };
  const lastingKeys = req.lastingKeys ? summaryHashes(model) : undefined;
  const render = (routes: Route[], keepFragments: boolean) =>
    renderSite({ ...model, routes }, env!, { root: c.root, basePath: c.basePath, abs, dev: init.dev, keepFragments, lastingKeys });
  if (!req.chunk) return render(req.routes, false);
  const all: ReturnType<typeof renderSite> = { value: [], diagnostics: [], rendered: [] };
  for (let i = 0; i < req.routes.length; i += req.chunk) {
    const part = render(req.routes.slice(i, i + req.chunk), i > 0);
    if (req.prepare) for (const o of part.value) preparePage(o, req.prepare, madeDirs);
    parentPort!.postMessage({ id, partial: part.value });
    all.diagnostics.push(...part.diagnostics);
    all.rendered.push(...part.rendered);
  }
  return all;
}

parentPort!.on('message', (msg: WorkerRequest & { id: number }) => {
  handle(msg, msg.id).then(
    (value) => parentPort!.postMessage({ id: msg.id, ok: true, value }),
    (err: Error) => parentPort!.postMessage({ id: msg.id, ok: false, error: err?.stack ?? String(err) }),
  );
});
