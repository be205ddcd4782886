/**
 * The default theme on the built example site, checked file by file: the W3C Nu HTML validator,
 * html-validate (standard, a11y and document presets), every internal link, anchor and asset,
 * the head of every page, and the structured data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HtmlValidate } from 'html-validate';
import { buildExample, describeWith, filesUnder, javaRequirement, urlOf, type BuiltExample } from '../helpers/browser.js';
import { ROOT } from '../helpers/site.js';

const BASE_URL = 'https://juniperstone.example.com/';

let site: BuiltExample;
let files: string[];
let htmlFiles: string[];
const read = (file: string) => fs.readFileSync(path.join(site.dir, file), 'utf8');

beforeAll(() => {
  site = buildExample('awning-theme-static-');
  files = filesUnder(site.dir);
  htmlFiles = files.filter((f) => f.endsWith('.html'));
});
afterAll(() => site?.remove());

/** The value of attribute `name` in the first tag matching `tag` (a regex source), or undefined. */
function attr(html: string, tagPattern: RegExp, name: string): string | undefined {
  const tag = tagPattern.exec(html)?.[0];
  if (!tag) return undefined;
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}
const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

describeWith(javaRequirement(), 'W3C Nu HTML validator (vnu-jar)', () => {
  it('finds no error and no warning in any page, stylesheet or SVG', () => {
    const jar = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');
    const targets = files.filter((f) => /\.(html|css|svg)$/.test(f)).map((f) => path.join(site.dir, f));
    expect(targets.length).toBeGreaterThan(60);
    // java directly, never vnu-jar's wrapper: it would download a Java runtime when none is found.
    const r = spawnSync('java', ['-jar', jar, '--format', 'json', '--also-check-css', '--also-check-svg', ...targets], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const report = JSON.parse(r.stderr || r.stdout) as { messages: { type: string; subType?: string; url: string; lastLine?: number; message: string }[] };
    const problems = report.messages
      .filter((m) => m.type === 'error' || m.subType === 'warning' || m.type === 'non-document-error')
      .map((m) => `${path.relative(site.dir, m.url.replace(/^file:/, ''))}:${m.lastLine ?? '?'} ${m.type}${m.subType ? '/' + m.subType : ''}: ${m.message}`);
    expect(problems).toEqual([]);
  }, 120_000);
});

describe('html-validate (standard, a11y and document presets)', () => {
  it('finds no error in any page', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:standard', 'html-validate:a11y', 'html-validate:document'] });
    const problems: string[] = [];
    for (const file of htmlFiles) {
      const report = await validator.validateString(read(file), file);
      for (const r of report.results) for (const m of r.messages) problems.push(`${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
    expect(htmlFiles.length).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  }, 60_000);
});

describe('links, anchors and assets', () => {
  /** The output file a site URL path is served from, or undefined when nothing would be served. */
  function fileFor(urlPath: string): string | undefined {
    const p = decodeURIComponent(urlPath).replace(/^\//, '');
    for (const candidate of p === '' || p.endsWith('/') ? [`${p}index.html`] : [p]) if (fs.existsSync(path.join(site.dir, candidate)) && fs.statSync(path.join(site.dir, candidate)).isFile()) return candidate;
    return undefined;
  }
  const idsCache = new Map<string, Set<string>>();
  function idsOf(file: string): Set<string> {
    let ids = idsCache.get(file);
    if (!ids) idsCache.set(file, (ids = new Set([...read(file).matchAll(/\sid="([^"]+)"/g)].map((m) => decode(m[1]!)))));
    return ids;
  }

  /** Every reference in a file: links, sources, srcsets, absolute URLs on the site's own domain, CSS url(). */
  function referencesIn(file: string): string[] {
    const body = read(file);
    const refs: string[] = [];
    if (file.endsWith('.html')) {
      for (const m of body.matchAll(/\s(?:href|src|action|poster)="([^"]*)"/g)) refs.push(decode(m[1]!));
      for (const m of body.matchAll(/\ssrcset="([^"]*)"/g)) for (const part of decode(m[1]!).split(',')) refs.push(part.trim().split(/\s+/)[0]!);
      for (const m of body.matchAll(/\scontent="(https?:[^"]*)"/g)) refs.push(decode(m[1]!));
      // URLs in structured data (not @id, which names a thing and need not be an anchor).
      const walk = (v: unknown, key = ''): void => {
        if (typeof v === 'string' && key !== '@id' && /^https?:/.test(v)) refs.push(v);
        else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, Array.isArray(v) ? key : k);
      };
      for (const m of body.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) walk(JSON.parse(m[1]!));
    }
    if (file.endsWith('.html') || file.endsWith('.css')) for (const m of body.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)) refs.push(m[1]!);
    if (file.endsWith('.xml')) for (const m of body.matchAll(/<loc>([^<]+)<\/loc>|\shref="([^"]+)"/g)) refs.push(decode(m[1] ?? m[2]!));
    if (file === 'robots.txt') for (const m of body.matchAll(/^Sitemap:\s*(\S+)/gm)) refs.push(m[1]!);
    return refs;
  }

  it('every internal link, anchor and asset reference in dist/ resolves', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of files.filter((f) => /\.(html|css|xml|txt)$/.test(f))) {
      const pageUrl = new URL(urlOf(file).replace(/^\//, ''), BASE_URL);
      for (const ref of referencesIn(file)) {
        if (/^(mailto|tel|data):/i.test(ref)) continue;
        const target = new URL(ref, pageUrl);
        if (target.origin !== new URL(BASE_URL).origin) continue;
        checked++;
        const targetFile = fileFor(target.pathname);
        if (!targetFile) {
          broken.push(`${file}: ${ref} (no file for ${target.pathname})`);
          continue;
        }
        const fragment = decodeURIComponent(target.hash.slice(1));
        if (fragment && targetFile.endsWith('.html') && !idsOf(targetFile).has(fragment)) broken.push(`${file}: ${ref} (no id="${fragment}" in ${targetFile})`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(2000);
  });
});

describe('the head of every page', () => {
  it('has lang, charset first, viewport, a unique title, a description, an absolute canonical URL, Open Graph, Twitter card, favicon and feed', () => {
    const titles = new Map<string, string>();
    const problems: string[] = [];
    for (const file of htmlFiles) {
      const html = read(file);
      const head = /<head>([\s\S]*?)<\/head>/.exec(html)?.[1] ?? '';
      const need = (ok: boolean, what: string) => ok || problems.push(`${file}: ${what}`);
      need(/^<!DOCTYPE html>\s*<html lang="en">/.test(html), 'doctype and <html lang="en">');
      need(/^\s*<meta charset="utf-8">/.test(head), 'charset as the first element of <head>');
      need(head.includes('<meta name="viewport" content="width=device-width, initial-scale=1">'), 'viewport');
      const title = decode(/<title>([^<]*)<\/title>/.exec(head)?.[1] ?? '');
      need(title.length > 0, 'a title');
      if (titles.has(title)) problems.push(`${file}: title "${title}" also used by ${titles.get(title)}`);
      titles.set(title, file);
      const description = attr(head, /<meta name="description"[^>]*>/, 'content') ?? '';
      need(description.length >= 50 && description.length <= 320, `a meta description of 50 to 320 characters, not "${description}"`);
      const canonical = attr(head, /<link rel="canonical"[^>]*>/, 'href') ?? '';
      need(canonical === new URL(urlOf(file).replace(/^\//, ''), BASE_URL).href, `canonical ${canonical} is this page's absolute URL`);
      for (const p of ['og:type', 'og:site_name', 'og:title', 'og:description', 'og:url', 'og:image', 'og:image:alt']) need(new RegExp(`<meta property="${p}" content="[^"]+">`).test(head), p);
      need(attr(head, /<meta property="og:url"[^>]*>/, 'content') === canonical, 'og:url equals the canonical URL');
      need(/^https:\/\/juniperstone\.example\.com\/.+\.(png|jpe?g)$/.test(attr(head, /<meta property="og:image"[^>]*>/, 'content') ?? ''), 'og:image is an absolute PNG or JPEG URL');
      need(/<meta name="twitter:card" content="summary(_large_image)?">/.test(head), 'twitter:card');
      need(/<link rel="icon" href="[^"]+"/.test(head), 'favicon');
      need(/<link rel="alternate" type="application\/atom\+xml" title="[^"]+" href="\/feed.xml">/.test(head), 'feed autodiscovery');
    }
    expect(problems).toEqual([]);
  });

  it('posts are articles with their own image for sharing', () => {
    const html = read('blog/carrier-oils-explained/index.html');
    expect(html).toContain('<meta property="og:type" content="article">');
    expect(html).toContain('<meta property="article:published_time" content="2025-09-09T00:00:00-04:00">');
    expect(html).toMatch(/<meta property="og:image" content="https:\/\/juniperstone\.example\.com\/media\/posts\/carrier-oils-explained\.png">/);
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image">');
  });
});

describe('structured data (JSON-LD)', () => {
  type Thing = Record<string, any>;
  const jsonLd = (file: string): Thing[] => [...read(file).matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Thing);

  it('parses on every page, and never lets text close the script element', () => {
    for (const file of htmlFiles) {
      for (const m of read(file).matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
        expect(m[1], file).not.toMatch(/<|>/);
        expect(() => JSON.parse(m[1]!), file).not.toThrow();
      }
    }
  });

  it('describes the organization on the home page, and each location as a DaySpa with its own @id', () => {
    const home = jsonLd('index.html');
    expect(home.find((t) => t['@type'] === 'Organization')).toMatchObject({ '@id': `${BASE_URL}#organization`, name: 'Juniper & Stone Massage', url: BASE_URL });
    const ids = new Set<string>();
    for (const slug of ['millbrook', 'oak-hollow']) {
      const biz = jsonLd(`locations/${slug}/index.html`).find((t) => t['@type'] === 'DaySpa');
      expect(biz, slug).toBeDefined();
      expect(biz!['@id']).toBe(`${BASE_URL}locations/${slug}/#business`);
      expect(biz!.url).toBe(`${BASE_URL}locations/${slug}/`);
      expect(biz!.telephone).toMatch(/^\+1 /);
      expect(biz!.address).toMatchObject({ '@type': 'PostalAddress', addressRegion: 'NC', addressCountry: 'US' });
      expect(biz!.geo).toMatchObject({ '@type': 'GeoCoordinates' });
      expect(biz!.openingHoursSpecification.length).toBeGreaterThan(3);
      ids.add(biz!['@id']);
    }
    expect(ids.size).toBe(2);
  });

  it('describes a post as a BlogPosting with dates in the site zone, author and image', () => {
    const post = jsonLd('blog/diffuser-safety-with-pets/index.html').find((t) => t['@type'] === 'BlogPosting');
    expect(post).toMatchObject({
      headline: 'Using an essential oil diffuser safely around pets',
      datePublished: '2026-03-17T00:00:00-04:00',
      dateModified: '2026-09-22T00:00:00-04:00',
      author: { name: 'Juniper & Stone Massage' },
      image: `${BASE_URL}media/posts/diffuser-safety-with-pets.svg`,
    });
  });

  it('has a BreadcrumbList that matches the visible breadcrumb on every page below the home page', () => {
    // The 404 page is served at any missing address: no trail there.
    expect(read('404.html')).not.toContain('aria-label="Breadcrumb"');
    for (const file of htmlFiles.filter((f) => f !== 'index.html' && f !== '404.html')) {
      const html = read(file);
      const nav = /<nav class="breadcrumbs[^"]*" aria-label="Breadcrumb">([\s\S]*?)<\/nav>/.exec(html)?.[1];
      expect(nav, `${file} shows a breadcrumb`).toBeDefined();
      const visible = [...nav!.matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => ({ name: decode(m[2]!), item: new URL(m[1]!.replace(/^\//, ''), BASE_URL).href }));
      const list = jsonLd(file).find((t) => t['@type'] === 'BreadcrumbList');
      expect(list, file).toBeDefined();
      expect(list!.itemListElement.map((e: Thing) => ({ name: e.name, item: e.item })), file).toEqual(visible);
    }
  });
});

describe('the example site has what a visitor of a small business looks for', () => {
  const textOf = (html: string) => decode(html.replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
  const main = (file: string) => /<main[\s\S]*<\/main>/.exec(read(file))![0];

  it('the home page: what is offered, Book now, every location with today\'s hours and the week, the latest posts', () => {
    const html = read('index.html');
    const text = textOf(main('index.html'));
    expect(html).toMatch(/<a class="button button-large" href="https:\/\/booking\.example\.com\/juniper-stone">Book now<\/a>/);
    for (const s of ['Swedish Massage', 'Deep Tissue Massage', 'Couples Massage', 'Lymphatic Massage', 'Chair Massage']) expect(text).toContain(s);
    for (const l of ['Millbrook Studio', 'Oak Hollow Studio']) expect(text).toContain(l);
    expect(text.match(/Today ?, \w+day, \w+ \d+, \d{4} ?:/g)).toHaveLength(2);
    expect(html.match(/<table class="hours"/g)).toHaveLength(2);
    expect(html.match(/<article class="card post-card">/g)).toHaveLength(3);
  });

  it('each service page shows every length and price of services.yaml', async () => {
    const { parse } = await import('yaml');
    const services = parse(fs.readFileSync(path.join(ROOT, 'content/_data/services.yaml'), 'utf8')) as { slug: string; options: { duration: number; price: number }[] }[];
    expect(services.length).toBeGreaterThanOrEqual(5);
    for (const s of services) {
      const html = read(`services/${s.slug}/index.html`);
      for (const o of s.options) expect(html, s.slug).toContain(`<td>${o.duration} min</td><td>$${o.price}</td>`);
      expect(read('services/index.html')).toContain(`href="/services/${s.slug}/"`);
    }
  });

  it('each location page: address, click-to-call, a map link without API key or script, Book at this location, holiday hours', () => {
    for (const slug of ['millbrook', 'oak-hollow']) {
      const html = main(`locations/${slug}/index.html`);
      expect(html).toMatch(/<a href="tel:\+1\d{10}">Call \+1 [\d-]+<\/a>/);
      const map = decode(/<a href="(https:\/\/www\.google\.com\/maps\/search\/[^"]+)">Open the map/.exec(html)?.[1] ?? '');
      expect(map).toMatch(/query=/);
      expect(map).not.toMatch(/key=/);
      expect(html).toContain('>Book at this location</a>');
      expect(html).toContain('Holiday and special hours');
      expect(read(`locations/${slug}/index.html`)).not.toMatch(/<script src=|<iframe/);
    }
  });

  it('the blog: at least 15 posts in 3 categories, with tags, images with alt text, paginated index and category pages, prev/next and related posts with dates', () => {
    const posts = files.filter((f) => /^blog\/(?!page\/|category\/|tag\/)[^/]+\/index\.html$/.test(f));
    expect(posts.length).toBeGreaterThanOrEqual(15);
    expect(files.filter((f) => /^blog\/category\/[^/]+\/index\.html$/.test(f))).toHaveLength(3);
    expect(files).toContain('blog/page/2/index.html');
    expect(files.some((f) => /^blog\/category\/[^/]+\/page\/2\/index\.html$/.test(f))).toBe(true);
    for (const f of posts) {
      const html = main(f);
      expect(html, f).toMatch(/<img src="\/media\/posts\/[^"]+" alt="[^"]{20,}" width="1200" height="675"/);
      expect(html, f).toMatch(/rel="tag"/);
      const related = /<section class="section related"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
      expect(related.match(/<time datetime=/g)?.length, f).toBeGreaterThanOrEqual(3);
      expect(/<nav class="wrap post-nav"[\s\S]*?<\/nav>/.exec(html)![0], f).toMatch(/<time datetime="\d{4}-\d\d-\d\dT/);
    }
  });

  it('offers, membership, about, careers, fees and policies, client forms and a 404 page exist and are in the menu', () => {
    const nav = /<nav class="main-nav"[\s\S]*?<\/nav>/.exec(read('index.html'))![0];
    for (const url of ['/offers/', '/offers/membership/', '/offers/gift-cards/', '/about/', '/about/careers/', '/about/policies/', '/about/client-forms/', '/contact/']) {
      expect(files, url).toContain(`${url.slice(1)}index.html`);
      expect(nav, url).toContain(`href="${url}"`);
    }
    expect(nav.match(/<nav /g)).toHaveLength(1);
    expect(read('index.html').match(/class="main-nav"/g), 'the menu is in the page once').toHaveLength(1);
    expect(textOf(main('404.html'))).toContain('Page not found');
  });

  it('the contact page lists every location and has a form posting to contactForm.action, with a honeypot', () => {
    const html = main('contact/index.html');
    expect(html).toContain('<form class="panel contact-form" method="post" action="https://forms.example.com/juniper-stone"');
    for (const l of ['Millbrook Studio', 'Oak Hollow Studio']) expect(textOf(html)).toContain(l);
    expect(html).toMatch(/<div class="hp"><label for="cf-website">[^<]+<\/label><input id="cf-website" name="website" type="text" tabindex="-1" autocomplete="off"><\/div>/);
    expect(read('contact/index.html')).toMatch(/\.hp \{ display: none; \}/);
  });
});

describe('a long list: numbered page links with gaps', () => {
  it('shows the first, last and nearby pages, marks the gaps, and is valid and accessible HTML', async () => {
    const { buildFixture } = await import('../helpers/site.js');
    const os = await import('node:os');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-longlist-'));
    fs.cpSync(path.join(ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
    // One post per page: the example’s posts make a list of 15 pages or more.
    fs.writeFileSync(path.join(dir, 'site.config.ts'), fs.readFileSync(path.join(ROOT, 'site.config.ts'), 'utf8').replace(/postsPerPage: \d+/, 'postsPerPage: 1'));
    const built = await buildFixture(dir, { now: new Date('2030-01-15T12:00:00Z') });
    expect(built.ok, JSON.stringify(built.diagnostics)).toBe(true);
    const html = built.page('/blog/page/10/');
    const nav = /<nav class="pagination"[\s\S]*?<\/nav>/.exec(html)![0];
    const total = built.urls().filter((u) => /^\/blog\/(page\/\d+\/)?$/.test(u)).length;
    expect(total).toBeGreaterThanOrEqual(15);
    const shown = [...nav.matchAll(/<li(?: class="gap"[^>]*>…|><a href="[^"]*"[^>]*><span class="visually-hidden">Page <\/span>(\d+))/g)].map((m) => m[1] ?? '…');
    expect(shown.join(' ')).toBe(`1 … 8 9 10 11 12 … ${total}`);
    expect(nav).toContain('<li class="gap" aria-hidden="true">…</li>');
    const validator = new HtmlValidate({ extends: ['html-validate:standard', 'html-validate:a11y', 'html-validate:document'] });
    const report = await validator.validateString(html, 'blog/page/10/index.html');
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`))).toEqual([]);
  }, 60_000);
});
