/** Turning page ids and permalink patterns into site-relative URLs and output paths. */

/** Site-relative URL → absolute URL under the site's base URL (which may have a path). */
export const absoluteUrlUnder = (baseUrl: string) => (url: string): string => new URL(url.replace(/^\//, ''), baseUrl).href;

/** Collapse duplicate slashes; keep a trailing slash for folders. */
export function normalizeUrl(url: string): string {
  let u = `/${url}`.replace(/\/{2,}/g, '/');
  if (!u.endsWith('/') && !/\.[a-z0-9]+$/i.test(u)) u += '/';
  return u;
}

/** Fill a permalink pattern: :slug, :path, :year, :month, :day. */
export function fillPermalink(pattern: string, vars: { slug: string; path: string; date?: { year: number; month: number; day: number } }): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const url = pattern.replace(/:(slug|path|year|month|day)\b/g, (_, k: string) => {
    switch (k) {
      case 'slug':
        return vars.slug;
      case 'path':
        return vars.path;
      case 'year':
        return vars.date ? String(vars.date.year) : '';
      case 'month':
        return vars.date ? pad(vars.date.month) : '';
      default:
        return vars.date ? pad(vars.date.day) : '';
    }
  });
  return normalizeUrl(url);
}

/** The page path of a content id: "about/index" → "about", "index" → "". */
export function pagePath(id: string): string {
  return id === 'index' ? '' : id.replace(/\/index$/, '');
}

/** Where a URL is written: "/blog/x/" → "blog/x/index.html", "/404.html" → "404.html". */
export function outputPath(url: string): string {
  const clean = url.replace(/^\/+/, '');
  return clean === '' || clean.endsWith('/') ? `${clean}index.html` : clean;
}

/** URL of page n of a paginated list whose first page is base. */
export function pageUrl(base: string, n: number): string {
  return n <= 1 ? base : `${base}page/${n}/`;
}
