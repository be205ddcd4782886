import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { FROM_SOURCES, PACKAGE_ROOT, requireFromPackage } from '../util/home.js';

// What `import { defineConfig } from 'awning'` in site.config.ts gets: only defineConfig (the rest of
// the API would load every module of Awning a second time, 150 ms). Compiled (lib/) or, under the
// test runner, the TypeScript source (src/).
const selfEntry = FROM_SOURCES ? path.join(PACKAGE_ROOT, 'src/config/define.ts') : path.join(PACKAGE_ROOT, 'lib/config/define.js');

/** The config file run, before validation (which needs zod: see load.ts). */
export interface EvaluatedConfig {
  /** The default export; undefined when the file is missing, broken or exports nothing. */
  raw?: unknown;
  /** The file's text. */
  source: string;
  /** Its name relative to the site root, for diagnostics. */
  file: string;
  /** The site root: the config file's folder. */
  root: string;
  diagnostics: Diagnostic[];
}

/** Run site.config.ts (TypeScript, compiled on the fly by jiti) and take its default export. */
export async function evaluateConfig(configPath: string): Promise<EvaluatedConfig> {
  const abs = path.resolve(configPath);
  const root = path.dirname(abs);
  // Like every other diagnostic, the config file is named relative to the site root (its folder).
  const file = path.basename(abs);
  if (!existsSync(abs)) {
    return {
      source: '', file, root,
      diagnostics: [
        diagnostic('AWN100', { file }, `No configuration file at ${file}.`, 'run awning from the site folder, or pass --config path/to/site.config.ts.'),
      ],
    };
  }
  const source = readFileSync(abs, 'utf8');
  let raw: unknown;
  try {
    // jiti compiles TypeScript on the fly; "awning" resolves to this very package, wherever the site is.
    // interopDefault off: a module without a default export must not pass itself off as the config.
    // Required, not imported: importing jiti's CommonJS bundle from ESM makes Node scan its 190 KB
    // for export names first (30 ms of every build).
    const { createJiti } = requireFromPackage('jiti') as typeof import('jiti');
    const jiti = createJiti(pathToFileURL(abs).href, { alias: { awning: selfEntry }, moduleCache: false, interopDefault: false });
    const mod = (await jiti.import(abs)) as { default?: unknown };
    raw = mod.default;
  } catch (err) {
    return { source, file, root, diagnostics: [loadError(err as Error, file, abs, source)] };
  }
  if (raw === undefined) {
    return { source, file, root, diagnostics: [diagnostic('AWN101', { file }, 'The configuration file has no default export.', 'write: export default defineConfig({ ... }).')] };
  }
  return { raw, source, file, root, diagnostics: [] };
}

/** A config that does not compile or throws: the parser's or the stack's place in the file. */
function loadError(e: Error, file: string, abs: string, source: string): ReturnType<typeof diagnostic> {
  let first = String(e.message ?? e).split('\n')[0]!.trim();
  let pos: { line?: number; column?: number } = {};
  // Babel-style parse errors end in "(line:column)" with a 0-based column.
  const parse = /\s*\((\d+):(\d+)\)$/.exec(first);
  if (parse) {
    pos = { line: Number(parse[1]), column: Number(parse[2]) + 1 };
    first = first.slice(0, parse.index);
  } else {
    const at = new RegExp(`${abs.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+)`).exec(String(e.stack ?? ''));
    if (at) pos = { line: Number(at[1]), column: Number(at[2]) };
  }
  const isSyntax = /^(ParseError|SyntaxError)\b/.test(first) || e.name === 'SyntaxError';
  // The parser's place (in the stack for jiti) counts columns from 0.
  if (isSyntax && !parse && pos.column !== undefined) pos.column += 1;
  first = first.replace(/^(ParseError|SyntaxError|TypeError|ReferenceError|Error):\s*/, '').replace(/\s+$/, '');
  const d = diagnostic(
    'AWN101',
    { file, source, ...pos },
    isSyntax ? `The configuration has a syntax error: ${first.replace(/\.?$/, '.')}` : `The configuration threw an error while loading: ${first.replace(/\.?$/, '.')}`,
    isSyntax ? 'fix the TypeScript at this place in the config file.' : 'fix the code at this place; the config runs when Awning starts.',
  );
  if (e.stack) d.detail = e.stack;
  return d;
}
