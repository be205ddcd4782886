import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { VERSION } from '../version.js';
import { starterFiles } from '../scaffold/starter.js';
import { themeFileContents, themeFiles } from '../scaffold/theme.js';
import { writeNewFiles } from '../scaffold/write.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics, plural } from '../diagnostics/format.js';
import { dayInZone } from '../util/time.js';
import { slugify } from '../util/slugify.js';
import { useColor } from './report.js';
import type { ResolvedConfig } from '../config/schema.js';

interface InitFlags {
  name?: string;
  baseUrl: string;
  timeZone?: string;
  ejectTheme?: boolean;
  force?: boolean;
}

/** Print located problems of init, new or eject on stderr. */
export function printProblems(ds: readonly Diagnostic[]): void {
  process.stderr.write(`${formatDiagnostics(ds, { color: useColor(process.stderr) })}\n`);
}

/** The site's config, or undefined after printing why it could not be loaded (loaded lazily: init needs none). */
export async function configOrProblems(file: string): Promise<ResolvedConfig | undefined> {
  const { loadConfig } = await import('../config/load.js');
  const cfg = await loadConfig(file);
  if (!cfg.value) printProblems(cfg.diagnostics);
  return cfg.value;
}

/** A folder for messages: relative to where the command runs, with a trailing slash. */
export const shown = (abs: string): string => `${path.relative(process.cwd(), abs) || '.'}/`;

/** `awning init [folder]`: a working starter site in a new (or empty) folder. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description('Create a new site in a folder (default: this one): package.json, site.config.ts, a post, a page and the data files, every field explained. The theme stays in Awning; copy files to change them with --eject-theme or `awning eject`.')
    .argument('[folder]', 'the folder to create the site in', '.')
    .option('--name <name>', 'the name of the business (default: from the folder name)')
    .option('--base-url <url>', 'the address the site will be served at', 'https://www.example.com/')
    .option('--time-zone <zone>', 'the IANA time zone of the business, e.g. Europe/London (default: this computer\'s)')
    .option('--eject-theme', 'also copy every file of the theme into templates/, to change any of them')
    .option('--force', 'write into a folder that is not empty (files that exist are kept, never overwritten)')
    .action(async (folder: string, flags: InitFlags) => {
      process.exitCode = await runInit(folder, flags);
    });
}

export async function runInit(folder: string, flags: InitFlags): Promise<number> {
  const root = path.resolve(folder);
  let entries: string[] = [];
  try {
    entries = readdirSync(root).filter((e) => e !== '.git' && e !== '.DS_Store');
  } catch {
    entries = [];
  }
  if (entries.length && !flags.force) {
    const list = entries.slice(0, 5).join(', ') + (entries.length > 5 ? `, and ${entries.length - 5} more` : '');
    printProblems([
      diagnostic(
        'AWN700',
        { file: shown(root) },
        `The folder ${shown(root)} is not empty (it has ${list}), so no site was created in it.`,
        `give a new folder: awning init my-site; or add the starter files beside what is there with --force (existing files are kept).`,
      ),
    ]);
    return 1;
  }
  const timeZone = flags.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    process.stderr.write(`error: --time-zone "${timeZone}" is not a time zone this computer knows; use an IANA name such as Europe/London.\n`);
    return 2;
  }
  try {
    const u = new URL(flags.baseUrl);
    if (!/^https?:$/.test(u.protocol)) throw new Error('not http');
  } catch {
    process.stderr.write(`error: --base-url "${flags.baseUrl}" is not an http(s) address such as https://www.example.com/.\n`);
    return 2;
  }
  const base = path.basename(root);
  const name = flags.name ?? (base.replace(/[-_]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()).trim() || 'My Business');
  const files: Record<string, string | Buffer> = starterFiles({
    name,
    packageName: slugify(base) || 'my-site',
    baseUrl: flags.baseUrl.endsWith('/') ? flags.baseUrl : `${flags.baseUrl}/`,
    timeZone,
    awningRange: `^${VERSION}`,
    today: dayInZone(new Date(), timeZone),
  });
  if (flags.ejectTheme) {
    for (const [f, bytes] of Object.entries(await themeFileContents(await themeFiles()))) files[`templates/${f}`] = bytes;
  }
  const report = await writeNewFiles(root, files);
  const here = shown(root);
  const out = [`Created a site in ${here} (${report.written.length} files):`, ...report.written.filter((f) => !f.startsWith('templates/')).map((f) => `  ${f}`)];
  if (flags.ejectTheme) out.push(`  templates/ (the theme: ${report.written.filter((f) => f.startsWith('templates/')).length} files)`);
  if (report.kept.length) out.push(`Kept ${plural(report.kept.length, 'file')} already there, unchanged: ${report.kept.join(', ')}`);
  out.push('', 'Next:');
  if (here !== './') out.push(`  cd ${here.slice(0, -1)}`);
  out.push('  npm install', '  npx awning serve        # a live preview that updates on every save', '');
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
