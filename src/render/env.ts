import nunjucks from 'nunjucks';
import { createFilters, type FilterContext } from './filters.js';
import { CacheExtension, type FragmentCache } from './cacheTag.js';
import { CodeCachingLoader, templateCode, type TemplateCode } from './templateCode.js';
import { requireFromPackage } from '../util/home.js';

export interface TemplateEnvOptions extends FilterContext {
  /** Template folders, first match wins: the site's own, then the built-in theme. */
  searchPaths: string[];
  userFilters: Record<string, (...args: any[]) => unknown>;
  userGlobals: Record<string, unknown>;
  /** Watch mode keeps no compiled templates between rebuilds of changed files. */
  noCache?: boolean;
  /** Compiled templates from the build cache; new compilations are added to it. */
  templateCode?: TemplateCode;
}

export type TemplateEnv = nunjucks.Environment;

/**
 * A `SafeString` made by the site's own copy of Nunjucks (a filter in site.config.ts returning
 * `new nunjucks.runtime.SafeString(html)`) counts as safe here too. The command line's bundle has a
 * copy of Nunjucks of its own (bin/awning.js), whose `instanceof SafeString` did not know the
 * installed package's class, so such a filter's HTML came out escaped, and only on the main thread
 * (workers load the installed package). The installed class is looked up the first time an object
 * (not a string) is checked; strings, nearly every value a page prints, return at once.
 */
const runtime = (nunjucks as unknown as { runtime: { SafeString: new (s: string) => object } }).runtime;
const isInstance = Function.prototype[Symbol.hasInstance];
let installedSafeString: Function | null | undefined;
Object.defineProperty(runtime.SafeString, Symbol.hasInstance, {
  value(v: unknown): boolean {
    if (typeof v !== 'object' || v === null) return false;
    if (isInstance.call(runtime.SafeString, v)) return true;
    if (installedSafeString === undefined) {
      try {
        const found = (requireFromPackage('nunjucks/src/runtime.js') as typeof runtime).SafeString;
        installedSafeString = found === runtime.SafeString ? null : found;
      } catch {
        installedSafeString = null;
      }
    }
    return installedSafeString ? isInstance.call(installedSafeString, v) : false;
  },
});

/**
 * Nunjucks's `Frame.set`, the same steps, faster. Compiled templates call it for every variable they
 * set and seven times per turn of every `for` loop ("loop.index", "loop.first", …), about 280 times a
 * page in the default theme, and it split each name on "." every time: 13 % of Nunjucks's time
 * in a cold build. Names are the templates' own (variables, loop fields, macro arguments), so their
 * parts are kept; a name without a dot skips the walk. Nunjucks 3.2.4 is the last release.
 */
type Frame = { variables: Record<string, any>; resolve(name: string, forWrite: boolean): Frame | undefined; set(name: string, val: unknown, resolveUp?: boolean): void };
const frameProto = (nunjucks as unknown as { runtime: { Frame: { prototype: Frame } } }).runtime.Frame.prototype;
const nameParts = new Map<string, string[]>();
frameProto.set = function set(this: Frame, name: string, val: unknown, resolveUp?: boolean): void {
  if (!resolveUp && name.indexOf('.') === -1) {
    this.variables[name] = val;
    return;
  }
  let parts = nameParts.get(name);
  if (parts === undefined) {
    if (nameParts.size > 10_000) nameParts.clear();
    nameParts.set(name, (parts = name.split('.')));
  }
  if (resolveUp) {
    const frame = this.resolve(parts[0]!, true);
    if (frame) {
      frame.set(name, val);
      return;
    }
  }
  let obj = this.variables;
  for (let i = 0; i < parts.length - 1; i++) {
    const id = parts[i]!;
    if (!obj[id]) obj[id] = {};
    obj = obj[id];
  }
  obj[parts[parts.length - 1]!] = val;
};

/** The one Nunjucks environment of a build: autoescape on, undefined output is an error. */
export function createTemplateEnv(o: TemplateEnvOptions): TemplateEnv {
  const loader = new CodeCachingLoader(o.searchPaths, { noCache: o.noCache ?? false, watch: false }, o.templateCode ?? templateCode());
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: true, trimBlocks: true, lstripBlocks: true });
  loader.env = env;
  for (const [name, fn] of Object.entries(createFilters(o))) env.addFilter(name, fn);
  for (const [name, fn] of Object.entries(o.userFilters)) env.addFilter(name, fn);
  for (const [name, value] of Object.entries(o.userGlobals)) env.addGlobal(name, value);
  const fragments: FragmentCache = { fragments: new Map() };
  env.addExtension('cache', new CacheExtension(fragments));
  fragmentCaches.set(env, fragments);
  return env;
}

const fragmentCaches = new WeakMap<TemplateEnv, FragmentCache>();

/** The {% cache %} fragments of an environment. */
export function fragmentsOf(env: TemplateEnv): FragmentCache {
  return fragmentCaches.get(env)!;
}
