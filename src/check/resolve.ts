/** Where a URL on a page leads, from the site's point of view. */
export type Resolved =
  | { kind: 'external' }
  /** An internal URL that is not under the site's base path (a link written without the `url` filter). */
  | { kind: 'outside'; pathname: string }
  /** A path inside the site ("/blog/x/", without the base path), and the fragment without "#". */
  | { kind: 'internal'; path: string; fragment?: string };

export interface SiteAddress {
  /** "https://example.com" */
  origin: string;
  /** "/" or "/preview/" */
  basePath: string;
}

export function siteAddress(baseUrl: string, basePath: string): SiteAddress {
  return { origin: new URL(baseUrl).origin, basePath };
}

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Resolve a link found on the page at `pageUrl` (a site path without the base path). */
export function resolveRef(value: string, pageUrl: string, site: SiteAddress): Resolved {
  if (/^(?!https?:)[a-z][a-z0-9+.-]*:/i.test(value)) return { kind: 'external' };
  // Another site, known without a URL object (its host in plain lower case, no port or user).
  const abs = /^(https?):\/\/([a-z0-9.-]+)(?=[/?#]|$)/.exec(value);
  if (abs && `${abs[1]}://${abs[2]}` !== site.origin) return { kind: 'external' };
  // The common cases without the cost of a URL object: "#id", and "/a/b/" with no dot segments or escapes.
  if (value[0] === '#') return { kind: 'internal', path: pageUrl, fragment: decode(value.slice(1)) };
  if (value[0] === '/' && value[1] !== '/' && !/[%\\]|\/\.\.?(\/|$|[?#])/.test(value)) {
    const [, p = '', , hash] = /^([^?#]*)(\?[^#]*)?(#.*)?$/s.exec(value) ?? [];
    if (!p.startsWith(site.basePath) && `${p}/` !== site.basePath) return { kind: 'outside', pathname: p };
    const rest = `/${p.slice(site.basePath.length)}`;
    return { kind: 'internal', path: rest, ...(hash !== undefined ? { fragment: decode(hash.slice(1)) } : {}) };
  }
  let u: URL;
  try {
    u = new URL(value, `${site.origin}${site.basePath.slice(0, -1)}${pageUrl}`);
  } catch {
    return { kind: 'outside', pathname: value };
  }
  if (u.origin !== site.origin) return { kind: 'external' };
  const fragment = u.hash ? decode(u.hash.slice(1)) : undefined;
  const p = u.pathname;
  if (!(p.startsWith(site.basePath) || `${p}/` === site.basePath)) return { kind: 'outside', pathname: decode(p) };
  const rest = `/${p.slice(site.basePath.length)}`;
  return { kind: 'internal', path: decode(rest), ...(fragment !== undefined ? { fragment } : {}) };
}

/** The output file a site path is served from, or undefined: "/about/" → about/index.html. */
export function targetFile(sitePath: string, has: (file: string) => boolean): string | undefined {
  const rel = sitePath.slice(1);
  if (rel === '' || rel.endsWith('/')) return has(`${rel}index.html`) ? `${rel}index.html` : undefined;
  if (has(rel)) return rel;
  // Static hosts answer "/about" with a redirect to "/about/".
  if (has(`${rel}/index.html`)) return `${rel}/index.html`;
  return undefined;
}

/** The URL an output file is served at: about/index.html → /about/. */
export function urlOfFile(file: string): string {
  if (file === 'index.html') return '/';
  if (file.endsWith('/index.html')) return `/${file.slice(0, -'index.html'.length)}`;
  return `/${file}`;
}
