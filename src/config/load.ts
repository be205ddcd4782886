import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createJiti } from 'jiti';
import { configSchema, type ResolvedConfig } from './schema.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';

export interface ConfigOverrides {
  out?: string;
  baseUrl?: string;
  drafts?: boolean;
}

// Compiled (lib/index.js) or, under the test runner, the TypeScript source (src/index.ts).
const selfEntry = [new URL('../index.js', import.meta.url), new URL('../index.ts', import.meta.url)].map((u) => fileURLToPath(u)).find((f) => existsSync(f))!;

/** Load site.config.ts (TypeScript, no compile step) and validate it; overrides come from the CLI. */
export async function loadConfig(
  configPath: string,
  overrides: ConfigOverrides = {},
): Promise<{ value?: ResolvedConfig; diagnostics: Diagnostic[] }> {
  const abs = path.resolve(configPath);
  const root = path.dirname(abs);
  const file = path.relative(process.cwd(), abs).split(path.sep).join('/') || path.basename(abs);
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
    const jiti = createJiti(pathToFileURL(abs).href, { alias: { awning: selfEntry }, moduleCache: false });
    const mod = (await jiti.import(abs)) as { default?: unknown };
    raw = mod.default;
  } catch (err) {
    const e = err as Error;
    const m = /:(\d+):(\d+)/.exec(String(e.stack ?? e.message));
    const pos = m ? { line: Number(m[1]), column: Number(m[2]) } : {};
    return {
      diagnostics: [
        {
          ...diagnostic('AWN101', { file, source, ...pos }, `The configuration could not be loaded: ${e.message.split('\n')[0]}`, 'fix the TypeScript error in the config file.'),
          detail: e.stack,
        },
      ],
    };
  }
  if (raw === undefined) {
    return { diagnostics: [diagnostic('AWN101', { file }, 'The configuration file has no default export.', 'write: export default defineConfig({ ... }).')] };
  }
  const merged = { ...(raw as Record<string, unknown>) };
  if (overrides.baseUrl !== undefined) merged['baseUrl'] = overrides.baseUrl;
  if (overrides.out !== undefined) {
    merged['dirs'] = { ...(merged['dirs'] as object | undefined), output: overrides.out };
  }
  const parsed = configSchema.safeParse(merged);
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
              : `Configuration key ${name} ${issue.message.replace(/^Invalid input: /, '').replace(/\.?$/, '.')}`;
        const hint = issue.code === 'unrecognized_keys' ? 'check the spelling; the README lists every key.' : 'see the configuration table in README.';
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
