import type { SourcePage } from '../load/source.js';
import type { SiteDataSet, DataProblem } from '../load/loadData.js';
import type { ResolvedConfig } from '../config/schema.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseSiteDate, isoInZone, zonedParts, dayInZone } from '../util/time.js';
import { slugify } from '../util/slugify.js';
import { fillPermalink, normalizeUrl, outputPath, pagePath } from './urls.js';
import { paginate } from './pagination.js';
import { buildTerms } from './taxonomies.js';
import { relatedPosts } from './related.js';
import { resolveMenus } from './menus.js';
import { locationView, serviceView, type BusinessOptions } from './business.js';
import type { Link, LocationView, MenuItem, PageKind, PageView, PaginationView, PostSummary, ServiceView, Term, TermRef } from './views.js';

/** One page to render: where it goes, with what layout, and what the template sees. */
export interface Route {
  url: string;
  output: string;
  layout: string;
  page: PageView;
  /** List pages: the posts on this page. */
  posts?: PostSummary[];
  pagination?: PaginationView;
  /** Files this route comes from, to name them all when two routes collide. */
  sources: string[];
}

/** What every template sees, the same for every page. */
export interface SiteGlobals {
  site: Record<string, unknown>;
  data: Record<string, unknown>;
  posts: PostSummary[];
  categories: Term[];
  tags: Term[];
  locations: LocationView[];
  services: ServiceView[];
  menus: Record<string, MenuItem[]>;
  pages: { title: string; url: string; kind: PageKind; date?: string; updated?: string }[];
  year: number;
  buildTime: string;
}

export interface SiteModel {
  routes: Route[];
  globals: SiteGlobals;
  problems: DataProblem[];
  diagnostics: Diagnostic[];
}

type Config = Pick<ResolvedConfig, 'title' | 'baseUrl' | 'basePath' | 'language' | 'timeZone' | 'permalinks' | 'postsPerPage' | 'relatedPosts' | 'hours' | 'business' | 'contactForm' | 'drafts'>;

const DEFAULT_LAYOUT: Record<PageKind, string> = {
  post: 'post', page: 'page', location: 'location', service: 'service', blog: 'list', category: 'list', tag: 'list', categories: 'terms', tags: 'terms', '404': '404',
};

/**
 * The hash of each page's body, where the build cache knew it (see SourcePage.htmlHash): a page's
 * key is then made without reading its body. A WeakMap, so the hashes live as long as the model.
 */
export const bodyHashes = new WeakMap<PageView, string>();

