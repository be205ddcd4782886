/** What the checks need from a rendered page: its links, its element ids, its images. */
export interface HtmlRef {
  /** Lower-case tag name: a, img, link, script, source, meta, … */
  tag: string;
  /** The attribute the URL came from: href, src, srcset, poster, content. */
  attr: string;
  /** The URL with character references decoded. */
  value: string;
  /** True for things the page loads (images, scripts, stylesheets, icons), false for links to follow. */
  resource: boolean;
}

export interface HtmlImage {
  src: string;
  /** undefined: no alt attribute at all. */
  alt?: string;
}

export interface ScannedHtml {
  refs: HtmlRef[];
  ids: Set<string>;
  images: HtmlImage[];
  /** Whether an element has this id (without building the set of all ids). */
  hasId(id: string): boolean;
  /**
   * The parts it was scanned in. A part marked `shared` is the very same object on every page with
   * the same header, menu or footer, so what is true of its page-independent links is found once.
   */
  parts: ScannedPart[];
}

export interface ScannedPart {
  refs: HtmlRef[];
  ids: Set<string>;
  images: HtmlImage[];
  shared: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decode the character references that appear in attribute values. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, ref: string) => {
    if (ref[0] === '#') {
      const n = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(n) ? String.fromCodePoint(n) : all;
    }
    return ENTITIES[ref.toLowerCase()] ?? all;
  });
}

const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function attributes(text: string): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  // exec on the one global expression: matchAll copies the expression on every call.
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(text); m; m = ATTR.exec(text)) {
    const name = m[1]!.toLowerCase();
    if (out.has(name)) continue;
    const raw = m[2] ?? m[3] ?? m[4];
    out.set(name, raw === undefined ? undefined : decodeEntities(raw));
  }
  return out;
}

