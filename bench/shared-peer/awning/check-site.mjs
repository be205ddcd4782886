// Content check of an Awning build against the benchmark corpus: is it "the same site" as the peers'?
//   node check-site.mjs CORPUS_DIR OUTPUT_DIR        (e.g. WORK/N100/corpus WORK/N100/awning/dist)
//
// run.sh checks every peer by grepping the sample post for the peers' markup (class="menu-item",
// class="location", rel="prev" href=...). Awning's default theme writes the same content with other
// markup, so this script checks the content itself, for every page rather than one sample:
//   - every corpus post at /posts/<slug>/ with its title (h1), date, categories and canonical URL;
//   - the blog index /blog/, /blog/page/<n>/: ⌈N/10⌉ pages listing every post, newest first;
//   - /categories/<category>/ for every category, listing (over its pages) exactly its posts, newest first;
//   - the sample post's prev (older) / next (newer) links to the manifest's neighbours;
//   - on the sample post: the main menu with the corpus menu's 25 URLs, and a footer with both
//     locations (name, street, phone) and each day's hours as in locations.yaml.
// Prints what it found and exits 1 if anything differs.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const awningRoot = path.resolve(process.env.AWNING_ROOT || path.join(here, "..", "..", ".."));
const YAML = createRequire(path.join(awningRoot, "package.json"))("yaml");

const [corpusArg, outArg] = process.argv.slice(2);
if (!corpusArg || !outArg) {
  console.error("usage: node check-site.mjs CORPUS_DIR OUTPUT_DIR");
  process.exit(2);
}
const corpusDir = path.resolve(corpusArg);
const outDir = path.resolve(outArg);
const manifest = JSON.parse(fs.readFileSync(path.join(corpusDir, "manifest.json"), "utf8"));
const perPage = Number(manifest.per_page) || 10;

const problems = [];
const problem = (msg) => { if (problems.length < 50) problems.push(msg); else if (problems.length === 50) problems.push("…"); };
const read = (url) => {
  const f = path.join(outDir, url, "index.html");
  return fs.existsSync(f) ? fs.readFileSync(f, "utf8") : null;
};
const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const attr = (tag, name) => (new RegExp(`\\b${name}="([^"]*)"`).exec(tag) || [])[1];
/** The first <a …> whose attributes include rel="<rel>", in any attribute order: its href. */
const relHref = (html, rel) => {
  for (const m of html.matchAll(/<a\s[^>]*>/g)) if (attr(m[0], "rel") === rel) return attr(m[0], "href") ?? null;
  return null;
};

// ---------------------------------------------------------------- the corpus
const posts = [];
for (const f of fs.readdirSync(path.join(corpusDir, "posts"))) {
  if (!f.endsWith(".md")) continue;
  const text = fs.readFileSync(path.join(corpusDir, "posts", f), "utf8");
  const fm = YAML.parse(/^---\n([\s\S]*?)\n---\n/.exec(text)[1]);
  posts.push({ slug: f.slice(0, -3), title: fm.title, date: Date.parse(fm.date), categories: fm.categories ?? [] });
}
const newestFirst = posts.slice().sort((a, b) => b.date - a.date);
const data = (f) => YAML.parse(fs.readFileSync(path.join(corpusDir, "data", f), "utf8"));
const site = data("site.yaml");
const baseUrl = String(site.url).replace(/\/?$/, "");

// ---------------------------------------------------------------- post pages
let postPages = 0;
for (const p of posts) {
  const url = `/posts/${p.slug}/`;
  const html = read(url);
  if (html == null) { problem(`missing post page ${url}`); continue; }
  postPages++;
  const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html);
  if (!h1 || unescape(h1[1].trim()) !== p.title) problem(`${url}: h1 is ${JSON.stringify(h1 && h1[1])}, corpus title ${JSON.stringify(p.title)}`);
  const canonical = /<link rel="canonical" href="([^"]*)"/.exec(html);
  if (!canonical || canonical[1] !== `${baseUrl}${url}`) problem(`${url}: canonical ${canonical && canonical[1]}`);
  const time = /<p class="meta">\s*<time datetime="([^"]*)"/.exec(html);
  if (!time || Date.parse(time[1]) !== p.date) problem(`${url}: date ${time && time[1]}, corpus ${new Date(p.date).toISOString()}`);
  const eyebrow = /<p class="eyebrow">([\s\S]*?)<\/p>/.exec(html);
  const cats = eyebrow ? [...eyebrow[1].matchAll(/href="\/categories\/([^"/]+)\/"/g)].map((m) => m[1]) : [];
  if (cats.join(",") !== p.categories.join(",")) problem(`${url}: categories ${cats.join(",")}, corpus ${p.categories.join(",")}`);
}

