import { describe, it, expect } from 'vitest';
import { distance, nearest } from '../../../src/check/nearest.js';

/** The textbook edit distance, to compare with. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

/** A seeded generator, so a failure can be repeated. */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('suggestions for a broken link', () => {
  it('measures edit distance like the textbook', () => {
    const r = rng(7);
    const word = () => Array.from({ length: Math.floor(r() * 12) }, () => 'abc/-'[Math.floor(r() * 5)]).join('');
    for (let k = 0; k < 500; k++) {
      const a = word();
      const b = word();
      expect(distance(a, b), `${a} ~ ${b}`).toBe(reference(a, b));
    }
  });

  it('suggests pages a typo away, or with the same last segment, closest first', () => {
    const pages = ['/about/', '/about/team/', '/blog/spring-hours/', '/services/swedish/', '/old/swedish/', '/contact/'];
    expect(nearest('/abuot/', pages)).toEqual(['/about/']);
    expect(nearest('/services/sweedish/', pages)).toEqual(['/services/swedish/']);
    expect(nearest('/massage/swedish/', pages)).toEqual(['/old/swedish/', '/services/swedish/']);
    expect(nearest('/nothing-like-it/', pages)).toEqual([]);
  });

  it('suggests what the plain definition would, on many random cases', () => {
    const r = rng(11);
    const seg = () => ['about', 'team', 'blog', 'spring', 'hours', 'swedish', 'deep', 'contact'][Math.floor(r() * 8)]!;
    const url = () => `/${Array.from({ length: 1 + Math.floor(r() * 3) }, seg).join('/')}/`;
    const pages = Array.from({ length: 60 }, url);
    const last = (s: string) => s.split('/').filter(Boolean).pop() ?? '';
    for (let k = 0; k < 200; k++) {
      const wanted = url().replace(/[aeiou]/, (v) => (r() < 0.5 ? '' : v + v));
      const limit = Math.max(2, Math.floor(wanted.length / 4));
      const expected = [...new Set(pages)]
        .map((c) => ({ c, d: reference(wanted, c) }))
        .filter(({ c, d }) => d <= limit || (last(c) !== '' && last(c) === last(wanted)))
        .sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : 1))
        .slice(0, 2)
        .map(({ c }) => c);
      expect(nearest(wanted, pages), wanted).toEqual(expected);
    }
  });
});