/** Meta tags whose content is a URL a browser or a crawler fetches. */
const META_URLS = new Set(['og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'og:url', 'og:audio', 'og:video']);

/** Where comments, and elements whose content is not HTML, open: skipped by the scanner. */
const OPEN = /<!--|<(script|style|template|textarea)\b[^>]*>/gi;
/** Start tags that can hold a URL; attribute values never hold a raw ">" in escaped HTML. */
const TAG = /<(a|area|link|img|source|script|iframe|audio|video|track|embed|meta)\b([^>]*)>/gi;
const ID = /\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;

/**
 * Links, ids and images of an HTML document. A scanner of regular expressions rather than a full
 * parser (a site's pages are escaped HTML): it skips comments and the insides of <script>, <style>,
 * <template> and <textarea>, and reads the attributes of the start tags that can hold a URL.
 */
function scanRaw(html: string, shared = false): ScannedPart {
  const refs: HtmlRef[] = [];
  const ids = new Set<string>();
  const images: HtmlImage[] = [];
  // Ranges [from, to) not to read: comments, and the content (not the start tag) of script and style.
  const skip: number[] = [];
  OPEN.lastIndex = 0;
  for (let m = OPEN.exec(html); m; m = OPEN.exec(html)) {
    let from = m.index;
    let to: number;
    if (!m[1]) {
      const close = html.indexOf('-->', m.index + 4);
      to = close < 0 ? html.length : close + 3;
    } else {
      from = m.index + m[0].length;
      const name = m[1].toLowerCase();
      let close = html.indexOf(`</${name}`, from);
      if (close < 0) close = html.indexOf(`</${name.toUpperCase()}`, from);
      to = close < 0 ? html.length : close;
    }
    skip.push(from, to);
    OPEN.lastIndex = to;
  }
  // The rest is read piece by piece, so the expressions never run through a page's inline
  // stylesheet or scripts (20 KB of CSS on every page of the default theme).
  const pieces: string[] = [];
  let pos = 0;
  for (let k = 0; k < skip.length; k += 2) {
    if (skip[k]! > pos) pieces.push(html.slice(pos, skip[k]!));
    pos = Math.max(pos, skip[k + 1]!);
  }
  if (pos < html.length) pieces.push(pos === 0 ? html : html.slice(pos));
  for (const piece of pieces) {
    ID.lastIndex = 0;
    for (let m = ID.exec(piece); m; m = ID.exec(piece)) ids.add(keep(decodeEntities(m[1] ?? m[2] ?? m[3] ?? '')));
  }
  for (const piece of pieces) {
    TAG.lastIndex = 0;
    for (let m = TAG.exec(piece); m; m = TAG.exec(piece)) readTag(m[1]!.toLowerCase(), m[2] ?? '', refs, ids, images);
  }
  return { refs, ids, images, shared };
}

/**
 * Scans outlive the pages they come from: strings cut out of a page (V8 keeps a cut-out string as a
 * view of the whole page) would keep every page's HTML in memory after it was written. Each distinct
 * value is kept once, as a copy of its own.
 */
const kept = new Map<string, string>();
function keep(s: string): string {
  // V8 copies a cut-out string shorter than 13 characters (tag names, most ids): nothing to do.
  if (s.length < 13) return s;
  let k = kept.get(s);
  if (k === undefined) {
    if (kept.size > 500_000) kept.clear();
    // Joining makes a new string; slicing it flattens the join into fresh memory, apart from the page.
    k = (' ' + s).slice(1);
    kept.set(k, k);
  }
  return k;
}

/** Tags whose attributes hold URLs. */
const WANTED = new Set(['a', 'area', 'link', 'img', 'source', 'script', 'iframe', 'audio', 'video', 'track', 'embed', 'meta']);

function readTag(name: string, attrText: string, refs: HtmlRef[], ids: Set<string>, images: HtmlImage[]): void {
  const attrs = attributes(attrText);
  const id = attrs.get('id');
  if (id) ids.add(keep(id));
  const add = (attr: string, resource: boolean) => {
    const v = attrs.get(attr);
    if (v !== undefined && v.trim() !== '') refs.push({ tag: keep(name), attr, value: keep(v.trim()), resource });
  };
  switch (name) {
    case 'a':
    case 'area': {
      add('href', false);
      const anchor = attrs.get('name');
      if (name === 'a' && anchor) ids.add(keep(anchor));
      break;
    }
    case 'link': {
      const rel = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
      // Stylesheets, icons and preloads are loaded; alternate, canonical, next, prev are followed.
      add('href', rel.some((r) => ['stylesheet', 'icon', 'apple-touch-icon', 'preload', 'modulepreload', 'manifest', 'mask-icon'].includes(r)));
      break;
    }
    case 'img':
    case 'source':
    case 'script':
    case 'iframe':
    case 'audio':
    case 'video':
    case 'track':
    case 'embed':
      add('src', name !== 'iframe');
      add('poster', true);
      for (const s of srcset(attrs.get('srcset'))) refs.push({ tag: keep(name), attr: 'srcset', value: keep(s), resource: true });
      if (name === 'img') {
        const alt = attrs.get('alt');
        images.push({ src: keep(attrs.get('src') ?? ''), alt: alt === undefined ? undefined : keep(alt) });
      }
      break;
    case 'meta': {
      const key = (attrs.get('property') ?? attrs.get('name') ?? '').toLowerCase();
      if (META_URLS.has(key)) add('content', key !== 'og:url');
      break;
    }
  }
}

/** The URLs of a srcset: "a.png 1x, b.png 2x" → [a.png, b.png]. */
function srcset(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(/,\s+/)
    .map((part) => part.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

/**
 * Scans of page parts that repeat across pages (header, menu, footer), by their text; found by
 * length, then compared, as a map keyed by text would hash several kilobytes of every page.
 */
const repeated = new Map<number, { text: string; part: ScannedPart }[]>();
let repeatedCount = 0;

/** The scan of a part that repeats across pages, made once per distinct text. */
function sharedPart(text: string): ScannedPart {
  let same = repeated.get(text.length);
  if (same) for (const r of same) if (r.text === text) return r.part;
  if (++repeatedCount > 2000) {
    repeated.clear();
    repeatedCount = 1;
    same = undefined;
  }
  if (!same) repeated.set(text.length, (same = []));
  const part = scanRaw(text, true);
  // A copy of its own: the text is kept, and a slice would keep its whole page.
  same.push({ text: (' ' + text).slice(1), part });
  return part;
}

/**
 * Links, ids and images of an HTML document. Pages share their header, menu and footer: the parts
 * before and after <main> are scanned once per distinct text and the result reused, which makes
 * checking a big site several times faster. The head and <main> are scanned for every page.
 */
export function scanHtml(html: string): ScannedHtml {
  const body = html.indexOf('<body');
  const main = html.indexOf('<main', body);
  const end = html.indexOf('</main>', main);
  if (body < 0 || main < 0 || end < 0 || html.indexOf('<main', main + 5) >= 0) return fromParts([scanRaw(html)]);
  return fromParts([scanRaw(html.slice(0, body)), sharedPart(html.slice(body, main)), scanRaw(html.slice(main, end)), sharedPart(html.slice(end))]);
}

/** A page from its parts; the page-wide lists are made only if asked for. */
export function fromParts(parts: ScannedPart[]): ScannedHtml {
  let refs: HtmlRef[] | undefined;
  let ids: Set<string> | undefined;
  let images: HtmlImage[] | undefined;
  return {
    parts,
    get refs() {
      return (refs ??= parts.flatMap((p) => p.refs));
    },
    get ids() {
      return (ids ??= new Set(parts.flatMap((p) => [...p.ids])));
    },
    get images() {
      return (images ??= parts.flatMap((p) => p.images));
    },
    hasId: (id) => parts.some((p) => p.ids.has(id)),
  };
}