// ---------------------------------------------------------------- paginated lists
/** Follows /<base>/, /<base>/page/2/, … and returns the pages found and the post slugs listed, in order. */
function listing(base) {
  const slugs = [];
  let pages = 0;
  for (let n = 1; ; n++) {
    const html = read(n === 1 ? base : `${base}page/${n}/`);
    if (html == null) break;
    pages++;
    for (const m of html.matchAll(/class="card-title"><a href="\/posts\/([^"/]+)\/"/g)) slugs.push(m[1]);
  }
  return { pages, slugs };
}
const sameList = (got, want) => got.length === want.length && got.every((s, i) => s === want[i]);

const blog = listing("/blog/");
const wantBlogPages = Math.ceil(posts.length / perPage);
if (blog.pages !== wantBlogPages) problem(`/blog/: ${blog.pages} pages, expected ${wantBlogPages}`);
if (!sameList(blog.slugs, newestFirst.map((p) => p.slug))) problem(`/blog/ pages do not list the ${posts.length} posts newest first (listed ${blog.slugs.length})`);

let categoryPages = 0;
let categoryListPages = 0;
for (const c of manifest.categories) {
  const want = newestFirst.filter((p) => p.categories.includes(c)).map((p) => p.slug);
  const got = listing(`/categories/${c}/`);
  if (got.pages === 0) { problem(`missing category page /categories/${c}/`); continue; }
  categoryPages++;
  categoryListPages += got.pages;
  if (!sameList(got.slugs, want)) problem(`/categories/${c}/: lists ${got.slugs.length} posts, corpus has ${want.length} (or not newest first)`);
  if (got.pages !== Math.ceil(want.length / perPage)) problem(`/categories/${c}/: ${got.pages} pages for ${want.length} posts`);
}

// ---------------------------------------------------------------- the sample post: prev/next, menu, footer
const sampleUrl = `/posts/${manifest.sample.slug}/`;
const sample = read(sampleUrl) ?? "";
const wantPrev = manifest.sample.prev ? `/posts/${manifest.sample.prev}/` : null;
const wantNext = manifest.sample.next ? `/posts/${manifest.sample.next}/` : null;
const gotPrev = relHref(sample, "prev");
const gotNext = relHref(sample, "next");
if (gotPrev !== wantPrev || gotNext !== wantNext) problem(`${sampleUrl}: prev/next ${gotPrev} ${gotNext}, expected ${wantPrev} ${wantNext}`);

// The theme shows an item with children as a disclosure whose first link goes to the item's own URL
// ("Massage: overview"), so the nav holds one link per corpus menu entry.
const menus = data("menus.yaml");
const flat = (items) => items.flatMap((i) => [i.url, ...flat(i.children ?? [])]).filter((u) => u != null);
const wantMenu = flat(menus.main ?? []).sort();
const nav = /<nav class="main-nav"[\s\S]*?<\/nav>/.exec(sample);
const gotMenu = nav ? [...nav[0].matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]).sort() : [];
if (!sameList(gotMenu, wantMenu)) problem(`${sampleUrl}: main menu links ${gotMenu.length} (${gotMenu.join(" ")}), corpus menu ${wantMenu.length}`);

