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
