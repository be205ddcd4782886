import { slugify } from '../util/slugify.js';

export interface MarkdownOptions {
  html: boolean;
  typographer: boolean;
  linkify: boolean;
}

/**
 * The one markdown-it instance of a build: HTML allowed, typographer, linkify, heading ids.
 * markdown-it is loaded only when a file must be parsed: a build whose Markdown is all in the build
 * cache, or a worker that only renders, never pays for loading it.
 */
export async function createMarkdown(opts: MarkdownOptions): Promise<(src: string) => string> {
  const [{ default: MarkdownIt }, { default: anchor }] = await Promise.all([import('markdown-it'), import('markdown-it-anchor')]);
  const md = new MarkdownIt({ html: opts.html, typographer: opts.typographer, linkify: opts.linkify });
  md.use(anchor, { slugify: (s: string) => slugify(s) || 'section', tabIndex: false });
  if (opts.linkify) quickLinkifyPretest(md.linkify);
  // markdown-it-anchor dedupes ids per render through env, so each file gets a fresh env.
  return (src) => md.render(src, {});
}

/**
 * What any text that linkify-it's own pretest accepts contains, with its default schemas and top
 * level domains (markdown-it's): a ":" or "//" (http:, https:, ftp:, mailto:, //), an "@" (e-mail),
 * "localhost", "www." or a "." before a digit or a domain's first letter (a-z, or "р" of "рф").
 */
export const LINK_HINT = /[:@]|\/\/|localhost|www\.|\.[0-9a-z\u0400-\u04ff]/i;

/**
 * linkify-it's pretest runs on every paragraph, list item and heading, and its regular expression
 * (a Unicode punctuation class before each schema) took a fifth of markdown-it's time on the
 * benchmark's posts, none of which has a link to find. Paragraphs without a `LINK_HINT` cannot pass
 * it and skip it; the others take it as before, so the output is the same.
 */
export function quickLinkifyPretest(linkify: { pretest(text: string): boolean }): void {
  const pretest = linkify.pretest.bind(linkify);
  linkify.pretest = (text: string) => LINK_HINT.test(text) && pretest(text);
}
