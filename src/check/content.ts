import type { Route, SiteGlobals } from '../model/buildSite.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { decodeEntities } from './html.js';
import type { CheckSources, ScannedSite } from './links.js';
import { findKey, findUrl, positionAt, urlCandidates, type Position } from './locate.js';
import { urlOfFile } from './resolve.js';

export interface ContentCheckInput {
  site: ScannedSite;
  routes: ReadonlyMap<string, Route>;
  globals: SiteGlobals;
  sources: CheckSources;
  basePath: string;
  baseUrl: string;
  /** The data file of the locations, to name it. */
  locationsFile?: string;
}

/** The checks only `awning check` runs, all warnings: alt text, duplicate titles and descriptions, phone numbers. */
export function checkContent(input: ContentCheckInput): Diagnostic[] {
  return [...imagesWithoutAlt(input), ...duplicateTitles(input), ...duplicateDescriptions(input), ...phoneNumbers(input)];
}

/** Where the Markdown body starts: after the front matter, if there is one. */
export function bodyOffset(text: string): number {
  const m = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(\r?\n|$)/.exec(text);
  return m ? m[0].length : 0;
}

/** Images with no alt attribute anywhere, and images written in Markdown with an empty one. */
function imagesWithoutAlt(c: ContentCheckInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const placed = new Set<string>();
  const templated = new Map<string, string[]>();
  for (const o of c.site.htmlOutputs) {
    const url = urlOfFile(o.path);
    const md = c.routes.get(url)?.page.file;
    const text = md ? c.sources.read(md) : undefined;
    for (const img of c.site.scan(o.path)!.images) {
      if (img.alt !== undefined && img.alt.trim() !== '') continue;
      const pos = text ? findUrl(text, urlCandidates(img.src, c.basePath, c.baseUrl))[0] : undefined;
      if (pos && md && text) {
        const key = `${md}|${pos.line}|${pos.column}`;
        if (placed.has(key)) continue;
        placed.add(key);
        const inFrontMatter = text.slice(0, bodyOffset(text)).split('\n').length > pos.line;
        out.push(
          diagnostic(
            'AWN603',
            { file: md, ...pos, source: text },
            `The image "${img.src}" has ${img.alt === undefined ? 'no' : 'an empty'} alt text: people who cannot see it are told nothing.`,
            inFrontMatter
              ? 'add an image_alt: line to the front matter saying what the picture shows.'
              : 'say what the picture shows between the brackets: ![Two treatment tables by a window](/media/room.jpg).',
            'warning',
          ),
        );
      } else if (img.alt === undefined) {
        const list = templated.get(img.src) ?? [];
        list.push(url);
        templated.set(img.src, list);
      }
    }
  }
  for (const [src, pages] of templated) {
    const pos = firstIn(c.sources, urlCandidates(src, c.basePath, c.baseUrl));
    const route = c.routes.get(pages[0]!);
    const file = pos?.file ?? (route ? c.sources.template(`layouts/${route.layout}.njk`) : undefined);
    out.push(
      diagnostic(
        'AWN603',
        { file, ...(pos ? { line: pos.line, column: pos.column, source: pos.text } : {}) },
        `The image "${src}" has no alt attribute (on ${pages.length === 1 ? pages[0] : `${pages.length} pages: ${pages.slice(0, 3).join(', ')}${pages.length > 3 ? ', …' : ''}`}).`,
        'give the <img> an alt saying what the picture shows, or alt="" if it is only decoration.',
        'warning',
      ),
    );
  }
  return out;
}

function firstIn(sources: CheckSources, candidates: string[]): (Position & { file: string; text: string }) | undefined {
  for (const s of sources.searchable) {
    const p = findUrl(s.text, candidates)[0];
    if (p) return { ...p, file: s.file, text: s.text };
  }
  return undefined;
}

const TITLE = /<title[^>]*>([\s\S]*?)<\/title>/i;

