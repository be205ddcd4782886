import { evaluateConfig, type EvaluatedConfig } from './evaluate.js';
import { configSchema, type ResolvedConfig } from './schema.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { article, describeValue, typeHint } from '../diagnostics/describe.js';

export interface ConfigOverrides {
  out?: string;
  baseUrl?: string;
  drafts?: boolean;
}

/** Load site.config.ts (TypeScript, no compile step) and validate it; overrides come from the CLI. */
export async function loadConfig(
  configPath: string,
  overrides: ConfigOverrides = {},
  /** The config file already run (the up-to-date check does it first): not run a second time. */
  evaluated?: EvaluatedConfig,
): Promise<{ value?: ResolvedConfig; evaluated?: EvaluatedConfig; diagnostics: Diagnostic[] }> {
  const loaded = evaluated ?? (await evaluateConfig(configPath));
  if (loaded.raw === undefined) return { diagnostics: loaded.diagnostics };
  const { raw, source, file, root } = loaded;
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
    evaluated: loaded,
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
