import type { SiteGlobals } from '../model/buildSite.js';
import type { LocationView, PageView } from '../model/views.js';

/** schema.org objects for a page, built from the same views the page shows. */
export function structuredData(g: SiteGlobals, page: PageView, abs: (url: string) => string): object[] {
  const site = g.site as { name: string; description?: string; logo?: string; phone?: string; email?: string; social?: { url: string }[]; businessType: string };
  const orgId = abs('/#organization');
  const out: object[] = [];
  const org: Record<string, unknown> = { '@context': 'https://schema.org', '@type': 'Organization', '@id': orgId, name: site.name, url: abs('/') };
  if (site.logo) org['logo'] = abs(site.logo);
  if (site.phone) org['telephone'] = site.phone;
  if (site.email) org['email'] = site.email;
  if (site.social?.length) org['sameAs'] = site.social.map((s) => s.url);
  if (page.url === '/' || page.kind === 'location') out.push(org);
  if (page.kind === 'location' && page.location) out.push(localBusiness(page.location, site.businessType, orgId, abs));
  if (page.kind === 'post') {
    const post: Record<string, unknown> = {
      '@context': 'https://schema.org',
      '@type': 'BlogPosting',
      headline: page.title,
      datePublished: page.date,
      dateModified: page.updated ?? page.date,
      author: { '@type': 'Organization', '@id': orgId, name: site.name },
      publisher: { '@id': orgId },
      mainEntityOfPage: abs(page.url),
      url: abs(page.url),
    };
    if (page.description) post['description'] = page.description;
    if (page.image) post['image'] = abs(page.image);
    out.push(post);
  }
  if (page.breadcrumbs.length > 1) {
    out.push({
      '@context': 'https://schema.org',
      '@type': 'BreadcrumbList',
      itemListElement: page.breadcrumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.title, item: abs(c.url) })),
    });
  }
  return out;
}

/** A LocalBusiness (of the configured subtype) for one location, with its own @id. */
export function localBusiness(loc: LocationView, type: string, orgId: string, abs: (url: string) => string): object {
  const lb: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': type,
    '@id': abs(`${loc.url}#business`),
    name: loc.name,
    url: abs(loc.url),
    telephone: loc.phone,
    parentOrganization: { '@id': orgId },
    address: {
      '@type': 'PostalAddress',
      streetAddress: loc.street,
      addressLocality: loc.city,
      addressRegion: loc.region,
      postalCode: loc.postalCode,
      addressCountry: loc.country,
    },
    openingHoursSpecification: loc.hours.specification,
  };
  if (loc.email) lb['email'] = loc.email;
  if (loc.latitude !== undefined && loc.longitude !== undefined) lb['geo'] = { '@type': 'GeoCoordinates', latitude: loc.latitude, longitude: loc.longitude };
  // Only the exceptions the page lists (the next `hours.upcomingDays`), so the data says what the page shows.
  const shown = new Set(loc.hours.upcoming.map((e) => e.date));
  const special = loc.hours.special.filter((s) => shown.has(s.validFrom));
  if (special.length) lb['specialOpeningHoursSpecification'] = special;
  if (loc.bookingUrl) lb['potentialAction'] = { '@type': 'ReserveAction', target: loc.bookingUrl };
  return lb;
}
