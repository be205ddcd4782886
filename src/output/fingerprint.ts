import { readdir, readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Output } from '../render/renderSite.js';
import type { CopyDir } from './write.js';

/** Theme assets under content-hashed names, so a CDN may cache them for a year. */
export interface Fingerprinted {
  /** Site path of each asset → its hashed site path: "/assets/site.css" → "/assets/site.3f9a1c2b.css". */
  map: Map<string, string>;
  /** The hashed files, to write like any other output. */
  outputs: Output[];
  /** The copies left to do as they are (content media): everything but the fingerprinted folders. */
  copies: CopyDir[];
}

/** Folders (the `to` of a copy) whose files get hashed names: the theme's assets. */
export const FINGERPRINTED = new Set(['assets']);

/** Characters of the SHA-256 (hex) in a hashed name. */
const HASH_LENGTH = 8;

/** Every file under a folder, relative with forward slashes, sorted; dot files left out. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string, prefix: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    const dirs: Promise<void>[] = [];
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory()) dirs.push(walk(path.join(d, e.name), `${prefix}${e.name}/`));
      else if (e.isFile()) out.push(`${prefix}${e.name}`);
    }
    await Promise.all(dirs);
  }
  await walk(dir, '');
  return out.sort();
}

/** Every file the copies put in the output folder (relative to it) → its source; later copies win, as when writing. */
export async function copiedFiles(copies: readonly CopyDir[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const c of copies) for (const f of await listFiles(c.from)) out.set(`${c.to}/${f}`, path.join(c.from, f));
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Outputs made here: the _headers file gives them a year of caching. */
const fingerprinted = new WeakSet<object>();
export const isFingerprinted = (o: object): boolean => fingerprinted.has(o);

/** "site.css" + hash → "site.3f9a1c2b.css"; a name without extension gets the hash at the end. */
export function hashedName(file: string, hash: string): string {
  const dir = path.posix.dirname(file);
  const base = path.posix.basename(file);
  const dot = base.lastIndexOf('.');
  const name = dot > 0 ? `${base.slice(0, dot)}.${hash}${base.slice(dot)}` : `${base}.${hash}`;
  return dir === '.' ? name : `${dir}/${name}`;
}

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/**
 * Read the theme's asset folders (the site's files win over the built-in theme's) and give every
 * file a name with its content's hash. Stylesheets are rewritten first so that their url(...) and
 * @import references point at the hashed names (and their own hash covers those names).
 */
export async function fingerprintAssets(copies: readonly CopyDir[]): Promise<Fingerprinted> {
  // Site path → bytes; later copies (the site's own) replace earlier ones (the built-in theme's).
  const files = new Map<string, Buffer>();
  for (const c of copies) {
    if (!FINGERPRINTED.has(c.to)) continue;
    for (const f of await listFiles(c.from)) files.set(`/${c.to}/${f}`, await readFile(path.join(c.from, f)));
  }
  const map = new Map<string, string>();
  const content = new Map<string, Buffer>();
  const visiting = new Set<string>();
  const resolve = (p: string): string => {
    const done = map.get(p);
    if (done) return done;
    let bytes = files.get(p)!;
    if (p.endsWith('.css') && !visiting.has(p)) {
      visiting.add(p);
      bytes = Buffer.from(rewriteCss(bytes.toString('utf8'), p, (target) => (files.has(target) && !visiting.has(target) ? resolve(target) : undefined)));
      visiting.delete(p);
    }
    const hashed = hashedName(p, sha(bytes).slice(0, HASH_LENGTH));
    map.set(p, hashed);
    content.set(hashed, bytes);
    return hashed;
  };
  for (const p of [...files.keys()].sort()) resolve(p);
  const outputs = [...content].map(([url, bytes]) => ({ path: url.slice(1), url, content: bytes }));
  for (const o of outputs) fingerprinted.add(o);
  return { map, outputs, copies: copies.filter((c) => !FINGERPRINTED.has(c.to)) };
}

/**
 * Point url(...) and @import references of a stylesheet at hashed names. `lookup` gets a site path
 * ("/assets/fonts/a.woff2") and returns its hashed path, or undefined to leave the reference alone.
 * A relative reference stays relative; a root-relative one stays root-relative.
 */
export function rewriteCss(css: string, cssPath: string, lookup: (sitePath: string) => string | undefined): string {
  const dir = path.posix.dirname(cssPath);
  const swap = (ref: string): string => {
    const m = /^([^?#]*)(.*)$/s.exec(ref)!;
    const [, p, suffix] = m as unknown as [string, string, string];
    if (!p || /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(p)) return ref;
    const abs = p.startsWith('/') ? path.posix.normalize(p) : path.posix.join(dir, p);
    const hashed = lookup(abs);
    if (!hashed) return ref;
    return `${p.startsWith('/') ? hashed : path.posix.relative(dir, hashed)}${suffix}`;
  };
  return css
    .replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (_all, q: string, ref: string) => `url(${q}${swap(ref.trim())}${q})`)
    .replace(/@import\s+(['"])([^'"]+)\1/g, (_all, q: string, ref: string) => `@import ${q}${swap(ref)}${q}`);
}
