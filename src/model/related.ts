/** Related posts: shared categories count twice, shared tags once; ties go to the newer post, then title. */
export interface RelatedInput {
  id: string;
  title: string;
  categories: readonly string[];
  tags: readonly string[];
}

/**
 * For each post (given newest first), up to k related post ids. Posts with too few scored matches
 * are topped up with the newest posts of their first category, then the newest overall.
 */
export function relatedPosts(posts: readonly RelatedInput[], k: number): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (k <= 0) {
    for (const p of posts) out.set(p.id, []);
    return out;
  }
  const index = new Map<string, number[]>();
  const keyed = posts.map((p) => [...p.categories.map((c) => `c:${c}`), ...p.tags.map((t) => `t:${t}`)]);
  keyed.forEach((keys, i) => {
    for (const key of keys) {
      let list = index.get(key);
      if (!list) index.set(key, (list = []));
      list.push(i);
    }
  });
  const scores = new Float64Array(posts.length);
  const touched: number[] = [];
  posts.forEach((post, i) => {
    for (const key of keyed[i]!) {
      const weight = key.startsWith('c:') ? 2 : 1;
      for (const j of index.get(key)!) {
        if (j === i) continue;
        if (scores[j] === 0) touched.push(j);
        scores[j] = scores[j]! + weight;
      }
    }
    // Best k by: higher score, then newer (lower index), then title. A bounded insertion keeps this O(n·k).
    const better = (a: number, b: number) => scores[a]! - scores[b]! || b - a || cmp(posts[b]!.title, posts[a]!.title);
    const chosen: number[] = [];
    for (const j of touched) {
      if (chosen.length === k && better(j, chosen[k - 1]!) <= 0) continue;
      let at = chosen.length;
      while (at > 0 && better(j, chosen[at - 1]!) > 0) at--;
      chosen.splice(at, 0, j);
      if (chosen.length > k) chosen.pop();
    }
    for (const j of touched) scores[j] = 0;
    touched.length = 0;
    if (chosen.length < k) {
      const firstCat = post.categories[0];
      const pool = [...(firstCat !== undefined ? (index.get(`c:${firstCat}`) ?? []) : []), ...posts.keys()];
      for (const j of pool) {
        if (chosen.length >= k) break;
        if (j !== i && !chosen.includes(j)) chosen.push(j);
      }
    }
    out.set(post.id, chosen.map((j) => posts[j]!.id));
  });
  return out;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
