import { describe, it, expect, beforeAll } from 'vitest';
import { buildFixture, type BuiltSite } from '../../helpers/site.js';

// content/about.md and content/about/index.md both go to /about/; content/locations/downtown.md has no data entry.
describe('problems the model finds across files', () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildFixture('model-conflicts');
  });

  it('fails the build with AWN500 naming both files that write /about/', () => {
    expect(site.ok).toBe(false);
    const d = site.diagnostics.find((x) => x.code === 'AWN500');
    expect(d).toMatchObject({ severity: 'error' });
    expect(d!.message).toContain('/about/');
    expect(d!.message).toContain('content/about.md');
    expect(d!.message).toContain('content/about/index.md');
  });

  it('reports a location Markdown file with no data entry as AWN304 at that file', () => {
    const d = site.diagnostics.find((x) => x.code === 'AWN304');
    expect(d).toMatchObject({ severity: 'error', file: 'content/locations/downtown.md', line: 1 });
    expect(d!.message).toContain('"downtown"');
  });

  it('reports both problems in one build, and writes nothing', () => {
    expect(site.diagnostics.map((d) => d.code).sort()).toEqual(['AWN304', 'AWN500']);
    expect(site.outputs).toEqual([]);
  });
});
