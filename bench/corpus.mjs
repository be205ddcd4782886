// Deterministic business-blog corpus for Awning's benchmark: an Awning site with N posts.
//   node bench/corpus.mjs --posts 1000 --seed 42 --out /dev/shm/awning-bench/n1000
// Same N and seed give byte-identical files. Shaped like ../shared/bench's corpora: posts of 400–900
// words with headings, lists, links to other posts and a blockquote; 8 categories; 2–5 of 29 tags;
// images on ~60 % of posts; 2 locations with weekly hours; a nested 25-item menu; 10 posts per page.
import fs from 'node:fs';
import path from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const N = Number(args.posts ?? 1000);
const SEED = Number(args.seed ?? 42);
const OUT = path.resolve(args.out ?? `bench-corpus-${N}`);

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(SEED * 2654435761);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

const WORDS = 'calm muscle tension shoulder neck pressure warm stone oil lavender breath rest studio session therapist client comfort sleep posture stretch release circulation skin facial cream scent eucalyptus balance relax gentle deep tissue swedish knot back hands feet routine week morning evening water towel music quiet light room table cushion appointment booking gift membership season winter summer spring autumn care healthy steady slow long short simple easy clear fresh soft firm kind patient honest local neighborhood family friend'.split(' ');
const CATEGORIES = ['massage', 'facial', 'aromatherapy', 'hot-stone', 'prenatal', 'sports-massage', 'skincare', 'wellness'];
const WEIGHTS = [30, 15, 12, 10, 8, 10, 8, 7];
const TAGS = Array.from({ length: 29 }, (_, i) => `${pick(WORDS)}-${i}`);

const sentence = () => {
  const n = int(6, 16);
  const w = Array.from({ length: n }, () => pick(WORDS));
  if (rand() < 0.15) w[int(0, n - 1)] = `*${pick(WORDS)}*`;
  if (rand() < 0.1) w[int(0, n - 1)] = `**${pick(WORDS)}**`;
  w[0] = w[0][0].toUpperCase() + w[0].slice(1);
  return `${w.join(' ')}.`;
};
const paragraph = () => Array.from({ length: int(3, 6) }, sentence).join(' ');
const weighted = () => {
  let r = rand() * WEIGHTS.reduce((a, b) => a + b, 0);
  for (let i = 0; i < CATEGORIES.length; i++) if ((r -= WEIGHTS[i]) < 0) return CATEGORIES[i];
  return CATEGORIES[0];
};

fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(path.join(OUT, 'content/posts'), { recursive: true });
fs.mkdirSync(path.join(OUT, 'content/_data'), { recursive: true });
fs.mkdirSync(path.join(OUT, 'content/media'), { recursive: true });

const slugs = Array.from({ length: N }, (_, i) => `post-${String(i + 1).padStart(5, '0')}-${pick(WORDS)}-${pick(WORDS)}`);
const start = Date.UTC(2019, 0, 1);
const span = Date.UTC(2023, 11, 31) - start;
const minutes = new Set();
for (let i = 0; i < N; i++) {
  let m;
  do m = Math.floor((rand() * span) / 60000);
  while (minutes.has(m));
  minutes.add(m);
  const date = new Date(start + m * 60000).toISOString().slice(0, 16).replace('T', ' ');
  const cats = [...new Set([weighted(), ...(rand() < 0.3 ? [weighted()] : [])])];
  const tags = [...new Set(Array.from({ length: int(2, 5) }, () => pick(TAGS)))];
  const title = sentence().replace(/\*/g, '').slice(0, -1).split(' ').slice(0, int(4, 8)).join(' ');
  const fm = [`title: "${title}"`, `date: ${date}`, `description: "${sentence().replace(/\*/g, '')}"`, `categories: [${cats.join(', ')}]`, `tags: [${tags.join(', ')}]`];
  if (rand() < 0.6) {
    fm.push(`image: /media/${slugs[i]}.svg`, `image_alt: "${sentence().replace(/\*/g, '')}"`);
    const hue = int(0, 359);
    fs.writeFileSync(path.join(OUT, 'content/media', `${slugs[i]}.svg`), `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675"><rect width="1200" height="675" fill="hsl(${hue} 30% 85%)"/><circle cx="${int(200, 1000)}" cy="${int(150, 500)}" r="${int(60, 200)}" fill="hsl(${hue} 35% 45%)"/></svg>\n`);
  }
  const body = [];
  let words = 0;
  const target = int(400, 900);
  let links = 0;
  while (words < target) {
    const kind = rand();
    if (kind < 0.12) body.push(`## ${sentence().slice(0, -1)}`);
    else if (kind < 0.18) body.push(`### ${sentence().slice(0, -1)}`);
    else if (kind < 0.26) body.push(Array.from({ length: int(3, 5) }, () => `- ${sentence()}`).join('\n'));
    else {
      let p = paragraph();
      if (links < 4 || rand() < 0.2) {
        p += ` See [${pick(WORDS)} ${pick(WORDS)}](/blog/${slugs[int(0, N - 1)]}/).`;
        links++;
      }
      body.push(p);
    }
    words += body[body.length - 1].split(/\s+/).length;
  }
  body.splice(int(1, body.length - 1), 0, `> ${sentence()}`, `1. ${sentence()}\n2. ${sentence()}\n3. ${sentence()}`);
  fs.writeFileSync(path.join(OUT, 'content/posts', `${slugs[i]}.md`), `---\n${fm.join('\n')}\n---\n\n${body.join('\n\n')}\n`);
}

