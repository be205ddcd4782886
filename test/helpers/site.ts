import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { build, type BuildOptions, type BuildResult } from '../../src/build.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = path.join(ROOT, 'test/fixtures');
/** A fixed clock for every test build: 2026-06-15 12:00 UTC. */
export const NOW = new Date('2026-06-15T12:00:00Z');

export interface BuiltSite extends BuildResult {
  /** The HTML (or text) written at a URL, e.g. "/blog/x/"; throws when there is none. */
  page(url: string): string;
  /** Every URL that has an output. */
  urls(): string[];
}

/** Build a fixture site (test/fixtures/sites/<name> or an absolute folder) in memory, with a fixed now. */
export async function buildFixture(name: string, opts: BuildOptions = {}): Promise<BuiltSite> {
  const dir = path.isAbsolute(name) ? name : path.join(FIXTURES, 'sites', name);
  const result = await build({ config: path.join(dir, 'site.config.ts'), now: NOW, write: false, ...opts });
  const byUrl = new Map(result.outputs.map((o) => [o.url, String(o.content)] as const));
  return {
    ...result,
    page(url: string) {
      const html = byUrl.get(url);
      if (html === undefined) throw new Error(`no output at ${url}; have: ${[...byUrl.keys()].join(', ')}`);
      return html;
    },
    urls: () => [...byUrl.keys()].sort(),
  };
}

const TEST_COMPILE_CACHE = path.join(os.tmpdir(), `awning-test-compile-cache-${process.getuid?.() ?? 0}`);

/** Run the real CLI binary (bin/awning.js, compiled lib/) in a folder. */
export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/awning.js'), ...args], {
    cwd,
    encoding: 'utf8',
    // The tests' own code cache folder (see bin/awning.js), not the one the benchmark uses.
    env: { ...process.env, NO_COLOR: '1', AWNING_COMPILE_CACHE: TEST_COMPILE_CACHE, ...env },
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Text between tags, whitespace folded: what a reader sees. */
export const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

/** Every file under a folder with its bytes, by relative path ("/"-separated), sorted. */
export function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[]) {
    if (e.isFile()) {
      const p = path.join(e.parentPath, e.name);
      out.set(path.relative(dir, p).split(path.sep).join('/'), fs.readFileSync(p));
    }
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** site.config.ts of test/fixtures/sites/cli-ok with more imports and Nunjucks filters (TypeScript source). */
export function cliOkConfig(imports: string, filters: string): string {
  return `import { defineConfig } from 'awning';
${imports}
export default defineConfig({
  title: 'Corner Bakery',
  baseUrl: 'https://bakery.example.com/',
  timeZone: 'America/Chicago',
  nunjucks: { filters: ${filters} },
});
`;
}
