import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { resolveThemeName, themeFileContents, themeFiles } from '../scaffold/theme.js';
import { writeNewFiles } from '../scaffold/write.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { configOrProblems, printProblems } from './init.js';

interface EjectFlags {
  config: string;
  all?: boolean;
  list?: boolean;
}

/** `awning eject <template...>`: copy theme files into the site's templates/ to change them there. */
export function registerEject(program: Command): void {
  program
    .command('eject')
    .description("Copy files of the built-in theme into the site's templates/ folder, where they take precedence: change only what you copy. Never overwrites a file.")
    .argument('[templates...]', 'theme files: layouts/post.njk, partials/header.njk, assets/site.css, or just post, header, site.css')
    .option('-c, --config <file>', 'the site configuration file to use', 'site.config.ts')
    .option('--all', 'copy every file of the theme')
    .option('--list', 'list the files of the theme, marking those the site already has')
    .action(async (names: string[], flags: EjectFlags) => {
      process.exitCode = await runEject(names, flags);
    });
}

export async function runEject(names: string[], flags: EjectFlags): Promise<number> {
  const config = await configOrProblems(flags.config);
  if (!config) return 1;
  const templatesDir = path.resolve(config.root, config.dirs.templates);
  const shownDir = path.relative(config.root, templatesDir).split(path.sep).join('/') || '.';
  const files = await themeFiles();
  if (flags.list) {
    const lines = files.map((f) => `${existsSync(path.join(templatesDir, f)) ? '*' : ' '} ${f}`);
    process.stdout.write(`${lines.join('\n')}\n(* the site has its own copy in ${shownDir}/)\n`);
    return 0;
  }
  if (!flags.all && names.length === 0) {
    process.stderr.write('error: name the theme files to copy (awning eject layouts/post.njk), or pass --all; awning eject --list shows them.\n');
    return 2;
  }
  const chosen: string[] = [];
  const problems: Diagnostic[] = [];
  for (const name of flags.all ? files : names) {
    const r = resolveThemeName(name, files);
    if (r.file) chosen.push(r.file);
    else {
      problems.push(
        diagnostic('AWN702', {}, `The theme has no file "${name}".`, r.suggestions.length ? `did you mean ${r.suggestions.join(' or ')}? awning eject --list shows every file.` : 'awning eject --list shows every file of the theme.'),
      );
    }
  }
  if (problems.length) {
    printProblems(problems);
    return 1;
  }
  const contents = await themeFileContents([...new Set(chosen)]);
  const report = await writeNewFiles(templatesDir, contents);
  const lines = report.written.map((f) => `Copied ${shownDir}/${f}`);
  if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
  if (report.kept.length) {
    printProblems(report.kept.map((f) => diagnostic('AWN701', { file: `${shownDir}/${f}` }, `${shownDir}/${f} already exists and was left as it is (awning eject never overwrites a file).`, 'to start again from the theme\'s version, delete or rename your copy first.', flags.all ? 'warning' : 'error')));
    return flags.all ? 0 : 1;
  }
  return 0;
}
