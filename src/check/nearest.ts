/** Edit distance between two strings (insertions, deletions, substitutions). */
export function distance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Up to `max` candidates close to `wanted` (a typo away, or sharing its last path segment), closest first. */
export function nearest(wanted: string, candidates: readonly string[], max = 2): string[] {
  const last = (s: string) => s.split('/').filter(Boolean).pop() ?? '';
  const limit = Math.max(2, Math.floor(wanted.length / 4));
  return [...new Set(candidates)]
    .map((c) => ({ c, d: distance(wanted, c) }))
    .filter(({ c, d }) => d <= limit || (last(c) !== '' && last(c) === last(wanted)))
    .sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : 1))
    .slice(0, max)
    .map(({ c }) => c);
}
