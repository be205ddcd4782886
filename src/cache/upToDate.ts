import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { evaluateConfig, type EvaluatedConfig } from '../config/evaluate.js';
import { configImports } from '../config/imports.js';
import type { ConfigOverrides } from '../config/load.js';
import type { ResolvedConfig } from '../config/schema.js';
import type { BuildResult } from '../build.js';
import { hashText, listDataFiles, scanMarkdown } from '../load/scan.js';
import { manifestPath, markManifestUnchanged, sha256 } from '../output/manifest.js';
import { listFiles } from '../output/fingerprint.js';
import { THEME_DIR } from '../scaffold/theme.js';
import { readTexts } from '../util/files.js';
import { VERSION } from '../version.js';
import { inputFingerprint } from './fingerprint.js';
import { cacheKey, readLastBuild, writeLastBuild } from './store.js';
import { restoreOutput } from './output.js';

// The check that a build has nothing to do, made before anything heavy is loaded: it runs the
// config file but neither validates it (zod) nor parses data or Markdown (yaml, markdown-it), nor
// loads the template engine. Everything it needs from the validated config, the last build recorded.

/** Where a site's inputs and output are (relative to its root) and its time zone: all the check needs of its config. */
export interface Layout {
  content: string;
  data: string;
  output: string;
  templates: string;
  timeZone: string;
}

export function layoutOf(config: ResolvedConfig): Layout {
  const rel = (d: string) => path.relative(config.root, path.resolve(config.root, d));
  const { content, data, output, templates } = config.dirs;
  return { content: rel(content), data: rel(data), output: rel(output), templates: rel(templates), timeZone: config.timeZone };
}

const sameLayout = (a: Layout, b: Layout) => JSON.stringify(a) === JSON.stringify(b);

/** The build cache's key: Awning, Node, the config's text, what it evaluated to, the modules it imports and the CLI's overrides. */
export function configKey(configFile: string, evaluated: EvaluatedConfig, overrides: ConfigOverrides): string {
  return cacheKey({ version: VERSION, configSource: evaluated.source, overrides, config: evaluated.raw, imports: configImports(configFile) });
}

/**
 * A Markdown or media file as a build read it: its place, size, times and inode, and the hash of its bytes.
 * Like git's index: a file whose stat is unchanged is not read again to know its hash.
 */
type Stamp = [rel: string, size: number, mtimeMs: number, ctimeMs: number, ino: number, hash: string];

/** The Markdown files' and the media files' stamps, and when they were taken. */
export interface InputStamps {
  readAt: number;
  files: Stamp[];
  media?: Stamp[];
}

/**
 * Writing a file sets its change time (ctime) to the clock's time, and no program can set it back.
 * A file whose ctime is this much older than the last read cannot have changed unseen since, even
 * on a file system that keeps times to the second (or two).
 */
const RACY_MS = 3000;

/** Whether a file's stat is its recorded stamp's, taken long enough after its last change to trust the hash. */
function stampHolds(st: { size: number; mtimeMs: number; ctimeMs: number; ino: number } | undefined, k: Stamp | undefined, last: InputStamps | undefined): boolean {
  return st !== undefined && k !== undefined && last !== undefined && k[1] === st.size && k[2] === st.mtimeMs && k[3] === st.ctimeMs && k[4] === st.ino && st.ctimeMs < last.readAt - RACY_MS;
}

/**
 * The file system's clock, now: the modification time of a file written for it in the cache folder.
 * Files' change times come from that clock, which on a network file system is the server's.
 */
function fileSystemNow(cacheDir: string): number {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const file = path.join(cacheDir, 'read-stamp');
    writeFileSync(file, String(Date.now()));
    return statSync(file).mtimeMs;
  } catch {
    return Date.now();
  }
}

/** What a build reads first: every Markdown file's hash (and text, where it had to be read), and the fingerprint of all inputs. */
export interface Inputs {
  key: string;
  layout: Layout;
  fingerprint: string;
  /** Markdown files by absolute path; `text` is missing for the files known by their stamp. */
  preRead: Map<string, { text?: string; hash: string }>;
  /** The Markdown files as listed (sorted), so the build does not list the content folder again. */
  files: string[];
  /** To record with the build, for the next one. */
  stamps: InputStamps;
  /** How many media files had to be read for their hash (no trusted stamp). */
  mediaRead: number;
}