/** Everything templates read, computed once from loaded content and data; pure: no disk, no clock. */
export function buildSite(config: Config, data: SiteDataSet, sources: readonly SourcePage[], now: Date): SiteModel {
  const tz = config.timeZone;
  const diagnostics: Diagnostic[] = [];
  const routes: Route[] = [];
  // Each post's date is read four or five times (to publish, sort, place and show it): each distinct
  // text is parsed and formatted once per model.
  const times = new Map<string, number>();
  const timeOf = (s: string): number => {
    let t = times.get(s);
    if (t === undefined) times.set(s, (t = parseSiteDate(s, tz).getTime()));
    return t;
  };
  const isos = new Map<string, string>();
  const iso = (s: string | undefined): string | undefined => {
    if (s === undefined) return undefined;
    let v = isos.get(s);
    if (v === undefined) isos.set(s, (v = isoInZone(new Date(timeOf(s)), tz)));
    return v;
  };

  // 1. Publish: drafts and future posts only with --drafts.
  const published = sources.filter((p) => {
    if (config.drafts) return true;
    if (p.frontMatter.draft) return false;
    return !(p.kind === 'post' && timeOf(p.frontMatter.date!) > now.getTime());
  });

  // 2. Posts, newest first; same date: by title, then path.
  const posts = published
    .filter((p) => p.kind === 'post')
    .map((p) => ({ src: p, time: timeOf(p.frontMatter.date!) }))
    .sort((a, b) => b.time - a.time || cmp(a.src.frontMatter.title, b.src.frontMatter.title) || cmp(a.src.id, b.src.id))
    .map((x) => x.src);

  const blogUrl = normalizeUrl(config.permalinks.blog);
  const categoryUrl = normalizeUrl(config.permalinks.category);
  const tagUrl = normalizeUrl(config.permalinks.tag);
  const cats = buildTerms(posts.map((p) => ({ id: p.id, file: p.file, terms: p.frontMatter.categories })), 'category', categoryUrl);
  const tags = buildTerms(posts.map((p) => ({ id: p.id, file: p.file, terms: p.frontMatter.tags })), 'tag', tagUrl);
  for (const w of [...cats.warnings, ...tags.warnings]) {
    const files = [...new Set(w.spellings.flatMap((s) => s.files))];
    diagnostics.push(
      diagnostic(
        'AWN310',
        { file: files[0] },
        `${w.spellings.map((s) => `"${s.name}"`).join(' and ')} are the same term (${w.slug}); they are shown as "${w.spellings[0]!.name}". Used in ${files.join(', ')}.`,
        'spell the term the same way in every post.',
        'warning',
      ),
    );
  }
  const termRefs = (names: readonly string[], terms: Term[]): TermRef[] => {
    const seen = new Set<string>();
    const out: TermRef[] = [];
    for (const n of names) {
      const slug = slugify(n);
      const t = terms.find((x) => x.slug === slug);
      if (t && !seen.has(slug)) {
        seen.add(slug);
        out.push({ name: t.name, slug: t.slug, url: t.url });
      }
    }
    return out;
  };

  const urlOf = new Map<string, string>();
  for (const p of published) {
    const fm = p.frontMatter;
    if (fm.permalink) urlOf.set(p.id, fillPermalink(fm.permalink, { slug: p.slug, path: pagePath(p.id) }));
    else if (p.kind === 'post') {
      const d = zonedParts(new Date(timeOf(fm.date!)), tz);
      urlOf.set(p.id, fillPermalink(config.permalinks.post, { slug: p.slug, path: pagePath(p.id.replace(/^posts\//, '')), date: d }));
    } else urlOf.set(p.id, fillPermalink(config.permalinks.page, { slug: p.slug, path: pagePath(p.id) }));
  }

  const summaries = new Map<string, PostSummary>();
  for (const p of posts) {
    const fm = p.frontMatter;
    summaries.set(p.id, {
      id: p.id,
      title: fm.title,
      url: urlOf.get(p.id)!,
      date: iso(fm.date)!,
      updated: iso(fm.updated),
      description: fm.description,
      excerpt: fm.description ?? p.excerpt,
      categories: termRefs(fm.categories, cats.terms),
      tags: termRefs(fm.tags, tags.terms),
      image: fm.image,
      imageAlt: fm.image_alt,
    });
  }
  const postList = posts.map((p) => summaries.get(p.id)!);
  const related = relatedPosts(
    posts.map((p) => ({ id: p.id, title: p.frontMatter.title, categories: uniqueSlugs(p.frontMatter.categories), tags: uniqueSlugs(p.frontMatter.tags) })),
    config.relatedPosts,
  );

  // 3. Business data → views and pages.
  const business: BusinessOptions = {
    locale: config.language,
    clock: config.hours.clock,
    today: dayInZone(now, tz),
    upcomingDays: config.hours.upcomingDays,
    currency: data.site.currency,
  };
  const locations = data.locations.map((l) => locationView(l, `/locations/${l.slug}/`, business));
  const services = data.services.map((s) => serviceView(s, `/services/${s.slug}/`, business));

  const base = (kind: PageKind, id: string, title: string, url: string, src?: SourcePage): PageView => {
    const fm = src?.frontMatter;
    const view: Omit<PageView, 'content'> = {
      id,
      kind,
      title: fm?.title ?? title,
      description: fm?.description,
      url,
      file: src?.file,
      layout: fm?.layout ?? DEFAULT_LAYOUT[kind],
      date: iso(fm?.date),
      updated: iso(fm?.updated),
      excerpt: fm?.description ?? src?.excerpt ?? '',
      words: src?.words ?? 0,
      categories: fm ? termRefs(fm.categories, cats.terms) : [],
      tags: fm ? termRefs(fm.tags, tags.terms) : [],
      image: fm?.image,
      imageAlt: fm?.image_alt,
      data: src?.extra ?? {},
      breadcrumbs: [],
    };
    // The body is read only if something needs it (a page taken from the last build needs none).
    Object.defineProperty(view, 'content', { get: () => src?.html ?? '', enumerable: true, configurable: true });
    if (src?.htmlHash) bodyHashes.set(view as PageView, src.htmlHash);
    return view as PageView;
  };
  const add = (page: PageView, extra: Partial<Route> = {}) =>
    routes.push({ url: page.url, output: outputPath(page.url), layout: page.layout, page, sources: page.file ? [page.file] : [`(generated ${page.kind} page)`], ...extra });

  const byId = new Map(published.map((p) => [p.id, p] as const));
  const overrides = new Set<string>();
  const dataPage = (dir: 'locations' | 'services', slug: string) => {
    const src = byId.get(`${dir}/${slug}`) ?? byId.get(`${dir}/${slug}/index`);
    if (src) overrides.add(src.id);
    return src;
  };
  locations.forEach((loc) => add({ ...base('location', `locations/${loc.slug}`, loc.name, loc.url, dataPage('locations', loc.slug)), url: loc.url, location: loc }));
  services.forEach((svc) => {
    const src = dataPage('services', svc.slug);
    add({ ...base('service', `services/${svc.slug}`, svc.name, svc.url, src), url: svc.url, service: svc, description: src?.frontMatter.description ?? svc.summary });
  });
  for (const p of published) {
    const m = /^(locations|services)\/([^/]+?)(?:\/index)?$/.exec(p.id);
    if (m && !overrides.has(p.id)) {
      const what = m[1] === 'locations' ? 'location' : 'service';
      diagnostics.push(diagnostic('AWN304', { file: p.file, line: 1 }, `This file adds text to the ${what} "${m[2]}", but content/_data/${m[1]}.yaml has no ${what} with that slug.`, `add a ${what} with slug: ${m[2]} to ${m[1]}.yaml, or rename this file to match an existing slug.`));
    }
  }

  // 4. Posts and ordinary pages.
  posts.forEach((p, i) => {
    const page = base('post', p.id, p.frontMatter.title, urlOf.get(p.id)!, p);
    const older = posts[i + 1];
    const newer = posts[i - 1];
    if (older) page.prev = summaries.get(older.id)!;
    if (newer) page.next = summaries.get(newer.id)!;
    page.related = related.get(p.id)!.map((id) => summaries.get(id)!);
    add(page);
  });
  const blogSource = byId.get('blog');
  let has404 = false;
  for (const p of published) {
    if (p.kind === 'post' || overrides.has(p.id) || p === blogSource || /^(locations|services)\/[^/]+$/.test(p.id)) continue;
    const url = urlOf.get(p.id)!;
    const kind: PageKind = url === '/404.html' ? '404' : 'page';
    if (kind === '404') has404 = true;
    add(base(kind, p.id, p.frontMatter.title, url, p));
  }
  if (!has404) add(base('404', '404', 'Page not found', '/404.html'));
  const hasPage = (id: string) => byId.has(id) && !overrides.has(id);
  if (locations.length && !hasPage('locations')) add({ ...base('page', 'locations', 'Locations', '/locations/'), layout: 'locations' });
  if (services.length && !hasPage('services')) add({ ...base('page', 'services', 'Services', '/services/'), layout: 'services' });

  // 5. Lists: the blog, each category and tag, and the term indexes.
  const list = (kind: PageKind, id: string, title: string, url: string, items: PostSummary[], src?: SourcePage, term?: Term) => {
    for (const { items: pageItems, pagination } of paginate(items, config.postsPerPage, url)) {
      const page = base(kind, id, title, pagination.url, pagination.number === 1 ? src : undefined);
      if (src && pagination.number > 1) page.title = src.frontMatter.title;
      if (pagination.number > 1) page.title = `${page.title} – page ${pagination.number}`;
      // The list page's term without its post ids: the page has its posts, and the ids would make every
      // page of a big category carry thousands of them.
      if (term) page.term = { kind: term.kind, name: term.name, slug: term.slug, url: term.url, count: term.count };
      add(page, { posts: pageItems, pagination });
    }
  };
  list('blog', 'blog', 'Blog', blogUrl, postList, blogSource);
  for (const t of cats.terms) list('category', `blog/category/${t.slug}`, t.name, t.url, t.postIds.map((id) => summaries.get(id)!), undefined, t);
  for (const t of tags.terms) list('tag', `blog/tag/${t.slug}`, `Tagged “${t.name}”`, t.url, t.postIds.map((id) => summaries.get(id)!), undefined, t);
  if (cats.terms.length) add(base('categories', 'blog/category', 'Categories', categoryUrl));
  if (tags.terms.length) add(base('tags', 'blog/tag', 'Tags', tagUrl));

  // 6. Every URL once; two sources writing one URL is an error naming all of them.
  const byUrl = new Map<string, Route[]>();
  for (const r of routes) byUrl.set(r.output, [...(byUrl.get(r.output) ?? []), r]);
  for (const [out, rs] of byUrl) {
    if (rs.length < 2) continue;
    const files = rs.flatMap((r) => r.sources);
    diagnostics.push(diagnostic('AWN500', { file: rs.find((r) => r.page.file)?.page.file }, `${files.length} pages would be written to the same URL ${rs[0]!.url} (${out}): ${files.join(', ')}.`, 'give one of them another file name or a "permalink" in its front matter.'));
  }
  routes.sort((a, b) => cmp(a.output, b.output));

  // 7. Breadcrumbs from URL ancestry (posts go through their first category), and menus.
  const titleAt = new Map<string, string>();
  for (const r of routes) if (!r.pagination || r.pagination.number === 1) titleAt.set(r.url, r.pagination ? r.page.title.replace(/ – page \d+$/, '') : r.page.title);
  const home: Link = { title: titleAt.has('/') ? 'Home' : config.title, url: '/' };
  for (const r of routes) {
    const crumbs: Link[] = [home];
    if (r.page.kind === 'post') {
      crumbs.push({ title: titleAt.get(blogUrl) ?? 'Blog', url: blogUrl });
      const c = r.page.categories[0];
      if (c) crumbs.push({ title: c.name, url: c.url });
    } else {
      const segs = r.url.split('/').filter(Boolean);
      for (let i = 1; i < segs.length; i++) {
        const u = `/${segs.slice(0, i).join('/')}/`;
        if (titleAt.has(u) && u !== '/') crumbs.push({ title: titleAt.get(u)!, url: u });
      }
    }
    if (r.url !== '/') crumbs.push({ title: r.page.title, url: r.url });
    r.page.breadcrumbs = crumbs;
  }

  const pageLinks = new Map<string, Link>();
  for (const r of routes) if (!r.pagination || r.pagination.number === 1) pageLinks.set(r.page.id, { title: r.page.title, url: r.url });
  const menus = resolveMenus(data.menus, {
    pages: pageLinks,
    generated: {
      locations: locations.map((l) => ({ title: l.name, url: l.url })),
      services: services.map((s) => ({ title: s.name, url: s.url })),
      categories: cats.terms.map((t) => ({ title: t.name, url: t.url })),
    },
  });

  const s = data.site;
  const globals: SiteGlobals = {
    site: compact({
      ...s,
      title: config.title,
      name: s.name || config.title,
      baseUrl: config.baseUrl,
      basePath: config.basePath,
      language: config.language,
      timeZone: tz,
      phoneHref: s.phone ? `tel:${s.phone.replace(/[^+0-9]/g, '')}` : undefined,
      bookingUrl: s.booking_url,
      businessType: config.business.type,
      contactForm: config.contactForm,
    }),
    data: data.all,
    posts: postList,
    categories: cats.terms,
    tags: tags.terms,
    locations,
    services,
    menus: menus.menus,
    pages: routes.filter((r) => r.page.kind !== '404').map((r) => ({ title: r.page.title, url: r.url, kind: r.page.kind, date: r.page.date, updated: r.page.updated })),
    year: zonedParts(now, tz).year,
    buildTime: isoInZone(now, tz),
  };
  return { routes, globals, problems: menus.problems, diagnostics };
}

const uniqueSlugs = (names: readonly string[]): string[] => [...new Set(names.map(slugify).filter(Boolean))];

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Drop undefined fields: the site's own data, spread into `site`. A new object, in the same key
 * order: deleting a property puts an object in V8's slow dictionary mode. Views, summaries and
 * `pages` keep their undefined fields instead: every object made at one place then has the same
 * hidden class, and their JSON (page keys, `json`) is the same either way. Copying 16,000 objects
 * key by key at 4,000 posts took 0.13 s of a build's model (a third of it after a one-post edit).
 */
function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) {
    const v = (o as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out as T;
}
