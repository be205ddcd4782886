import type { Command } from 'commander';
import { formatDiagnostics, plural } from '../diagnostics/format.js';
import { buildClock, jsonSummary, useColor } from './report.js';

interface CheckFlags {
  config: string;
  baseUrl?: string;
  drafts?: boolean;
  json?: boolean;
  debug?: boolean;
}

/** `awning check`: build in memory and report everything that would embarrass the site, writing nothing. */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('Build without writing and report broken links and anchors, missing images, menu items pointing nowhere, images without alt text, duplicate titles and descriptions, and phone numbers that disagree with the data. Exits 1 on errors, 0 with warnings only.')
    .option('-c, --config <file>', 'the site configuration file to use', 'site.config.ts')
    .option('--base-url <url>', 'check the site as built for this address (a deploy preview, a subfolder)')
    .option('--drafts', 'include drafts and posts dated in the future')
    .option('--json', 'print a machine-readable summary (pages, errors, warnings with file, line and code) and nothing else')
    .option('--debug', 'print stack traces for errors')
    .action(async (flags: CheckFlags) => {
      process.exitCode = await runCheck(flags);
    });
}

export async function runCheck(flags: CheckFlags): Promise<number> {
  const started = performance.now();
  const { checkSite } = await import('../check/index.js');
  const result = await checkSite({
    config: flags.config,
    overrides: { baseUrl: flags.baseUrl, drafts: flags.drafts },
    now: buildClock(),
  });
  if (flags.json) {
    process.stdout.write(jsonSummary('check', result));
    return result.ok ? 0 : 1;
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  if (result.diagnostics.length) {
    process.stderr.write(`${formatDiagnostics(result.diagnostics, { color: useColor(process.stderr), debug: flags.debug })}\n\n`);
  }
  const pages = result.outputs.filter((o) => o.path.endsWith('.html')).length;
  const ms = Math.round(performance.now() - started);
  const found = errors || warnings ? [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ') : 'no problems found';
  const line = result.outputs.length ? `Checked ${plural(pages, 'page')} in ${ms} ms: ${found}.\n` : `Check failed: ${found}; the site could not be built.\n`;
  (errors ? process.stderr : process.stdout).write(line);
  return errors ? 1 : 0;
}
