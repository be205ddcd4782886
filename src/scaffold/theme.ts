import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PACKAGE_ROOT } from '../util/home.js';
import { listFiles } from '../output/fingerprint.js';
import { nearest } from '../check/nearest.js';

/** The default theme shipped with Awning. */
export const THEME_DIR = path.join(PACKAGE_ROOT, 'templates');

/** Every file of the built-in theme, relative to it: "layouts/post.njk", "assets/site.css", … */
export function themeFiles(): Promise<string[]> {
  return listFiles(THEME_DIR);
}

/**
 * The theme file a name means: "layouts/post.njk", "layouts/post", "templates/layouts/post.njk",
 * or just "post" or "site.css" when only one file has that name. Otherwise the closest names.
 */
export function resolveThemeName(name: string, files: readonly string[]): { file?: string; suggestions: string[] } {
  const n = name.replace(/\\/g, '/').replace(/^\.?\/+/, '').replace(/^templates\//, '');
  for (const candidate of [n, `${n}.njk`]) if (files.includes(candidate)) return { file: candidate, suggestions: [] };
  const base = (f: string) => path.posix.basename(f);
  const stem = (f: string) => base(f).replace(/\.njk$/, '');
  const same = files.filter((f) => base(f) === n || stem(f) === n);
  if (same.length === 1) return { file: same[0], suggestions: [] };
  if (same.length > 1) return { suggestions: same };
  return { suggestions: nearest(n, files, 3).concat(nearest(n, files.map(stem), 3).map((s) => files.find((f) => stem(f) === s)!)).filter((v, i, a) => a.indexOf(v) === i).slice(0, 3) };
}

/** The bytes of theme files, to copy into a site's templates/ folder. */
export async function themeFileContents(files: readonly string[]): Promise<Record<string, Buffer>> {
  const out: Record<string, Buffer> = {};
  for (const f of files) out[f] = await readFile(path.join(THEME_DIR, f));
  return out;
}
