import type { SiteModel, Route } from '../model/buildSite.js';
import { markActive } from '../model/menus.js';
import type { TemplateEnv } from './env.js';
import { rebaseHtml } from './filters.js';
import { templateDiagnostic } from './errors.js';
import { structuredData } from './jsonld.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface Output {
  /** Path inside the output folder, with forward slashes. */
  path: string;
  content: string | Buffer;
  /** The URL it is served at. */
  url: string;
}

/** Render every route through its layout; template errors become located diagnostics. */
export function renderSite(model: SiteModel, env: TemplateEnv, o: { root: string; basePath: string; abs: (url: string) => string; dev?: boolean }): { value: Output[]; diagnostics: Diagnostic[] } {
  const g = model.globals;
  for (const [k, v] of Object.entries({ ...g, dev: o.dev ?? false })) env.addGlobal(k, v);
  env.addGlobal('structuredData', (page: Parameters<typeof structuredData>[1]) => structuredData(g, page, o.abs));
  const outputs: Output[] = [];
  const diagnostics: Diagnostic[] = [];
  const failed = new Set<string>();
  for (const route of model.routes) {
    const name = `layouts/${route.layout}.njk`;
    // One failing template would fail every page that uses it: report it once.
    if (failed.has(name)) continue;
    try {
      outputs.push({ path: route.output, url: route.url, content: renderRoute(route, env, name, g.menus, o.basePath) });
    } catch (err) {
      const d = templateDiagnostic(err, o.root, route.page);
      const key = `${d.code}|${d.file}|${d.line}|${d.column}`;
      if (!failed.has(key)) diagnostics.push(d);
      failed.add(key);
      if (d.code === 'AWN400') failed.add(name);
    }
  }
  return { value: outputs, diagnostics };
}

function renderRoute(route: Route, env: TemplateEnv, name: string, menus: SiteModel['globals']['menus'], basePath: string): string {
  const page = basePath === '/' ? route.page : { ...route.page, content: rebaseHtml(route.page.content, basePath) };
  const ctx: Record<string, unknown> = {
    page,
    breadcrumbs: route.page.breadcrumbs,
    menus: markActive(menus, route.url, route.page.breadcrumbs.map((c) => c.url)),
  };
  // Only list pages shadow the global `posts` (all posts): Nunjucks looks up globals only for absent keys.
  if (route.posts) ctx['posts'] = route.posts;
  if (route.pagination) ctx['pagination'] = route.pagination;
  return env.getTemplate(name, true).render(ctx);
}
