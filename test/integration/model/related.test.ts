import { describe, it, expect, beforeAll } from 'vitest';
import { buildFixture, type BuiltSite } from '../../helpers/site.js';
import { items } from './helpers.js';

// relatedPosts: 2. Newest first: me (Massage, Tips), unrelated, tag-match (Tips), cat-match (Massage), oldest.
let site: BuiltSite;
beforeAll(async () => {
  site = await buildFixture('model-related');
});

describe('related posts in HTML', () => {
  it.each([
    { url: '/blog/me/', related: ['Swedish or deep tissue', 'Stretching tips'], what: 'a shared category ranks above a shared tag, even an older one' },
    { url: '/blog/unrelated/', related: ['Choosing a massage', 'Stretching tips'], what: 'nothing in common: the most recent other posts' },
    { url: '/blog/cat-match/', related: ['Choosing a massage', 'New opening hours'], what: 'one match, topped up with the most recent other post' },
    { url: '/blog/oldest/', related: ['Choosing a massage', 'New opening hours'], what: 'the oldest post also gets the most recent ones' },
  ])('$what ($url)', ({ url, related }) => {
    expect(items(site.page(url), 'related')).toEqual(related);
  });

  it('links each related post to its page and never to the post itself', () => {
    for (const url of site.urls().filter((u) => /^\/blog\/[^/]+\/$/.test(u) && !u.startsWith('/blog/category/') && !u.startsWith('/blog/tag/'))) {
      const html = site.page(url);
      const m = /<ol class="related">([\s\S]*?)<\/ol>/.exec(html);
      if (!m) continue;
      expect(m[1]).not.toContain(`href="${url}"`);
      expect([...m[1]!.matchAll(/<li>/g)]).toHaveLength(2);
    }
    expect(site.page('/blog/me/')).toContain('<li><a href="/blog/cat-match/">Swedish or deep tissue</a></li>');
  });

  it('is the same on every build', async () => {
    const again = await buildFixture('model-related');
    for (const url of ['/blog/me/', '/blog/unrelated/', '/blog/oldest/']) expect(again.page(url)).toBe(site.page(url));
  });
});
