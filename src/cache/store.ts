import { readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { writeFileAtomic } from '../util/files.js';
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import v8 from 'node:v8';
import type { ContentCache, LoadedFile } from '../load/loadContent.js';
import type { SourcePage } from '../load/source.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { InputStamps, Layout } from './upToDate.js';

/**
 * The build cache in .awning-cache/: every Markdown file's parse, keyed by the hash of its bytes, so
 * a second build parses only what changed. Safe to delete. Never trusted across Awning versions,
 * Node versions (the format is V8's) or configuration changes: those are part of its key.
 */
export interface CacheKeyParts {
  version: string;
  configSource: string;
  overrides: unknown;
  /**
   * The configuration as loaded: a value the file computes (from an environment variable, another
   * module) changes the key even when the file's text does not. Functions count by their source.
   */
  config: unknown;
  /** The text of each local module the config imports (a filter's helpers live there). */
  imports?: readonly string[];
}

export function cacheKey(p: CacheKeyParts): string {
  let json: string;
  try {
    json = JSON.stringify([p.version, process.version, p.configSource, p.overrides, p.config, p.imports ?? []], keyReplacer());
  } catch {
    // A value that cannot be written down (a getter that throws): a key no later build will match.
    json = `unkeyable:${process.pid}:${performance.now()}:${Math.random()}`;
  }
  return createHash('sha1').update(json).digest('hex');
}

/**
 * JSON for a key, whatever a config holds: functions by their source, Maps and Sets by their
 * entries, BigInts as text, and an object met again on the way down (a cycle) as a marker rather
 * than an error.
 */
function keyReplacer(): (this: unknown, key: string, value: unknown) => unknown {
  const path: unknown[] = [];
  return function (this: unknown, _key: string, value: unknown) {
    // JSON.stringify calls with `this` = the holder: unwind to it, so `path` is the chain of holders.
    while (path.length && path[path.length - 1] !== this) path.pop();
    if (typeof value === 'function') return `fn:${String(value)}`;
    if (typeof value === 'bigint') return `bigint:${value}`;
    if (value instanceof Map) value = { map: [...value] };
    else if (value instanceof Set) value = { set: [...value] };
    if (value !== null && typeof value === 'object') {
      if (path.includes(value)) return '[cycle]';
      path.push(value);
    }
    return value;
  };
}

/**
 * The file: the length of the index (4 bytes), the index (V8's format: each file's parse without its
 * rendered body, and where the body is), then every body's UTF-8 bytes one after another. Bodies are
 * most of the bytes (24 of 27 MB for 4,000 posts) and a build with the cache renders few pages: a
 * body is made a string only when something reads it.
 */
interface Stored {
  key: string;
  /** Names this file, for the changes file written against it. */
  id?: string;
  /** Paths relative to the site root, so a checkout in another folder (CI) still hits. Body: [offset, length] after the index. */
  entries: [string, LoadedFile, [number, number] | null][];
}

/**
 * The parses that changed since the main file was written, bodies included: a build that parsed a
 * few files writes this small file rather than the whole cache again (27 MB at 4,000 posts, 0.1 s).
 */
interface StoredChanges {
  key: string;
  /** The main file's id these changes apply to: after it is written again, they apply no more. */
  base: string;
  entries: [string, LoadedFile][];
  /** Files the main file holds that are gone. */
  removed: string[];
}

const FILE = 'content.v8';
const CHANGES = 'content-changes.v8';
/** More changed files than this, and the whole cache is written again (the changes are then empty). */
const CHANGES_MAX = 200;

/** Whether the cache folder holds stored parses at all (of any key). */
export const hasStoredParses = (cacheDir: string): boolean => existsSync(path.join(cacheDir, FILE));

/** Where a page read from the cache has its body, while it is not a string yet. */
const BODY = Symbol('awning.body');
type WithBody = SourcePage & { [BODY]?: Buffer };

/** `page.html` from the stored bytes, decoded on first read. */
function lazyBody(page: WithBody, bytes: Buffer): void {
  let html: string | undefined;
  Object.defineProperty(page, BODY, { value: bytes, enumerable: false });
  Object.defineProperty(page, 'html', { get: () => (html ??= bytes.toString('utf8')), enumerable: true, configurable: true });
}

/** What a cache read from disk came from: the main file's id and the parses it holds as they were read. */
const readFrom = new WeakMap<ContentCache, { id: string; key: string; entries: Map<string, LoadedFile> }>();

/** The stored parses, or an empty cache when there is none or it was made under another key. */
export async function readContentCache(dir: string, root: string, key: string): Promise<ContentCache> {
  const cache: ContentCache = new Map();
  try {
    const [buf, changes] = await Promise.all([readFile(path.join(dir, FILE)), readFile(path.join(dir, CHANGES)).catch(() => undefined)]);
    const indexEnd = 4 + buf.readUInt32LE(0);
    const stored = v8.deserialize(buf.subarray(4, indexEnd)) as Stored;
    if (stored.key !== key) return cache;
    for (const [rel, entry, at] of stored.entries) {
      if (entry.page && at) lazyBody(entry.page, buf.subarray(indexEnd + at[0], indexEnd + at[0] + at[1]));
      cache.set(path.join(root, rel), entry);
    }
    if (stored.id === undefined) return cache;
    readFrom.set(cache, { id: stored.id, key, entries: new Map(cache) });
    const delta = changes && (v8.deserialize(changes) as StoredChanges);
    if (delta && delta.key === key && delta.base === stored.id) {
      for (const rel of delta.removed) cache.delete(path.join(root, rel));
      for (const [rel, entry] of delta.entries) cache.set(path.join(root, rel), entry);
    }
  } catch {
    // Missing or unreadable: start empty.
    cache.clear();
  }
  return cache;
}

/**
 * Store the parses (written to a temporary file first, so a crash never leaves half a cache). A
 * cache read from disk that differs from it in a few files only has those written, to the changes file.
 */
export async function writeContentCache(dir: string, root: string, key: string, cache: ContentCache): Promise<void> {
  const base = readFrom.get(cache);
  if (base && base.key === key) {
    const entries: StoredChanges['entries'] = [];
    for (const [abs, entry] of cache) if (base.entries.get(abs) !== entry) entries.push([path.relative(root, abs), entry]);
    const removed: string[] = [];
    for (const abs of base.entries.keys()) if (!cache.has(abs)) removed.push(path.relative(root, abs));
    if (entries.length + removed.length <= CHANGES_MAX) {
      await writeFileAtomic(path.join(dir, CHANGES), v8.serialize({ key, base: base.id, entries, removed } satisfies StoredChanges));
      return;
    }
  }
  const bodies: Buffer[] = [];
  let at = 0;
  const entries: Stored['entries'] = [...cache].map(([abs, entry]) => {
    const rel = path.relative(root, abs);
    if (!entry.page) return [rel, entry, null];
    // A body still in the bytes it was read from is copied as they are, not decoded and encoded.
    const page = entry.page as WithBody;
    const bytes = page[BODY] ?? Buffer.from(page.html);
    const rest: Record<string, unknown> = {};
    for (const k of Object.keys(page)) if (k !== 'html') rest[k] = page[k as keyof SourcePage];
    bodies.push(bytes);
    at += bytes.length;
    return [rel, { ...entry, page: rest as unknown as SourcePage }, [at - bytes.length, bytes.length]];
  });
  const id = randomUUID();
  const index = v8.serialize({ key, id, entries } satisfies Stored);
  const head = Buffer.alloc(4);
  head.writeUInt32LE(index.length);
  await writeFileAtomic(path.join(dir, FILE), Buffer.concat([head, index, ...bodies]));
  // The changes written against the file it replaced apply no more (their base id says so too).
  await rm(path.join(dir, CHANGES), { force: true });
  readFrom.set(cache, { id, key, entries: new Map(cache) });
}

/** What the last successful write was made from, to skip a build whose inputs did not change. */
export interface LastBuild {
  fingerprint: string;
  outDir: string;
  pages: number;
  files: number;
  /**
   * When the build goes stale (ms since the epoch): the next scheduled post goes live, or the day
   * turns in the site's zone (today's opening hours, the year in the footer).
   */
  staleAt: number;
  /** The build's clock (ms since the epoch): a build with an earlier one is not up to date either. */
  builtAt: number;
  /** The build's warnings, repeated when a later build finds nothing changed. */
  warnings?: Diagnostic[];
  /** Where its inputs were: the up-to-date check reads them without validating the config. */
  layout?: Layout;
  /** The Markdown files' stats and hashes: files with the same stat are not read again. */
  inputs?: InputStamps;
}

const LAST = 'last-build.json';

export async function readLastBuild(dir: string): Promise<LastBuild | undefined> {
  try {
    return JSON.parse(await readFile(path.join(dir, LAST), 'utf8')) as LastBuild;
  } catch {
    return undefined;
  }
}

/** Forget the last build: called before its output is replaced, so a failure after that never passes for it. */
export async function forgetLastBuild(dir: string): Promise<void> {
  await rm(path.join(dir, LAST), { force: true });
}

export async function writeLastBuild(dir: string, last: LastBuild): Promise<void> {
  await writeFileAtomic(path.join(dir, LAST), `${JSON.stringify(last)}\n`);
}

const TEMPLATES = 'templates.json';

/** Compiled templates from the last build (see render/templateCode.ts), if made by this Awning and Node. */
export async function readTemplateCode(dir: string, version: string): Promise<Map<string, string>> {
  try {
    const stored = JSON.parse(await readFile(path.join(dir, TEMPLATES), 'utf8')) as { key: string; entries: [string, string][] };
    if (stored.key === templateKey(version)) return new Map(stored.entries);
  } catch {
    // Missing or unreadable: compile again.
  }
  return new Map();
}

/** Keep only what this build used, so templates that were edited away do not pile up. */
export async function writeTemplateCode(dir: string, version: string, code: { entries: Map<string, string>; used: Set<string> }): Promise<void> {
  const entries = [...code.entries].filter(([k]) => code.used.has(k));
  await writeFileAtomic(path.join(dir, TEMPLATES), JSON.stringify({ key: templateKey(version), entries }));
}

const templateKey = (version: string) => createHash('sha1').update(JSON.stringify([version, process.version])).digest('hex');

const RELATED = 'related.v8';

/** Related posts of the last build (see model/related.ts: seedRelated), if this Awning and Node wrote them. */
export async function readRelated(dir: string, version: string): Promise<{ key: string; result: Map<string, string[]> } | undefined> {
  try {
    const stored = v8.deserialize(await readFile(path.join(dir, RELATED))) as { version: string; node: string; key: string; result: Map<string, string[]> };
    return stored.version === version && stored.node === process.version ? { key: stored.key, result: stored.result } : undefined;
  } catch {
    return undefined;
  }
}

export async function writeRelated(dir: string, version: string, related: { key: string; result: Map<string, string[]> }): Promise<void> {
  await writeFileAtomic(path.join(dir, RELATED), v8.serialize({ version, node: process.version, ...related }));
}
