import { describe, it, expect, beforeAll } from 'vitest';
import { buildFixture, type BuiltSite } from '../../helpers/site.js';
import { items, rel } from './helpers.js';

// Oldest (Jan), Middle (Feb), a draft "Unfinished" (mid Feb), Newest (Mar), and "Scheduled" dated after now (July).
let site: BuiltSite;
beforeAll(async () => {
  site = await buildFixture('model-prev-next');
});

describe('prev/next links in HTML', () => {
  it.each([
    { url: '/blog/oldest/', prev: undefined, next: '/blog/middle/', what: 'the oldest post has no prev link' },
    { url: '/blog/middle/', prev: '/blog/oldest/', next: '/blog/newest/', what: 'prev goes to the older post, next to the newer, skipping the draft' },
    { url: '/blog/newest/', prev: '/blog/middle/', next: undefined, what: 'the newest published post has no next link, not even to a future post' },
  ])('$what', ({ url, prev, next }) => {
    const html = site.page(url);
    expect(rel(html, 'prev')).toBe(prev);
    expect(rel(html, 'next')).toBe(next);
  });

  it('prints the neighbour titles', () => {
    const html = site.page('/blog/middle/');
    expect(html).toContain('<a rel="prev" href="/blog/oldest/">Oldest</a>');
    expect(html).toContain('<a rel="next" href="/blog/newest/">Newest</a>');
  });
});

describe('drafts and future posts in a real build', () => {
  it('leaves them out: no page, not on the blog, not in the feed', () => {
    expect(site.urls()).not.toContain('/blog/unfinished/');
    expect(site.urls()).not.toContain('/blog/scheduled/');
    expect(items(site.page('/blog/'), 'posts')).toEqual(['Newest', 'Middle', 'Oldest']);
    expect(site.page('/feed.xml')).not.toContain('Unfinished');
    expect(site.page('/feed.xml')).not.toContain('Scheduled');
  });

  it('includes them with drafts: true, in date order with prev/next through them', async () => {
    const drafts = await buildFixture('model-prev-next', { overrides: { drafts: true } });
    expect(items(drafts.page('/blog/'), 'posts')).toEqual(['Scheduled', 'Newest', 'Unfinished', 'Middle', 'Oldest']);
    expect(rel(drafts.page('/blog/middle/'), 'next')).toBe('/blog/unfinished/');
    expect(rel(drafts.page('/blog/newest/'), 'next')).toBe('/blog/scheduled/');
  });
});
