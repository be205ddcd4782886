import nunjucks from 'nunjucks';
import { unchanging } from '../util/unchanging.js';

/** What a cached fragment used, so pages that reuse it still know what they depend on. */
export interface FragmentDeps {
  globals: Set<string>;
  templates: Set<string>;
}

export interface FragmentCache {
  fragments: Map<string, { html: string; deps: FragmentDeps }>;
  /** The dependency sets of the page being rendered (watch mode), or undefined. */
  current?: () => FragmentDeps | undefined;
  /** Swap the page's dependency sets for a fresh pair while a fragment renders; returns a restore function. */
  isolate?: () => { deps: FragmentDeps; restore: () => void } | undefined;
}

/**
 * {% cache "name", key1, key2 %}…{% endcache %}: render the body once per distinct key (keys
 * compare by their JSON) and reuse the HTML on every other page with the same key (Hugo's partialCached). The keys must name
 * everything the body shows that varies between pages: {% cache "nav", menus.main %}.
 * The cache lives for one build, so a change to the site is never hidden by it.
 */
export class CacheExtension {
  tags = ['cache'];
  constructor(private readonly cache: FragmentCache) {}
  /** Keys made already, by their one object argument and the JSON of the others. */
  private keys = new WeakMap<object, Map<string, string>>();

  /**
   * The arguments as JSON. With one object among them that nothing changes while the build renders
   * (the theme's `menus.main`: one object for every page that marks the same items, see
   * markActive), the text is made once per object and the very same string is returned, whose hash
   * V8 keeps: a menu's JSON made and hashed as a map key on every page took 5 % of rendering.
   */
  private keyOf(args: unknown[]): string {
    const objects = args.filter((a) => a !== null && typeof a === 'object');
    if (objects.length !== 1 || !unchanging.has(objects[0] as object)) return JSON.stringify(args);
    const obj = objects[0] as object;
    const rest = JSON.stringify(args.map((a) => (a === obj ? null : a)));
    let byRest = this.keys.get(obj);
    if (!byRest) this.keys.set(obj, (byRest = new Map()));
    let key = byRest.get(rest);
    if (key === undefined) byRest.set(rest, (key = JSON.stringify(args)));
    return key;
  }

  parse(parser: any, nodes: any): unknown {
    const tok = parser.nextToken();
    const args = parser.parseSignature(null, true);
    parser.advanceAfterBlockEnd(tok.value);
    const body = parser.parseUntilBlocks('endcache');
    parser.advanceAfterBlockEnd();
    return new nodes.CallExtension(this, 'run', args, [body]);
  }

  run(_context: unknown, ...args: unknown[]): unknown {
    const body = args.pop() as () => string;
    const key = this.keyOf(args);
    let hit = this.cache.fragments.get(key);
    if (!hit) {
      const scope = this.cache.isolate?.();
      try {
        hit = { html: body(), deps: scope?.deps ?? { globals: new Set(), templates: new Set() } };
      } finally {
        scope?.restore();
      }
      this.cache.fragments.set(key, hit);
    }
    const page = this.cache.current?.();
    if (page) {
      for (const g of hit.deps.globals) page.globals.add(g);
      for (const t of hit.deps.templates) page.templates.add(t);
    }
    return new nunjucks.runtime.SafeString(hit.html);
  }
}
