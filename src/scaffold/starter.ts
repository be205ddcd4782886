/** The files of a new site (`awning init`), by path: a working site to change, with every field explained. */
export interface StarterOptions {
  /** The business name, shown on the pages. */
  name: string;
  /** The npm package name of the site. */
  packageName: string;
  baseUrl: string;
  timeZone: string;
  /** The version range of Awning the site depends on: "^0.1.0". */
  awningRange: string;
  /** Today in the site's zone, YYYY-MM-DD: the welcome post's date. */
  today: string;
}

const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
/** A YAML scalar in double quotes when it needs them. */
const yamlText = (s: string) => (/^[\w .,&()-]+$/.test(s) && !/^[\d.-]/.test(s) ? s : JSON.stringify(s));

export function starterFiles(o: StarterOptions): Record<string, string> {
  return {
    'package.json': `${JSON.stringify(
      {
        name: o.packageName,
        version: '0.1.0',
        private: true,
        description: `The website of ${o.name}, built with Awning.`,
        type: 'module',
        scripts: { serve: 'awning serve', build: 'awning build', check: 'awning check' },
        dependencies: { awning: o.awningRange },
        engines: { node: '>=20.19' },
      },
      null,
      2,
    )}\n`,

    '.gitignore': `# Built by awning build: never edit or commit it.
dist/
# The build manifest and caches.
.awning/
.awning-cache/
.dist-staging-*/
.dist-old-*/
node_modules/
`,

    'site.config.ts': `import { defineConfig } from 'awning';

// The site's settings. Lines starting with // show the other keys with their default values:
// remove the // to change one. Awning's README ("Configuration") explains each of them.
export default defineConfig({
  // The site's name in browser tabs and the feed (pages show the name from content/_data/site.yaml).
  title: ${quote(o.name)},
  // The address the site will be served at. A path ("https://example.com/shop/") prefixes every link.
  baseUrl: ${quote(o.baseUrl)},
  // The language of the pages, and of dates, times and prices.
  language: 'en',
  // Dates in front matter are read, and every date and opening time is shown, in this time zone.
  timeZone: ${quote(o.timeZone)},

  // postsPerPage: 10,                               // posts per page on the blog and its category pages
  // relatedPosts: 3,                                // related posts shown under each post
  // permalinks: { post: '/blog/:slug/', page: '/:path/' },
  // hours: { clock: '12h', upcomingDays: 60 },      // '24h' shows 18:00 instead of 6:00 PM
  // business: { type: 'LocalBusiness' },            // the schema.org type: 'HairSalon', 'Restaurant', 'DaySpa', …
  // contactForm: { action: 'https://formspree.io/f/your-form' },  // where the contact form posts to
  // checks: { brokenLinks: 'error' },               // 'warning': a broken link does not stop the build
  // markdown: { html: true, typographer: true, linkify: true },
  // dirs: { content: 'content', data: 'content/_data', templates: 'templates', output: 'dist' },
  // nunjucks: { filters: {}, globals: {} },         // your own template filters and variables
});
`,

    'content/index.md': `---
# The home page. Every Markdown file under content/ is a page at its path: about.md is /about/.
title: ${yamlText(`Welcome to ${o.name}`)}
# One sentence for search results and link previews.
description: ${yamlText(`${o.name}: what we do, where to find us and when we are open.`)}
# The layout: a file in the theme's templates/layouts/ folder, without .njk.
layout: home
---

Say in two or three sentences what ${o.name} does and for whom. The opening hours, services and
locations below come from the files in \`content/_data/\`: change them there and every page follows.

Read [about us](/about/), or the [latest news](/blog/).
`,

    'content/about.md': `---
title: About us
description: ${yamlText(`The story of ${o.name} and the people behind it.`)}
# Optional fields of every page:
# layout: page                  # a file in templates/layouts/, without .njk
# permalink: /our-story/        # another address than the file's path
# image: /media/team.jpg        # a file in content/media/, shown on the page and when it is shared
# image_alt: The three of us in front of the shop, on opening day.
# draft: true                   # left out of the site until you remove this line
---

Tell the story of the business: when it started, who works here, what makes it different.

## Our team

A heading like the one above gets an anchor: link to it with [our team](/about/#our-team).
`,

    'content/posts/welcome.md': `---
# Files in content/posts/ are blog posts, at /blog/<file name>/.
title: Our new website
# Required on posts: the day it is published (YYYY-MM-DD, or 2025-05-01T09:30), in the site's time zone.
# A post dated in the future stays off the site until that day.
date: ${o.today}
# updated: ${o.today}           # when you change a post later
description: Why we made a new website, and what you will find on it.
categories: [News]              # a page per category: /blog/category/news/
tags: [announcements]           # a page per tag: /blog/tag/announcements/
# image: /media/posts/welcome.jpg
# image_alt: What the picture shows, for people who cannot see it.
# draft: true
---

This is the first post. Write new ones with:

    npx awning new post "Spring hours are here"

Posts are Markdown: **bold**, *italic*, [links](/about/), lists, and pictures placed in
\`content/media/\`: \`![What it shows](/media/picture.jpg)\`.
`,

    'content/_data/site.yaml': `# The business itself. Only "name" is required; remove the lines you do not need.
name: ${yamlText(o.name)}
tagline: A short line shown under the name
description: ${yamlText(`${o.name} is … (one or two sentences about the business, for search results).`)}
phone: "+1 555-555-0100"        # with the country code: it becomes a click-to-call link
email: hello@example.com
# booking_url: https://booking.example.com/your-business   # adds "Book now" buttons
# logo: /media/logo.svg         # a file in content/media/
# favicon: /media/favicon.svg   # the browser tab icon (default: Awning's)
currency: USD                   # the ISO code prices are shown in
social:                         # the business elsewhere; each gets an icon link
  - name: Instagram
    url: https://www.instagram.com/example
# social_image: /media/social-card.png        # shown when a page is shared: PNG or JPEG, 1200 × 630
# social_image_alt: What the picture shows.
`,

    'content/_data/locations.yaml': `# Each place the business can be visited gets a page at /locations/<slug>/ with its address,
# phone, map link and opening hours. Add content/locations/<slug>.md for more text on that page.
# Add one with: npx awning new location "Riverside"
- name: Main Street
  slug: main-street               # lowercase letters, digits and hyphens: the page's address
  street: 1 Main Street
  city: Springfield
  region: IL                      # state, county or province
  postal_code: "62701"            # in quotes, so a leading zero is kept
  country: US                     # the two-letter country code
  phone: "+1 555-555-0100"
  # email: mainstreet@example.com
  # latitude: 39.7990             # for maps and search engines
  # longitude: -89.6440
  # booking_url: https://booking.example.com/your-business?location=main-street
  hours:                          # 24-hour HH:MM; a day that is not listed is closed
    monday: closed
    tuesday: ["09:00-17:00"]
    wednesday: ["09:00-17:00"]
    thursday: ["09:00-12:30", "13:30-19:00"]   # a lunch break: two intervals
    friday: ["09:00-17:00"]
    saturday: ["10:00-16:00"]
    # sunday: ["22:00-02:00+1"]   # "+1": closes after midnight
  exceptions:                     # holidays and special hours, by date
    - date: 2026-12-25
      closed: true
      note: Christmas Day
    - date: 2026-12-24
      hours: ["09:00-13:00"]
      note: Christmas Eve
`,

    'content/_data/services.yaml': `# What the business sells. Each service gets a page at /services/<slug>/, and /services/ lists them.
- name: Consultation
  slug: consultation
  summary: One or two sentences saying what the client gets.
  options:                        # one or more ways to book it
    - duration: 30                # minutes
      price: 40                   # in the currency of site.yaml
    - duration: 60
      price: 70
      label: Extended             # optional: a name for this option
`,

    'content/_data/menus.yaml': `# The menus: "main" is the navigation at the top, "footer" the links at the bottom.
# An item has a label and either "page" (a page id: the file's path under content/ without .md,
# checked when the site is built) or "url" (any address). "children" makes a submenu;
# "generate: locations | services | categories" adds one child per location, service or category.
main:
  - label: Home
    page: index
  - label: Services
    page: services
  - label: Locations
    page: locations
    generate: locations
  - label: Blog
    page: blog
  - label: About
    page: about
footer:
  - label: About
    page: about
  - label: Blog
    page: blog
`,

    'README.md': `# ${o.name}

The website of ${o.name}, made with [Awning](https://www.npmjs.com/package/awning).

\`\`\`sh
npm install            # once
npx awning serve       # a live preview at http://127.0.0.1:8080/ that updates on every save
npx awning new post "Spring hours are here"   # a new post; also: new page, new location
npx awning check       # broken links, missing pictures, missing alt text, before publishing
npx awning build       # the site, ready to upload, in dist/
\`\`\`

- \`content/\`: pages and posts (Markdown); \`content/_data/\`: the business, locations and opening
  hours, services and prices, menus (YAML); \`content/media/\`: pictures and files, at /media/.
- \`site.config.ts\`: the address, language and time zone of the site.
- The look comes from Awning's theme. To change a template, copy it here first:
  \`npx awning eject layouts/post.njk\` (\`npx awning eject --list\` shows them all).
`,
  };
}
