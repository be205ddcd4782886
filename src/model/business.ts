import type { Location, Service } from '../schema/data.js';
import type { LocationView, ServiceView } from './views.js';
import { weekRows, upcomingExceptions, hoursOn, openingHoursSpecification, specialOpeningHoursSpecification, type Clock } from './hours.js';

export interface BusinessOptions {
  locale: string;
  clock: Clock;
  /** Today in the site's time zone, YYYY-MM-DD. */
  today: string;
  upcomingDays: number;
  currency: string;
}

/** A location as templates show it: address lines, links, and hours ready to print. */
export function locationView(loc: Location, url: string, o: BusinessOptions): LocationView {
  const fmt = { locale: o.locale, clock: o.clock };
  const addressLine = `${loc.street}, ${loc.city}, ${loc.region} ${loc.postal_code}`;
  const view: LocationView = {
    name: loc.name,
    slug: loc.slug,
    url,
    street: loc.street,
    city: loc.city,
    region: loc.region,
    postalCode: loc.postal_code,
    country: loc.country,
    phone: loc.phone,
    phoneHref: `tel:${loc.phone.replace(/[^+0-9]/g, '')}`,
    mapUrl: `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(`${loc.name}, ${addressLine}, ${loc.country}`)}`,
    addressLine,
    hours: {
      rows: weekRows(loc.hours, fmt),
      upcoming: upcomingExceptions(loc.exceptions, { ...fmt, today: o.today, days: o.upcomingDays }),
      today: hoursOn(loc.hours, loc.exceptions, o.today, fmt),
      specification: openingHoursSpecification(loc.hours),
      special: specialOpeningHoursSpecification(loc.exceptions.filter((e) => e.date >= o.today)),
    },
  };
  if (loc.email !== undefined) view.email = loc.email;
  if (loc.latitude !== undefined) view.latitude = loc.latitude;
  if (loc.longitude !== undefined) view.longitude = loc.longitude;
  if (loc.booking_url !== undefined) view.bookingUrl = loc.booking_url;
  return view;
}

/** A service with its options' durations and prices formatted in the site's language and currency. */
export function serviceView(s: Service, url: string, o: BusinessOptions): ServiceView {
  const money = (n: number) =>
    new Intl.NumberFormat(o.locale, { style: 'currency', currency: o.currency, minimumFractionDigits: Number.isInteger(n) ? 0 : 2 }).format(n);
  const options = s.options.map((opt) => ({
    duration: opt.duration,
    durationLabel: `${opt.duration} min`,
    price: opt.price,
    priceLabel: money(opt.price),
    ...(opt.label !== undefined ? { label: opt.label } : {}),
  }));
  const min = Math.min(...s.options.map((x) => x.price));
  return { name: s.name, slug: s.slug, url, summary: s.summary, options, fromPrice: `from ${money(min)}` };
}
