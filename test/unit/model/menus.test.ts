import { describe, it, expect } from 'vitest';
import { resolveMenus, markActive, type MenuContext } from '../../../src/model/menus.js';
import type { MenuItem } from '../../../src/model/views.js';
import type { MenuItemInput } from '../../../src/schema/data.js';
import { dataSet, location, model, page, post } from './fixtures.js';

const ctx: MenuContext = {
  pages: new Map([
    ['index', { title: 'Home', url: '/' }],
    ['about', { title: 'About', url: '/about/' }],
    ['about/careers', { title: 'Careers', url: '/about/careers/' }],
    ['blog', { title: 'Blog', url: '/blog/' }],
    ['locations/millbrook', { title: 'Millbrook', url: '/locations/millbrook/' }],
  ]),
  generated: {
    locations: [
      { title: 'Millbrook', url: '/locations/millbrook/' },
      { title: 'Oak Hollow', url: '/locations/oak-hollow/' },
    ],
    services: [{ title: 'Swedish', url: '/services/swedish/' }],
    categories: [{ title: 'Massage', url: '/blog/category/massage/' }],
  },
};
const resolve = (main: MenuItemInput[]) => resolveMenus({ main }, ctx);

describe('resolveMenus: page references', () => {
  it.each([
    { ref: 'about', url: '/about/' },
    { ref: '/about/', url: '/about/' },
    { ref: 'about.md', url: '/about/' },
    { ref: 'about/careers', url: '/about/careers/' },
    { ref: 'index', url: '/' },
    { ref: '/', url: '/' },
    { ref: 'blog', url: '/blog/' },
    { ref: 'locations/millbrook', url: '/locations/millbrook/' },
  ])('page "$ref" → $url', ({ ref, url }) => {
    const r = resolve([{ label: 'X', page: ref }]);
    expect(r.problems).toEqual([]);
    expect(r.menus.main![0]!.url).toBe(url);
  });

  it.each([
    { url: 'https://booking.example.com/', external: true },
    { url: 'mailto:hi@example.com', external: true },
    { url: '/gift-cards/', external: false },
  ])('url $url is kept as is, external: $external', ({ url, external }) => {
    expect(resolve([{ label: 'X', url }]).menus.main![0]).toMatchObject({ url, external });
  });

  it('starts every item neither active nor in the trail', () => {
    const item = resolve([{ label: 'About', page: 'about', children: [{ label: 'Careers', page: 'about/careers' }] }]).menus.main![0]!;
    expect(item).toMatchObject({ active: false, activeTrail: false, children: [{ active: false, activeTrail: false, children: [] }] });
  });
});

describe('resolveMenus: dangling references', () => {
  it.each([
    { what: 'a top-level item', main: [{ label: 'Home', page: 'index' }, { label: 'Team', page: 'team' }], path: ['main', 1, 'page'] },
    {
      what: 'a child item',
      main: [{ label: 'About', page: 'about', children: [{ label: 'Careers', page: 'about/careers' }, { label: 'Jobs', page: 'about/jobs' }] }],
      path: ['main', 0, 'children', 1, 'page'],
    },
    {
      what: 'a grandchild item',
      main: [{ label: 'A', children: [{ label: 'B', children: [{ label: 'C', page: 'nope' }] }] }],
      path: ['main', 0, 'children', 0, 'children', 0, 'page'],
    },
  ])('$what is AWN203 at $path', ({ main, path }) => {
    const { problems } = resolve(main);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'AWN203', dataFile: 'menus', path });
  });

  it('names the item and the missing page, and suggests a close page id', () => {
    const [p] = resolve([{ label: 'Careers', page: 'careers' }]).problems;
    expect(p!.message).toContain('"Careers"');
    expect(p!.message).toContain('"careers"');
    expect(p!.hint).toContain('"about/careers"');
  });

  it('reports every dangling reference, in every menu', () => {
    const { problems } = resolveMenus({ main: [{ label: 'A', page: 'x' }], footer: [{ label: 'B', page: 'about' }, { label: 'C', page: 'y' }] }, ctx);
    expect(problems.map((p) => p.path)).toEqual([
      ['footer', 1, 'page'],
      ['main', 0, 'page'],
    ]);
  });

  it('leaves the dangling item without a URL', () => {
    expect(resolve([{ label: 'Team', page: 'team' }]).menus.main![0]!.url).toBeUndefined();
  });
});

describe('resolveMenus: generated children', () => {
  it.each([
    { generate: 'locations' as const, children: [['Millbrook', '/locations/millbrook/'], ['Oak Hollow', '/locations/oak-hollow/']] },
    { generate: 'categories' as const, children: [['Massage', '/blog/category/massage/']] },
    { generate: 'services' as const, children: [['Swedish', '/services/swedish/']] },
  ])('generate: $generate expands to one child per entry', ({ generate, children }) => {
    const item = resolve([{ label: 'X', page: 'blog', generate }]).menus.main![0]!;
    expect(item.url).toBe('/blog/');
    expect(item.children.map((c) => [c.label, c.url])).toEqual(children);
  });

  it('adds generated children after the written ones', () => {
    const item = resolve([{ label: 'Where', generate: 'locations', children: [{ label: 'All locations', url: '/locations/' }] }]).menus.main![0]!;
    expect(item.children.map((c) => c.label)).toEqual(['All locations', 'Millbrook', 'Oak Hollow']);
  });
});

