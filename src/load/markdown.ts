import MarkdownIt from 'markdown-it';
import anchor from 'markdown-it-anchor';
import { slugify } from '../util/slugify.js';

export interface MarkdownOptions {
  html: boolean;
  typographer: boolean;
  linkify: boolean;
}

/** The one markdown-it instance of a build: HTML allowed, typographer, linkify, heading ids. */
export function createMarkdown(opts: MarkdownOptions): (src: string) => string {
  const md = new MarkdownIt({ html: opts.html, typographer: opts.typographer, linkify: opts.linkify });
  md.use(anchor, { slugify: (s: string) => slugify(s) || 'section', tabIndex: false });
  // markdown-it-anchor dedupes ids per render through env, so each file gets a fresh env.
  return (src) => md.render(src, {});
}
