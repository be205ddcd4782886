import { readFile } from 'node:fs/promises';
import { listDataFiles } from './scan.js';
import path from 'node:path';
import { parseYaml, schemaDiagnostics, type YamlSource } from './yaml.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { knownDataSchemas, type Location, type Menus, type Service, type SiteData } from '../schema/data.js';

/** Everything under content/_data, validated where Awning knows the file. */
export interface SiteDataSet {
  site: SiteData;
  locations: Location[];
  services: Service[];
  menus: Menus;
  /** Every data file by name, known or not: what templates see as data.<name>. */
  all: Record<string, unknown>;
}

/** A problem found after loading, at a path inside a data file (the model is pure and knows no lines). */
export interface DataProblem {
  code: string;
  dataFile: string;
  path: readonly PropertyKey[];
  message: string;
  hint?: string;
}

export interface LoadedData {
  data: SiteDataSet;
  /** Parsed sources by data name, to locate problems found later. */
  sources: Map<string, { file: string; text: string; yaml: YamlSource }>;
}

const EMPTY_SITE: SiteData = { name: '', currency: 'USD', social: [] };

/** Read and validate every data file; collect all problems rather than stopping at the first. */
export async function loadData(dataDir: string, root: string): Promise<{ value: LoadedData; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const sources: LoadedData['sources'] = new Map();
  const all: Record<string, unknown> = {};
  const names = await listDataFiles(dataDir);
  const texts = await Promise.all(names.map((n) => readFile(path.join(dataDir, n), 'utf8')));
  names.forEach((name, i) => {
    const text = texts[i]!;
    const key = name.replace(/\.(ya?ml|json)$/, '');
    const file = rel(root, path.join(dataDir, name));
    if (sources.has(key)) {
      diagnostics.push(diagnostic('AWN204', { file }, `Two data files are both named "${key}": ${sources.get(key)!.file} and ${file}.`, 'keep one of them; each file becomes data.<name> in templates.'));
      return;
    }
    const { yaml, diagnostics: syntax } = parseYaml({ text, file, syntaxCode: 'AWN200' });
    diagnostics.push(...syntax);
    if (!yaml) return;
    sources.set(key, { file, text, yaml });
    const schema = knownDataSchemas[key];
    if (!schema) {
      all[key] = yaml.value;
      return;
    }
    const value = yaml.value ?? (key === 'site' ? {} : key === 'menus' ? {} : []);
    const parsed = schema.safeParse(value, { reportInput: true });
    if (!parsed.success) {
      diagnostics.push(...schemaDiagnostics(parsed.error.issues, yaml, { file, source: text, code: 'AWN201' }));
      return;
    }
    all[key] = parsed.data;
    for (const p of duplicateSlugs(key, parsed.data)) diagnostics.push(locateProblem(p, sources));
  });
  const data: SiteDataSet = {
    site: (all['site'] as SiteData | undefined) ?? EMPTY_SITE,
    locations: (all['locations'] as Location[] | undefined) ?? [],
    services: (all['services'] as Service[] | undefined) ?? [],
    menus: (all['menus'] as Menus | undefined) ?? {},
    all,
  };
  all['site'] = data.site;
  all['locations'] = data.locations;
  all['services'] = data.services;
  all['menus'] = data.menus;
  return { value: { data, sources }, diagnostics };
}

function duplicateSlugs(key: string, value: unknown): DataProblem[] {
  if (key !== 'locations' && key !== 'services') return [];
  const seen = new Map<string, number>();
  const problems: DataProblem[] = [];
  (value as { slug: string }[]).forEach((item, i) => {
    const first = seen.get(item.slug);
    if (first !== undefined) {
      problems.push({
        code: 'AWN202',
        dataFile: key,
        path: [i, 'slug'],
        message: `The slug "${item.slug}" is used twice (also by entry ${first + 1}).`,
        hint: `each ${key === 'locations' ? 'location' : 'service'} needs its own slug: it becomes the page's URL.`,
      });
    } else seen.set(item.slug, i);
  });
  return problems;
}

/** Give a data problem its file, line, column and code frame. */
export function locateProblem(p: DataProblem, sources: LoadedData['sources']): Diagnostic {
  const src = sources.get(p.dataFile);
  if (!src) return diagnostic(p.code, {}, p.message, p.hint);
  const pos = src.yaml.locate(p.path);
  return diagnostic(p.code, { file: src.file, source: src.text, ...pos }, p.message, p.hint);
}

export const rel = (root: string, abs: string): string => path.relative(root, abs).split(path.sep).join('/');
