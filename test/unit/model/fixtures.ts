/** Hand-made inputs for the pure model: source pages, data sets and a config, with a fixed clock. */
import { buildSite, type Route, type SiteModel } from '../../../src/model/buildSite.js';
import type { SourcePage } from '../../../src/load/source.js';
import type { SiteDataSet } from '../../../src/load/loadData.js';
import { frontMatterSchema } from '../../../src/schema/page.js';
import { locationSchema, serviceSchema, type Location, type Menus, type Service } from '../../../src/schema/data.js';
import type { z } from 'zod';

/** The same instant the fixture-site tests use: 2026-06-15 12:00 UTC. */
export const NOW = new Date('2026-06-15T12:00:00Z');

export type Config = Parameters<typeof buildSite>[0];

export const CONFIG: Config = {
  title: 'Test Site',
  baseUrl: 'https://example.com/',
  basePath: '/',
  language: 'en',
  timeZone: 'UTC',
  permalinks: { post: '/blog/:slug/', page: '/:path/', blog: '/blog/', category: '/blog/category/', tag: '/blog/tag/' },
  postsPerPage: 10,
  relatedPosts: 3,
  hours: { clock: '12h', upcomingDays: 60 },
  business: { type: 'LocalBusiness' },
  drafts: false,
};

export const config = (over: Partial<Config> = {}): Config => ({ ...CONFIG, ...over });

type FrontMatterInput = z.input<typeof frontMatterSchema>;

/** A loaded Markdown file as loadContent would produce it: "posts/x" is a post, anything else a page. */
export function source(id: string, fm: FrontMatterInput, body = ''): SourcePage {
  const segments = id.split('/');
  const last = segments[segments.length - 1]!;
  const parsed = frontMatterSchema.parse(fm);
  return {
    id,
    file: `content/${id}.md`,
    kind: id.startsWith('posts/') ? 'post' : 'page',
    slug: last === 'index' && segments.length > 1 ? segments[segments.length - 2]! : last,
    frontMatter: parsed,
    extra: {},
    html: body ? `<p>${body}</p>\n` : '',
    excerpt: body,
    words: body ? body.split(/\s+/).length : 0,
    bodyLine: 4,
  };
}

/** A post at posts/<slug> with a date (and optional categories/tags/draft). */
export const post = (slug: string, date: string, fm: Partial<FrontMatterInput> = {}, body = ''): SourcePage =>
  source(`posts/${slug}`, { title: slug, date, ...fm }, body);

export const page = (id: string, title: string, fm: Partial<FrontMatterInput> = {}, body = ''): SourcePage => source(id, { title, ...fm }, body);

export function location(slug: string, over: Record<string, unknown> = {}): Location {
  return locationSchema.parse({
    name: `${slug[0]!.toUpperCase()}${slug.slice(1)} Studio`,
    slug,
    street: `1 ${slug} Street`,
    city: 'Millbrook',
    region: 'NC',
    postal_code: '27601',
    country: 'US',
    phone: '+1 919-555-0142',
    hours: { monday: ['10:00-18:00'] },
    ...over,
  });
}

export function service(slug: string, over: Record<string, unknown> = {}): Service {
  return serviceSchema.parse({ name: `${slug} massage`, slug, summary: `All about ${slug}.`, options: [{ duration: 60, price: 90 }], ...over });
}

export function dataSet(over: { locations?: Location[]; services?: Service[]; menus?: Menus } = {}): SiteDataSet {
  const site = { name: 'Test Business', currency: 'USD', social: [] };
  const d = { site, locations: over.locations ?? [], services: over.services ?? [], menus: over.menus ?? {} };
  return { ...d, all: { ...d } };
}

/** buildSite with the fixed clock. */
export function model(sources: SourcePage[], o: { config?: Partial<Config>; data?: SiteDataSet } = {}): SiteModel {
  return buildSite(config(o.config), o.data ?? dataSet(), sources, NOW);
}

/** The route at a URL; throws with the URLs there are when there is none. */
export function route(m: SiteModel, url: string): Route {
  const r = m.routes.find((x) => x.url === url);
  if (!r) throw new Error(`no route at ${url}; have: ${m.routes.map((x) => x.url).join(', ')}`);
  return r;
}

export const urls = (m: SiteModel): string[] => m.routes.map((r) => r.url);

/** Breadcrumbs as "Home › Blog › …". */
export const crumbs = (r: Route): string => r.page.breadcrumbs.map((c) => `${c.title} <${c.url}>`).join(' › ');

/** Every ordering of a small list, to show a result does not depend on input order. */
export function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}