const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const toMinutes = (t) => {
  const m = /(\d{1,2}):(\d{2})\s*(AM|PM)?/i.exec(t);
  let h = Number(m[1]) % (m[3] ? 12 : 24);
  if (m[3] && m[3].toUpperCase() === "PM") h += 12;
  return h * 60 + Number(m[2]);
};
const corpusLocations = data("locations.yaml").locations ?? [];
const footerBlocks = [...sample.matchAll(/<div class="footer-location">([\s\S]*?)<\/dl>/g)].map((m) => m[1]);
if (footerBlocks.length !== corpusLocations.length) problem(`${sampleUrl}: ${footerBlocks.length} footer locations, corpus ${corpusLocations.length}`);
let hoursRows = 0;
corpusLocations.forEach((loc, i) => {
  const block = footerBlocks[i] ?? "";
  for (const want of [loc.name, loc.address?.street, loc.phone]) {
    if (want && !unescape(block).includes(String(want))) problem(`${sampleUrl}: footer location ${i + 1} lacks ${JSON.stringify(want)}`);
  }
  // Rows group consecutive days with the same hours ("Monday – Friday"); expand them per day.
  const shown = {};
  for (const m of block.matchAll(/<dt>([^<]*)<\/dt><dd>([^<]*)<\/dd>/g)) {
    hoursRows++;
    const [from, to = from] = unescape(m[1]).split(/\s*–\s*/);
    for (let d = DAYS.indexOf(from); d >= 0 && d <= DAYS.indexOf(to); d++) shown[DAYS[d]] = unescape(m[2]);
  }
  for (const h of loc.hours ?? []) {
    const text = shown[h.day];
    if (text == null) { problem(`${sampleUrl}: ${loc.name}: no hours for ${h.day}`); continue; }
    if (h.closed) { if (!/closed/i.test(text)) problem(`${sampleUrl}: ${loc.name} ${h.day}: "${text}", corpus closed`); continue; }
    const times = text.match(/\d{1,2}:\d{2}(\s*[AP]M)?/gi) ?? [];
    if (times.length !== 2 || toMinutes(times[0]) !== toMinutes(h.open) || toMinutes(times[1]) !== toMinutes(h.close)) {
      problem(`${sampleUrl}: ${loc.name} ${h.day}: "${text}", corpus ${h.open}–${h.close}`);
    }
  }
});

// ---------------------------------------------------------------- what else Awning's default theme writes
const allHtml = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith(".html")) allHtml.push(path.relative(outDir, p));
  }
})(outDir);
const kinds = {};
for (const f of allHtml) {
  const k = /^posts\/[^/]+\/index\.html$/.test(f) ? "posts"
    : /^blog\/(page\/\d+\/)?index\.html$/.test(f) ? "blog index"
    : /^categories\/[^/]+\/index\.html$/.test(f) ? "category (first page)"
    : /^categories\/[^/]+\/page\//.test(f) ? "category (page 2+)"
    : /^categories\/index\.html$/.test(f) ? "all categories"
    : /^blog\/tag\/index\.html$/.test(f) ? "all tags"
    : /^blog\/tag\//.test(f) ? "tag pages"
    : /^locations\//.test(f) ? "locations"
    : f;
  kinds[k] = (kinds[k] ?? 0) + 1;
}

console.log(`awning content check: ${outDir}`);
console.log(`  posts ${postPages}/${posts.length} (title, date, categories, canonical); blog index ${blog.pages}/${wantBlogPages} pages listing ${blog.slugs.length} posts newest first;`);
console.log(`  categories ${categoryPages}/${manifest.categories.length} (${categoryListPages} pages with pagination); sample ${sampleUrl}: prev/next ${gotPrev === wantPrev && gotNext === wantNext ? "ok" : "BAD"},`);
console.log(`  main menu ${gotMenu.length} links (corpus ${wantMenu.length}), footer ${footerBlocks.length} locations with ${hoursRows} hours rows`);
console.log(`  html files: ${allHtml.length} = ${Object.entries(kinds).map(([k, v]) => `${v} ${k}`).join(", ")}`);
if (problems.length) {
  console.log(`  !! ${problems.length} problem(s):`);
  for (const p of problems) console.log(`     ${p}`);
  process.exit(1);
}
console.log("  ok: same content and URLs as the corpus says every peer must produce");
