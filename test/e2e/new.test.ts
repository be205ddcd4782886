import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, runCli } from '../helpers/site.js';

// `awning new` in a copy of a small site (cli-ok: America/Chicago), run through the real binary.

const temps: string[] = [];
let site: string;
beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'lib/cli/main.js'))) throw new Error('lib/ is not compiled: run "npm run compile".');
});
beforeEach(() => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-new-'));
  temps.push(site);
  fs.cpSync(path.join(FIXTURES, 'sites/cli-ok'), site, { recursive: true });
});
afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

const read = (f: string) => fs.readFileSync(path.join(site, f), 'utf8');
const today = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const POST = 'content/posts/spring-hours-are-here.md';

describe('awning new post', () => {
  it("writes content/posts/<slug>.md dated today in the site's time zone, with the fields a post uses", () => {
    const r = runCli(['new', 'post', 'Spring hours are here', '--category', 'Bread', '--category', 'Opening hours', '--tag', 'spring'], site);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`Created ${POST}\n`);
    const text = read(POST);
    expect(text).toMatch(/^---\ntitle: Spring hours are here\n/);
    expect(text).toContain(`\ndate: ${today('America/Chicago')}\n`);
    expect(text).toContain('\ncategories: [Bread, Opening hours]\n');
    expect(text).toContain('\ntags: [spring]\n');
    for (const field of ['description:', '# updated:', '# image:', '# image_alt:', '# draft: true']) expect(text).toContain(`\n${field}`);
  });

  it('refuses the second time, naming the file, and leaves it as it was', () => {
    expect(runCli(['new', 'post', 'Spring hours are here'], site).status).toBe(0);
    fs.appendFileSync(path.join(site, POST), 'My words.\n');
    const before = read(POST);
    const r = runCli(['new', 'post', 'Spring hours are here'], site);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`error[AWN701] ${POST}`);
    expect(r.stderr).toContain('never overwrites');
    expect(read(POST)).toBe(before);
  });

  it('--draft writes a draft: left out of the build, shown with --drafts', () => {
    expect(runCli(['new', 'post', 'Spring hours are here', '--draft'], site).status).toBe(0);
    expect(read(POST)).toMatch(/^draft: true\b/m);
    expect(runCli(['build'], site).status).toBe(0);
    expect(fs.existsSync(path.join(site, 'dist/blog/spring-hours-are-here/index.html'))).toBe(false);
    expect(runCli(['build', '--drafts'], site).status).toBe(0);
    expect(fs.existsSync(path.join(site, 'dist/blog/spring-hours-are-here/index.html'))).toBe(true);
  });

  it('builds as it is, into /blog/<slug>/', () => {
    expect(runCli(['new', 'post', 'Spring hours are here'], site).status).toBe(0);
    const r = runCli(['build'], site);
    expect(r.status, r.stderr).toBe(0);
    expect(fs.readFileSync(path.join(site, 'dist/blog/spring-hours-are-here/index.html'), 'utf8')).toContain('Spring hours are here');
  });
});

describe('awning new page and location', () => {
  it('new page writes content/<slug>.md, which builds at /<slug>/', () => {
    const r = runCli(['new', 'page', 'Gift cards'], site);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('Created content/gift-cards.md\n');
    expect(read('content/gift-cards.md')).toMatch(/^---\ntitle: Gift cards\ndescription: /);
    expect(runCli(['build'], site).status).toBe(0);
    expect(fs.existsSync(path.join(site, 'dist/gift-cards/index.html'))).toBe(true);
  });

  it('new location adds an entry to locations.yaml and writes its page text; it builds; the second time is refused', () => {
    const r = runCli(['new', 'location', 'Riverside'], site);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Created content/locations/riverside.md');
    expect(r.stdout).toContain('content/_data/locations.yaml');
    const yaml = read('content/_data/locations.yaml');
    expect(yaml).toContain('- name: Riverside\n  slug: riverside\n');
    const build = runCli(['build'], site);
    expect(build.status, build.stderr).toBe(0);
    expect(fs.readFileSync(path.join(site, 'dist/locations/riverside/index.html'), 'utf8')).toContain('Riverside');

    const again = runCli(['new', 'location', 'Riverside'], site);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/error\[AWN701\] content\/_data\/locations\.yaml:\d+/);
    expect(read('content/_data/locations.yaml')).toBe(yaml);
  });

  it('an unknown kind is a usage error naming the kinds', () => {
    const r = runCli(['new', 'widget', 'Thing'], site);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error[AWN702]');
    expect(r.stderr).toContain('awning new post "Title"');
  });
});

describe('awning eject', () => {
  it('copies a theme file into templates/, by its short name, and never overwrites it', () => {
    const r = runCli(['eject', 'post', 'partials/header.njk'], site);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('Copied templates/layouts/post.njk\nCopied templates/partials/header.njk\n');
    expect(read('templates/layouts/post.njk')).toBe(fs.readFileSync(path.join(ROOT, 'templates/layouts/post.njk'), 'utf8'));
    fs.writeFileSync(path.join(site, 'templates/layouts/post.njk'), 'mine');
    const again = runCli(['eject', 'post'], site);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('error[AWN701] templates/layouts/post.njk');
    expect(read('templates/layouts/post.njk')).toBe('mine');
  });

  it('names an unknown theme file and suggests one', () => {
    const r = runCli(['eject', 'layouts/psot.njk'], site);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error[AWN702]');
    expect(r.stderr).toContain('layouts/post.njk');
  });
});
