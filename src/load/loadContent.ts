import { readTexts } from '../util/files.js';
import path from 'node:path';
import { hashBody, hashText, pageShape, scanMarkdown } from './scan.js';
import { splitFrontMatter } from './frontmatter.js';
import { parseYaml, schemaDiagnostics, type YamlSource } from './yaml.js';
import { parseSimpleYaml } from './simpleYaml.js';
import type { z } from 'zod';
import { rel } from './loadData.js';
import type { SourcePage } from './source.js';
import { frontMatterSchema } from '../schema/page.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';

const KNOWN = new Set(['title', 'date', 'updated', 'description', 'categories', 'tags', 'image', 'image_alt', 'draft', 'layout', 'permalink']);

/** Per-file cache: the same bytes at the same path are never parsed or rendered twice. */
export type ContentCache = Map<string, { hash: string; page?: SourcePage; diagnostics: Diagnostic[] }>;

export interface LoadContentOptions {
  contentDir: string;
  dataDir: string;
  root: string;
  render: (markdown: string) => string;
  cache?: ContentCache;
  /**
   * Watch mode: only these files may have changed since the cache was filled; others are taken
   * from the cache without reading them. Without it, every file is read (and re-rendered only if
   * its bytes changed).
   */
  changed?: ReadonlySet<string>;
  /** The Markdown files, listed already (as `scanMarkdown` lists them). */
  files?: readonly string[];
  /** Files hashed already, by absolute path, with their text if it was read: not read again. */
  preRead?: ReadonlyMap<string, { text?: string; hash: string }>;
  /** Called once before any file is parsed here (to load the Markdown renderer only when needed). */
  prepare?: () => Promise<unknown>;
  /** Parse these files (as read, with their hashes) on several threads; by default they are parsed here, one by one. */
  parseMany?: (files: FileToParse[]) => Promise<LoadedFile[]>;
}

/** A Markdown file to parse: its path, its text as read, and the text's hash. */
export interface FileToParse {
  abs: string;
  text: string;
  hash: string;
}

/** One file's result: its content hash, the page (if it is valid) and its problems. */
export interface LoadedFile {
  hash: string;
  page?: SourcePage;
  diagnostics: Diagnostic[];
}

/** Read, split, validate and render every Markdown file; every problem becomes a diagnostic. */
export async function loadContent(opts: LoadContentOptions): Promise<{ value: SourcePage[]; diagnostics: Diagnostic[]; parsed: number }> {
  const files = opts.files ?? (await scanMarkdown(opts.contentDir, path.resolve(opts.dataDir)));
  const cache = opts.cache;
  // Files known not to have changed: serve's unchanged paths, and files whose hash the caller knows
  // without their text (see cache/upToDate.ts) with a parse of that very hash.
  const trusted = (f: string) => {
    if (opts.changed !== undefined) return cache?.has(f) === true && !opts.changed.has(f);
    const pre = opts.preRead?.get(f);
    return pre !== undefined && pre.text === undefined && cache?.get(f)?.hash === pre.hash;
  };
  // Read what may have changed; what is cached with the same bytes is not parsed again.
  const texts = files.map((f) => (trusted(f) ? undefined : opts.preRead?.get(f)?.text));
  const preHashed = texts.map((t) => t !== undefined);
  const unread = files.flatMap((f, i) => (texts[i] === undefined && !trusted(f) ? [i] : []));
  const read = await readTexts(unread.map((i) => files[i]!));
  unread.forEach((i, k) => (texts[i] = read[k]));
  const misses: { i: number; hash: string }[] = [];
  const results: (LoadedFile | undefined)[] = files.map((abs, i) => {
    const text = texts[i];
    const cached = cache?.get(abs);
    if (text === undefined) return cached;
    const hash = preHashed[i] ? opts.preRead!.get(abs)!.hash : hashText(text);
    if (cached && cached.hash === hash) return cached;
    misses.push({ i, hash });
    return undefined;
  });
  if (misses.length) {
    if (!opts.parseMany) await opts.prepare?.();
    const parsed = opts.parseMany
      ? await opts.parseMany(misses.map((m) => ({ abs: files[m.i]!, text: texts[m.i]!, hash: m.hash })))
      : misses.map((m) => loadFile(files[m.i]!, texts[m.i]!, opts, m.hash));
    misses.forEach((m, k) => (results[m.i] = parsed[k]));
  }
  const pages: SourcePage[] = [];
  const diagnostics: Diagnostic[] = [];
  files.forEach((abs, i) => {
    const result = results[i];
    cache?.set(abs, result!);
    if (result!.page) pages.push(result!.page);
    diagnostics.push(...result!.diagnostics);
  });
  if (cache && cache.size > files.length) {
    const present = new Set(files);
    for (const key of cache.keys()) if (!present.has(key)) cache.delete(key);
  }
  return { value: pages, diagnostics, parsed: misses.length };
}

