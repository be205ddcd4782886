import { describe, it, expect } from 'vitest';
import { createFilters } from '../../../src/render/filters.js';

const filters = createFilters({ basePath: '/', baseUrl: 'https://example.com/', timeZone: 'America/New_York', language: 'en-US' });

describe('template filters', () => {
  it('json: nothing in the text can close the <script> it sits in or break its line', () => {
    const out = filters.json!({ name: 'Stone & Steam </script><script>alert(1)</script>', note: 'a\u2028b\u2029c', n: 1 }) as string;
    expect(out).toBe('{"name":"Stone \\u0026 Steam \\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e","note":"a\\u2028b\\u2029c","n":1}');
    expect(JSON.parse(out)).toEqual({ name: 'Stone & Steam </script><script>alert(1)</script>', note: 'a\u2028b\u2029c', n: 1 });
    expect(filters.json!(undefined)).toBe('null');
  });

  it('date: each style of each date, in the site\'s zone, the same on every call', () => {
    const calls = () => [filters.date!('2025-12-19'), filters.date!('2025-12-19', 'short'), filters.date!('2025-12-19', 'full'), filters.date!('2025-12-20T01:30:00Z')];
    const first = calls();
    expect(first).toEqual(['December 19, 2025', '12/19/25', 'Friday, December 19, 2025', 'December 19, 2025']);
    expect(calls()).toEqual(first);
    expect(filters.date!(new Date('2025-12-20T12:00:00Z'), 'medium')).toBe('Dec 20, 2025');
    expect(filters.date!('')).toBe('');
  });
});
