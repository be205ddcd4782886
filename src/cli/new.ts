import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { locationEntry, locationPageText, pageText, postText } from '../scaffold/content.js';
import { writeNewFiles } from '../scaffold/write.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { dayInZone } from '../util/time.js';
import { slugify } from '../util/slugify.js';
import { configOrProblems, printProblems } from './init.js';

interface NewFlags {
  config: string;
  category: string[];
  tag: string[];
  draft?: boolean;
  date?: string;
  slug?: string;
}

const KINDS = ['post', 'page', 'location'] as const;
type Kind = (typeof KINDS)[number];

const collect = (value: string, previous: string[]) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
const rel = (root: string, abs: string) => path.relative(root, abs).split(path.sep).join('/');

/** `awning new post|page|location "Title"`: a new file with the fields it uses; never overwrites one. */
export function registerNew(program: Command): void {
  program
    .command('new')
    .description('Write a new post (content/posts/<slug>.md, dated today in the site\'s time zone), page (content/<slug>.md) or location (an entry in locations.yaml and content/locations/<slug>.md). Never overwrites a file.')
    .argument('<kind>', `what to create: ${KINDS.join(', ')}`)
    .argument('<title>', 'its title (the file name is made from it)')
    .option('-c, --config <file>', 'the site configuration file to use', 'site.config.ts')
    .option('--category <name>', 'a category of the post (repeat it, or separate with commas)', collect, [])
    .option('--tag <name>', 'a tag of the post (repeat it, or separate with commas)', collect, [])
    .option('--draft', 'mark it as a draft: left out of the site until you remove the line')
    .option('--date <YYYY-MM-DD>', 'the date of the post (default: today in the site\'s time zone)')
    .option('--slug <slug>', 'the file name without .md (default: from the title); for a page it may be a path, e.g. about/team')
    .action(async (kind: string, title: string, flags: NewFlags) => {
      process.exitCode = await runNew(kind, title, flags);
    });
}

export async function runNew(kindArg: string, title: string, flags: NewFlags): Promise<number> {
  const kind = kindArg.toLowerCase() as Kind;
  if (!KINDS.includes(kind)) {
    printProblems([diagnostic('AWN702', {}, `Awning cannot make a new "${kindArg}".`, `write one of: ${KINDS.map((k) => `awning new ${k} "Title"`).join(', ')}.`)]);
    return 2;
  }
  if (!title.trim()) {
    process.stderr.write('error: give a title, e.g. awning new post "Spring hours are here".\n');
    return 2;
  }
  if (flags.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(flags.date)) {
    process.stderr.write(`error: --date "${flags.date}" is not a date written as YYYY-MM-DD.\n`);
    return 2;
  }
  const config = await configOrProblems(flags.config);
  if (!config) return 1;
  const slug = (flags.slug ?? slugify(title)).replace(/^\/+|\/+$|\.md$/g, '');
  if (!slug || (kind !== 'page' && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) || slug.split('/').some((s) => !s || s === '..' || s === '.')) {
    process.stderr.write(`error: "${slug}" cannot be a file name; pass --slug with lowercase letters, digits and hyphens.\n`);
    return 2;
  }
  const contentDir = path.resolve(config.root, config.dirs.content);
  const dataDir = path.resolve(config.root, config.dirs.data);
  const files: Record<string, string> = {};
  let append: { file: string; text: string } | undefined;
  if (kind === 'post') {
    const date = flags.date ?? dayInZone(new Date(), config.timeZone);
    files[rel(config.root, path.join(contentDir, 'posts', `${slug}.md`))] = postText({ title, date, categories: flags.category, tags: flags.tag, draft: Boolean(flags.draft), slug });
  } else if (kind === 'page') {
    files[rel(config.root, path.join(contentDir, `${slug}.md`))] = pageText({ title, draft: Boolean(flags.draft) });
  } else {
    const yaml = ['locations.yaml', 'locations.yml'].map((n) => path.join(dataDir, n)).find((p) => existsSync(p)) ?? path.join(dataDir, 'locations.yaml');
    if (existsSync(path.join(dataDir, 'locations.json'))) {
      printProblems([diagnostic('AWN702', { file: rel(config.root, path.join(dataDir, 'locations.json')) }, 'The locations are in a JSON file; awning new location adds to locations.yaml only.', 'add the location to locations.json by hand (the README lists its fields).')]);
      return 1;
    }
    const text = existsSync(yaml) ? readFileSync(yaml, 'utf8') : '';
    const m = new RegExp(`^[ \\t]*-?[ \\t]*slug:[ \\t]*["']?${slug}["']?[ \\t]*(#.*)?$`, 'm').exec(text);
    if (m) {
      const line = text.slice(0, m.index).split('\n').length;
      printProblems([diagnostic('AWN701', { file: rel(config.root, yaml), line, source: text }, `A location with the slug "${slug}" already exists; nothing was written.`, 'choose another name, or pass --slug another-slug.')]);
      return 1;
    }
    append = { file: yaml, text: `${text && !text.endsWith('\n') ? '\n' : ''}${locationEntry({ name: title, slug })}` };
    files[rel(config.root, path.join(contentDir, 'locations', `${slug}.md`))] = locationPageText({ name: title });
  }
  // Never overwrite: refuse before writing anything if one of the files exists.
  const existing = Object.keys(files).filter((f) => existsSync(path.join(config.root, f)));
  if (existing.length) {
    printProblems(existing.map((f) => diagnostic('AWN701', { file: f }, `${f} already exists; awning new never overwrites a file, so nothing was written.`, 'choose another title, or pass --slug another-name.')));
    return 1;
  }
  const report = await writeNewFiles(config.root, files);
  if (report.kept.length) {
    printProblems(report.kept.map((f) => diagnostic('AWN701', { file: f }, `${f} already exists; awning new never overwrites a file.`, 'choose another title, or pass --slug another-name.')));
    return 1;
  }
  if (append) {
    await mkdir(path.dirname(append.file), { recursive: true });
    await appendFile(append.file, append.text);
  }
  const lines = report.written.map((f) => `Created ${f}`);
  if (append) lines.push(`Added "${title}" to ${rel(config.root, append.file)}: replace the values marked TODO (address, phone, hours).`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
