import path from 'node:path';
import type { Command } from 'commander';
import { build } from '../build.js';
import { printFailure, printWarnings, useColor } from './report.js';
import { plural } from '../diagnostics/format.js';

export interface BuildFlags {
  config: string;
  out?: string;
  baseUrl?: string;
  drafts?: boolean;
  quiet?: boolean;
  debug?: boolean;
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
    .option('--debug', 'print stack traces for errors')
    .action(async (flags: BuildFlags) => {
      process.exitCode = await runBuild(flags);
    });
}

export async function runBuild(flags: BuildFlags): Promise<number> {
  const started = performance.now();
  const r = { color: useColor(process.stderr), quiet: Boolean(flags.quiet), debug: Boolean(flags.debug) };
  const result = await build({
    config: flags.config,
    overrides: { out: flags.out, baseUrl: flags.baseUrl, drafts: flags.drafts },
  });
  if (!result.ok) {
    printFailure(r, result.diagnostics, result.outDir);
    return 1;
  }
  printWarnings(r, result.diagnostics);
  if (!r.quiet) {
    const pages = result.outputs.filter((o) => o.path.endsWith('.html')).length;
    const ms = Math.round(performance.now() - started);
    const where = `${path.relative(process.cwd(), result.outDir!) || '.'}/`;
    process.stdout.write(`Built ${plural(pages, 'page')} (${plural(result.outputs.length, 'file')}) in ${ms} ms → ${where}\n`);
  }
  return 0;
}
