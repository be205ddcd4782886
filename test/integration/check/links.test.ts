import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSite } from '../../../src/check/index.js';
import { build } from '../../../src/build.js';
import os from 'node:os';
import type { BuildResult } from '../../../src/build.js';
import { FIXTURES, NOW } from '../../helpers/site.js';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';

const SITE = path.join(FIXTURES, 'sites/check-links');
const config = path.join(SITE, 'site.config.ts');
const POST = 'content/posts/spring-hours.md';

/** Line and column (1-based) of the first occurrence of `needle` in a fixture file. */
function at(file: string, needle: string): { line: number; column: number } {
  const lines = fs.readFileSync(path.join(SITE, file), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`${needle} not in ${file}`);
  return { line: line + 1, column: lines[line]!.indexOf(needle) + 1 };
}

const find = (ds: Diagnostic[], code: string, text: string) => ds.find((d) => d.code === code && d.message.includes(text));

describe('awning check on a site with broken links', () => {
  let r: BuildResult;
  beforeAll(async () => {
    r = await checkSite({ config, now: NOW });
  });

  it('names the Markdown file, line and column of a link to a page that does not exist', async () => {
    expect(r.ok).toBe(false);
    const d = find(r.diagnostics, 'AWN600', '"/prices/"');
    expect(d, JSON.stringify(r.diagnostics, null, 2)).toMatchObject({ severity: 'error', file: POST, ...at(POST, '/prices/') });
    expect(d!.frame).toContain('See [our prices](/prices/)');
  });

  it('names the line of a link to an anchor the target page does not have, and suggests the right one', () => {
    const d = find(r.diagnostics, 'AWN602', '"/about/#the-team"');
    expect(d).toMatchObject({ severity: 'error', file: POST, ...at(POST, '/about/#the-team') });
    expect(d!.message).toContain('no element with id "the-team"');
    expect(d!.hint).toContain('#our-team');
  });

  it('accepts an anchor that exists (a heading id on another page)', async () => {
    expect(r.diagnostics.filter((d) => d.file === 'content/index.md')).toEqual([]);
  });

  it('names the line of an image that does not exist', async () => {
    expect(find(r.diagnostics, 'AWN601', '/media/front-desk.jpg')).toMatchObject({ severity: 'error', file: POST, ...at(POST, '/media/front-desk.jpg') });
  });

  it('reports a menu item pointing nowhere once, at its line in menus.yaml', async () => {
    const menu = r.diagnostics.filter((d) => d.message.includes('/gift-cards/'));
    expect(menu).toHaveLength(1);
    expect(menu[0]).toMatchObject({ code: 'AWN600', severity: 'error', file: 'content/_data/menus.yaml', ...at('content/_data/menus.yaml', '/gift-cards/') });
    expect(menu[0]!.message).toContain('"Gift cards"');
  });

  it('warns about an image without alt text, at its line', async () => {
    expect(find(r.diagnostics, 'AWN603', '/media/room.svg')).toMatchObject({ severity: 'warning', file: POST, ...at(POST, '![](/media/room.svg)'), column: 5 });
  });

  it('finds the same lines when the site is built for a base path', async () => {
    const r = await checkSite({ config, now: NOW, overrides: { baseUrl: 'https://preview.example.net/pr-12/' } });
    expect(find(r.diagnostics, 'AWN600', '/prices/')).toMatchObject({ file: POST, ...at(POST, '/prices/') });
    expect(find(r.diagnostics, 'AWN602', '#the-team')).toMatchObject({ file: POST, ...at(POST, '/about/#the-team') });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toHaveLength(5);
  });

  it('reports nothing else: four errors and one warning', async () => {
    expect(r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.file}:${d.line}`)).toEqual([
      `error AWN600 content/_data/menus.yaml:${at('content/_data/menus.yaml', '/gift-cards/').line}`,
      `error AWN600 ${POST}:${at(POST, '/prices/').line}`,
      `error AWN602 ${POST}:${at(POST, '/about/#the-team').line}`,
      `error AWN601 ${POST}:${at(POST, '/media/front-desk.jpg').line}`,
      `warning AWN603 ${POST}:${at(POST, '![](/media/room.svg)').line}`,
      `error AWN600 ${POST}:${at(POST, '/blog/summer-menu/').line}`,
    ]);
  });

  it('finds the same problems in a build whose pages worker threads render, hash and scan', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-links-workers-'));
    const runs = ['0', '1', '2'].map((n) => build({ config, now: NOW, checkLinks: true, persistCache: false, workers: Number(n), overrides: { out: path.join(out, n) } }));
    const lines = (ds: Diagnostic[]) => ds.map((d) => `${d.severity} ${d.code} ${d.file}:${d.line}:${d.column} ${d.message}`);
    const [none, one, two] = await Promise.all(runs);
    expect(none!.ok).toBe(false);
    // `awning check` also looks at alt texts; the errors are the link check's.
    const errors = (ds: Diagnostic[]) => lines(ds.filter((d) => d.severity === 'error'));
    expect(errors(none!.diagnostics)).toEqual(errors(r.diagnostics));
    expect(lines(one!.diagnostics)).toEqual(lines(none!.diagnostics));
    expect(lines(two!.diagnostics)).toEqual(lines(none!.diagnostics));
  });
});
