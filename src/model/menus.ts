import type { MenuItemInput } from '../schema/data.js';
import type { MenuItem, Link } from './views.js';
import type { DataProblem } from '../load/loadData.js';
import { unchanging } from '../util/unchanging.js';

export interface MenuContext {
  /** Page id → URL and title, for every page the site has (content and generated). */
  pages: ReadonlyMap<string, Link>;
  generated: Record<'locations' | 'categories' | 'services', Link[]>;
}

/** Resolve every menu item's URL; a page reference that matches no page is a problem at its line. */
export function resolveMenus(menus: Record<string, MenuItemInput[]>, ctx: MenuContext): { menus: Record<string, MenuItem[]>; problems: DataProblem[] } {
  const problems: DataProblem[] = [];
  const resolveList = (items: MenuItemInput[], path: PropertyKey[]): MenuItem[] =>
    items.map((item, i) => {
      const here = [...path, i];
      let url: string | undefined = item.url;
      if (item.page !== undefined) {
        const id = item.page.replace(/^\/+|\/+$/g, '').replace(/\.md$/, '') || 'index';
        const target = ctx.pages.get(id);
        if (target) url = target.url;
        else {
          problems.push({
            code: 'AWN203',
            dataFile: 'menus',
            path: [...here, 'page'],
            message: `The menu item "${item.label}" points to the page "${item.page}", which does not exist.`,
            hint: nearest(id, [...ctx.pages.keys()]),
          });
        }
      }
      const children = item.children ? resolveList(item.children, [...here, 'children']) : [];
      if (item.generate) {
        for (const link of ctx.generated[item.generate]) children.push(leaf(link.title, link.url, false));
      }
      return { ...leaf(item.label, url, url !== undefined && /^[a-z]+:/i.test(url)), children };
    });
  const out: Record<string, MenuItem[]> = {};
  for (const name of Object.keys(menus).sort()) out[name] = resolveList(menus[name]!, [name]);
  return { menus: out, problems };
}

const leaf = (label: string, url: string | undefined, external: boolean): MenuItem => ({ label, url, external, children: [], active: false, activeTrail: false });

/**
 * A copy of the menus with `active` on the current page's item and `activeTrail` on its ancestors.
 * Pages whose URL and trail mark the same items get the very same object (every post, say), and a
 * menu with nothing marked is the menu itself: the theme's `{% cache %}` keys on them then cost a
 * lookup, not a JSON text per page.
 */
export function markActive(menus: Record<string, MenuItem[]>, url: string, trail: readonly string[]): Record<string, MenuItem[]> {
  let memo = markedMenus.get(menus);
  if (!memo) markedMenus.set(menus, (memo = { urls: menuUrls(menus), marked: new Map() }));
  // What the marks depend on: the current URL and the trail's URLs, where a menu item has them.
  const signature = JSON.stringify([memo.urls.has(url) ? url : null, trail.filter((u) => u !== '/' && memo.urls.has(u))]);
  let out = memo.marked.get(signature);
  if (!out) {
    memo.marked.set(signature, (out = markUncached(menus, url, trail)));
    for (const items of Object.values(out)) unchanging.add(items);
  }
  return out;
}
const markedMenus = new WeakMap<Record<string, MenuItem[]>, { urls: Set<string>; marked: Map<string, Record<string, MenuItem[]>> }>();

function menuUrls(menus: Record<string, MenuItem[]>): Set<string> {
  const urls = new Set<string>();
  const walk = (items: MenuItem[]) => {
    for (const item of items) {
      if (item.url !== undefined) urls.add(item.url);
      walk(item.children);
    }
  };
  for (const items of Object.values(menus)) walk(items);
  return urls;
}

function markUncached(menus: Record<string, MenuItem[]>, url: string, trail: readonly string[]): Record<string, MenuItem[]> {
  const inTrail = new Set(trail.filter((u) => u !== '/'));
  const mark = (items: MenuItem[]): { items: MenuItem[]; hit: boolean } => {
    let any = false;
    const marked = items.map((item) => {
      const sub = mark(item.children);
      const active = item.url === url;
      const activeTrail = !active && (sub.hit || (item.url !== undefined && inTrail.has(item.url)));
      if (active || activeTrail) any = true;
      return active || activeTrail || sub.hit ? { ...item, active, activeTrail, children: sub.items } : item;
    });
    return { items: any ? marked : items, hit: any };
  };
  const out: Record<string, MenuItem[]> = {};
  for (const [name, items] of Object.entries(menus)) out[name] = mark(items).items;
  return out;
}

function nearest(id: string, ids: string[]): string {
  const last = id.split('/').pop() ?? id;
  const close = ids.filter((p) => p.split('/').pop() === last || p.includes(last)).sort().slice(0, 3);
  return close.length
    ? `did you mean ${close.map((c) => `"${c}"`).join(' or ')}? A page id is the file's path under content/ without ".md".`
    : 'a page id is the file\'s path under content/ without ".md" (for example "about/careers"), or a generated page such as "blog", "services/<slug>", "locations/<slug>".';
}
