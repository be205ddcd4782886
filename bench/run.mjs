// Awning's benchmark: cold and warm builds of generated business-blog corpora, the example site,
// and the time from saving a post to the updated page in a browser.
//   npm run bench                      1,000 and 4,000 posts, 5 runs each
//   npm run bench -- --sizes 1000 --runs 3 --serve-saves 20
//   npm run bench -- --with-16000      adds 16,000 posts
//   npm run bench -- --serve-only      only the save-to-page latency (corpora must exist)
// Builds run on tmpfs (/dev/shm) when it exists: on a disk, repeated delete-and-rebuild cycles
// inflate times. Results: a table on stdout and JSON in bench-results/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin/awning.js');
const argv = process.argv.slice(2);
const flag = (name, def) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? def : argv[i + 1];
};
const RUNS = Number(flag('runs', 5));
const SIZES = (flag('sizes', '1000,4000')).split(',').map(Number).concat(argv.includes('--with-16000') ? [16000] : []);
const SAVES = Number(flag('serve-saves', 20));
const SERVE_SIZES = (flag('serve-sizes', SIZES.filter((n) => n <= 4000).join(','))).split(',').filter(Boolean).map(Number);
const WORK = flag('work', fs.existsSync('/dev/shm') ? '/dev/shm/awning-bench' : path.join(os.tmpdir(), 'awning-bench'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

/** One `awning build` process under /usr/bin/time: wall seconds, peak RSS, pages. */
function timedBuild(cwd) {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, BIN, 'build'], { cwd, encoding: 'utf8' });
  const wall = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`build failed in ${cwd}:\n${r.stdout}\n${r.stderr}`);
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
  const pages = Number(/Built (\d+) pages/.exec(r.stdout)?.[1] ?? 0);
  return { wall, rss, pages };
}

function series(label, cwd, runs, clean) {
  const rows = [];
  for (let i = 0; i < runs; i++) {
    clean();
    rows.push(timedBuild(cwd));
  }
  const walls = rows.map((r) => r.wall);
  const result = {
    label,
    runs,
    median_s: median(walls),
    min_s: Math.min(...walls),
    max_s: Math.max(...walls),
    peak_rss_mib: Math.max(...rows.map((r) => r.rss)),
    pages: rows[0].pages,
    pages_per_s: rows[0].pages / median(walls),
  };
  console.error(`  ${label}: median ${result.median_s.toFixed(2)} s (${result.min_s.toFixed(2)}–${result.max_s.toFixed(2)}), ${Math.round(result.peak_rss_mib)} MiB`);
  return result;
}

/** Save-to-updated-page latency: edit one post's body in a running `serve`, wait until the open tab shows it. */
async function serveLatency(site, saves) {
  const { startDev } = await import(path.join(ROOT, 'lib/serve/index.js'));
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    return { skipped: 'playwright-core is not installed (npm install)' };
  }
  if (!fs.existsSync('/usr/bin/chromium')) return { skipped: "no /usr/bin/chromium: apt-get install chromium" };
  const dev = await startDev({ config: path.join(site, 'site.config.ts'), host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    const posts = fs.readdirSync(path.join(site, 'content/posts')).sort();
    const post = posts[Math.floor(posts.length / 2)];
    const file = path.join(site, 'content/posts', post);
    const original = fs.readFileSync(file, 'utf8');
    await page.goto(new URL(`/blog/${post.replace(/\.md$/, '')}/`, dev.url).href);
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/__awning/client.js')));
    await page.waitForTimeout(300);
    const times = [];
    for (let i = 0; i < saves; i++) {
      const marker = `bench-marker-${i}-${Date.now()}`;
      const t = performance.now();
      fs.writeFileSync(file, `${original}\n${marker}\n`);
      await page.waitForFunction((m) => document.body.textContent.includes(m), marker, { timeout: 30_000, polling: 'raf' });
      times.push(performance.now() - t);
      await page.waitForTimeout(50);
    }
    fs.writeFileSync(file, original);
    return { saves, median_ms: median(times), p95_ms: pct(times, 95), min_ms: Math.min(...times), max_ms: Math.max(...times) };
  } finally {
    await browser.close();
    await dev.close();
  }
}

const results = { date: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memory_gib: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version, platform: `${os.type()} ${os.release()}` }, work: WORK, builds: [], serve: [] };

fs.mkdirSync(WORK, { recursive: true });
console.error(`Awning benchmark: ${RUNS} runs per series, work folder ${WORK}`);

