import path from 'node:path';
import { build, type BuildOptions, type BuildResult } from '../build.js';
import { hasErrors, sortDiagnostics } from '../diagnostics/diagnostic.js';
import { copiedFiles } from '../output/fingerprint.js';
import { checkContent } from './content.js';
import { ScannedSite } from './links.js';
import { diskSources } from './stage.js';

/**
 * `awning check`: build in memory (with the link check every build runs), then the checks that only
 * warn: images without alt text, duplicate titles and descriptions, phone numbers that disagree with
 * the data. Nothing is written.
 */
export async function checkSite(opts: BuildOptions = {}): Promise<BuildResult> {
  const result = await build({ ...opts, write: false, headers: false, checkLinks: true });
  const { config, model } = result;
  // A build that stopped before rendering has nothing to look at.
  if (!config || !model || result.outputs.length === 0) return result;
  const site = new ScannedSite({ outputs: result.outputs, copied: [...(await copiedFiles(result.copies)).keys()] });
  const dataDir = path.relative(config.root, path.resolve(config.root, config.dirs.data)).split(path.sep).join('/');
  const extra = checkContent({
    site,
    routes: new Map(model.routes.map((r) => [r.url, r])),
    globals: model.globals,
    sources: diskSources(config),
    basePath: config.basePath,
    baseUrl: config.baseUrl,
    locationsFile: `${dataDir}/locations.yaml`,
  });
  const diagnostics = sortDiagnostics([...result.diagnostics, ...extra]);
  return { ...result, diagnostics, ok: !hasErrors(diagnostics) };
}
