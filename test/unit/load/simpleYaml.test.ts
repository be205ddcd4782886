import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseSimpleYaml } from '../../../src/load/simpleYaml.js';
import { splitFrontMatter } from '../../../src/load/frontmatter.js';

/** What the yaml package (the authority) makes of a text, with the options front matter uses. */
const full = (text: string): unknown => parse(text, { schema: 'core', uniqueKeys: true }) ?? {};

const SHAPES = [
  'title: Hello world',
  'title: "Quoted: with colon"',
  "title: 'Single quoted'",
  'title: Juniper & Stone',
  'title: C# for beginners',
  'date: 2026-01-05',
  'date: 2022-10-09 06:03',
  'date: 2026-01-05T10:00:00+02:00',
  'categories: [Massage, Facial care]',
  'tags: []',
  'tags: [ a , b ]',
  "tags: ['one', \"two\"]",
  'title:    padded value   ',
  'title: Ends with dot.',
  'title: Ünïcödé – dashes — “quotes”',
  'a: x\nb: y\n\nc: z',
  // Shapes that must fall back (or, if read, agree):
  'count: 12',
  'ratio: 1.5',
  'big: 1e3',
  'hex: 0x1F',
  'flag: true',
  'flag: no',
  'flag: yes',
  'nothing: null',
  'nothing: ~',
  'empty:',
  'title: a # comment',
  '# a comment\ntitle: x',
  'title: "escaped \\" quote"',
  "title: 'it''s'",
  'title: - dash',
  'title: *alias',
  'title: &anchor x',
  'title: !tag x',
  'title: |\n  block',
  'tags:\n  - a\n  - b',
  'title: a: b',
  'title: trailing colon:',
  'tags: [a: b]',
  'tags: [1, 2]',
  'tags: [true]',
  'tags: [a, ]',
  'tags: [a, [b]]',
  'tags: [a',
  'title: x\ntitle: y',
  '"quoted key": x',
  'title: x\n  continued',
  'title:\tx',
  'title: x\r\ndate: 2026-01-01',
  'title: .inf',
  'title: -.5',
  'title: +12',
  'title: 1_000',
  'title: 0o17',
  'title: "unterminated',
  '__proto__: x',
];

describe('the plain front matter reader', () => {
  it('reads what the yaml package reads, the same way, or leaves it to the yaml package', () => {
    let read = 0;
    for (const text of SHAPES) {
      const fast = parseSimpleYaml(text);
      if (fast === undefined) continue;
      read++;
      expect(fast, text).toEqual(full(text));
    }
    expect(read).toBeGreaterThanOrEqual(16);
  });

  it('reads the front matter of every page of the example site like the yaml package', () => {
    const dir = path.resolve('content');
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'));
    let read = 0;
    for (const f of files) {
      const split = splitFrontMatter(fs.readFileSync(path.join(dir, f), 'utf8'));
      if (!split.ok || !split.hasFrontMatter) continue;
      const fast = parseSimpleYaml(split.yaml);
      if (fast === undefined) continue;
      read++;
      expect(fast, f).toEqual(full(split.yaml));
    }
    expect(read).toBeGreaterThan(files.length / 2);
  });

  it('leaves shapes it does not know to the yaml package', () => {
    for (const text of ['count: 12', 'flag: true', 'empty:', 'tags:\n  - a', 'title: x\ntitle: y', 'title: a # c', "title: 'it''s'", 'title: x\r\n']) {
      expect(parseSimpleYaml(text), text).toBeUndefined();
    }
  });
});
