import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { THEME_DIR as BUILTIN } from '../scaffold/theme.js';
import type { BuildResult } from '../build.js';
import type { ResolvedConfig } from '../config/schema.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { copiedFiles } from '../output/fingerprint.js';
import { findBrokenLinks, findBrokenMenuItems, locateBroken, ScannedSite, type CheckSources } from './links.js';
import { siteAddress } from './resolve.js';
import type { SourceText } from './locate.js';
import type { ScannedHtml } from './html.js';
import { hashText } from '../load/scan.js';


const rel = (root: string, abs: string) => path.relative(root, abs).split(path.sep).join('/');

/** Source files on disk, read once each, for locating problems in them. */
export function diskSources(config: ResolvedConfig): CheckSources {
  const root = config.root;
  const cache = new Map<string, string | undefined>();
  const read = (file: string) => {
    if (!cache.has(file)) {
      let text: string | undefined;
      try {
        text = readFileSync(path.resolve(root, file), 'utf8');
      } catch {
        text = undefined;
      }
      cache.set(file, text);
    }
    return cache.get(file);
  };
  const templateDirs = [...new Set([path.resolve(root, config.dirs.templates), BUILTIN])];
  let searchable: SourceText[] | undefined;
  const dataDir = path.resolve(root, config.dirs.data);
  const dataFiles = () => {
    try {
      return listFilesSync(dataDir).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => rel(root, path.join(dataDir, f)));
    } catch {
      return [];
    }
  };
  const menusFile = dataFiles().find((f) => /(^|\/)menus\.(ya?ml|json)$/.test(f));
  return {
    read,
    get searchable() {
      if (!searchable) {
        const names = new Set<string>();
        const templates: string[] = [];
        for (const dir of templateDirs) {
          for (const f of listFilesSync(dir)) {
            if (!/\.(njk|html)$/.test(f) || names.has(f)) continue;
            names.add(f);
            templates.push(rel(root, path.join(dir, f)));
          }
        }
        searchable = [...dataFiles(), ...templates].map((file) => ({ file, text: read(file) ?? '' }));
      }
      return searchable;
    },
    menus: menusFile ? { file: menusFile, text: read(menusFile) ?? '' } : undefined,
    template(name: string) {
      for (const dir of templateDirs) {
        const abs = path.join(dir, name);
        if (existsSync(abs)) return rel(root, abs);
      }
      return undefined;
    },
  };
}

function listFilesSync(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    if (e.isDirectory()) out.push(...listFilesSync(path.join(dir, e.name), `${prefix}${e.name}/`));
    else if (e.isFile()) out.push(`${prefix}${e.name}`);
  }
  return out.sort();
}

/**
 * What a build knows of the last one's link check, to check only the pages it rendered: the pages
 * it took from the last build have the bytes that check passed, and their links lead where they did
 * if the site has the same files and each rendered page the ids its last version had.
 */
export interface LastLinkCheck {
  /** The last check found nothing, on every page. */
  clean: boolean;
  /** The hash of the list of every file of that build (see `linkCheckOf`). */
  files: string;
  /** The ids of a page as that build had it, if it had the page. */
  ids: (path: string) => Set<string> | undefined;
}

/** What to record of a build's link check for the next build (see `LastLinkCheck`). */
export interface LinkCheckRecord {
  clean: boolean;
  files: string;
}

/**
 * The link check of every build: each internal link, image, asset and anchor on every page must
 * lead somewhere. Its problems are errors unless `checks.brokenLinks` is "warning"; an error makes
 * the build fail like any other. `scans` holds the pages rendered by this build, `scanOf` gives the
 * others' (taken from the last build); with `last`, only the rendered pages may need checking.
 */
export async function checkLinksStage(
  result: BuildResult,
  scans?: ReadonlyMap<string, ScannedHtml>,
  reuse?: { scanOf: (path: string) => ScannedHtml | undefined; last?: LastLinkCheck },
  /** The copied files, listed already (see output/fingerprint.ts: copiedFiles). */
  copiedList?: ReadonlyMap<string, string>,
): Promise<BuildResult & { linkCheck?: LinkCheckRecord }> {
  const { config, model } = result;
  if (!result.ok || !config || !model) return result;
  const copied = [...(copiedList ?? (await copiedFiles(result.copies))).keys()];
  const files = hashText([...new Set([...result.outputs.map((o) => o.path), ...copied])].sort().join('\n'));
  const last = reuse?.last;
  const only =
    last?.clean && last.files === files && scans && [...scans].every(([p, s]) => sameSet(s.ids, last.ids(p))) ? new Set(scans.keys()) : undefined;
  const diagnostics = await linkDiagnostics(result, new ScannedSite({ outputs: result.outputs, copied }, scans, reuse?.scanOf), only);
  const linkCheck = { clean: diagnostics.length === 0, files };
  if (diagnostics.length === 0) return { ...result, linkCheck };
  const all = sortDiagnostics([...result.diagnostics, ...diagnostics]);
  return { ...result, ok: !hasErrors(all), diagnostics: all, linkCheck };
}

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string> | undefined) => b !== undefined && a.size === b.size && [...a].every((x) => b.has(x));

/** The diagnostics of the link check alone (also used by `awning check`); `only`: the pages to check the links of. */
export async function linkDiagnostics(result: BuildResult, site?: ScannedSite, only?: ReadonlySet<string>): Promise<Diagnostic[]> {
  const { config, model } = result;
  if (!config || !model) return [];
  site ??= new ScannedSite({ outputs: result.outputs, copied: [...(await copiedFiles(result.copies)).keys()] });
  const broken = findBrokenLinks(site, siteAddress(config.baseUrl, config.basePath), only);
  const menuItems = findBrokenMenuItems(model.globals.menus, site);
  if (broken.length === 0 && menuItems.length === 0) return [];
  return locateBroken(broken, menuItems, {
    routes: new Map(model.routes.map((r) => [r.url, r])),
    sources: diskSources(config),
    basePath: config.basePath,
    baseUrl: config.baseUrl,
    severity: config.checks.brokenLinks,
    site,
    contentDir: rel(config.root, path.resolve(config.root, config.dirs.content)),
  });
}
