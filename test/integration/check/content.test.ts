import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSite } from '../../../src/check/index.js';
import type { BuildResult } from '../../../src/build.js';
import { FIXTURES, NOW } from '../../helpers/site.js';

const config = path.join(FIXTURES, 'sites/check-content/site.config.ts');

describe('awning check: the warnings about content', () => {
  let r: BuildResult;
  beforeAll(async () => {
    r = await checkSite({ config, now: NOW });
  });

  it('warns that two pages share a title, at the title line, naming both pages', () => {
    const d = r.diagnostics.find((x) => x.code === 'AWN604');
    expect(d).toMatchObject({ severity: 'warning', file: 'content/about.md', line: 2 });
    expect(d!.message).toContain('/about/ (content/about.md)');
    expect(d!.message).toContain('/history/ (content/history.md)');
  });

  it('warns that two pages share a description, at the description line of the second', () => {
    const d = r.diagnostics.find((x) => x.code === 'AWN605');
    expect(d).toMatchObject({ severity: 'warning', file: 'content/history.md', line: 3 });
    expect(d!.message).toContain('content/about.md');
  });

  it("warns about a phone number in a location's text that is not the location's, at its line and column", () => {
    const d = r.diagnostics.filter((x) => x.code === 'AWN606');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', file: 'content/locations/pearl.md', line: 7, column: 29 });
    expect(d[0]!.message).toContain('"503-555-0124"');
    expect(d[0]!.message).toContain('+1 503-555-0123 for Pearl District');
  });

  it('accepts the business phone written another way ("(503) 555-0110" for "+1 503-555-0110")', async () => {
    expect(r.diagnostics.filter((x) => x.file === 'content/index.md')).toEqual([]);
  });

  it('passes with warnings only: ok, nothing but the three warnings', async () => {
    expect(r.ok).toBe(true);
    expect(r.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning AWN604', 'warning AWN605', 'warning AWN606']);
  });
});
