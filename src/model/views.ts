/** The plain objects templates see. Everything here is JSON-safe: no classes, no cycles. */
import type { WeekRow, UpcomingException, DayHours, OpeningHoursSpecification, SpecialOpeningHoursSpecification } from './hours.js';

export interface Link {
  title: string;
  url: string;
}

export interface TermRef {
  name: string;
  slug: string;
  url: string;
}

export interface Term extends TermRef {
  kind: 'category' | 'tag';
  count: number;
  /** Post ids, newest first. */
  postIds: string[];
}

export interface PostSummary {
  id: string;
  title: string;
  url: string;
  /** ISO 8601 with the site zone's offset. */
  date: string;
  updated?: string;
  description?: string;
  excerpt: string;
  categories: TermRef[];
  tags: TermRef[];
  image?: string;
  imageAlt?: string;
}

export interface PaginationView {
  number: number;
  total: number;
  perPage: number;
  totalItems: number;
  url: string;
  first: string;
  last: string;
  prev?: string;
  next?: string;
  /** Every page's number and URL, for numbered links. */
  pages: { number: number; url: string }[];
  /**
   * The numbered links worth showing: the first and last pages and two on each side of this one,
   * with null where pages are left out ("1 … 8 9 10 11 12 … 40"). A gap never hides a single page.
   */
  nearby: ({ number: number; url: string } | null)[];
}

export interface MenuItem {
  label: string;
  url?: string;
  external: boolean;
  children: MenuItem[];
  /** This item is the page being rendered. */
  active: boolean;
  /** This item is an ancestor of the page being rendered. */
  activeTrail: boolean;
}

export interface LocationView {
  name: string;
  slug: string;
  url: string;
  street: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  phone: string;
  /** tel: link with digits only: tel:+19195550142 */
  phoneHref: string;
  email?: string;
  latitude?: number;
  longitude?: number;
  bookingUrl?: string;
  /** A map search for the address: no API key, no script. */
  mapUrl: string;
  /** "214 Mill Street, Millbrook, NC 27601" */
  addressLine: string;
  hours: {
    rows: WeekRow[];
    upcoming: UpcomingException[];
    today: DayHours;
    specification: OpeningHoursSpecification[];
    special: SpecialOpeningHoursSpecification[];
  };
}

export interface ServiceView {
  name: string;
  slug: string;
  url: string;
  summary: string;
  options: { duration: number; durationLabel: string; price: number; priceLabel: string; label?: string }[];
  /** "from $95" */
  fromPrice: string;
}

export type PageKind = 'post' | 'page' | 'location' | 'service' | 'blog' | 'category' | 'tag' | 'categories' | 'tags' | '404';

export interface PageView {
  id: string;
  kind: PageKind;
  title: string;
  description?: string;
  url: string;
  /** Source file relative to the site root, if the page has one. */
  file?: string;
  layout: string;
  date?: string;
  updated?: string;
  /** Rendered Markdown body. */
  content: string;
  excerpt: string;
  words: number;
  categories: TermRef[];
  tags: TermRef[];
  image?: string;
  imageAlt?: string;
  /** Front matter keys beyond the known ones. */
  data: Record<string, unknown>;
  breadcrumbs: Link[];
  /** Posts: the older and newer neighbour. */
  prev?: PostSummary;
  next?: PostSummary;
  related?: PostSummary[];
  location?: LocationView;
  service?: ServiceView;
  /** On category and tag pages: the term (name, slug, url, kind, count). */
  term?: Omit<Term, 'postIds'>;
}
