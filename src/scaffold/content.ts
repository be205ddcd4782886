/** The text of new posts, pages and locations (`awning new`). Pure: the caller picks paths and writes. */

/** A YAML scalar, in double quotes when plain text could be misread (a colon, a leading digit, true/no…). */
export function yamlString(s: string): string {
  const plain = /^[A-Za-z][\w .,!?'’&()/-]*$/.test(s) && !/:\s|\s#/.test(s) && !/^(true|false|yes|no|on|off|null|~)$/i.test(s);
  return plain ? s : JSON.stringify(s);
}

const list = (items: readonly string[]) => `[${items.map(yamlString).join(', ')}]`;

export interface PostOptions {
  title: string;
  /** YYYY-MM-DD in the site's time zone. */
  date: string;
  categories: readonly string[];
  tags: readonly string[];
  draft: boolean;
  /** Where the post will be: "/blog/spring-hours/", for the example of an image path. */
  slug: string;
}

/** A new blog post with every front matter field a post uses: set, or shown commented out. */
export function postText(o: PostOptions): string {
  return `---
title: ${yamlString(o.title)}
date: ${o.date}
# updated: ${o.date}
description: One sentence for the blog's lists and for search results.
categories: ${list(o.categories)}
tags: ${list(o.tags)}
# image: /media/posts/${o.slug}.jpg
# image_alt: What the picture shows, for people who cannot see it.
${o.draft ? 'draft: true                    # remove this line to publish' : '# draft: true'}
---

Write the post here, in Markdown.
`;
}

/** A new page: title, description, and the optional fields commented out. */
export function pageText(o: { title: string; draft: boolean }): string {
  return `---
title: ${yamlString(o.title)}
description: One sentence for search results and link previews.
# layout: page
# permalink: /another-address/
# image: /media/picture.jpg
# image_alt: What the picture shows, for people who cannot see it.
${o.draft ? 'draft: true                    # remove this line to publish' : '# draft: true'}
---

Write the page here, in Markdown.
`;
}

/** An entry to append to locations.yaml: valid as it is, with every value to replace marked. */
export function locationEntry(o: { name: string; slug: string }): string {
  return `
- name: ${yamlString(o.name)}
  slug: ${o.slug}
  street: 1 Example Street        # TODO: the street address
  city: Springfield               # TODO
  region: IL                      # TODO: state, county or province
  postal_code: "00000"            # TODO
  country: US                     # TODO: the two-letter country code
  phone: "+1 555-555-0199"        # TODO: with the country code
  # email: ${o.slug}@example.com
  # latitude: 0.0
  # longitude: 0.0
  # booking_url: https://booking.example.com/?location=${o.slug}
  hours:                          # TODO: 24-hour HH:MM; a day that is not listed is closed
    monday: ["09:00-17:00"]
    tuesday: ["09:00-17:00"]
    wednesday: ["09:00-17:00"]
    thursday: ["09:00-17:00"]
    friday: ["09:00-17:00"]
  exceptions: []                  # holidays: - date: 2026-12-25 / closed: true / note: Christmas Day
`;
}

/** The page text of a location (content/locations/<slug>.md): shown on its page above the address and hours. */
export function locationPageText(o: { name: string }): string {
  return `---
title: ${yamlString(o.name)}
description: ${yamlString(`How to find ${o.name}, when it is open and how to book.`)}
---

Say what makes this place worth the trip, and how to get there: parking, public transport, the entrance.
The address, phone and opening hours come from content/_data/locations.yaml.
`;
}
