/** A problem found in the user's files, located as precisely as the source allows. */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Permanent code, e.g. AWN302; see catalogue.ts. */
  code: string;
  severity: Severity;
  /** Path relative to the site root, with forward slashes. */
  file?: string;
  /** 1-based line in the file itself (front matter offset included). */
  line?: number;
  /** 1-based column; left out when it is not known. */
  column?: number;
  /** One sentence in the user's terms. */
  message: string;
  /** What to do about it. */
  hint?: string;
  /** Source lines with a caret, ready to print. */
  frame?: string;
  /** Internal detail (stack trace), printed only with --debug. */
  detail?: string;
}

export interface Located {
  file?: string;
  line?: number;
  column?: number;
  /** The whole text of the file, to cut a code frame from. */
  source?: string;
}

/** Build a diagnostic, cutting a code frame from the source when one is given. */
export function diagnostic(
  code: string,
  where: Located,
  message: string,
  hint?: string,
  severity: Severity = 'error',
): Diagnostic {
  const d: Diagnostic = { code, severity, message };
  if (where.file !== undefined) d.file = where.file;
  if (where.line !== undefined) d.line = where.line;
  if (where.column !== undefined) d.column = where.column;
  if (hint !== undefined) d.hint = hint;
  if (where.source !== undefined && where.line !== undefined) {
    d.frame = codeFrame(where.source, where.line, where.column);
  }
  return d;
}

/** The offending line with one line of context above it and a caret under the column. */
export function codeFrame(source: string, line: number, column?: number): string {
  const lines = source.split(/\r?\n/);
  if (line < 1 || line > lines.length) return '';
  const first = Math.max(1, line - 1);
  const width = String(line).length;
  const out: string[] = [];
  for (let n = first; n <= line; n++) {
    const marker = n === line ? '>' : ' ';
    out.push(`${marker} ${String(n).padStart(width)} | ${lines[n - 1] ?? ''}`);
  }
  if (column !== undefined && column >= 1) {
    out.push(`  ${' '.repeat(width)} | ${' '.repeat(column - 1)}^`);
  }
  return out.join('\n');
}

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === 'error');

/** Sort diagnostics by file, line and column so output never depends on discovery order. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.code.localeCompare(b.code),
  );
}
