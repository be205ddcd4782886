/** A source file the checks can point into: a page's Markdown, a data file, a template. */
export interface SourceText {
  /** Relative to the site root, forward slashes. */
  file: string;
  text: string;
}

export interface Position {
  line: number;
  column: number;
}

const BEFORE = new Set(['(', '"', "'", '<', '[', '=', ':', ' ', '\t', '\n', '`']);
const AFTER = new Set([')', '"', "'", '>', ']', ' ', '\t', '\r', '\n', '`', ',', '|', '}']);

/** The 1-based line and column of a character offset. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/**
 * Every place a URL is written in a source, as a whole token: "(/about/)" or 'href="/about/"' or
 * "image: /media/x.png" match "/about/" and "/media/x.png", "/about/team/" does not match "/about/".
 * `from` skips the start of the text (a Markdown file's front matter, when only the body counts).
 */
export function findUrl(text: string, candidates: readonly string[], from = 0): Position[] {
  const found = new Map<number, Position>();
  for (const c of new Set(candidates)) {
    if (!c) continue;
    for (let i = text.indexOf(c, from); i !== -1; i = text.indexOf(c, i + 1)) {
      const before = i === 0 ? '\n' : text[i - 1]!;
      const after = i + c.length >= text.length ? '\n' : text[i + c.length]!;
      if (BEFORE.has(before) && AFTER.has(after) && !found.has(i)) found.set(i, positionAt(text, i));
    }
  }
  return [...found].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
}

/** The ways a URL in the HTML may have been written in the source: as it is, without the base path, undecoded. */
export function urlCandidates(value: string, basePath: string, baseUrl: string): string[] {
  const out = [value];
  const add = (s: string) => {
    if (s && !out.includes(s)) out.push(s);
  };
  if (value.startsWith(baseUrl)) add(`/${value.slice(baseUrl.length)}`);
  for (const v of [...out]) if (basePath !== '/' && v.startsWith(basePath)) add(`/${v.slice(basePath.length)}`);
  for (const v of [...out]) {
    try {
      add(decodeURI(v));
    } catch {
      // Not percent-encoded text: the value as it is is enough.
    }
  }
  return out;
}

/** The line of a front matter or YAML key ("title:") in a source, if it is there. */
export function findKey(text: string, key: string): Position | undefined {
  const m = new RegExp(`^(\\s*-?\\s*)${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`, 'm').exec(text);
  return m ? positionAt(text, m.index + m[1]!.length) : undefined;
}
