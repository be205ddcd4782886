import { parseSiteDate, isoInZone } from '../util/time.js';
import { slugify } from '../util/slugify.js';
import { textSummary } from '../load/loadContent.js';

export interface FilterContext {
  basePath: string;
  baseUrl: string;
  timeZone: string;
  language: string;
  /** Fingerprinted theme assets: "/assets/site.css" → "/assets/site.3f9a1c2b.css" (none in serve). */
  assets?: ReadonlyMap<string, string>;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function toDate(value: unknown, timeZone: string): Date {
  if (value instanceof Date) return value;
  return parseSiteDate(String(value), timeZone);
}

/** What the json filter writes for the characters that could end a <script> or a line. */
const JSON_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** The template filters every Awning site has. */
export function createFilters(c: FilterContext): Record<string, (...args: any[]) => unknown> {
  // A fingerprinted theme asset's current name: "/assets/site.css?v#x" → "/assets/site.3f9a1c2b.css?v#x".
  const hashed = (s: string): string => {
    if (!c.assets?.size || !s.startsWith('/')) return s;
    const [, p = '', suffix = ''] = /^([^?#]*)(.*)$/s.exec(s) ?? [];
    const h = c.assets.get(p);
    return h ? `${h}${suffix}` : s;
  };
  const url = (value: unknown): string => {
    const s = hashed(String(value ?? ''));
    if (/^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(s)) return s;
    if (!s.startsWith('/')) return s;
    return c.basePath === '/' ? s : `${c.basePath.slice(0, -1)}${s}`;
  };
  // Formatted dates by style, then by input: Intl formatting is slow and a site shows few distinct
  // dates, each many times (a key made of the language, zone, style and date took 2 µs a call).
  const formatted = new Map<string, Map<string, string>>();
  return {
    /** Format a date in the site's time zone: style "long" (December 19, 2025), "medium", "short", "full". */
    date(value: unknown, style: 'long' | 'medium' | 'short' | 'full' = 'long') {
      if (value === undefined || value === null || value === '') return '';
      let memo = formatted.get(style);
      if (!memo) formatted.set(style, (memo = new Map()));
      const hit = typeof value === 'string' ? memo.get(value) : undefined;
      if (hit !== undefined) return hit;
      const key = `${c.language}|${c.timeZone}|${style}`;
      let f = formats.get(key);
      if (!f) formats.set(key, (f = new Intl.DateTimeFormat(c.language, { dateStyle: style, timeZone: c.timeZone })));
      const out = f.format(toDate(value, c.timeZone)).replace(/[\u202f\u00a0]/g, ' ');
      if (typeof value === 'string') memo.set(value, out);
      return out;
    },
    /** ISO 8601 with the site zone's offset, for <time datetime> and structured data. */
    isoDate(value: unknown) {
      if (value === undefined || value === null || value === '') return '';
      return isoInZone(toDate(value, c.timeZone), c.timeZone);
    },
    /** A site-relative URL with the base path in front (for sites served under a folder); theme assets under their hashed names. */
    url,
    /** A theme asset's URL under its content-hashed name ("/assets/site.3f9a1c2b.css"), with the base path. */
    asset(value: unknown) {
      const s = String(value ?? '');
      return url(/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(s) ? s : `/${s}`);
    },
    /** An absolute URL on the site's domain. */
    absoluteUrl(value: unknown) {
      const s = hashed(String(value ?? ''));
      if (/^[a-z][a-z0-9+.-]*:/i.test(s)) return s;
      return new URL(s.replace(/^\//, ''), c.baseUrl).href;
    },
    slugify: (value: unknown) => slugify(String(value ?? '')),
    /** Plain text of HTML, cut to about n characters at a word boundary. */
    excerpt: (value: unknown, n = 160) => textSummary(String(value ?? ''), n).excerpt,
    /** JSON that is safe inside <script>: "<", ">", "&" and line separators are escaped. */
    json(value: unknown, indent?: number) {
      // One pass over the text (five replaces took five).
      return (JSON.stringify(value, null, indent) ?? 'null').replace(/[<>&\u2028\u2029]/g, (ch) => JSON_ESCAPES[ch]!);
    },
  };
}

/** Prefix root-relative links in rendered Markdown with the base path. */
export function rebaseHtml(html: string, basePath: string): string {
  if (basePath === '/') return html;
  const prefix = basePath.slice(0, -1);
  return html.replace(/(\s(?:href|src|action)=")\/(?!\/)/g, `$1${prefix}/`);
}
