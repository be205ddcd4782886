import type { Output } from '../render/renderSite.js';
import type { Route } from '../model/buildSite.js';
import type { MenuItem } from '../model/views.js';
import { diagnostic, type Diagnostic, type Severity } from '../diagnostics/diagnostic.js';
import { scanHtml, type HtmlRef, type ScannedHtml, type ScannedPart } from './html.js';
import { resolveRef, targetFile, urlOfFile, type SiteAddress } from './resolve.js';
import { findUrl, urlCandidates, type SourceText } from './locate.js';
import { nearest } from './nearest.js';

/** Every file the site will have: rendered outputs and files copied as they are. */
export interface SiteFiles {
  outputs: readonly Output[];
  /** Files copied as they are (content media), relative to the output folder: "media/logo.svg". */
  copied: readonly string[];
}

/** A link, image or anchor on a rendered page that leads nowhere. */
export interface Broken {
  kind: 'link' | 'file' | 'anchor' | 'outside';
  /** URL of the page it is on. */
  page: string;
  ref: HtmlRef;
  /** The site path it resolves to ("/about/"). */
  target: string;
  /** For anchors: the missing id, and the ids the target does have. */
  fragment?: string;
  ids?: string[];
}

/** The rendered pages, scanned once and shared by every check. */
export class ScannedSite {
  private scans = new Map<string, ScannedHtml>();
  private byPath = new Map<string, Output>();
  private all = new Set<string>();
  readonly htmlOutputs: Output[];