/** Pages that share a <title>: search results cannot tell them apart. Later pages of a list are left out. */
function duplicateTitles(c: ContentCheckInput): Diagnostic[] {
  const groups = new Map<string, { url: string; title: string; file?: string }[]>();
  for (const o of c.site.htmlOutputs) {
    const url = urlOfFile(o.path);
    const route = c.routes.get(url);
    if (!route || route.page.kind === '404' || (route.pagination && route.pagination.number > 1)) continue;
    const m = TITLE.exec(String(o.content));
    if (!m) continue;
    const title = decodeEntities(m[1]!).replace(/\s+/g, ' ').trim();
    const key = title.toLowerCase();
    const list = groups.get(key) ?? [];
    list.push({ url, title, file: route.page.file });
    groups.set(key, list);
  }
  const out: Diagnostic[] = [];
  for (const pages of groups.values()) {
    if (pages.length < 2) continue;
    const at = pages.find((p) => p.file) ?? pages[0]!;
    const text = at.file ? c.sources.read(at.file) : undefined;
    const pos = text ? findKey(text.slice(0, bodyOffset(text)), 'title') : undefined;
    out.push(
      diagnostic(
        'AWN604',
        { file: at.file, ...pos, source: text },
        `${pages.length} pages have the same title "${pages[0]!.title}": ${pages.map((p) => `${p.url}${p.file ? ` (${p.file})` : ''}`).join(', ')}.`,
        'give each page its own title, so search results and browser tabs tell them apart.',
        'warning',
      ),
    );
  }
  return out;
}

/** Pages whose front matter gives the same description. */
function duplicateDescriptions(c: ContentCheckInput): Diagnostic[] {
  const groups = new Map<string, Route[]>();
  for (const r of c.routes.values()) {
    const d = r.page.description?.replace(/\s+/g, ' ').trim();
    if (!d || !r.page.file) continue;
    const list = groups.get(d.toLowerCase()) ?? [];
    list.push(r);
    groups.set(d.toLowerCase(), list);
  }
  const out: Diagnostic[] = [];
  for (const routes of groups.values()) {
    if (routes.length < 2) continue;
    const sorted = [...routes].sort((a, b) => (a.page.file! < b.page.file! ? -1 : 1));
    for (const r of sorted.slice(1)) {
      const text = c.sources.read(r.page.file!);
      const pos = text ? findKey(text.slice(0, bodyOffset(text)), 'description') : undefined;
      out.push(
        diagnostic(
          'AWN605',
          { file: r.page.file, ...pos, source: text },
          `This page has the same description as ${sorted[0]!.page.file} (${sorted[0]!.url}).`,
          'write a description for each page: it is the text search results show under the title.',
          'warning',
        ),
      );
    }
  }
  return out;
}

/** Phone numbers as people write them: "+1 919-555-0142", "(919) 555-0142", "919.555.0142", tel:+19195550142. */
const PHONE = /(?<![\w+])(?:\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)|\d{1,4})(?:[\s.-]?\d{2,4}){1,4}|\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4})(?![\w-])/g;

const digits = (s: string) => s.replace(/\D/g, '');

/** Two numbers are the same when their digits are, or one is the other with a country code in front. */
function samePhone(a: string, b: string): boolean {
  const x = digits(a);
  const y = digits(b);
  if (x === y) return true;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= 7 && long.endsWith(short) && long.length - short.length <= 3;
}

/** A phone number in a page's text that is not the one in the data. */
function phoneNumbers(c: ContentCheckInput): Diagnostic[] {
  const site = c.globals.site as { phone?: string };
  const known: { phone: string; owner: string }[] = [];
  if (site.phone) known.push({ phone: site.phone, owner: 'the business (site.yaml)' });
  for (const l of c.globals.locations) known.push({ phone: l.phone, owner: l.name });
  if (known.length === 0) return [];
  const out: Diagnostic[] = [];
  const done = new Set<string>();
  for (const r of c.routes.values()) {
    const file = r.page.file;
    if (!file || done.has(file)) continue;
    done.add(file);
    const text = c.sources.read(file);
    if (!text) continue;
    const from = bodyOffset(text);
    for (const m of text.slice(from).matchAll(PHONE)) {
      const written = m[0];
      if (known.some((k) => samePhone(k.phone, written))) continue;
      const pos = positionAt(text, from + m.index);
      const loc = r.page.kind === 'location' ? r.page.location : undefined;
      const message = loc
        ? `The text gives the phone number "${written}", but ${c.locationsFile ?? 'locations.yaml'} gives ${loc.phone} for ${loc.name}.`
        : `The phone number "${written}" is not in the data: ${known.map((k) => `${k.phone} (${k.owner})`).join(', ')}.`;
      out.push(
        diagnostic(
          'AWN606',
          { file, ...pos, source: text },
          message,
          'correct the number here or in the data file; or leave it out of the text, since the theme shows the number from the data on every page.',
          'warning',
        ),
      );
    }
  }
  return out;
}
