import { describe, it, expect } from 'vitest';
import { buildTerms } from '../../../src/model/taxonomies.js';
import { model, post, route } from './fixtures.js';

const entry = (id: string, terms: string[]) => ({ id, file: `content/${id}.md`, terms });

describe('buildTerms: spellings that slugify alike are one term', () => {
  it.each([
    { spellings: ['Deep Tissue', 'deep-tissue'], slug: 'deep-tissue' },
    { spellings: ['Deep Tissue', 'deep tissue'], slug: 'deep-tissue' },
    { spellings: ['Hot & Cold', 'hot and cold'], slug: 'hot-and-cold' },
    { spellings: ['Café', 'cafe'], slug: 'cafe' },
  ])('$spellings → one term "$slug"', ({ spellings, slug }) => {
    const { terms } = buildTerms(spellings.map((s, i) => entry(`posts/p${i}`, [s])), 'category', '/blog/category/');
    expect(terms.map((t) => t.slug)).toEqual([slug]);
    expect(terms[0]!.count).toBe(spellings.length);
    expect(terms[0]!.url).toBe(`/blog/category/${slug}/`);
  });

  it('warns once for the collision, naming both spellings and both files', () => {
    const { warnings } = buildTerms([entry('posts/a', ['Deep Tissue']), entry('posts/b', ['deep-tissue'])], 'category', '/blog/category/');
    expect(warnings).toEqual([
      {
        slug: 'deep-tissue',
        spellings: [
          { name: 'Deep Tissue', files: ['content/posts/a.md'] },
          { name: 'deep-tissue', files: ['content/posts/b.md'] },
        ],
      },
    ]);
  });

  it.each([
    { what: 'the spelling most posts use wins', posts: [['deep-tissue'], ['Deep Tissue'], ['Deep Tissue']], name: 'Deep Tissue' },
    { what: 'the spelling most posts use wins (other order)', posts: [['Deep Tissue'], ['deep-tissue'], ['deep-tissue']], name: 'deep-tissue' },
    { what: 'a tie goes to the spelling that sorts first', posts: [['deep-tissue'], ['Deep Tissue']], name: 'Deep Tissue' },
  ])('$what', ({ posts, name }) => {
    const { terms } = buildTerms(posts.map((t, i) => entry(`posts/p${i}`, t)), 'tag', '/blog/tag/');
    expect(terms.map((t) => t.name)).toEqual([name]);
  });

  it('does not warn when every post spells a term the same way', () => {
    expect(buildTerms([entry('posts/a', ['Tips']), entry('posts/b', ['Tips'])], 'tag', '/blog/tag/').warnings).toEqual([]);
  });

  it('counts a post once when it lists two spellings of one term', () => {
    const { terms } = buildTerms([entry('posts/a', ['Deep Tissue', 'deep-tissue'])], 'category', '/blog/category/');
    expect(terms).toMatchObject([{ slug: 'deep-tissue', count: 1, postIds: ['posts/a'] }]);
  });

  it('keeps post ids in the given (newest first) order and sorts terms by slug', () => {
    const { terms } = buildTerms([entry('posts/new', ['Zen', 'Aroma']), entry('posts/old', ['Aroma'])], 'category', '/c/');
    expect(terms.map((t) => [t.slug, t.postIds])).toEqual([
      ['aroma', ['posts/new', 'posts/old']],
      ['zen', ['posts/new']],
    ]);
  });

  it('ignores a term whose name has no letters or digits', () => {
    expect(buildTerms([entry('posts/a', ['!!!'])], 'tag', '/t/').terms).toEqual([]);
  });
});

describe('buildSite: a term slug collision', () => {
  const sources = [post('a', '2026-02-01', { categories: ['Deep Tissue'] }), post('b', '2026-01-01', { categories: ['deep-tissue'] })];

  it('makes one category page listing the posts of both spellings', () => {
    const m = model(sources);
    expect(m.routes.map((r) => r.url).filter((u) => u.startsWith('/blog/category/')).sort()).toEqual(['/blog/category/', '/blog/category/deep-tissue/']);
    expect(route(m, '/blog/category/deep-tissue/').posts!.map((p) => p.id)).toEqual(['posts/a', 'posts/b']);
  });

  it('is a warning AWN310 naming both files, not an error', () => {
    const ds = model(sources).diagnostics.filter((d) => d.code === 'AWN310');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.severity).toBe('warning');
    expect(ds[0]!.message).toContain('content/posts/a.md');
    expect(ds[0]!.message).toContain('content/posts/b.md');
    expect(ds[0]!.message).toContain('"Deep Tissue"');
    expect(ds[0]!.message).toContain('"deep-tissue"');
    expect(ds[0]!.file).toBe('content/posts/a.md');
  });

  it('warns for tags as well as categories', () => {
    const m = model([post('a', '2026-02-01', { tags: ['Self Care'] }), post('b', '2026-01-01', { tags: ['self-care'] })]);
    expect(m.diagnostics.map((d) => [d.code, d.severity])).toEqual([['AWN310', 'warning']]);
    expect(m.globals.tags.map((t) => t.slug)).toEqual(['self-care']);
  });

  it('shows the winning spelling on both posts', () => {
    const m = model(sources);
    expect(route(m, '/blog/b/').page.categories).toEqual([{ name: 'Deep Tissue', slug: 'deep-tissue', url: '/blog/category/deep-tissue/' }]);
  });
});