/** The build's flags that change its output. */
export interface InputOptions {
  checkLinks: boolean;
  headers: boolean;
}

/** Read the inputs of a site laid out so, and fingerprint them (see inputFingerprint). */
export async function readInputs(root: string, layout: Layout, key: string, opts: InputOptions, last?: InputStamps, scanned?: Promise<string[]>): Promise<Inputs> {
  const readAt = fileSystemNow(path.join(root, '.awning-cache'));
  const dir = (d: string) => path.resolve(root, d);
  const [contentDir, dataDir, outDir] = [dir(layout.content), dir(layout.data), dir(layout.output)];
  // `scanned`: the Markdown files, when the caller listed them already (scanMarkdown).
  const [files, dataNames] = await Promise.all([scanned ?? scanMarkdown(contentDir, dataDir), listDataFiles(dataDir)]);
  // Stat'ed before they are read: a file written after its stat is seen as changed next time.
  const known = new Map(last?.files.map((s) => [s[0], s] as const));
  const stamps: Stamp[] = [];
  const hashes: (string | undefined)[] = [];
  const unread: number[] = [];
  // Files are under the root: their relative paths are cut from their absolute ones (path.relative
  // normalizes both paths each time, 4,000 times).
  const under = root.endsWith(path.sep) ? root : root + path.sep;
  files.forEach((f, i) => {
    const rel = f.startsWith(under) ? f.slice(under.length) : path.relative(root, f);
    const st = statSync(f, { throwIfNoEntry: false });
    const k = known.get(rel);
    const same = stampHolds(st, k, last);
    hashes.push(same ? k![5] : undefined);
    if (!same) unread.push(i);
    stamps.push([rel, st?.size ?? -1, st?.mtimeMs ?? -1, st?.ctimeMs ?? -1, st?.ino ?? -1, k?.[5] ?? '']);
  });
  const dataFiles = dataNames.map((n) => path.join(dataDir, n));
  const [texts, dataTexts] = await Promise.all([readTexts(unread.map((i) => files[i]!)), readTexts(dataFiles)]);
  const preRead: Inputs['preRead'] = new Map();
  unread.forEach((i, k) => {
    hashes[i] = stamps[i]![5] = hashText(texts[k]!);
    preRead.set(files[i]!, { text: texts[k]!, hash: hashes[i]! });
  });
  files.forEach((f, i) => preRead.has(f) || preRead.set(f, { hash: hashes[i]! }));
  const media = await mediaStamps(root, path.join(contentDir, 'media'), last);
  const fingerprint = await inputFingerprint({
    key,
    options: { checkLinks: opts.checkLinks, headers: opts.headers, outDir },
    contentHashes: files.map((f, i) => `${stamps[i]![0]}:${hashes[i]}`),
    dataTexts: dataFiles.map((f, i) => `${path.relative(root, f)}\0${dataTexts[i]}`),
    templateDirs: [...new Set([dir(layout.templates), THEME_DIR])],
    mediaHashes: media.stamps.map((s) => `${s[0]}:${s[5]}`),
  });
  return { key, layout, fingerprint, preRead, files, stamps: { readAt, files: stamps, media: media.stamps }, mediaRead: media.read };
}

/**
 * The media files' stamps with the hash of their bytes: a file whose stat is the recorded one (and
 * not racy, as for Markdown) keeps its recorded hash; any other is read. The fingerprint holds the
 * hashes, not the times, so a fresh checkout of the same files (new times, as in a CI job) finds
 * the output up to date once it has read them.
 */
