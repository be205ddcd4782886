import type { Output } from '../render/renderSite.js';
import type { BuildResult } from '../build.js';
import { copiedFiles, FINGERPRINTED, isFingerprinted } from './fingerprint.js';

/** A year: for files whose name changes whenever their bytes do. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/**
 * Pages and everything else keep their URL when they change: browsers check for a new version on
 * every visit (a cheap 304 when nothing changed). A longer time would let a browser show an old
 * page that asks for assets the new deploy no longer has.
 */
export const REVALIDATE = 'public, max-age=0, must-revalidate';
/** Content media keep their names but rarely change: an hour. */
export const MEDIA = 'public, max-age=3600';

/** Cloudflare Pages reads at most 100 rules. */
const MAX_RULES = 100;

export interface HeaderInput {
  /** Every file of the site, relative to the output folder. */
  files: readonly string[];
  /** Files with a content hash in their name. */
  hashed: ReadonlySet<string>;
  /** Top-level folders copied as they are (content media). */
  media: ReadonlySet<string>;
}

/**
 * The `_headers` file Netlify and Cloudflare Pages read. Both apply every rule that matches a
 * request and join the values of a header given twice, so no two rules here ever match the same
 * path: hashed assets, media and each top-level page folder get a rule of their own.
 */
export function headersFile(input: HeaderInput): string {
  const byTop = new Map<string, string[]>();
  for (const f of input.files) {
    if (f === '_headers') continue;
    const top = f.includes('/') ? f.slice(0, f.indexOf('/')) : '';
    const list = byTop.get(top) ?? [];
    list.push(f);
    byTop.set(top, list);
  }
  const immutable: string[] = [];
  const media: string[] = [];
  const pages: string[] = [];
  for (const [top, files] of [...byTop].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (top === '') {
      for (const f of files.sort()) pages.push(f === 'index.html' ? '/' : `/${f}`);
      continue;
    }
    const hashed = files.filter((f) => input.hashed.has(f));
    if (hashed.length === files.length) immutable.push(`/${top}/*`);
    else if (hashed.length) immutable.push(...hashed.sort().map((f) => `/${f}`));
    else if (input.media.has(top)) media.push(`/${top}/*`);
    else pages.push(`/${top}/*`);
  }
  const rule = (paths: string[], value: string) => paths.map((p) => `${p}\n  Cache-Control: ${value}\n`).join('');
  const sections = [
    '# Cache rules written by `awning build` (Netlify and Cloudflare Pages read this file; turn it off with --no-headers).\n# Paths are inside the output folder. No two rules match the same file.\n',
  ];
  if (immutable.length) sections.push(`# Assets with a content hash in their name: a new version gets a new name, so they are cached for a year.\n${rule(immutable, IMMUTABLE)}`);
  if (media.length) sections.push(`# Media keep their names: cached for an hour.\n${rule(media, MEDIA)}`);
  if (pages.length && immutable.length + media.length + pages.length <= MAX_RULES) {
    sections.push(`# Pages, feed and sitemap keep their URLs: browsers check for a new version on every visit.\n${rule(pages, REVALIDATE)}`);
  } else if (pages.length) {
    sections.push("# Pages, feed and sitemap: too many top-level entries for a rule each (Cloudflare reads 100); the host's default applies.\n");
  }
  return sections.join('\n');
}

/** The _headers output for a build: its files and which of them are fingerprinted. */
export function headersOutput(outputs: readonly Output[], copied: readonly string[], hashed: ReadonlySet<string>, media: ReadonlySet<string>): Output {
  const files = [...new Set([...outputs.map((o) => o.path), ...copied])].sort();
  return { path: '_headers', url: '/_headers', content: headersFile({ files, hashed, media }) };
}

/** The build's stage for it: add _headers to the outputs of a good build. */
export async function addHeadersFile(result: BuildResult): Promise<BuildResult> {
  if (!result.ok) return result;
  const copied = [...(await copiedFiles(result.copies)).keys()];
  const hashed = new Set(result.outputs.filter(isFingerprinted).map((o) => o.path));
  const media = new Set(result.copies.filter((c) => !FINGERPRINTED.has(c.to)).map((c) => c.to.split('/')[0]!));
  return { ...result, outputs: [...result.outputs, headersOutput(result.outputs, copied, hashed, media)] };
}
