import { z } from 'zod';

const folder = z.string().min(1);

/** The shape of site.config.ts, validated strictly so a misspelt key is caught. */
export const configSchema = z.strictObject({
  title: z.string().min(1),
  baseUrl: z.url({ protocol: /^https?$/ }),
  language: z.string().min(2).default('en'),
  timeZone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'is not a time zone known to this system (use an IANA name such as America/New_York)')
    .default('UTC'),
  dirs: z
    .strictObject({
      content: folder.default('content'),
      data: folder.default('content/_data'),
      templates: folder.default('templates'),
      output: folder.default('dist'),
    })
    .prefault({}),
  permalinks: z
    .strictObject({
      post: z.string().default('/blog/:slug/'),
      page: z.string().default('/:path/'),
      /** Where the blog index and the category and tag lists live (each list's page 2 is <url>page/2/). */
      blog: z.string().default('/blog/'),
      category: z.string().default('/blog/category/'),
      tag: z.string().default('/blog/tag/'),
    })
    .prefault({}),
  postsPerPage: z.number().int().positive().default(10),
  relatedPosts: z.number().int().min(0).default(3),
  markdown: z
    .strictObject({
      html: z.boolean().default(true),
      typographer: z.boolean().default(true),
      linkify: z.boolean().default(true),
    })
    .prefault({}),
  hours: z
    .strictObject({
      clock: z.enum(['12h', '24h']).default('12h'),
      upcomingDays: z.number().int().min(0).default(60),
    })
    .prefault({}),
  business: z
    .strictObject({
      type: z.string().default('LocalBusiness'),
    })
    .prefault({}),
  contactForm: z.strictObject({ action: z.string().min(1) }).optional(),
  checks: z
    .strictObject({
      /** A link, image or anchor inside the site that leads nowhere: fails the build, or only warns. */
      brokenLinks: z.enum(['error', 'warning']).default('error'),
    })
    .prefault({}),
  nunjucks: z
    .strictObject({
      filters: z.record(z.string(), z.custom<(...args: any[]) => unknown>((f) => typeof f === 'function', 'must be a function')).default({}),
      globals: z.record(z.string(), z.unknown()).default({}),
    })
    .prefault({}),
});

/** What a user writes in site.config.ts (defaults may be left out). */
export type UserConfig = z.input<typeof configSchema>;
/** The configuration after validation, every default filled in. */
export type ResolvedConfig = z.output<typeof configSchema> & {
  /** Absolute path of the site root (the folder of the config file). */
  root: string;
  /** The path part of baseUrl, always ending in '/': '/' or '/preview/'. */
  basePath: string;
  /** Include drafts and future posts. */
  drafts: boolean;
};
