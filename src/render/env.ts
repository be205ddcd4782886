import nunjucks from 'nunjucks';
import { createFilters, type FilterContext } from './filters.js';
import { CacheExtension, type FragmentCache } from './cacheTag.js';
import { CodeCachingLoader, templateCode, type TemplateCode } from './templateCode.js';

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
