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
  // markdown-it-anchor dedupes ids per render through env, so each file gets a fresh env.
  return (src) => md.render(src, {});
}
