import { describe, it, expect, beforeAll } from 'vitest';
import { buildFixture, type BuiltSite } from '../../helpers/site.js';

// menus.yaml: Home, About (children Careers, Team), Contact.
let site: BuiltSite;
beforeAll(async () => {
  site = await buildFixture('model-menus');
});

/** The <li> of a menu item by its label: its class, and whether its link has aria-current. */
function item(html: string, label: string): { cls: string; current: boolean } {
  const m = new RegExp(`<li class="([^"]*)"><a href="[^"]*"( aria-current="page")?>${label}</a>`).exec(html);
  if (!m) throw new Error(`no menu item ${label} in ${html}`);
  return { cls: m[1]!, current: m[2] !== undefined };
}

describe('menu active trail in HTML', () => {
  it.each([
    {
      url: '/about/careers/',
      expected: { Home: ['item', false], About: ['item trail', false], Careers: ['item', true], Team: ['item', false], Contact: ['item', false] },
      what: 'a nested item: aria-current on it, trail class on its parent only',
    },
    {
      url: '/about/',
      expected: { Home: ['item', false], About: ['item', true], Careers: ['item', false], Team: ['item', false], Contact: ['item', false] },
      what: 'a parent item: aria-current on it, its children untouched',
    },
    {
      url: '/contact/',
      expected: { Home: ['item', false], About: ['item', false], Careers: ['item', false], Team: ['item', false], Contact: ['item', true] },
      what: 'a top-level item: only it is marked, Home is not a trail',
    },
    {
      url: '/',
      expected: { Home: ['item', true], About: ['item', false], Careers: ['item', false], Team: ['item', false], Contact: ['item', false] },
      what: 'the home page',
    },
  ])('$what ($url)', ({ url, expected }) => {
    const html = site.page(url);
    const actual = Object.fromEntries(Object.keys(expected).map((label) => [label, [item(html, label).cls, item(html, label).current]]));
    expect(actual).toEqual(expected);
    expect(html.match(/aria-current="page"/g)).toHaveLength(1);
  });

  it('resolves page references to their URLs', () => {
    const html = site.page('/contact/');
    expect(html).toContain('<a href="/">Home</a>');
    expect(html).toContain('<a href="/about/careers/">Careers</a>');
  });

  it('marks nothing on a page that is in no menu', () => {
    const html = site.page('/privacy/');
    expect(html).not.toContain('aria-current');
    expect(html).not.toContain('trail');
  });
});
