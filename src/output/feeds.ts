import type { SiteGlobals } from '../model/buildSite.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An Atom feed of the newest posts, with absolute URLs. */
export function atomFeed(g: SiteGlobals, abs: (url: string) => string, limit = 20): string {
  const site = g.site as { name: string; title: string; description?: string };
  const posts = g.posts.slice(0, limit);
  const updated = posts.reduce((max, p) => ((p.updated ?? p.date) > max ? (p.updated ?? p.date) : max), posts[0]?.date ?? g.buildTime);
  const entries = posts
    .map(
      (p) => `  <entry>
    <title>${esc(p.title)}</title>
    <link href="${esc(abs(p.url))}"/>
    <id>${esc(abs(p.url))}</id>
    <published>${p.date}</published>
    <updated>${p.updated ?? p.date}</updated>
    <summary>${esc(p.excerpt)}</summary>
${p.categories.map((c) => `    <category term="${esc(c.slug)}" label="${esc(c.name)}"/>`).join('\n')}
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${esc(site.name || site.title)}</title>
${site.description ? `  <subtitle>${esc(site.description)}</subtitle>\n` : ''}  <link href="${esc(abs('/feed.xml'))}" rel="self"/>
  <link href="${esc(abs('/'))}"/>
  <id>${esc(abs('/'))}</id>
  <updated>${updated}</updated>
  <author><name>${esc(site.name || site.title)}</name></author>
${entries}
</feed>
`;
}

/** sitemap.xml: every page but the 404, lastmod from the content's own dates. */
export function sitemap(g: SiteGlobals, abs: (url: string) => string): string {
  const urls = g.pages
    .map((p) => {
      const lastmod = p.updated ?? p.date;
      return `  <url><loc>${esc(abs(p.url))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls}
</urlset>
`;
}

/** robots.txt allowing everything and naming the sitemap. */
export function robots(abs: (url: string) => string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${abs('/sitemap.xml')}\n`;
}
