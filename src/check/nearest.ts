/** Edit distance between two strings (insertions, deletions, substitutions). */
export function distance(a: string, b: string): number {
  return bounded(a, b, Infinity);
}

/** The edit distance if it is at most `limit`, else some number above `limit` (found without the whole table). */
function bounded(a: string, b: string, limit: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // Every later row is at least this row's smallest value.
    if (rowMin > limit) return limit + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

const lastSegment = (s: string) => s.split('/').filter(Boolean).pop() ?? '';

/** Candidate lists seen before (a site's page URLs are asked about once per broken link): deduplicated, with last segments. */
const prepared = new WeakMap<readonly string[], { list: string[]; lasts: string[] }>();

/** Up to `max` candidates close to `wanted` (a typo away, or sharing its last path segment), closest first. */
export function nearest(wanted: string, candidates: readonly string[], max = 2): string[] {
  let p = prepared.get(candidates);
  if (!p) {
    const list = [...new Set(candidates)];
    prepared.set(candidates, (p = { list, lasts: list.map(lastSegment) }));
  }
  const limit = Math.max(2, Math.floor(wanted.length / 4));
  const wantedLast = lastSegment(wanted);
  const found: { c: string; d: number }[] = [];
  p.list.forEach((c, i) => {
    const sameLast = p.lasts[i] !== '' && p.lasts[i] === wantedLast;
    let d = bounded(wanted, c, limit);
    if (d > limit) {
      if (!sameLast) return;
      d = distance(wanted, c);
    }
    found.push({ c, d });
  });
  return found
    .sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : 1))
    .slice(0, max)
    .map(({ c }) => c);
}
