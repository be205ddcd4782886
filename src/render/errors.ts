import { readFileSync } from 'node:fs';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * Nunjucks puts the place of an error only in its message, once per include level:
 * "(/abs/a.njk)\n  Template render error: (/abs/p.njk) [Line 2, Column 6]\n  message". Take the innermost.
 */
export function templateDiagnostic(err: unknown, root: string, page: { url: string; file?: string }): Diagnostic {
  const e = err as Error;
  const text = String(e?.message ?? err);
  const places = [...text.matchAll(/\(([^()\n]+)\)(?: \[Line (\d+), Column (\d+)\])?/g)];
  const last = [...places].reverse().find((m) => m[2] !== undefined) ?? places[places.length - 1];
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  let reason = lines[lines.length - 1] ?? text;
  reason = reason.replace(/^Template render error:\s*/, '').replace(/^\([^)]*\)( \[Line \d+, Column \d+\])?\s*/, '').replace(/^Error:\s*/, '');
  const forPage = `while rendering ${page.url}${page.file ? ` (${page.file})` : ''}`;
  const notFound = /template not found: (\S+)/.exec(text);
  if (notFound) {
    return withDetail(
      diagnostic('AWN400', { file: page.file }, `The template "${notFound[1]}" does not exist (${forPage}).`, 'check the "layout" in the front matter, or add the file under templates/layouts/.'),
      e,
    );
  }
  if (!last || last[1] === 'unknown path') return withDetail(diagnostic('AWN401', { file: page.file }, `Template error ${forPage}: ${reason}`), e);
  const abs = last[1]!;
  const file = path.relative(root, abs).split(path.sep).join('/');
  let source: string | undefined;
  try {
    source = readFileSync(abs, 'utf8');
  } catch {
    source = undefined;
  }
  const line = last[2] ? Number(last[2]) : undefined;
  const column = last[3] ? Number(last[3]) : undefined;
  if (/attempted to output null or undefined value/.test(reason)) {
    const expr = source && line && column ? expressionAt(source, line, column) : undefined;
    return withDetail(
      diagnostic(
        'AWN402',
        { file, line, column, source },
        `${expr ? `"${expr}"` : 'A value'} is undefined ${forPage}.`,
        'check the spelling of the variable (the README lists every one); for a value that may be missing write {{ x | default("") }} or wrap it in {% if x %}.',
      ),
      e,
    );
  }
  return withDetail(
    diagnostic('AWN401', { file, line, column, source }, `Template error ${forPage}: ${reason.replace(/\.?$/, '.')}`, 'check the tag or expression at this place in the template.'),
    e,
  );
}

function expressionAt(source: string, line: number, column: number): string | undefined {
  const text = source.split('\n')[line - 1];
  if (!text) return undefined;
  const open = text.indexOf('{{', Math.max(0, column - 3));
  const from = open >= 0 ? open + 2 : column - 1;
  const close = text.indexOf('}}', from);
  const expr = text.slice(from, close >= 0 ? close : undefined).trim();
  return expr || undefined;
}

function withDetail(d: Diagnostic, e: Error): Diagnostic {
  if (e?.stack) d.detail = e.stack;
  return d;
}
