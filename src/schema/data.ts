import { z } from 'zod';
import { hoursSchema, exceptionsSchema } from './hours.js';

// refine (a custom issue) rather than regex: zod keeps `params`, and so the hint, only on custom issues.
const slug = z.string().refine((s) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s), {
  message: 'is not a valid slug',
  params: { hint: 'use lowercase letters, digits and single hyphens, for example "oak-hollow".' },
});
const url = z.string().min(1);
const phone = z.string().refine((s) => /^\+?[0-9 ().-]{6,}$/.test(s), {
  message: 'is not a phone number',
  params: { hint: 'write it with the country code, for example "+1 919-555-0142".' },
});

/** content/_data/site.yaml: the business itself. */
export const siteDataSchema = z.looseObject({
  name: z.string().min(1),
  tagline: z.string().optional(),
  description: z.string().optional(),
  phone: phone.optional(),
  email: z.email().optional(),
  booking_url: url.optional(),
  logo: z.string().optional(),
  currency: z.string().length(3).default('USD'),
  social: z.array(z.strictObject({ name: z.string().min(1), url })).default([]),
});

/** content/_data/locations.yaml: a list of places the business can be visited. */
export const locationSchema = z.strictObject({
  name: z.string().min(1),
  slug,
  street: z.string().min(1),
  city: z.string().min(1),
  region: z.string().min(1),
  postal_code: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().min(1)),
  country: z.string().min(2),
  phone,
  email: z.email().optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  booking_url: url.optional(),
  hours: hoursSchema,
  exceptions: exceptionsSchema.default([]),
});
export const locationsSchema = z.array(locationSchema);

/** content/_data/services.yaml: what the business sells, with durations and prices. */
export const serviceSchema = z.strictObject({
  name: z.string().min(1),
  slug,
  summary: z.string().min(1),
  options: z
    .array(z.strictObject({ duration: z.number().int().positive(), price: z.number().nonnegative(), label: z.string().optional() }))
    .min(1),
});
export const servicesSchema = z.array(serviceSchema);

export interface MenuItemInput {
  label: string;
  page?: string;
  url?: string;
  generate?: 'locations' | 'categories' | 'services';
  children?: MenuItemInput[];
}
const menuItem: z.ZodType<MenuItemInput> = z.lazy(() =>
  z
    .strictObject({
      label: z.string().min(1),
      page: z.string().min(1).optional(),
      url: url.optional(),
      generate: z.enum(['locations', 'categories', 'services']).optional(),
      children: z.array(menuItem).optional(),
    })
    .superRefine((item, ctx) => {
      if (item.page !== undefined && item.url !== undefined) {
        ctx.addIssue({ code: 'custom', message: 'has both "page" and "url"', path: ['url'], params: { hint: 'keep one: "page" for a page of this site, "url" for any other address.' } });
      }
      if (item.page === undefined && item.url === undefined && !item.children && !item.generate) {
        ctx.addIssue({ code: 'custom', message: 'needs a "page" or a "url"', path: ['label'], params: { hint: 'add page: <page id> (for example "about/careers") or url: https://….' } });
      }
    }),
);
/** content/_data/menus.yaml: named menus of nested items. */
export const menusSchema = z.record(z.string(), z.array(menuItem));

export type SiteData = z.output<typeof siteDataSchema>;
export type Location = z.output<typeof locationSchema>;
export type Service = z.output<typeof serviceSchema>;
export type Menus = Record<string, MenuItemInput[]>;

/** Schemas for the data files Awning knows; any other file passes through untyped. */
export const knownDataSchemas: Record<string, z.ZodType> = {
  site: siteDataSchema,
  locations: locationsSchema,
  services: servicesSchema,
  menus: menusSchema,
};
