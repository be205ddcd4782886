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
 * The link check of every build: each internal link, image, asset and anchor on every page must
 * lead somewhere. Its problems are errors unless `checks.brokenLinks` is "warning"; an error makes
 * the build fail like any other.
 */
export async function checkLinksStage(result: BuildResult, scans?: ReadonlyMap<string, ScannedHtml>): Promise<BuildResult> {
  const { config, model } = result;
  if (!result.ok || !config || !model) return result;
  const diagnostics = await linkDiagnostics(result, new ScannedSite({ outputs: result.outputs, copied: [...(await copiedFiles(result.copies)).keys()] }, scans));
  if (diagnostics.length === 0) return result;
  const all = sortDiagnostics([...result.diagnostics, ...diagnostics]);
  return { ...result, ok: !hasErrors(all), diagnostics: all };
}

/** The diagnostics of the link check alone (also used by `awning check`). */
export async function linkDiagnostics(result: BuildResult, site?: ScannedSite): Promise<Diagnostic[]> {
  const { config, model } = result;
  if (!config || !model) return [];
  site ??= new ScannedSite({ outputs: result.outputs, copied: [...(await copiedFiles(result.copies)).keys()] });
  const broken = findBrokenLinks(site, siteAddress(config.baseUrl, config.basePath));
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
