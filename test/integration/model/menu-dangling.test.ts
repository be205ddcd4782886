import { describe, it, expect, beforeAll } from 'vitest';
import { buildFixture, type BuiltSite } from '../../helpers/site.js';

// menus.yaml line 6 is "        page: careers" (the folder is missing); only about and about/careers exist.
describe('a dangling menu reference', () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture('model-menu-dangling');
  });

  it('fails the build with AWN203 at the menus.yaml line of the reference', () => {
    expect(site.ok).toBe(false);
    expect(site.outputs).toEqual([]);
    const errors = site.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'AWN203', file: 'content/_data/menus.yaml', line: 6 });
    expect(errors[0]!.message).toContain('"Careers"');
    expect(errors[0]!.message).toContain('"careers"');
    expect(errors[0]!.frame).toContain('> 6 |         page: careers');
  });

  it('suggests the existing page with the same last segment', () => {
    expect(site.diagnostics[0]!.hint).toContain('did you mean "about/careers"?');
  });
});
