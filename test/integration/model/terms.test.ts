import { describe, it, expect, beforeAll } from 'vitest';
import { buildFixture, type BuiltSite } from '../../helpers/site.js';
import { items } from './helpers.js';

// content/posts/upper.md has category "Deep Tissue", content/posts/lower.md has "deep-tissue".
describe('a term slug collision in a real build', () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture('model-term-collision');
  });

  it('makes one category page listing the posts of both spellings', () => {
    expect(site.ok).toBe(true);
    expect(site.urls().filter((u) => u.startsWith('/blog/category/'))).toEqual(['/blog/category/', '/blog/category/deep-tissue/']);
    const html = site.page('/blog/category/deep-tissue/');
    expect(html).toContain('<h1>Deep Tissue</h1>');
    expect(items(html, 'posts')).toEqual(['Upper', 'Lower']);
  });

  it('warns with AWN310 naming both spellings and both files, and still builds', () => {
    expect(site.diagnostics.map((d) => [d.code, d.severity])).toEqual([['AWN310', 'warning']]);
    const [d] = site.diagnostics;
    expect(d!.message).toContain('"Deep Tissue" and "deep-tissue"');
    expect(d!.message).toContain('content/posts/lower.md');
    expect(d!.message).toContain('content/posts/upper.md');
  });
});
