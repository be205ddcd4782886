import path from 'node:path';
import { formatDiagnostics, plural } from '../diagnostics/format.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface Reporter {
  color: boolean;
  quiet: boolean;
  debug: boolean;
}

/** Colour only on a terminal, and never with NO_COLOR set. */
export function useColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !('NO_COLOR' in process.env) && process.env['TERM'] !== 'dumb';
}

/** Print diagnostics and the closing line of a failed build. */
export function printFailure(r: Reporter, diagnostics: readonly Diagnostic[], outDir: string | undefined): void {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  process.stderr.write(`${formatDiagnostics(diagnostics, { color: r.color, debug: r.debug })}\n\n`);
  const where = outDir ? `${path.relative(process.cwd(), outDir) || '.'}/` : 'the output folder';
  process.stderr.write(`Build failed: ${plural(errors, 'error')}${warnings ? `, ${plural(warnings, 'warning')}` : ''}. Nothing was written to ${where}.\n`);
}

/** Print warnings of a successful build. */
export function printWarnings(r: Reporter, diagnostics: readonly Diagnostic[]): void {
  if (diagnostics.length === 0) return;
  process.stderr.write(`${formatDiagnostics(diagnostics, { color: r.color, debug: r.debug })}\n\n`);
}

/** The machine-readable summary of `build --json` and `check --json`: one JSON object on stdout. */
export function jsonSummary(command: string, r: { ok: boolean; diagnostics: readonly Diagnostic[]; outputs: readonly { path: string }[] }, extra: Record<string, unknown> = {}): string {
  const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
  return `${JSON.stringify(
    {
      command,
      ok: r.ok,
      pages: r.outputs.filter((o) => o.path.endsWith('.html')).length,
      files: r.outputs.length,
      errors,
      warnings: r.diagnostics.length - errors,
      ...extra,
      diagnostics: r.diagnostics.map((d) => ({
        severity: d.severity, code: d.code, file: d.file ?? null, line: d.line ?? null, column: d.column ?? null, message: d.message, hint: d.hint ?? null,
      })),
    },
    null,
    2,
  )}\n`;
}

/** The clock of a reproducible build: SOURCE_DATE_EPOCH (seconds) when set, else now. */
export function buildClock(): Date | undefined {
  const epoch = process.env['SOURCE_DATE_EPOCH'];
  if (epoch === undefined || epoch.trim() === '') return undefined;
  const n = Number(epoch);
  if (!Number.isInteger(n) || n < 0) throw new Error(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not "${epoch}".`);
  return new Date(n * 1000);
}