  /**
   * `scans`: pages scanned already (as they were rendered), by output path; `scanOf`: the scans of
   * other pages (taken from the last build), made when first asked for.
   */
  constructor(
    readonly files: SiteFiles,
    scans?: ReadonlyMap<string, ScannedHtml>,
    private readonly scanOf?: (path: string) => ScannedHtml | undefined,
  ) {
    if (scans) this.scans = new Map(scans);
    for (const o of files.outputs) {
      this.byPath.set(o.path, o);
      this.all.add(o.path);
    }
    for (const f of files.copied) this.all.add(f);
    this.htmlOutputs = files.outputs.filter((o) => o.path.endsWith('.html')).sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  has = (file: string): boolean => this.all.has(file);

  /** The links, ids and images of an HTML output. */
  scan(path: string): ScannedHtml | undefined {
    let s = this.scans.get(path);
    if (!s) {
      const o = this.byPath.get(path);
      if (!o || !o.path.endsWith('.html')) return undefined;
      this.scans.set(path, (s = this.scanOf?.(path) ?? scanHtml(String(o.content))));
    }
    return s;
  }

  /** URLs of every HTML page, for suggestions (the same array every time). */
  pageUrls(): string[] {
    return (this.urls ??= this.htmlOutputs.map((o) => urlOfFile(o.path)));
  }
  private urls?: string[];
}

/**
 * Every internal link, image, asset and anchor on every page (or on the pages in `only`, by output
 * path) that leads nowhere. Pure.
 */
export function findBrokenLinks(site: ScannedSite, address: SiteAddress, only?: ReadonlySet<string>): Broken[] {
  const out: Broken[] = [];
  // What a ref leads to, without the page it is on: a Broken with page "", or null when it is fine.
  const check = (ref: HtmlRef, page: string, self: ScannedHtml | undefined): Omit<Broken, 'page'> | null => {
    const r = resolveRef(ref.value, page, address);
    if (r.kind === 'external') return null;
    if (r.kind === 'outside') return { kind: 'outside', ref, target: r.pathname };
    const file = targetFile(r.path, site.has);
    if (!file) return { kind: ref.resource ? 'file' : 'link', ref, target: r.path };
    if (r.fragment && r.fragment.toLowerCase() !== 'top') {
      const target = self && urlOfFile(file) === page ? self : site.scan(file);
      if (target && !target.hasId(r.fragment)) return { kind: 'anchor', ref, target: urlOfFile(file), fragment: r.fragment, ids: [...target.ids] };
    }
    return null;
  };
  // A root-relative link ("/about/", "/about/#team") means the same on every page, and so does an
  // absolute one ("https://…", "//…", "mailto:…").
  const sameEverywhere = (ref: HtmlRef) => ref.value[0] === '/' || /^[a-z][a-z0-9+.-]*:/i.test(ref.value);
  // Shared parts (header, menu, footer): their page-independent results, found once.
  const partResults = new Map<ScannedPart, Omit<Broken, 'page'>[]>();
  // By value, one map for resources and one for links: a key joined from both was a new string to
  // hash for each of the thousands of refs on a big site (the values themselves are kept once each).
  const rooted = [new Map<string, Omit<Broken, 'page'> | null>(), new Map<string, Omit<Broken, 'page'> | null>()] as const;
  const checkRooted = (ref: HtmlRef) => {
    const memo = rooted[ref.resource ? 1 : 0];
    let b = memo.get(ref.value);
    if (b === undefined) memo.set(ref.value, (b = check(ref, '/', undefined)));
    return b;
  };
  for (const o of site.htmlOutputs) {
    if (only && !only.has(o.path)) continue;
    const page = urlOfFile(o.path);
    const scanned = site.scan(o.path)!;
    const seen = new Set<string>();
    const emit = (b: Omit<Broken, 'page'> | null) => {
      if (!b) return;
      const key = `${b.ref.resource}|${b.ref.value}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ ...b, page });
    };
    for (const part of scanned.parts) {
      if (part.shared) {
        let found = partResults.get(part);
        if (!found) {
          found = [];
          for (const ref of part.refs) if (sameEverywhere(ref)) {
            const b = checkRooted(ref);
            if (b) found.push(b);
          }
          partResults.set(part, found);
        }
        found.forEach(emit);
        for (const ref of part.refs) if (!sameEverywhere(ref)) emit(check(ref, page, scanned));
      } else {
        for (const ref of part.refs) emit(sameEverywhere(ref) ? checkRooted(ref) : check(ref, page, scanned));
      }
    }
  }
  return out;
}

/** A menu item whose URL is inside the site but leads nowhere. */
export interface BrokenMenuItem {
  menu: string;
  label: string;
  url: string;
}

/** Menu items written with `url:` that point at no page (items with `page:` are checked when the model is built). */
export function findBrokenMenuItems(menus: Record<string, MenuItem[]>, site: ScannedSite): BrokenMenuItem[] {
  const out: BrokenMenuItem[] = [];
  const walk = (menu: string, items: readonly MenuItem[]) => {
    for (const item of items) {
      const url = item.url;
      if (url && !item.external && url.startsWith('/') && !url.startsWith('//')) {
        const p = url.replace(/[?#].*$/s, '');
        if (!targetFile(p, site.has)) out.push({ menu, label: item.label, url });
      }
      walk(menu, item.children);
    }
  };
  for (const [name, items] of Object.entries(menus)) walk(name, items);
  return out;
}

/** Where the checks look for the file and line a problem comes from. */
export interface CheckSources {
  /** The text of a file relative to the site root (a page's Markdown), or undefined. */
  read(file: string): string | undefined;
  /** Data files, then templates (the site's first, then the built-in theme's), searched in that order. */
  searchable: readonly SourceText[];
  /** The data file holding the menus, if there is one. */
  menus?: SourceText;
  /** The file (relative to the root) of a template name such as "layouts/post.njk". */
  template(name: string): string | undefined;
}

export interface LocateContext {
  routes: ReadonlyMap<string, Route>;
  sources: CheckSources;
  basePath: string;
  baseUrl: string;
  severity: Severity;
  site: ScannedSite;
  /** The content folder relative to the root ("content"), to spot a link to an unpublished post. */
  contentDir?: string;
}

/** A Markdown file that would be the target of a link if it were published (a draft, a future post). */
function unpublished(target: string, ctx: LocateContext): string | undefined {
  if (!ctx.contentDir) return undefined;
  const p = target.replace(/^\/+|\/+$/g, '').replace(/\.html$/, '');
  const last = p.split('/').pop();
  const candidates = [`${p}.md`, `${p}/index.md`, ...(last ? [`posts/${last}.md`] : [])].map((f) => `${ctx.contentDir}/${f}`);
  return candidates.find((f) => ctx.sources.read(f) !== undefined);
}

const WHAT: Record<string, string> = { img: 'image', source: 'image', video: 'video', audio: 'audio', track: 'track', script: 'script', embed: 'file', meta: 'share image', link: 'file' };

function describe(b: Broken, basePath: string): { code: string; message: string } {
  const v = `"${b.ref.value}"`;
  switch (b.kind) {
    case 'file':
      return { code: 'AWN601', message: `The ${WHAT[b.ref.tag] ?? 'file'} ${v} does not exist: the site has no file at ${b.target}.` };
    case 'anchor':
      return { code: 'AWN602', message: `The link to ${v} leads to ${b.target}, which has no element with id "${b.fragment}".` };
    case 'outside':
      return { code: 'AWN600', message: `The link to ${v} leaves the site: the site is served under ${basePath}, and ${b.target} is not.` };
    default:
      return { code: 'AWN600', message: `The link to ${v} leads nowhere: the site has no page or file at ${b.target}.` };
  }
}

function hintFor(b: Broken, ctx: LocateContext, inMarkdown: boolean): string {
  switch (b.kind) {
    case 'file':
      return `put the file under content/media/ (it is published at /media/) or correct the path; theme files go in templates/assets/.`;
    case 'anchor': {
      const words = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2);
      const wanted = new Set(words(b.fragment ?? ''));
      const sharing = (b.ids ?? []).filter((id) => words(id).some((w) => wanted.has(w))).sort();
      const close = [...new Set([...nearest(b.fragment ?? '', b.ids ?? []), ...sharing])].slice(0, 3);
      return `headings get an id from their text ("## Opening hours" is #opening-hours)${close.length ? `; did you mean ${close.map((c) => `#${c}`).join(' or ')}?` : '.'}`;
    }
    case 'outside':
      return inMarkdown
        ? 'write links to pages of this site as paths from the site root ("/about/"): the base path is added by itself.'
        : "in a template, write site links through the url filter: {{ '/about/' | url }}.";
    default: {
      const source = unpublished(b.target, ctx);
      if (source) return `${source} would be at this address, but it is not published: it is a draft or dated in the future (awning build --drafts includes it).`;
      const close = nearest(b.target, ctx.site.pageUrls());
      return close.length
        ? `did you mean ${close.join(' or ')}?`
        : 'check the spelling; a Markdown page is at its path under content/ (content/about/team.md is /about/team/).';
    }
  }
}

/**
 * Turn broken links into diagnostics at the place they were written: the page's Markdown file and
 * line when the link is there; else the data file or template that holds it (once, naming how many
 * pages show it); else the page's layout.
 */
export function locateBroken(broken: readonly Broken[], menuItems: readonly BrokenMenuItem[], ctx: LocateContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const push = (d: Diagnostic) => {
    const key = `${d.code}|${d.file}|${d.line}|${d.column}|${d.message}`;
    const place = `${d.code}|${d.file}|${d.line}|${d.column}`;
    if (seen.has(key) || (d.line !== undefined && seen.has(place))) return;
    seen.add(key);
    seen.add(place);
    out.push(d);
  };
  const candidates = (v: string) => urlCandidates(v, ctx.basePath, ctx.baseUrl);

  for (const m of menuItems) {
    const src = ctx.sources.menus;
    const pos = src ? findUrl(src.text, candidates(m.url))[0] : undefined;
    const close = nearest(m.url, ctx.site.pageUrls());
    push(
      diagnostic(
        'AWN600',
        { file: src?.file, ...pos, source: src?.text },
        `The menu "${m.menu}" item "${m.label}" points to ${m.url}, which is not a page of this site.`,
        close.length ? `did you mean ${close.join(' or ')}? Or refer to the page by its id: page: about/team.` : 'refer to the page by its id (page: about/team), which is checked, or correct the url.',
        ctx.severity,
      ),
    );
  }

  // Not in the page's own Markdown: grouped, so a broken link in a template is reported once.
  const unplaced = new Map<string, { b: Broken; pages: string[] }>();
  for (const b of broken) {
    const route = ctx.routes.get(b.page);
    const md = route?.page.file;
    const text = md ? ctx.sources.read(md) : undefined;
    const positions = text ? findUrl(text, candidates(b.ref.value)) : [];
    const { code, message } = describe(b, ctx.basePath);
    if (positions.length) {
      for (const pos of positions) push(diagnostic(code, { file: md, ...pos, source: text }, message, hintFor(b, ctx, true), ctx.severity));
      continue;
    }
    const key = `${b.kind}|${b.ref.value}`;
    const g = unplaced.get(key);
    if (g) g.pages.push(b.page);
    else unplaced.set(key, { b, pages: [b.page] });
  }
  for (const { b, pages } of unplaced.values()) {
    const { code, message } = describe(b, ctx.basePath);
    const on = pages.length === 1 ? ` (on ${pages[0]})` : ` (on ${pages.length} pages: ${pages.slice(0, 3).join(', ')}${pages.length > 3 ? ', …' : ''})`;
    const text = `${message.replace(/\.$/, '')}${on}.`;
    let placed = false;
    for (const src of ctx.sources.searchable) {
      const pos = findUrl(src.text, candidates(b.ref.value))[0];
      if (pos) {
        push(diagnostic(code, { file: src.file, ...pos, source: src.text }, text, hintFor(b, ctx, false), ctx.severity));
        placed = true;
        break;
      }
    }
    if (placed) continue;
    const route = ctx.routes.get(pages[0]!);
    const layout = route ? ctx.sources.template(`layouts/${route.layout}.njk`) : undefined;
    push(diagnostic(code, { file: layout ?? route?.page.file }, text, hintFor(b, ctx, false), ctx.severity));
  }
  return out;
}