// The example site (the repository itself), built into a folder on tmpfs.
if (!argv.includes('--serve-only')) {
  const out = path.join(WORK, 'example-dist');
  const example = path.join(WORK, 'example');
  fs.rmSync(example, { recursive: true, force: true });
  fs.mkdirSync(example, { recursive: true });
  for (const f of ['content', 'templates', 'site.config.ts']) fs.cpSync(path.join(ROOT, f), path.join(example, f), { recursive: true });
  const rm = (f) => fs.rmSync(path.join(example, f), { recursive: true, force: true });
  results.builds.push({ corpus: 'example', kind: 'no cache', ...series('example site, no dist/, no cache', example, RUNS, () => (rm('dist'), rm('.awning-cache'))) });
  // A CI job that keeps .awning-cache/ but not dist/ (nor .awning/): the output kept in the cache is put back.
  results.builds.push({ corpus: 'example', kind: 'cache kept, no dist/', ...series('example site, cache kept, no dist/', example, RUNS, () => (rm('dist'), rm('.awning'))) });
  results.builds.push({ corpus: 'example', kind: 'warm', ...series('example site, nothing changed', example, RUNS, () => undefined) });
  void out;
}

for (const n of argv.includes('--serve-only') ? [] : SIZES) {
  const site = path.join(WORK, `n${n}`);
  if (!fs.existsSync(path.join(site, 'site.config.ts'))) {
    spawnSync(process.execPath, [path.join(ROOT, 'bench/corpus.mjs'), '--posts', String(n), '--seed', '42', '--out', site], { stdio: 'inherit' });
  }
  const clean = () => {
    fs.rmSync(path.join(site, 'dist'), { recursive: true, force: true });
    fs.rmSync(path.join(site, '.awning-cache'), { recursive: true, force: true });
  };
  results.builds.push({ corpus: n, kind: 'cold', ...series(`${n} posts, cold`, site, RUNS, clean) });
  clean();
  timedBuild(site);
  // Untimed: on this host the first few up-to-date builds after a big cold one ran 20-50 % slower
  // than later ones with the same code and inputs (4,000 posts: 0.45-0.58 s, then 0.29 s).
  for (let i = 0; i < 3; i++) timedBuild(site);
  results.builds.push({ corpus: n, kind: 'warm (nothing changed)', ...series(`${n} posts, warm`, site, RUNS, () => {}) });
  // A CI job: a fresh checkout (every input file has new times), .awning-cache/ restored, no dist/.
  const fresh = () => {
    fs.rmSync(path.join(site, 'dist'), { recursive: true, force: true });
    fs.rmSync(path.join(site, '.awning'), { recursive: true, force: true });
    const now = new Date();
    for (const f of fs.readdirSync(path.join(site, 'content'), { recursive: true })) fs.utimesSync(path.join(site, 'content', f), now, now);
  };
  results.builds.push({ corpus: n, kind: 'CI: cache kept, no dist/, fresh checkout', ...series(`${n} posts, CI: cache kept, no dist/, fresh checkout`, site, RUNS, fresh) });
  timedBuild(site);
  const one = path.join(site, 'content/posts', fs.readdirSync(path.join(site, 'content/posts')).sort()[0]);
  const text = fs.readFileSync(one, 'utf8');
  let k = 0;
  results.builds.push({ corpus: n, kind: 'warm (one post changed)', ...series(`${n} posts, one post changed`, site, RUNS, () => fs.writeFileSync(one, `${text}\nEdit ${++k}.\n`)) });
  // A new title shows on the post, its neighbours, its lists and the posts that list it as related.
  results.builds.push({
    corpus: n, kind: "warm (one post's title changed)",
    ...series(`${n} posts, one title changed`, site, RUNS, () => fs.writeFileSync(one, text.replace(/^title: .*$/m, `title: Retitled ${++k}`))),
  });
  fs.writeFileSync(one, text);
}

for (const n of SERVE_SIZES) {
  const site = path.join(WORK, `n${n}`);
  console.error(`  serve, ${n} posts: ${SAVES} saves…`);
  const r = await serveLatency(site, SAVES);
  results.serve.push({ corpus: n, ...r });
  console.error(`  serve, ${n} posts: ${r.skipped ?? `median ${r.median_ms.toFixed(0)} ms, p95 ${r.p95_ms.toFixed(0)} ms`}`);
}

const lines = ['| corpus | build | median (s) | min–max (s) | pages | pages/s | peak RSS (MiB) |', '| --- | --- | ---: | ---: | ---: | ---: | ---: |'];
for (const b of results.builds) lines.push(`| ${b.corpus} | ${b.kind} | ${b.median_s.toFixed(2)} | ${b.min_s.toFixed(2)}–${b.max_s.toFixed(2)} | ${b.pages} | ${Math.round(b.pages_per_s)} | ${Math.round(b.peak_rss_mib)} |`);
lines.push('', '| corpus | serve: save → updated page | median (ms) | p95 (ms) | min–max (ms) |', '| --- | --- | ---: | ---: | ---: |');
for (const s of results.serve) lines.push(s.skipped ? `| ${s.corpus} | skipped: ${s.skipped} | | | |` : `| ${s.corpus} | ${s.saves} saves | ${s.median_ms.toFixed(0)} | ${s.p95_ms.toFixed(0)} | ${s.min_ms.toFixed(0)}–${s.max_ms.toFixed(0)} |`);
console.log(lines.join('\n'));
const dir = path.join(ROOT, 'bench-results');
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `${results.date.replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.error(`\nResults written to ${path.relative(process.cwd(), file)}`);