/** Split, validate and render one Markdown file. */
export function loadFile(abs: string, text: string, opts: Pick<LoadContentOptions, 'contentDir' | 'root' | 'render'>, hash: string): LoadedFile {
  return { hash, ...loadOne(abs, text, opts) };
}

function loadOne(abs: string, text: string, opts: Pick<LoadContentOptions, 'contentDir' | 'root' | 'render'>): { page?: SourcePage; diagnostics: Diagnostic[] } {
  const file = rel(opts.root, abs);
  const id = rel(opts.contentDir, abs).replace(/\.md$/, '');
  const kind = id.startsWith('posts/') ? 'post' : 'page';
  const split = splitFrontMatter(text);
  if (!split.ok) {
    return {
      diagnostics: [
        diagnostic('AWN300', { file, line: split.line, column: split.column, source: text }, 'The front matter opened with "---" is never closed.', 'add a line with just "---" after the last front matter field.'),
      ],
    };
  }
  // The common case first: plain front matter that validates needs no YAML document.
  const simple = parseSimpleYaml(split.yaml);
  const quick = simple && frontMatterSchema.safeParse(simple);
  let fm: z.infer<typeof frontMatterSchema>;
  let diagnostics: Diagnostic[] = [];
  let yaml: YamlSource | undefined;
  if (quick?.success) fm = quick.data;
  else {
    const full = parseYaml({ text: split.yaml, file, source: text, lineOffset: 1, syntaxCode: 'AWN301' });
    diagnostics = full.diagnostics;
    yaml = full.yaml;
    if (!yaml) return { diagnostics };
    const raw = yaml.value ?? {};
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      return { diagnostics: [diagnostic('AWN301', { file, line: 2, source: text }, 'The front matter should be "key: value" lines.', 'write fields such as title: My page, one per line.')] };
    }
    const parsed = frontMatterSchema.safeParse(raw, { reportInput: true });
    if (!parsed.success) {
      const ds = schemaDiagnostics(parsed.error.issues, yaml, { file, source: text, code: 'AWN302' });
      // A missing required field has its own code, so tools can tell it from a malformed one.
      for (const [k, issue] of parsed.error.issues.entries()) {
        if (issue.code === 'invalid_type' && issue.input === undefined && !(String(issue.path[0]) in (raw as object))) ds[k]!.code = 'AWN303';
      }
      return { diagnostics: ds };
    }
    fm = parsed.data;
  }
  if (kind === 'post' && fm.date === undefined) {
    const pos = split.hasFrontMatter ? (yaml ?? parseYaml({ text: split.yaml, file, source: text, lineOffset: 1, syntaxCode: 'AWN301' }).yaml!).locate([]) : { line: 1, column: 1 };
    return {
      diagnostics: [diagnostic('AWN303', { file, source: text, line: pos.line }, 'A blog post needs a "date" in its front matter.', 'add a line such as date: 2025-05-01 between the "---" lines.')],
    };
  }
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fm)) if (!KNOWN.has(k)) extra[k] = v;
  const html = opts.render(split.body);
  const summary = textSummary(html);
  const segments = id.split('/');
  const last = segments[segments.length - 1]!;
  const slug = last === 'index' && segments.length > 1 ? segments[segments.length - 2]! : last;
  const shape = pageShape({ id, kind, slug, frontMatter: fm, extra, excerpt: summary.excerpt });
  return {
    page: { id, file, kind, slug, frontMatter: fm, extra, html, htmlHash: hashBody(html), shape, excerpt: summary.excerpt, words: summary.words, bodyLine: split.bodyLine },
    diagnostics,
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** About 160 characters, cut at a word boundary. */
function excerptOf(text: string, max = 160): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > 80 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

/**
 * A page's excerpt and word count from its HTML in one pass: tags (and script and style elements)
 * are spaces, entities are decoded, runs of white space are one space. Only the first `max` + 1
 * characters of text are kept. (Regular expressions over the whole page, then a split into words,
 * took a sixth of the time of parsing a post.)
 */
export function textSummary(html: string, max = 160): { excerpt: string; words: number } {
  const { text, words } = summarize(html, max + 1);
  return { excerpt: excerptOf(text, max), words };
}

function summarize(html: string, keep: number): { text: string; words: number } {
  // No closures in here: variables a closure captures live on the heap, and this loop runs over
  // every character of every post (written inline, it took half the time).
  let out = '';
  let words = 0;
  // A space is pending between two words; none at the start (the text is trimmed).
  let pendingSpace = false;
  let inWord = false;
  const n = html.length;
  let i = 0;
  while (i < n) {
    let code = html.charCodeAt(i);
    // A run of ASCII word characters, most of a page, in one tight loop: it starts or continues a
    // word, and is copied whole while the excerpt still wants text (a third of the time of taking
    // each character through the steps below).
    if (code > 32 && code < 127 && code !== 60 /* < */ && code !== 38 /* & */) {
      let end = i + 1;
      while (end < n) {
        const c = html.charCodeAt(end);
        if (c <= 32 || c >= 127 || c === 60 || c === 38) break;
        end++;
      }
      if (!inWord) {
        words++;
        inWord = true;
        if (pendingSpace && out.length < keep) out += ' ';
        pendingSpace = false;
      }
      if (out.length < keep) out += html.slice(i, Math.min(end, i + keep - out.length));
      i = end;
      continue;
    }
    // The character to add and where the next one starts: html[i], or a decoded entity.
    let ch: string | undefined;
    let next = i + 1;
    if (code === 60 /* < */) {
      const end = html.indexOf('>', i + 1);
      if (end !== -1 && end !== i + 1) {
        let after = end + 1;
        // <script> and <style> elements are skipped whole.
        if ((html.charCodeAt(i + 1) | 32) === 115 /* s */) {
          const m = /^<(script|style)\b/i.exec(html.slice(i, i + 8));
          if (m) {
            const close = html.toLowerCase().indexOf(`</${m[1]!.toLowerCase()}`, end);
            const closeEnd = close === -1 ? -1 : html.indexOf('>', close);
            if (closeEnd !== -1) after = closeEnd + 1;
          }
        }
        // A tag is a space.
        if (inWord) pendingSpace = true;
        inWord = false;
        i = after;
        continue;
      }
    } else if (code === 38 /* & */) {
      const semi = html.indexOf(';', i + 1);
      // An entity decodes to one code point (an astral character is added whole).
      ch = semi !== -1 && semi - i <= 10 ? decodeEntity(html.slice(i + 1, semi)) : undefined;
      if (ch !== undefined) {
        code = ch.charCodeAt(0);
        next = semi + 1;
      }
    }
    // One character of text: white space, a non-ASCII character, or a "<" or "&" that starts no
    // tag or entity.
    if (code <= 32 ? code === 32 || (code >= 9 && code <= 13) : code >= 0xa0 && isSpaceCode(code)) {
      if (inWord) pendingSpace = true;
      inWord = false;
    } else {
      if (!inWord) {
        words++;
        inWord = true;
        if (pendingSpace && out.length < keep) out += ' ';
        pendingSpace = false;
      }
      if (out.length < keep) out += ch ?? html[i]!;
    }
    i = next;
  }
  // A copy of its own: pieces cut out of the page would keep the whole page in memory.
  return { text: out.length < 13 ? out : (' ' + out).slice(1), words };
}

/** The character an entity stands for (one code point), or undefined for one this does not know. */
function decodeEntity(e: string): string | undefined {
  const named = ENTITIES[e];
  if (named !== undefined) return named;
  if (e.startsWith('#')) {
    const code = /^#[xX][0-9a-fA-F]+$/.test(e) ? parseInt(e.slice(2), 16) : /^#\d+$/.test(e) ? Number(e.slice(1)) : NaN;
    if (Number.isInteger(code) && code >= 0 && code <= 0x10ffff) return String.fromCodePoint(code);
  }
  return undefined;
}

/** What \s matches in a JavaScript regular expression. */
function isSpaceCode(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}
