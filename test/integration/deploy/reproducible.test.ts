import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, runCli, snapshot } from '../../helpers/site.js';

// Two builds of the same input on "different machines": another time zone, another locale, files
// created in another order. A fixed SOURCE_DATE_EPOCH stands for "the same moment" (the footer's
// year and today's hours depend on the day, as they must).

const temps: string[] = [];
const temp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-repro-'));
  temps.push(d);
  return d;
};
afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

function expectSame(a: Map<string, Buffer>, b: Map<string, Buffer>): void {
  expect([...b.keys()]).toEqual([...a.keys()]);
  const differ = [...a.keys()].filter((k) => !a.get(k)!.equals(b.get(k)!));
  expect(differ).toEqual([]);
}

/** Copy a folder creating its files in reverse order. */
function copyReversed(from: string, to: string): void {
  const files = [...snapshot(from).keys()].reverse();
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(to, f)), { recursive: true });
    fs.copyFileSync(path.join(from, f), path.join(to, f));
  }
}

const EPOCH = '1893499200'; // 2030-01-01T12:00:00Z: every post of the example site is published by then
const MACHINES = [
  { TZ: 'Pacific/Kiritimati', LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' },
  { TZ: 'America/Adak', LANG: 'de_DE.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
];

describe('the same input builds to the same bytes anywhere', () => {
  it('the example site: dist/, hashed names, _headers and manifest are identical across time zones and locales', () => {
    const outs = MACHINES.map((env) => {
      const out = path.join(temp(), 'site');
      // --no-cache: other runs may be filling the repository's build cache at the same moment.
      const r = runCli(['build', '--no-cache', '--out', out], ROOT, { ...env, SOURCE_DATE_EPOCH: EPOCH });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return out;
    });
    const [a, b] = outs.map(snapshot) as [Map<string, Buffer>, Map<string, Buffer>];
    expect([...a.keys()].some((k) => /^assets\/site\.[0-9a-f]{8}\.css$/.test(k))).toBe(true);
    expect(a.has('_headers')).toBe(true);
    expectSame(a, b);
    const manifests = outs.map((o) => fs.readFileSync(path.join(path.dirname(o), '.awning/site.manifest.json')));
    expect(manifests[0]!.equals(manifests[1]!)).toBe(true);
  });

  it('a site whose files were created in another order, built on another machine', () => {
    const one = temp();
    fs.cpSync(path.join(FIXTURES, 'sites/deploy-assets'), one, { recursive: true });
    const two = temp();
    copyReversed(one, two);
    const dists = [one, two].map((dir, i) => {
      const r = runCli(['build'], dir, { ...MACHINES[i]!, SOURCE_DATE_EPOCH: EPOCH });
      expect(r.status, r.stderr).toBe(0);
      return snapshot(path.join(dir, 'dist'));
    });
    expectSame(dists[0]!, dists[1]!);
  });

  it('rejects a SOURCE_DATE_EPOCH that is not a number of seconds', () => {
    const dir = temp();
    fs.cpSync(path.join(FIXTURES, 'sites/deploy-assets'), dir, { recursive: true });
    const r = runCli(['build'], dir, { SOURCE_DATE_EPOCH: 'yesterday' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('SOURCE_DATE_EPOCH must be a whole number of seconds');
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});
