import type { Diagnostic } from './diagnostic.js';

export interface FormatOptions {
  color: boolean;
  debug?: boolean;
}

const paint = (on: boolean, code: string, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

/** One diagnostic as the terminal shows it: header, message, code frame, hint. */
export function formatDiagnostic(d: Diagnostic, opts: FormatOptions, index?: number): string {
  const where = d.file ? ` ${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}` : '';
  const label = paint(opts.color, d.severity === 'error' ? '1;31' : '1;33', `${d.severity}[${d.code}]`);
  const num = index !== undefined ? `${index}. ` : '';
  const lines = [`${num}${label}${where}`, `  ${d.message}`];
  if (d.frame) lines.push(...d.frame.split('\n').map((l) => `  ${l}`));
  if (d.hint) lines.push(`  ${paint(opts.color, '36', 'hint:')} ${d.hint}`);
  if (opts.debug && d.detail) lines.push(...d.detail.split('\n').map((l) => `  ${l}`));
  return lines.join('\n');
}

/** All diagnostics, numbered, errors first. */
export function formatDiagnostics(ds: readonly Diagnostic[], opts: FormatOptions): string {
  const ordered = [...ds.filter((d) => d.severity === 'error'), ...ds.filter((d) => d.severity !== 'error')];
  return ordered.map((d, i) => formatDiagnostic(d, opts, ordered.length > 1 ? i + 1 : undefined)).join('\n\n');
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
