import { parseSiteDate, isoInZone } from '../util/time.js';
import { slugify } from '../util/slugify.js';
import { excerptOf, plainText } from '../load/loadContent.js';

export interface FilterContext {
  basePath: string;
  baseUrl: string;
  timeZone: string;
  language: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function toDate(value: unknown, timeZone: string): Date {
  if (value instanceof Date) return value;
  return parseSiteDate(String(value), timeZone);
}

/** The template filters every Awning site has. */
export function createFilters(c: FilterContext): Record<string, (...args: any[]) => unknown> {
  const url = (value: unknown): string => {
    const s = String(value ?? '');
    if (/^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(s)) return s;
    if (!s.startsWith('/')) return s;
    return c.basePath === '/' ? s : `${c.basePath.slice(0, -1)}${s}`;
  };
  return {
    /** Format a date in the site's time zone: style "long" (December 19, 2025), "medium", "short", "full". */
    date(value: unknown, style: 'long' | 'medium' | 'short' | 'full' = 'long') {
      if (value === undefined || value === null || value === '') return '';
      const key = `${c.language}|${style}`;
      let f = formats.get(key);
      if (!f) formats.set(key, (f = new Intl.DateTimeFormat(c.language, { dateStyle: style, timeZone: c.timeZone })));
      return f.format(toDate(value, c.timeZone)).replace(/[\u202f\u00a0]/g, ' ');
    },
    /** ISO 8601 with the site zone's offset, for <time datetime> and structured data. */
    isoDate(value: unknown) {
      if (value === undefined || value === null || value === '') return '';
      return isoInZone(toDate(value, c.timeZone), c.timeZone);
    },
    /** A site-relative URL with the base path in front (for sites served under a folder). */
    url,
    /** An absolute URL on the site's domain. */
    absoluteUrl(value: unknown) {
      const s = String(value ?? '');
      if (/^[a-z][a-z0-9+.-]*:/i.test(s)) return s;
      return new URL(s.replace(/^\//, ''), c.baseUrl).href;
    },
    slugify: (value: unknown) => slugify(String(value ?? '')),
    /** Plain text of HTML, cut to about n characters at a word boundary. */
    excerpt: (value: unknown, n = 160) => excerptOf(plainText(String(value ?? '')), n),
    /** JSON that is safe inside <script>: "<", ">", "&" and line separators are escaped. */
    json(value: unknown, indent?: number) {
      return (JSON.stringify(value, null, indent) ?? 'null')
        .replace(/</g, '\\u003c')
        .replace(/>/g, '\\u003e')
        .replace(/&/g, '\\u0026')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029');
    },
  };
}

/** Prefix root-relative links in rendered Markdown with the base path. */
export function rebaseHtml(html: string, basePath: string): string {
  if (basePath === '/') return html;
  const prefix = basePath.slice(0, -1);
  return html.replace(/(\s(?:href|src|action)=")\/(?!\/)/g, `$1${prefix}/`);
}