async function mediaStamps(root: string, mediaDir: string, last: InputStamps | undefined): Promise<{ stamps: Stamp[]; read: number }> {
  const known = new Map(last?.media?.map((s) => [s[0], s] as const));
  const names = await listFiles(mediaDir);
  let read = 0;
  const stamps = names.map((name): Stamp => {
    const abs = path.join(mediaDir, name);
    const rel = path.relative(root, abs);
    // Stat'ed before it is read: a file written after its stat is seen as changed next time.
    const st = statSync(abs, { throwIfNoEntry: false });
    const k = known.get(rel);
    let hash = stampHolds(st, k, last) ? k![5] : '';
    if (!hash) {
      read++;
      try {
        hash = sha256(readFileSync(abs));
      } catch {
        hash = 'unreadable';
      }
    }
    return [rel, st?.size ?? -1, st?.mtimeMs ?? -1, st?.ctimeMs ?? -1, st?.ino ?? -1, hash];
  });
  return { stamps, read };
}

/** The same inputs, if a check read them for this very config and layout. */
export function inputsFor(known: Inputs | undefined, key: string, config: ResolvedConfig): Inputs | undefined {
  return known && known.key === key && sameLayout(known.layout, layoutOf(config)) ? known : undefined;
}

/** The output folder this build writes to, as the config will resolve it (undefined if unclear). */
function outputOf(evaluated: EvaluatedConfig, overrides: ConfigOverrides): string | undefined {
  const dirs = (evaluated.raw as { dirs?: { output?: unknown } } | null)?.dirs;
  const out = overrides.out ?? dirs?.output ?? 'dist';
  return typeof out === 'string' ? path.resolve(evaluated.root, out) : undefined;
}

export interface UpToDateCheck {
  /** The config file, run once: the build goes on from it. */
  evaluated: EvaluatedConfig;
  /** The inputs read, when the last build's layout was known. */
  inputs?: Inputs;
  /** Set when nothing changed since the last build into the same folder: the build is done. */
  result?: BuildResult;
}

/**
 * Has anything the output is made from changed since the last successful build into the same
 * folder? If not, that build's output is what this one would write: the result says so and the
 * manifest records that nothing changed.
 */
export async function checkUpToDate(opts: InputOptions & { configFile: string; overrides: ConfigOverrides; now: Date }): Promise<UpToDateCheck> {
  const evaluated = await evaluateConfig(opts.configFile);
  if (evaluated.raw === undefined) return { evaluated };
  const cacheDir = path.join(evaluated.root, '.awning-cache');
  const last = await readLastBuild(cacheDir);
  if (!last?.layout || typeof last.staleAt !== 'number' || typeof last.builtAt !== 'number') return { evaluated };
  const inputs = await readInputs(evaluated.root, last.layout, configKey(opts.configFile, evaluated, opts.overrides), opts, last.inputs);
  const outDir = path.resolve(evaluated.root, last.layout.output);
  // No output folder (a CI job that keeps .awning-cache/ but not dist/): the last build's, kept in
  // the cache, is put back if it is whole, when this build writes to that folder too; it then goes
  // on as if dist/ had stayed.
  if (last.outDir === outDir && outputOf(evaluated, opts.overrides) === outDir && !existsSync(outDir)) restoreOutput(cacheDir, outDir);
  const upToDate =
    // Between the last build's clock and the time its output goes stale, the same inputs give the
    // same output: no scheduled post goes live and the day does not turn. An earlier clock (a
    // release built with SOURCE_DATE_EPOCH, a clock set back) may unpublish posts: built again.
    last.fingerprint === inputs.fingerprint && last.outDir === outDir && last.builtAt <= opts.now.getTime() && opts.now.getTime() < last.staleAt &&
    existsSync(outDir) && existsSync(manifestPath(outDir));
  if (!upToDate) return { evaluated, inputs };
  // Files read for want of a trusted stamp (touched, checked out again) get one: not read next time.
  if (inputs.mediaRead > 0 || [...inputs.preRead.values()].some((p) => p.text !== undefined)) {
    await writeLastBuild(cacheDir, { ...last, inputs: inputs.stamps });
  }
  await markManifestUnchanged(outDir);
  return {
    evaluated,
    inputs,
    result: {
      ok: true, diagnostics: last.warnings ?? [], outputs: [], outDir, timings: {}, rendered: [], copies: [],
      upToDate: { pages: last.pages, files: last.files },
    },
  };
}
