import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createJiti } from 'jiti';
import { configSchema, type ResolvedConfig } from './schema.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { article, describeValue, typeHint } from '../diagnostics/describe.js';

export interface ConfigOverrides {
  out?: string;
  baseUrl?: string;
  drafts?: boolean;
}

// What `import { defineConfig } from 'awning'` in site.config.ts gets: only defineConfig (the rest of
// the API would load every module of Awning a second time, 150 ms). Compiled (lib/) or, under the
// test runner, the TypeScript source (src/).
const selfEntry = [new URL('./define.js', import.meta.url), new URL('./define.ts', import.meta.url)].map((u) => fileURLToPath(u)).find((f) => existsSync(f))!;

/** Load site.config.ts (TypeScript, no compile step) and validate it; overrides come from the CLI. */
export async function loadConfig(
  configPath: string,
  overrides: ConfigOverrides = {},
): Promise<{ value?: ResolvedConfig; diagnostics: Diagnostic[] }> {
  const abs = path.resolve(configPath);
  const root = path.dirname(abs);
  // Like every other diagnostic, the config file is named relative to the site root (its folder).
  const file = path.basename(abs);
  if (!existsSync(abs)) {
    return {
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
    const jiti = createJiti(pathToFileURL(abs).href, { alias: { awning: selfEntry }, moduleCache: false, interopDefault: false });
    const mod = (await jiti.import(abs)) as { default?: unknown };
    raw = mod.default;
  } catch (err) {
    return { diagnostics: [loadError(err as Error, file, abs, source)] };
  }
  if (raw === undefined) {
    return { diagnostics: [diagnostic('AWN101', { file }, 'The configuration file has no default export.', 'write: export default defineConfig({ ... }).')] };
  }
  const merged = { ...(raw as Record<string, unknown>) };
  if (overrides.baseUrl !== undefined) merged['baseUrl'] = overrides.baseUrl;
  if (overrides.out !== undefined) {
    merged['dirs'] = { ...(merged['dirs'] as object | undefined), output: overrides.out };
  }
  const parsed = configSchema.safeParse(merged, { reportInput: true });
  if (!parsed.success) {
    return {
      diagnostics: parsed.error.issues.map((issue) => {
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
        const keyPath = [...issue.path, ...keys.slice(0, 1)].map(String).join('.');
        const name = keyPath ? `"${keyPath}"` : 'The configuration';
        const pos = locateKey(source, keyPath.split('.').pop() ?? '');
        const message =
          issue.code === 'unrecognized_keys'
            ? `Unknown configuration key ${name}.`
            : issue.code === 'invalid_type' && issue.input === undefined
              ? `Configuration key ${name} is required.`
              : issue.code === 'invalid_type'
                ? `Configuration key ${name} should be ${article(issue.expected)}, not ${describeValue(issue.input)}.`
              : `Configuration key ${name} ${issue.message.replace(/^Invalid input: /, '').replace(/\.?$/, '.')}`;
        const hint =
          issue.code === 'unrecognized_keys'
            ? 'check the spelling; the README lists every key.'
            : issue.code === 'invalid_type' && issue.input !== undefined
              ? typeHint(issue.expected)
              : 'see the configuration table in README.';
        return diagnostic('AWN100', { file, source, ...pos }, message, hint);
      }),
    };
  }
  const baseUrl = parsed.data.baseUrl.endsWith('/') ? parsed.data.baseUrl : `${parsed.data.baseUrl}/`;
  const basePath = new URL(baseUrl).pathname;
  return {
    value: { ...parsed.data, baseUrl, basePath, root, drafts: overrides.drafts ?? false },
    diagnostics: [],
  };
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

/** Best-effort line of a key in the config source, for the code frame (column left out when unsure). */
function locateKey(source: string, key: string): { line?: number; column?: number } {
  if (!key) return {};
  const lines = source.split('\n');
  const re = new RegExp(`(^|[\\s{,])(['"]?)${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\2\\s*:`);
  for (let i = 0; i < lines.length; i++) {
    const m = re.exec(lines[i]!);
    if (m) return { line: i + 1, column: m.index + m[1]!.length + 1 };
  }
  return {};
}
