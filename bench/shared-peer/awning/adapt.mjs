// Awning adapter for the side-by-side benchmark (../shared/bench): corpus -> Awning site.
//   node adapt.mjs CORPUS_DIR PROJECT_DIR
// The site uses Awning's DEFAULT theme: no templates/ folder is written.
// Layout produced:
//   PROJECT/site.config.ts              permalinks /posts/:slug/ and /categories/, 10 posts per page,
//                                       broken links only warn (the corpus menu names pages no peer makes)
//   PROJECT/content/_data/site.yaml     CORPUS/data/site.yaml as it is (extra keys pass through)
//   PROJECT/content/_data/locations.yaml  the corpus' `locations:` list in Awning's schema: address and
//                                       geo flattened, hours as `monday: ["10:00-21:00"]` / `sunday: closed`
//   PROJECT/content/_data/menus.yaml    `main:` with name -> label, url kept, children kept
//   PROJECT/content/posts/<slug>.md     CORPUS/posts with `image: {src, alt}` -> `image` + `image_alt`;
//                                       the body is copied byte for byte
//
// Self-contained on purpose (no import of ../lib/adapt-util.mjs): this folder lives in the Awning
// repository (bench/shared-peer/awning) and is linked into the harness as peers/awning, and Node
// resolves an ES module's imports from its real path. YAML is read and written with the `yaml`
// package Awning itself depends on, resolved from the Awning checkout (AWNING_ROOT, else the
// repository this file lives in).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const awningRoot = path.resolve(process.env.AWNING_ROOT || path.join(here, "..", "..", ".."));
if (!fs.existsSync(path.join(awningRoot, "bin", "awning.js"))) {
  console.error(`awning/adapt.mjs: no Awning checkout at ${awningRoot} (set AWNING_ROOT)`);
  process.exit(1);
}
const YAML = createRequire(path.join(awningRoot, "package.json"))("yaml");

// ---------------------------------------------------------------- arguments (as adapt-util's parseAdapterArgs)
const [corpusArg, projectArg] = process.argv.slice(2);
if (!corpusArg || !projectArg) {
  console.error("usage: node awning/adapt.mjs CORPUS_DIR PROJECT_DIR");
  process.exit(2);
}
const corpusDir = path.resolve(corpusArg);
const projectDir = path.resolve(projectArg);
if (!fs.existsSync(path.join(corpusDir, "manifest.json"))) {
  console.error(`awning/adapt.mjs: ${corpusDir} is not a corpus (no manifest.json); run gen-corpus.mjs first`);
  process.exit(2);
}
const manifest = JSON.parse(fs.readFileSync(path.join(corpusDir, "manifest.json"), "utf8"));
fs.rmSync(projectDir, { recursive: true, force: true });
const dataDir = path.join(projectDir, "content", "_data");
const postsDir = path.join(projectDir, "content", "posts");
fs.mkdirSync(dataDir, { recursive: true });
fs.mkdirSync(postsDir, { recursive: true });

const readYaml = (f) => YAML.parse(fs.readFileSync(path.join(corpusDir, "data", f), "utf8"));
const writeYaml = (f, value, header) =>
  fs.writeFileSync(path.join(dataDir, f), `${header ? `# ${header}\n` : ""}${YAML.stringify(value, { lineWidth: 0 })}`);

// ---------------------------------------------------------------- site.yaml
// Awning's site schema is loose: name, tagline, description, phone, email, booking_url and social are
// what the default theme shows; the corpus' `url` and `language` pass through unused.
const site = readYaml("site.yaml");
fs.copyFileSync(path.join(corpusDir, "data", "site.yaml"), path.join(dataDir, "site.yaml"));

// ---------------------------------------------------------------- locations.yaml
const DAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const minutes = (hhmm) => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(String(hhmm).trim());
  if (!m) throw new Error(`awning/adapt.mjs: unexpected time "${hhmm}" in locations.yaml`);
  return Number(m[1]) * 60 + Number(m[2]);
};
const hhmm = (t) => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(String(t).trim());
  return `${m[1].padStart(2, "0")}:${m[2]}`;
};
/** [{day: Monday, open, close} | {day, closed: true}] -> {monday: ["10:00-21:00"], sunday: closed}. */
function convertHours(list, where) {
  const week = {};
  for (const entry of list ?? []) {
    const day = String(entry.day).trim().toLowerCase();
    if (!DAY_NAMES.includes(day)) throw new Error(`awning/adapt.mjs: ${where}: unknown day "${entry.day}"`);
    if (entry.closed) {
      if (!(day in week)) week[day] = "closed";
      continue;
    }
    // A close time at or before the open time runs past midnight: Awning writes that as "+1".
    const interval = `${hhmm(entry.open)}-${hhmm(entry.close)}${minutes(entry.close) <= minutes(entry.open) ? "+1" : ""}`;
    week[day] = Array.isArray(week[day]) ? [...week[day], interval] : [interval];
  }
  // Every day explicitly (a day Awning does not find is closed anyway), in week order.
  return Object.fromEntries(DAY_NAMES.map((d) => [d, week[d] ?? "closed"]));
}
const corpusLocations = readYaml("locations.yaml").locations ?? [];
const locations = corpusLocations.map((l) => {
  const a = l.address ?? {};
  const out = {
    name: l.name,
    slug: l.slug,
    street: a.street,
    city: a.city,
    region: a.region,
    postal_code: String(a.postal_code),
    country: a.country,
    phone: l.phone,
  };
  if (l.email) out.email = l.email;
  if (l.geo?.lat != null) out.latitude = Number(l.geo.lat);
  if (l.geo?.lng != null) out.longitude = Number(l.geo.lng);
  if (l.booking_url) out.booking_url = l.booking_url;
  out.hours = convertHours(l.hours, l.name);
  return out;
});
// Hours as README writes them: monday: ["10:00-21:00"].
const locationsDoc = new YAML.Document(locations);
YAML.visit(locationsDoc, {
  Pair(_, pair) {
    if (YAML.isScalar(pair.key) && DAY_NAMES.includes(pair.key.value) && YAML.isSeq(pair.value)) {
      pair.value.flow = true;
      for (const s of pair.value.items) s.type = "QUOTE_DOUBLE";
    }
  },
});
writeYaml("locations.yaml", locationsDoc, "From the benchmark corpus' locations.yaml (address and geo flattened, hours per day).");

