import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// This module runs from three places: src/util/home.ts (tests), lib/util/home.js (the compiled
// modules, which the package's API and the worker threads load) and lib/awning.cjs (the one-file
// build the command line runs, see bin/awning.js), where esbuild leaves import.meta empty and the
// CommonJS wrapper's __filename names the bundle. Paths relative to import.meta.url would differ in
// each. (import.meta first: `node -e` sets a global __filename of "[eval]".) The only module that
// reads import.meta (a test checks).
declare const __filename: string;
const here = import.meta.url ? fileURLToPath(import.meta.url) : __filename;

/** Awning's package folder: the nearest folder above this module with a package.json. */
export const PACKAGE_ROOT: string = (() => {
  for (let dir = path.dirname(here); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(path.dirname(here), '..', '..');
  }
})();

/** True when this code runs from the TypeScript sources (under the test runner). */
export const FROM_SOURCES: boolean = here.endsWith('.ts');

/** True when this code runs from the command line's bundle (lib/awning.cjs, see bin/awning.js). */
export const IN_BUNDLE: boolean = !import.meta.url;

/**
 * A compiled module in lib/ ("parallel/worker.js" → <package>/lib/parallel/worker.js), whichever of
 * the three places this code runs from: what site.config.ts imports (`defineConfig`), and what a
 * worker thread runs when Awning runs from its modules (under the command line, workers run the
 * bundle: see util/threads.ts).
 */
export function compiledModule(relative: string): URL {
  return pathToFileURL(path.join(PACKAGE_ROOT, 'lib', relative));
}

/**
 * `require` for Awning's own dependencies that stay outside the command line's bundle or must be
 * the installed copy (jiti, open, Nunjucks's runtime), resolved from the package folder.
 */
export const requireFromPackage: NodeJS.Require = createRequire(path.join(PACKAGE_ROOT, 'package.json'));
