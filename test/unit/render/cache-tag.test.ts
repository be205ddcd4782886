import { describe, it, expect } from 'vitest';
import { createTemplateEnv } from '../../../src/render/env.js';
import { markActive } from '../../../src/model/menus.js';
import type { MenuItem } from '../../../src/model/views.js';

const env = () =>
  createTemplateEnv({ searchPaths: [], userFilters: {}, userGlobals: {}, basePath: '/', baseUrl: 'https://x.example.com/', timeZone: 'UTC', language: 'en' });

const item = (label: string, url: string): MenuItem => ({ label, url, external: false, children: [], active: false, activeTrail: false });

describe('{% cache %}', () => {
  it('renders once per distinct key, also when the key is an object a template changes as it renders (loop)', () => {
    const e = env();
    expect(e.renderString('{% for p in ["a", "b", "c"] %}{% cache "row", loop %}[{{ loop.index }}]{% endcache %}{% endfor %}', {})).toBe('[1][2][3]');
    expect(e.renderString('{% for p in ["a", "b"] %}{% cache "same" %}({{ p }}){% endcache %}{% endfor %}', {})).toBe('(a)(a)');
  });

  it('keys on the marked menus: pages with the same marks share the fragment, others get theirs', () => {
    const e = env();
    const menus = { main: [item('Home', '/'), item('Blog', '/blog/')] };
    const tpl = '{% cache "nav", menus.main %}{% for i in menus.main %}{{ i.label }}{% if i.active %}*{% endif %}{% if i.activeTrail %}~{% endif %} {% endfor %}{% endcache %}';
    const render = (url: string, trail: string[]) => e.renderString(tpl, { menus: markActive(menus, url, trail) });
    expect(render('/blog/a/', ['/', '/blog/'])).toBe('Home Blog~ ');
    expect(render('/blog/b/', ['/', '/blog/'])).toBe('Home Blog~ ');
    expect(render('/', ['/'])).toBe('Home* Blog ');
    expect(render('/blog/', ['/', '/blog/'])).toBe('Home Blog* ');
    expect(render('/about/', ['/', '/about/'])).toBe('Home Blog ');
  });
});