// ---------------------------------------------------------------- menus.yaml
// Corpus items are {name, url, children}; Awning's are {label, page | url, children}. The URLs are kept
// as they are (the same links every peer renders); several point to pages no peer builds (/, /services/…,
// /packages/…, /about/…), which is why site.config.ts sets checks.brokenLinks to 'warning'.
const convertItem = (item) => {
  const out = { label: item.name ?? item.label };
  if (item.url != null) out.url = item.url;
  if (item.children?.length) out.children = item.children.map(convertItem);
  return out;
};
const corpusMenus = readYaml("menus.yaml");
const menus = Object.fromEntries(Object.entries(corpusMenus).map(([name, items]) => [name, items.map(convertItem)]));
writeYaml("menus.yaml", menus, "From the benchmark corpus' menus.yaml (name -> label).");

// ---------------------------------------------------------------- posts
// Only the front matter is rewritten; the Markdown body is copied unchanged.
let n = 0;
let images = 0;
for (const f of fs.readdirSync(path.join(corpusDir, "posts"))) {
  if (!f.endsWith(".md")) continue;
  const text = fs.readFileSync(path.join(corpusDir, "posts", f), "utf8");
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!m) throw new Error(`awning/adapt.mjs: ${f} has no front matter`);
  const fm = YAML.parse(m[1]);
  const out = {};
  for (const [k, v] of Object.entries(fm)) {
    if (k === "image" && v && typeof v === "object") {
      out.image = v.src;
      if (v.alt != null) out.image_alt = v.alt;
      images++;
    } else {
      out[k] = v;
    }
  }
  fs.writeFileSync(path.join(postsDir, f), `---\n${YAML.stringify(out, { lineWidth: 0 })}---\n${text.slice(m[0].length)}`);
  n++;
}

// ---------------------------------------------------------------- site.config.ts
const baseUrl = String(site.url || "https://www.example.com/").replace(/\/?$/, "/");
fs.writeFileSync(
  path.join(projectDir, "site.config.ts"),
  `// Written by bench/shared-peer/awning/adapt.mjs for the side-by-side benchmark. Default theme.
import { defineConfig } from 'awning';

export default defineConfig({
  title: ${JSON.stringify(site.name || "SSG benchmark")},
  baseUrl: ${JSON.stringify(baseUrl)},
  language: ${JSON.stringify(site.language || "en")},
  // The corpus dates are UTC timestamps; the peers show them in UTC.
  timeZone: 'UTC',
  // The peers' URLs: /posts/<slug>/, /blog/ + /blog/page/<n>/, /categories/<category>/.
  permalinks: { post: '/posts/:slug/', blog: '/blog/', category: '/categories/' },
  postsPerPage: ${Number(manifest.per_page) || 10},
  // The peers print the corpus' opening times as they are (10:00–21:00): same clock here.
  hours: { clock: '24h' },
  // Post images (/images/posts/*.jpg) and many menu URLs point to files and pages that no peer makes.
  checks: { brokenLinks: 'warning' },
});
`,
);

console.log(`awning: ${n} posts (${images} with an image), ${locations.length} locations, ${Object.keys(menus).join("+")} menu -> ${projectDir}`);
