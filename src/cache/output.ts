import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { manifestPath, sha256, type Manifest } from '../output/manifest.js';

// The last build's output, kept in the build cache as hard links to its files: a CI job that keeps
// .awning-cache/ but not dist/ (the usual case: the output is uploaded, not cached) gets dist/ back
// from it, and its build is then an up-to-date build or one that renders only what changed, instead
// of a first build. Hard links cost no space beside dist/ and no copying; where the cache is on
// another file system than dist/, nothing is kept. The cache's copy is checked file by file before
// it is used (size and time as linked, else the SHA-256 the manifest recorded), so a file changed
// by hand since is never taken for the built one: the build then starts from nothing, as before.

/** The folder of links, the manifest's link and the record of what they are. */
const DIR = 'output';
const MANIFEST = 'output.manifest.json';
const RECORD = 'output.json';

export interface Kept {
  /** The output folder the files are from (absolute). */
  outDir: string;
  /** Site path → [size, modification time in ms, SHA-256] of the linked file, as linked. */
  files: { [file: string]: [number, number, string] };
}

/** What of a manifest the kept output needs: each file's size and hash. */
type ManifestLike = Pick<Manifest, 'files'>;

function readKept(cacheDir: string): Kept | undefined {
  try {
    const r = JSON.parse(readFileSync(path.join(cacheDir, RECORD), 'utf8')) as Kept;
    return typeof r.outDir === 'string' && r.files !== null && typeof r.files === 'object' ? r : undefined;
  } catch {
    return undefined;
  }
}

/** Remove, and never fail a build for it: keeping the output is a convenience. */
function remove(p: string, recursive = false): void {
  try {
    rmSync(p, { force: true, recursive });
  } catch {
    // Left behind: the record is what is trusted, and it is gone or will be written again.
  }
}

/**
 * Forget the kept output: the output folder is about to change, by a build that may not keep it.
 * Returns the record it had, for `keepOutput` to bring up to date.
 */
export function forgetOutput(cacheDir: string): Kept | undefined {
  const kept = readKept(cacheDir);
  remove(path.join(cacheDir, RECORD));
  return kept;
}

/** A hard link at `to` (replacing what is there, if `replace`), in a folder made if needed. */
function linkInto(from: string, to: string, made: Set<string>, replace = true): void {
  const dir = path.dirname(to);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  // A folder where a file now goes (or the reverse) is removed whole.
  if (replace) rmSync(to, { force: true, recursive: true });
  linkSync(from, to);
}

/**
 * Keep the output a build just wrote, as its manifest lists it. After an in-place commit (`placed`:
 * the files it renamed into the output folder), with the last record of the same folder: link the
 * placed files, and any file whose hash is not the one recorded, and drop the files the manifest no
 * longer has. Otherwise (the folder was swapped whole, or no record: a build since wrote without
 * keeping), link every file. `last` is what `forgetOutput` took before the build wrote. Best effort:
 * if a link fails (another file system, no hard links), nothing is kept.
 */
export function keepOutput(cacheDir: string, outDir: string, manifest: ManifestLike, last: Kept | undefined, placed: ReadonlySet<string> | undefined): void {
  const keep = path.join(cacheDir, DIR);
  forgetOutput(cacheDir);
  try {
    const whole = last !== undefined && last.outDir === outDir && placed !== undefined;
    const files: Kept['files'] = whole ? last.files : {};
    const made = new Set<string>();
    const link = (file: string) => {
      const to = path.join(keep, file);
      linkInto(path.join(outDir, file), to, made, whole);
      const st = statSync(to);
      files[file] = [st.size, st.mtimeMs, manifest.files[file]!.sha256];
    };
    if (whole) {
      for (const f of Object.keys(files)) {
        if (manifest.files[f]) continue;
        rmSync(path.join(keep, f), { force: true, recursive: true });
        delete files[f];
      }
      for (const [f, m] of Object.entries(manifest.files)) if (placed.has(f) || files[f]?.[2] !== m.sha256 || files[f]?.[0] !== m.size) link(f);
    } else {
      rmSync(keep, { recursive: true, force: true });
      for (const f of Object.keys(manifest.files)) link(f);
    }
    linkInto(manifestPath(outDir), path.join(cacheDir, MANIFEST), made);
    writeFileSync(path.join(cacheDir, `${RECORD}.tmp`), JSON.stringify({ outDir, files } satisfies Kept));
    renameSync(path.join(cacheDir, `${RECORD}.tmp`), path.join(cacheDir, RECORD));
  } catch {
    // Kept output is a convenience: without it, the next build without dist/ starts from nothing.
    remove(path.join(cacheDir, RECORD));
    remove(keep, true);
  }
}

/**
 * Put the kept output back where it was built, when that folder is gone, with its manifest beside
 * it. Each file must have the size and hash its manifest says, as recorded when it was linked, and
 * the time it had then, or else bytes of that hash; one that does not, or a missing one, and
 * nothing is put back (and the record is dropped: a later build keeps its output afresh). The files
 * are linked into a new folder beside the output folder, renamed into place at the end. Returns
 * whether it did.
 */
export function restoreOutput(cacheDir: string, outDir: string): boolean {
  const kept = readKept(cacheDir);
  if (!kept || kept.outDir !== outDir || existsSync(outDir)) return false;
  const keep = path.join(cacheDir, DIR);
  const temp = path.join(path.dirname(outDir), `.${path.basename(outDir)}-restore-${process.pid}-${Date.now()}`);
  try {
    const manifest = JSON.parse(readFileSync(path.join(cacheDir, MANIFEST), 'utf8')) as ManifestLike;
    const names = Object.keys(manifest.files);
    if (names.length === 0 || names.length !== Object.keys(kept.files).length) throw new Error('not the kept files');
    const made = new Set<string>();
    for (const f of names) {
      const want = manifest.files[f]!;
      const at = kept.files[f];
      const from = path.join(keep, f);
      const st = statSync(from);
      if (!at || at[0] !== want.size || at[2] !== want.sha256 || st.size !== want.size) throw new Error(`${f} is not as built`);
      if (st.mtimeMs !== at[1] && sha256(readFileSync(from)) !== want.sha256) throw new Error(`${f} is not as built`);
      linkInto(from, path.join(temp, f), made, false);
    }
    renameSync(temp, outDir);
    linkInto(path.join(cacheDir, MANIFEST), manifestPath(outDir), made);
    return true;
  } catch {
    remove(temp, true);
    if (!existsSync(outDir)) remove(path.join(cacheDir, RECORD));
    return false;
  }
}
