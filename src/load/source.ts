import type { FrontMatter } from '../schema/page.js';

/** One Markdown file after loading: validated front matter and rendered body. */
export interface SourcePage {
  /** Source path relative to the content folder, without ".md": "posts/spring-hours", "about/careers", "index". */
  id: string;
  /** Path relative to the site root, for messages: "content/posts/spring-hours.md". */
  file: string;
  kind: 'post' | 'page';
  /** Last segment of the id ("index" files take their folder's name). */
  slug: string;
  frontMatter: FrontMatter;
  /** Front matter keys beyond the known ones. */
  extra: Record<string, unknown>;
  html: string;
  /**
   * Hash of `html` (as the page record keys pages): made when the file is parsed and kept in the
   * build cache, so a build can key a page whose body it never reads.
   */
  htmlHash?: string;
  /**
   * Hash of what other pages can show of this file: everything but its body and word count (see
   * load/scan.ts: pageShape). Made when the file is parsed, on the thread that parses it.
   */
  shape?: string;
  /** Plain text of the start of the body, for listings and meta descriptions. */
  excerpt: string;
  /** Number of words in the body. */
  words: number;
  /** Line of the file where the Markdown body starts. */
  bodyLine: number;
}
