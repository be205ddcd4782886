import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CopyDir, FileHash } from './write.js';
import { readBuffers, writeFileAtomic } from '../util/files.js';
import { copiedFiles } from './fingerprint.js';

export interface ManifestEntry {
  /** SHA-256 of the bytes, hex. */
  sha256: string;
  size: number;
  /** The URL path it is served at, with the base path: "/blog/x/" for blog/x/index.html. */
  url: string;
}

export interface Manifest {
  version: 1;
  baseUrl: string;
  /** Every file of the output folder, by path inside it, sorted. */
  files: Record<string, ManifestEntry>;
  /** What differs from the build before (the manifest found at the same place). */
  changes: {
    /** false: there was no earlier manifest, so every file is "added". */
    previous: boolean;
    added: string[];
    changed: string[];
    removed: string[];
    /** URL paths to purge from a CDN: those of changed and removed files (pages both as /x/ and /x/index.html). */
    purge: string[];
  };
}

/** The manifest sits beside the output folder, so it is never uploaded: dist/ → .awning/dist.manifest.json. */
export function manifestPath(outDir: string): string {
  const abs = path.resolve(outDir);
  return path.join(path.dirname(abs), '.awning', `${path.basename(abs)}.manifest.json`);
}

/** The SHA-256 of a text or bytes, in hex, as the manifest records it. */
export const sha256 = (b: string | Buffer): string => createHash('sha256').update(b).digest('hex');

function servedAt(file: string, basePath: string): string[] {
  const prefix = basePath.slice(0, -1);
  if (file === 'index.html') return [basePath, `${prefix}/index.html`];
  if (file.endsWith('/index.html')) return [`${prefix}/${file.slice(0, -'index.html'.length)}`, `${prefix}/${file}`];
  return [`${prefix}/${file}`];
}

/** The manifest of a set of files, and what changed since `previous`. Pure. */
export function buildManifest(
  files: ReadonlyMap<string, { sha256: string; size: number }>,
  previous: Manifest | undefined,
  site: { baseUrl: string; basePath: string },
): Manifest {
  const entries: Record<string, ManifestEntry> = {};
  for (const f of [...files.keys()].sort()) {
    const e = files.get(f)!;
    entries[f] = { sha256: e.sha256, size: e.size, url: servedAt(f, site.basePath)[0]! };
  }
  const before = previous?.files ?? {};
  const added: string[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  for (const [f, e] of Object.entries(entries)) {
    const old = before[f];
    if (!old) added.push(f);
    else if (old.sha256 !== e.sha256) changed.push(f);
  }
  for (const f of Object.keys(before).sort()) if (!(f in entries)) removed.push(f);
  const purge = [...new Set([...changed, ...removed].flatMap((f) => servedAt(f, site.basePath)))].sort();
  return { version: 1, baseUrl: site.baseUrl, files: entries, changes: { previous: previous !== undefined, added, changed, removed, purge } };
}

/** The manifest of the last build into this output folder, if there is one. */
export async function readManifest(outDir: string): Promise<Manifest | undefined> {
  return readManifestFile(manifestPath(outDir));
}

async function readManifestFile(file: string): Promise<Manifest | undefined> {
  return parseManifest(await readFile(file, 'utf8').catch(() => ''));
}

function parseManifest(text: string): Manifest | undefined {
  try {
    const m = JSON.parse(text) as Manifest;
    return m && m.version === 1 && typeof m.files === 'object' ? m : undefined;
  } catch {
    return undefined;
  }
}

/**
 * After a build is written: hash the copied files (from their source), take the outputs' hashes the
 * writer made as it wrote them, compare with the manifest of the build before, and replace it.
 */
export async function writeManifest(
  outDir: string,
  written: ReadonlyMap<string, FileHash>,
  copies: readonly CopyDir[],
  site: { baseUrl: string; basePath: string },
  /** Hashes of copied files known already (taken unchanged from the last build), by output path. */
  known?: ReadonlyMap<string, { sha256?: string; srcSize: number }>,
  /** The manifest it replaces, when the caller read it already (null: none). */
  previous?: Manifest | null,
): Promise<{ manifest: Manifest; file: string }> {
  const files = new Map<string, FileHash>();
  // Copied files (media: thousands on a big blog) are read and hashed a slice at a time, so a big
  // image folder is never held in memory whole.
  const copied: [string, string][] = [];
  for (const [f, src] of await copiedFiles(copies)) {
    const k = known?.get(f);
    if (k?.sha256) files.set(f, { sha256: k.sha256, size: k.srcSize });
    else copied.push([f, src]);
  }
  const SLICE = 64;
  for (let i = 0; i < copied.length; i += SLICE) {
    const slice = copied.slice(i, i + SLICE);
    const bytes = await readBuffers(slice.map(([, src]) => src));
    slice.forEach(([f], k) => files.set(f, { sha256: sha256(bytes[k]!), size: bytes[k]!.length }));
  }
  // Outputs win over copied files of the same name, as when writing.
  for (const [f, h] of written) files.set(f, h);
  const file = manifestPath(outDir);
  const manifest = buildManifest(files, previous === undefined ? await readManifestFile(file) : (previous ?? undefined), site);
  await writeFileAtomic(file, `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, file };
}

/** An up-to-date build changed nothing: say so in the manifest, so a deploy step uploads nothing. */
export async function markManifestUnchanged(outDir: string): Promise<void> {
  const file = manifestPath(outDir);
  const unchanged: Manifest['changes'] = { previous: true, added: [], changed: [], removed: [], purge: [] };
  // Said so already (the last build was up to date too)? Then a big site's manifest is not parsed
  // and written again. `changes` is its last key.
  const text = await readFile(file, 'utf8').catch(() => '');
  if (text.endsWith(`${JSON.stringify({ changes: unchanged }, null, 2).slice(1)}\n`)) return;
  const m = parseManifest(text);
  if (!m) return;
  m.changes = unchanged;
  try {
    await writeFileAtomic(file, `${JSON.stringify(m, null, 2)}\n`);
  } catch {
    // The output is as it was either way; the manifest is a report on it.
  }
}