const hours = (sun) => `    monday: ["10:00-20:00"]\n    tuesday: ["10:00-20:00"]\n    wednesday: ["10:00-20:00"]\n    thursday: ["10:00-20:00"]\n    friday: ["10:00-20:00"]\n    saturday: ["09:00-13:00", "14:00-18:00"]\n    sunday: ${sun}\n`;
fs.writeFileSync(path.join(OUT, 'content/_data/site.yaml'), `name: Bench Massage\ntagline: A benchmark studio\ndescription: A business blog for benchmarks.\nphone: "+1 919-555-0100"\nemail: hello@bench.example.com\nbooking_url: https://booking.example.com/bench\nsocial:\n${['Facebook', 'Instagram', 'Pinterest', 'YouTube', 'TikTok'].map((s) => `  - name: ${s}\n    url: https://${s.toLowerCase()}.example.com/bench\n`).join('')}`);
fs.writeFileSync(
  path.join(OUT, 'content/_data/locations.yaml'),
  ['north', 'south'].map((s, i) => `- name: ${s[0].toUpperCase() + s.slice(1)} Studio\n  slug: ${s}\n  street: ${100 + i} Main Street\n  city: Raleigh\n  region: NC\n  postal_code: "2760${i}"\n  country: US\n  phone: "+1 919-555-010${i + 1}"\n  latitude: 35.7${i}\n  longitude: -78.6${i}\n  hours:\n${hours(i ? 'closed' : '["12:00-16:00"]')}`).join('\n'),
);
const child = (label, url) => `      - label: ${label}\n        url: ${url}\n`;
fs.writeFileSync(
  path.join(OUT, 'content/_data/menus.yaml'),
  `main:\n  - label: Home\n    page: index\n  - label: Services\n    url: /services/\n    children:\n${['Swedish', 'Deep tissue', 'Couples', 'Lymphatic', 'Chair'].map((l) => child(l, `/services/${l.toLowerCase().replace(' ', '-')}/`)).join('')}  - label: Locations\n    url: /locations/\n    children:\n${child('North', '/locations/north/')}${child('South', '/locations/south/')}  - label: Blog\n    page: blog\n    children:\n${CATEGORIES.slice(0, 4).map((c) => `      - label: ${c}\n        page: blog/category/${c}\n`).join('')}  - label: Offers\n    url: /offers/\n    children:\n${child('Gift cards', '/offers/gift-cards/')}${child('Membership', '/offers/membership/')}${child('Packages', '/offers/packages/')}  - label: About\n    url: /about/\n    children:\n${child('Careers', '/about/careers/')}${child('Fees', '/about/fees/')}  - label: Contact\n    url: /contact/\n`,
);
fs.writeFileSync(path.join(OUT, 'content/index.md'), '---\ntitle: Bench Massage\nlayout: home\n---\nWelcome.\n');
// Every page the menu names exists: services from data, the rest as short pages.
fs.writeFileSync(
  path.join(OUT, 'content/_data/services.yaml'),
  ['Swedish', 'Deep tissue', 'Couples', 'Lymphatic', 'Chair'].map((l) => `- name: ${l} massage\n  slug: ${l.toLowerCase().replace(' ', '-')}\n  summary: ${sentence()}\n  options:\n    - duration: 60\n      price: ${int(80, 140)}\n    - duration: 90\n      price: ${int(120, 200)}\n`).join(''),
);
for (const p of ['offers', 'offers/gift-cards', 'offers/membership', 'offers/packages', 'about', 'about/careers', 'about/fees', 'contact']) {
  fs.mkdirSync(path.dirname(path.join(OUT, 'content', `${p}.md`)), { recursive: true });
  fs.writeFileSync(path.join(OUT, 'content', `${p}.md`), `---\ntitle: ${p.split('/').pop()}\ndescription: ${sentence().replace(/\*/g, "")}\n---\n\n${paragraph()}\n`);
}
fs.writeFileSync(path.join(OUT, 'content/media/favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32"><circle cx="16" cy="16" r="14" fill="#4f6f52"/></svg>\n');
fs.writeFileSync(path.join(OUT, 'site.config.ts'), `import { defineConfig } from 'awning';\n\nexport default defineConfig({\n  title: 'Bench Massage',\n  baseUrl: 'https://bench.example.com/',\n  timeZone: 'UTC',\n  postsPerPage: 10,\n});\n`);
console.log(`corpus: ${N} posts, seed ${SEED} -> ${OUT}`);
