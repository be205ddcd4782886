import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, runCli } from '../../helpers/site.js';

// The real binary (bin/awning.js → lib/): run `npm run compile` first when running vitest alone.

const temps: string[] = [];
function copySite(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-check-'));
  temps.push(dir);
  fs.cpSync(path.join(FIXTURES, 'sites', name), dir, { recursive: true });
  return dir;
}
const ESC = '\x1b[';

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'lib/cli/main.js'))) throw new Error('lib/ is not compiled: run "npm run compile".');
});
afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

describe('awning check', () => {
  it('exits 1 on broken links, naming the Markdown file:line:column with a code frame, and writes nothing', () => {
    const site = copySite('check-links');
    const r = runCli(['check'], site);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error[AWN600] content/posts/spring-hours.md:8:18');
    expect(r.stderr).toContain('> 8 | See [our prices](/prices/) and [the team](/about/#the-team).');
    expect(r.stderr).toContain('error[AWN602] content/posts/spring-hours.md:8:43');
    expect(r.stderr).toContain('error[AWN601] content/posts/spring-hours.md:10:19');
    expect(r.stderr).toContain('error[AWN600] content/_data/menus.yaml:7:10');
    expect(r.stderr).toContain('warning[AWN603] content/posts/spring-hours.md:12:5');
    expect(r.stderr).toMatch(/Checked 5 pages in \d+ ms: 5 errors, 1 warning\.\n$/);
    expect(fs.existsSync(path.join(site, 'dist'))).toBe(false);
  });

  it('exits 0 with warnings only, printing them and a summary line', () => {
    const site = copySite('check-content');
    const r = runCli(['check'], site);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('warning[AWN606] content/locations/pearl.md:7:29');
    expect(r.stdout).toMatch(/^Checked 7 pages in \d+ ms: 3 warnings\.\n$/);
  });

  it('exits 0 and says so on a site without problems', () => {
    const r = runCli(['check'], copySite('cli-ok'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Checked \d+ pages in \d+ ms: no problems found\.\n$/);
  });

  it('--json prints only a machine-readable summary with file, line and code of each problem', () => {
    const r = runCli(['check', '--json'], copySite('check-links'));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const s = JSON.parse(r.stdout) as { command: string; ok: boolean; pages: number; errors: number; warnings: number; diagnostics: Record<string, unknown>[] };
    expect(s).toMatchObject({ command: 'check', ok: false, pages: 5, errors: 5, warnings: 1 });
    expect(s.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: 'AWN600', file: 'content/posts/spring-hours.md', line: 8, column: 18 }));
    expect(s.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'AWN603', file: 'content/posts/spring-hours.md', line: 12 }));
  });

  it('prints plain text, without colour codes, when not on a terminal, even without NO_COLOR', () => {
    const site = copySite('check-links');
    const env = { ...process.env };
    delete env['NO_COLOR'];
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/awning.js'), 'check'], { cwd: site, encoding: 'utf8', env });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error[AWN600] content/posts/spring-hours.md:8:18');
    expect(r.stderr).not.toContain(ESC);
  });
});

describe('awning build runs the same link check', () => {
  it('fails on a broken link, naming the Markdown file and line, and writes nothing', () => {
    const site = copySite('check-links');
    const r = runCli(['build'], site);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error[AWN600] content/posts/spring-hours.md:8:18');
    expect(r.stderr).toContain('error[AWN602] content/posts/spring-hours.md:8:43');
    // The content warnings are for `awning check` only.
    expect(r.stderr).not.toContain('AWN603');
    expect(r.stderr).toMatch(/Build failed: 5 errors\. Nothing was written to dist\/\.\n$/);
    expect(fs.existsSync(path.join(site, 'dist'))).toBe(false);
  });

  it('only warns with checks.brokenLinks: "warning" in the config, and builds', () => {
    const site = copySite('check-links');
    const cfg = path.join(site, 'site.config.ts');
    fs.writeFileSync(cfg, fs.readFileSync(cfg, 'utf8').replace("timeZone: 'Europe/London',", "timeZone: 'Europe/London',\n  checks: { brokenLinks: 'warning' },"));
    const r = runCli(['build'], site);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('warning[AWN600] content/posts/spring-hours.md:8:18');
    expect(r.stdout).toMatch(/^Built 5 pages/);
    expect(fs.existsSync(path.join(site, 'dist/blog/spring-hours/index.html'))).toBe(true);
  });

  it('rejects an unknown value of checks.brokenLinks as a configuration error', () => {
    const site = copySite('check-links');
    const cfg = path.join(site, 'site.config.ts');
    fs.writeFileSync(cfg, fs.readFileSync(cfg, 'utf8').replace("timeZone: 'Europe/London',", "timeZone: 'Europe/London',\n  checks: { brokenLinks: 'never' },"));
    const r = runCli(['build'], site);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error[AWN100] site.config.ts:7:13');
    expect(r.stderr).toContain('checks.brokenLinks');
  });

  it('--json prints a summary of a good build', () => {
    const r = runCli(['build', '--json'], copySite('cli-ok'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(s).toMatchObject({ command: 'build', ok: true, errors: 0, warnings: 0, diagnostics: [] });
    expect(s['pages']).toBeGreaterThan(0);
  });
});
