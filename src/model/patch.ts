import type { SourcePage } from '../load/source.js';
import type { Route, SiteModel } from './buildSite.js';
import type { PostSummary } from './views.js';

/**
 * Whether a file changed only in its body: same place, same front matter. Then the site's shape
 * (URLs, order, terms, neighbours, related posts, menus, breadcrumbs) is what it was, and only the
 * page's body, word count and excerpt differ.
 */
export function onlyBodyChanged(before: SourcePage, after: SourcePage): boolean {
  const shape = (p: SourcePage) => JSON.stringify([p.id, p.file, p.kind, p.slug, p.frontMatter, p.extra]);
  return shape(before) === shape(after);
}

/**
 * Apply body-only updates to the last model in place, without building it again: the edit of one
 * post then costs the same in a site of 10 posts or 10,000. Returns the outputs of the routes whose
 * context changed: the file's own page(s), and, when a post's excerpt changed, every list,
 * neighbour and related list that shows it (pages that read the global `posts` are the caller's).
 */
export function patchBodies(model: SiteModel, saved: readonly SourcePage[], index = indexModel(model)): { affected: Set<Route>; summariesChanged: boolean } {
  const affected = new Set<Route>();
  const changedSummaries = new Set<string>();
  for (const after of saved) {
    const excerpt = after.frontMatter.description ?? after.excerpt;
    for (const route of index.routesByFile.get(after.file) ?? []) {
      route.page = { ...route.page, content: after.html, excerpt, words: after.words };
      affected.add(route);
    }
    if (after.kind !== 'post') continue;
    const summary = index.summaries.get(after.id);
    // Summaries are shared by every list and neighbour that shows the post: one change reaches all.
    if (summary && summary.excerpt !== excerpt) {
      summary.excerpt = excerpt;
      changedSummaries.add(after.id);
    }
  }
  if (changedSummaries.size) {
    for (const route of model.routes) {
      const p = route.page;
      const shows =
        (p.prev && changedSummaries.has(p.prev.id)) ||
        (p.next && changedSummaries.has(p.next.id)) ||
        p.related?.some((s) => changedSummaries.has(s.id)) ||
        route.posts?.some((s) => changedSummaries.has(s.id));
      if (shows) affected.add(route);
    }
  }
  return { affected, summariesChanged: changedSummaries.size > 0 };
}

/** Lookups for patching a model again and again without scanning it: routes by source file, summaries by id. */
export interface ModelIndex {
  routesByFile: Map<string, Route[]>;
  summaries: Map<string, PostSummary>;
}

export function indexModel(model: SiteModel): ModelIndex {
  const routesByFile = new Map<string, Route[]>();
  for (const r of model.routes) {
    if (!r.page.file) continue;
    const list = routesByFile.get(r.page.file);
    if (list) list.push(r);
    else routesByFile.set(r.page.file, [r]);
  }
  return { routesByFile, summaries: new Map(model.globals.posts.map((s) => [s.id, s] as const)) };
}