describe('markActive', () => {
  const menus = (): Record<string, MenuItem[]> =>
    resolveMenus(
      {
        main: [
          { label: 'Home', page: 'index' },
          { label: 'About', page: 'about', children: [{ label: 'Careers', page: 'about/careers' }] },
          { label: 'Blog', page: 'blog' },
        ],
        footer: [{ label: 'Careers', page: 'about/careers' }],
      },
      ctx,
    ).menus;
  const flags = (items: MenuItem[]): unknown => items.map((i) => [i.label, i.active, i.activeTrail, ...(i.children.length ? [flags(i.children)] : [])]);

  it.each([
    {
      url: '/about/careers/',
      trail: ['/', '/about/', '/about/careers/'],
      main: [['Home', false, false], ['About', false, true, [['Careers', true, false]]], ['Blog', false, false]],
      what: 'a nested page: active on its item, trail on the parent',
    },
    {
      url: '/about/',
      trail: ['/', '/about/'],
      main: [['Home', false, false], ['About', true, false, [['Careers', false, false]]], ['Blog', false, false]],
      what: 'a parent page: active on it, its children untouched',
    },
    {
      url: '/',
      trail: ['/'],
      main: [['Home', true, false], ['About', false, false, [['Careers', false, false]]], ['Blog', false, false]],
      what: 'the home page: Home active',
    },
    {
      url: '/blog/a-post/',
      trail: ['/', '/blog/', '/blog/category/news/', '/blog/a-post/'],
      main: [['Home', false, false], ['About', false, false, [['Careers', false, false]]], ['Blog', false, true]],
      what: 'a page in no menu: its breadcrumb ancestor is the trail, Home is never a trail',
    },
  ])('$what ($url)', ({ url, trail, main }) => {
    expect(flags(markActive(menus(), url, trail).main!)).toEqual(main);
  });

  it('marks the page in every menu', () => {
    const marked = markActive(menus(), '/about/careers/', ['/', '/about/', '/about/careers/']);
    expect(flags(marked.footer!)).toEqual([['Careers', true, false]]);
  });

  it('leaves items off the trail untouched (same objects) and does not change its input', () => {
    const input = menus();
    const before = JSON.parse(JSON.stringify(input));
    const marked = markActive(input, '/about/careers/', ['/', '/about/', '/about/careers/']);
    expect(marked.main![0]).toBe(input.main![0]);
    expect(marked.main![2]).toBe(input.main![2]);
    expect(marked.main![1]).not.toBe(input.main![1]);
    expect(input).toEqual(before);
  });

  it('gives pages that mark the same items the same object, and a menu with nothing marked as it is', () => {
    const input = menus();
    const post1 = markActive(input, '/blog/one/', ['/', '/blog/', '/blog/one/']);
    const post2 = markActive(input, '/blog/two/', ['/', '/blog/', '/blog/two/']);
    expect(post2).toBe(post1);
    expect(flags(post1.main!)).toEqual([['Home', false, false], ['About', false, false, [['Careers', false, false]]], ['Blog', false, true]]);
    expect(post1.footer).toBe(input.footer);
    // Another page, other marks; and the first answer is unchanged.
    const careers = markActive(input, '/about/careers/', ['/', '/about/', '/about/careers/']);
    expect(flags(careers.main!)).toEqual([['Home', false, false], ['About', false, true, [['Careers', true, false]]], ['Blog', false, false]]);
    expect(flags(careers.footer!)).toEqual([['Careers', true, false]]);
    expect(flags(markActive(input, '/blog/three/', ['/', '/blog/']).main!)).toEqual(flags(post1.main!));
    expect(flags(markActive(input, '/', ['/']).main!)).toEqual([['Home', true, false], ['About', false, false, [['Careers', false, false]]], ['Blog', false, false]]);
  });
});

describe('buildSite: menus', () => {
  it('resolves references to content pages and generated pages', () => {
    const m = model([page('index', 'Welcome'), page('about', 'About'), post('a', '2026-01-01', { categories: ['News'] })], {
      data: dataSet({
        locations: [location('millbrook')],
        menus: {
          main: [
            { label: 'Home', page: 'index' },
            { label: 'About', page: 'about' },
            { label: 'Blog', page: 'blog', generate: 'categories' },
            { label: 'Locations', page: 'locations', generate: 'locations' },
            { label: 'Millbrook', page: 'locations/millbrook' },
            { label: 'News', page: 'blog/category/news' },
          ],
        },
      }),
    });
    expect(m.problems).toEqual([]);
    expect(m.globals.menus.main!.map((i) => [i.label, i.url, i.children.map((c) => c.url)])).toEqual([
      ['Home', '/', []],
      ['About', '/about/', []],
      ['Blog', '/blog/', ['/blog/category/news/']],
      ['Locations', '/locations/', ['/locations/millbrook/']],
      ['Millbrook', '/locations/millbrook/', []],
      ['News', '/blog/category/news/', []],
    ]);
  });

  it('reports a dangling reference as a problem AWN203 at its path in menus.yaml', () => {
    const m = model([page('about', 'About')], { data: dataSet({ menus: { main: [{ label: 'About', page: 'about', children: [{ label: 'Careers', page: 'about/careers' }] }] } }) });
    expect(m.problems).toMatchObject([{ code: 'AWN203', dataFile: 'menus', path: ['main', 0, 'children', 0, 'page'] }]);
  });

  it('does not resolve a page reference to a draft', () => {
    const m = model([page('about', 'About', { draft: true })], { data: dataSet({ menus: { main: [{ label: 'About', page: 'about' }] } }) });
    expect(m.problems.map((p) => p.code)).toEqual(['AWN203']);
  });
});
