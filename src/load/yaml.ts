import { LineCounter, parseDocument, isMap, isScalar, isPair, isSeq, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { article, describeValue, typeHint } from '../diagnostics/describe.js';

/** A parsed YAML text that can say where any path inside it is. */
export interface YamlSource {
  value: unknown;
  doc: Document.Parsed;
  /** Line and column (1-based, in the containing file) of the node at a path, or of the nearest parent. */
  locate(path: readonly PropertyKey[], key?: string): { line: number; column: number };
}

export interface YamlInput {
  text: string;
  /** Path relative to the site root, for messages. */
  file: string;
  /** Whole file text, for code frames (differs from text for front matter). */
  source?: string;
  /** Lines before the YAML text in the file (front matter starts on line 2). */
  lineOffset?: number;
  /** Code for syntax errors. */
  syntaxCode: string;
}

/** Parse YAML with positions; syntax errors become located diagnostics. */
export function parseYaml(input: YamlInput): { yaml?: YamlSource; diagnostics: Diagnostic[] } {
  const lc = new LineCounter();
  const offset = input.lineOffset ?? 0;
  const source = input.source ?? input.text;
  // The core schema keeps unquoted dates as strings: we validate them ourselves, with locations.
  const doc = parseDocument(input.text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, schema: 'core' });
  const diagnostics: Diagnostic[] = [];
  for (const err of doc.errors) {
    const pos = lc.linePos(err.pos[0]);
    const first = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    diagnostics.push(
      diagnostic(
        input.syntaxCode,
        { file: input.file, line: pos.line + offset, column: pos.col, source },
        `YAML syntax error: ${first.replace(/\.$/, '')}.`,
        yamlHint(err.code),
      ),
    );
  }
  if (diagnostics.length > 0) return { diagnostics };
  const locate = (path: readonly PropertyKey[], key?: string) => {
    let node: unknown = doc.contents;
    let found = node;
    for (const seg of path) {
      const next = childOf(node, seg);
      if (next === undefined) break;
      node = next;
      found = next;
    }
    if (key !== undefined && isMap(found)) {
      const pair = found.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (pair && isScalar(pair.key) && pair.key.range) found = pair.key;
    }
    const range = (found as Node | undefined)?.range;
    const pos = lc.linePos(range ? range[0] : 0);
    return { line: pos.line + offset, column: pos.col };
  };
  return { yaml: { value: doc.toJS({ maxAliasCount: 1000 }), doc, locate }, diagnostics };
}

function childOf(node: unknown, seg: PropertyKey): unknown {
  if (isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
    return pair?.value ?? (pair ? pair.key : undefined);
  }
  if (isSeq(node) && typeof seg === 'number') return node.items[seg];
  return undefined;
}

function yamlHint(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'each key may appear once in a mapping: remove or rename one of them.';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation: items of one list or mapping must line up, using spaces, not tabs.';
    case 'TAB_AS_INDENT':
      return 'YAML indentation must use spaces; replace the tab with spaces.';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a "key: value" line may be missing its colon, or a value that contains ": " needs quotes.';
    default:
      return 'quote values that start with "*", "&", "!", "[" or "{", or contain ": " or " #", and check the indentation of the lines above.';
  }
}

/** Turn zod issues into diagnostics located at the exact YAML node. */
export function schemaDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  yaml: YamlSource,
  where: { file: string; source: string; code: string; pathPrefix?: readonly PropertyKey[] },
): Diagnostic[] {
  return issues.map((issue) => {
    const path = [...(where.pathPrefix ?? []), ...issue.path];
    let key: string | undefined;
    let message: string;
    let hint: string | undefined;
    const name = describePath(issue.path);
    switch (issue.code) {
      case 'unrecognized_keys': {
        key = issue.keys[0];
        message = `Unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}${name ? ` in ${name}` : ''}.`;
        hint = 'check the spelling; the README lists every field this file takes.';
        break;
      }
      case 'invalid_type': {
        const missing = issue.input === undefined;
        message = missing
          ? `${name ? `Field "${name}"` : 'A value'} is required but missing.`
          : `${name ? `Field "${name}"` : 'The value'} should be ${article(issue.expected)}, not ${describeValue(issue.input)}.`;
        hint = missing ? `add "${String(issue.path[issue.path.length - 1] ?? '')}:" here.` : typeHint(issue.expected);
        break;
      }
      default: {
        message = `${name ? `Field "${name}": ` : ''}${issue.message.replace(/\.?$/, '.')}`;
        const params = (issue as { params?: { hint?: string } }).params;
        hint = params?.hint;
      }
    }
    const pos = yaml.locate(path, key);
    return diagnostic(where.code, { file: where.file, source: where.source, ...pos }, message, hint);
  });
}

function describePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : `${out ? '.' : ''}${String(seg)}`;
  return out;
}
