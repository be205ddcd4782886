import { z } from 'zod';

const dateRe = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A date in front matter: YYYY-MM-DD, optionally with a time and offset; checked for a real calendar day. */
export const dateField = z.string().superRefine((s, ctx) => {
  const m = dateRe.exec(s.trim());
  if (!m) {
    ctx.addIssue({ code: 'custom', message: `"${s}" is not a valid date`, params: { hint: 'write dates as YYYY-MM-DD, for example 2024-05-01.' } });
    return;
  }
  const [, y, mo, d, h, mi] = m.map(Number) as number[];
  if (mo! < 1 || mo! > 12) {
    ctx.addIssue({ code: 'custom', message: `is not a valid date: month ${mo} does not exist`, params: { hint: 'write dates as YYYY-MM-DD, for example 2024-05-01.' } });
    return;
  }
  const days = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  if (d! < 1 || d! > days) {
    ctx.addIssue({ code: 'custom', message: `is not a valid date: ${y}-${String(mo).padStart(2, '0')} has no day ${d}`, params: { hint: `that month has ${days} days.` } });
    return;
  }
  if ((h !== undefined && !Number.isNaN(h) && h > 23) || (mi !== undefined && !Number.isNaN(mi) && mi > 59)) {
    ctx.addIssue({ code: 'custom', message: `"${s}" has an invalid time`, params: { hint: 'write times as HH:MM on a 24-hour clock, for example 2024-05-01T14:30.' } });
  }
});

const terms = z
  .union([z.string(), z.array(z.union([z.string(), z.number()]))])
  .transform((v) => (Array.isArray(v) ? v.map(String) : [v]))
  .default([]);

/** Front matter every page and post may have; unknown keys pass through for templates. */
export const frontMatterSchema = z.looseObject({
  title: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().min(1)),
  date: dateField.optional(),
  updated: dateField.optional(),
  description: z.string().optional(),
  categories: terms,
  tags: terms,
  image: z.string().optional(),
  image_alt: z.string().optional(),
  draft: z.boolean().default(false),
  layout: z.string().optional(),
  permalink: z.string().refine((s) => s.startsWith('/'), { message: 'must start with "/"', params: { hint: 'write a site-relative URL, for example permalink: /about/team/' } }).optional(),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;
