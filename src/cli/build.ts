import path from 'node:path';
import type { Command } from 'commander';
import { buildClock, jsonSummary, printFailure, printWarnings, useColor } from './report.js';
import { manifestPath } from '../output/manifest.js';
import { plural } from '../diagnostics/format.js';

export interface BuildFlags {
  config: string;
  out?: string;
  baseUrl?: string;
  drafts?: boolean;
  quiet?: boolean;
  debug?: boolean;
  /** false with --no-headers. */
  headers?: boolean;
  json?: boolean;
  /** false with --no-cache. */
  cache?: boolean;
  /** --workers: threads besides the main one for big sites. */
  workers?: string;
}

/** `awning build`: the site into the output folder, or every problem and exit 1. */
export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('Build the site into the output folder (dist/ by default).')
    .option('-c, --config <file>', 'the site configuration file to use', 'site.config.ts')
    .option('-o, --out <dir>', 'write the site to this folder instead of the one in the config')
    .option('--base-url <url>', 'the address the site will be served at, overriding baseUrl (deploy previews, hosting under a subfolder)')
    .option('--drafts', 'include drafts and posts dated in the future')
    .option('-q, --quiet', 'print nothing but warnings and errors')
    .option('--no-headers', 'do not write the _headers file (cache rules for Netlify and Cloudflare Pages)')
    .option('--json', 'print a machine-readable summary (pages, errors, warnings with file, line and code) and nothing else')
    .option('--no-cache', 'ignore and do not update the build cache in .awning-cache/')
    .option('--workers <n>', 'worker threads besides the main one (default: one fewer than the cores, for sites of 300+ files; 0: none)')
    .option('--debug', 'print stack traces for errors')
    .action(async (flags: BuildFlags) => {
      process.exitCode = await runBuild(flags);
    });
}

export async function runBuild(flags: BuildFlags): Promise<number> {
  const started = performance.now();
  if (flags.workers !== undefined && !/^\d+$/.test(flags.workers)) {
    process.stderr.write(`error: --workers takes a whole number (0 for none), not "${flags.workers}".\n`);
    return 2;
  }
  const r = { color: useColor(process.stderr), quiet: Boolean(flags.quiet), debug: Boolean(flags.debug) };
  const options = {
    config: flags.config,
    overrides: { out: flags.out, baseUrl: flags.baseUrl, drafts: flags.drafts },
    checkLinks: true,
    headers: flags.headers !== false,
    now: buildClock() ?? new Date(),
    persistCache: flags.cache !== false,
    workers: flags.workers === undefined ? undefined : Number(flags.workers),
  };
  // Modules are loaded as they are needed: when nothing changed since the last build, the build
  // ends before the template engine, the Markdown and YAML parsers and zod are loaded (0.2 s).
  const { checkUpToDate } = await import('../cache/upToDate.js');
  const checked = options.persistCache
    ? await checkUpToDate({ ...options, configFile: path.resolve(options.config) })
    : undefined;
  const result = checked?.result ?? (await (await import('../build.js')).build({ ...options, checked }));
  if (flags.json) {
    const changes = result.manifest?.changes;
    const extra = result.ok
      ? {
          outDir: result.outDir,
          manifest: manifestPath(result.outDir!),
          changes: result.upToDate ? { added: 0, changed: 0, removed: 0 } : changes && { added: changes.added.length, changed: changes.changed.length, removed: changes.removed.length },
          ...(result.upToDate ? { upToDate: true, pages: result.upToDate.pages, files: result.upToDate.files } : {}),
        }
      : {};
    process.stdout.write(jsonSummary('build', result, extra));
    return result.ok ? 0 : 1;
  }
  if (!result.ok) {
    printFailure(r, result.diagnostics, result.outDir);
    return 1;
  }
  printWarnings(r, result.diagnostics);
  if (!r.quiet) {
    const pages = result.upToDate?.pages ?? result.outputs.filter((o) => o.path.endsWith('.html')).length;
    const files = result.upToDate?.files ?? result.outputs.length;
    const ms = Math.round(performance.now() - started);
    const where = `${path.relative(process.cwd(), result.outDir!) || '.'}/`;
    const note = result.upToDate ? ' (up to date: nothing changed since the last build)' : '';
    process.stdout.write(`Built ${plural(pages, 'page')} (${plural(files, 'file')}) in ${ms} ms → ${where}${note}\n`);
  }
  return 0;
}
