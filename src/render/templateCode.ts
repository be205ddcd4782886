import nunjucks from 'nunjucks';
import { createHash } from 'node:crypto';

/**
 * Compiled templates, by the hash of their path and text: the JavaScript Nunjucks makes from a
 * template. Kept in the build cache, so a build whose templates did not change runs no Nunjucks
 * lexer, parser or compiler (about half of the example site's render time).
 */
export interface TemplateCode {
  entries: Map<string, string>;
  /** Keys looked up by this build (what is worth keeping). */
  used: Set<string>;
  /** Something was compiled that was not in the cache. */
  added: boolean;
  /** The hash of the text each template was loaded with, by name (what the page record keeps). */
  texts: Map<string, string>;
}

export const templateCode = (entries = new Map<string, string>()): TemplateCode => ({ entries, used: new Set(), added: false, texts: new Map() });

type Compiled = Record<string, unknown>;

/**
 * A FileSystemLoader that hands Nunjucks compiled code instead of template text when it has it.
 * Nunjucks accepts `{ type: 'code', obj }` from a loader (what precompiled templates use).
 */
export class CodeCachingLoader extends nunjucks.FileSystemLoader {
  /** Set once the environment exists: compiling needs its extensions and options. */
  env?: nunjucks.Environment;
  constructor(searchPaths: string[], opts: nunjucks.FileSystemLoaderOptions, private readonly code: TemplateCode) {
    super(searchPaths, opts);
  }

  override getSource(name: string): nunjucks.LoaderSource {
    const info = super.getSource(name);
    if (!info || typeof info.src !== 'string' || !this.env) return info;
    this.code.texts.set(name, createHash('sha1').update(info.src).digest('base64'));
    const key = createHash('sha1').update(`${info.path}\0${info.src}`).digest('base64');
    this.code.used.add(key);
    let source = this.code.entries.get(key);
    if (source === undefined) {
      const env = this.env as unknown as { asyncFilters: string[]; extensionsList: unknown[]; opts: unknown };
      try {
        source = (nunjucks as unknown as { compiler: { compile: (...a: unknown[]) => string } }).compiler.compile(info.src, env.asyncFilters, env.extensionsList, info.path, env.opts);
      } catch {
        // A template with an error: Nunjucks compiles the text itself and reports it as usual.
        return info;
      }
      this.code.entries.set(key, source);
      this.code.added = true;
    }
    const obj = new Function(source)() as Compiled; // eslint-disable-line no-new-func
    return { ...info, src: { type: 'code', obj } as unknown as string };
  }
}
