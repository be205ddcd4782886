import { existsSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';

/** `import … from './x'`, `export … from './x'`, `import('./x')`, `require('./x')`: relative specifiers only. */
const SPECIFIER = /(?:\b(?:import|export)\b[^'"`;]*?\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;
const EXTENSIONS = ['', '.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json'];

function resolveLocal(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  // TypeScript's ESM style names the compiled file: './filters.js' is filters.ts on disk.
  const bases = /\.[cm]?js$/.test(base) ? [base, base.replace(/\.([cm]?)js$/, '.$1ts')] : [base];
  for (const b of bases) {
    for (const ext of EXTENSIONS) {
      const f = b + ext;
      if (existsSync(f) && statSync(f).isFile()) return f;
    }
    for (const ext of EXTENSIONS.slice(1)) {
      const f = path.join(b, `index${ext}`);
      if (existsSync(f)) return f;
    }
  }
  return undefined;
}

/**
 * The local modules site.config.ts imports, directly or through each other (read from their text,
 * not run), each as "path\0hash of its text". A filter's helpers usually live in such a file: an
 * edit to one must count as a change of configuration for the build cache, like an edit to the
 * config itself. Packages (bare specifiers) are not followed.
 */
export function configImports(configFile: string, limit = 200): string[] {
  const root = path.dirname(configFile);
  const seen = new Set<string>([configFile]);
  const out: string[] = [];
  const queue = [configFile];
  while (queue.length && seen.size <= limit) {
    const file = queue.shift()!;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    if (file !== configFile) out.push(`${path.relative(root, file)}\0${createHash('sha1').update(text).digest('hex')}`);
    if (file.endsWith('.json')) continue;
    for (const m of text.matchAll(SPECIFIER)) {
      const dep = resolveLocal(file, m[1]!);
      if (dep && !seen.has(dep)) {
        seen.add(dep);
        queue.push(dep);
      }
    }
  }
  return out.sort();
}
