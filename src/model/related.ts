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
 *
 * Exact, and fast on big blogs: tags are scored through an inverted index; categories, which are
 * few and broad, through groups of posts with the same category set. All posts of a group score
 * the same for a category-only match, so only the newest k of each group can make the list.
 */
export function relatedPosts(posts: readonly RelatedInput[], k: number): Map<string, string[]> {
  // Watch mode rebuilds the model on every save, and most saves change no post's terms or order.
  // Titles only order posts of the same date, and the order is in the key: a retitled post whose
  // place does not change reuses the last result.
  const key = `${k}\u0000${posts.map((p) => `${p.id}\u0001${p.categories.join('\u0002')}\u0001${p.tags.join('\u0002')}`).join('\u0000')}`;
  if (key === lastKey && lastResult) return lastResult;
  const result = computeRelated(posts, k);
  lastKey = key;
  lastResult = result;
  return result;
}
let lastKey = '';
let lastResult: Map<string, string[]> | undefined;

/** The last answer with what it was computed from, for the build cache (see seedRelated). */
export function lastRelated(): { key: string; result: Map<string, string[]> } | undefined {
  return lastResult ? { key: lastKey, result: lastResult } : undefined;
}

/**
 * Give the memo an answer stored by an earlier build: the key is the whole input (ids in order,
 * categories, tags, k), so an answer for the same key is the answer.
 */
export function seedRelated(key: string, result: Map<string, string[]>): void {
  lastKey = key;
  lastResult = result;
}

function computeRelated(posts: readonly RelatedInput[], k: number): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (k <= 0) {
    for (const p of posts) out.set(p.id, []);
    return out;
  }
  const n = posts.length;
  const ids = new Map<string, number>();
  const termIds = (names: readonly string[], prefix: string) => [...new Set(names)].map((t) => ids.get(prefix + t) ?? (ids.set(prefix + t, ids.size), ids.size - 1));
  const cats = posts.map((p) => termIds(p.categories, 'c:'));
  const tags = posts.map((p) => termIds(p.tags, 't:'));
  // Shared categories are counted for every candidate: with at most 31 categories, as the bits in
  // common of two masks (one bit per category) rather than by searching one list in the other.
  const catBit = new Map<number, number>();
  for (const cs of cats) for (const c of cs) if (!catBit.has(c)) catBit.set(c, catBit.size);
  const useMasks = catBit.size <= 31;
  const maskOf = (cs: readonly number[]) => (useMasks ? cs.reduce((m, c) => m | (1 << catBit.get(c)!), 0) : 0);
  const catMask = Int32Array.from(cats, maskOf);
  // Posting lists, newest first (posts are given newest first).
  const byTag = new Map<number, number[]>();
  const byCat = new Map<number, number[]>();
  const push = (m: Map<number, number[]>, key: number, j: number) => {
    const list = m.get(key);
    if (list) list.push(j);
    else m.set(key, [j]);
  };
  // Groups of posts with the same category set.
  const groups = new Map<string, { cats: number[]; posts: number[] }>();
  for (let j = 0; j < n; j++) {
    for (const t of tags[j]!) push(byTag, t, j);
    for (const c of cats[j]!) push(byCat, c, j);
    const key = [...cats[j]!].sort((a, b) => a - b).join(',');
    const g = groups.get(key);
    if (g) g.posts.push(j);
    else if (cats[j]!.length) groups.set(key, { cats: cats[j]!, posts: [j] });
  }
  const groupList = [...groups.values()].map((g) => ({ ...g, mask: maskOf(g.cats) }));
  const tagScore = new Int32Array(n);
  // Candidates met through a shared tag, and the tag lists as typed arrays (the hot loop below).
  const touched = new Int32Array(n);
  const tagLists = new Map([...byTag].map(([t, list]) => [t, Int32Array.from(list)] as const));
  const shared = (a: readonly number[], b: readonly number[]) => {
    let s = 0;
    for (const x of a) if (b.includes(x)) s++;
    return s;
  };
  const bits = (x: number) => {
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  };
  const sharedCats = (i: number, j: number) => (useMasks ? bits(catMask[i]! & catMask[j]!) : shared(cats[i]!, cats[j]!));
  // Best k as parallel arrays: candidate index and score, ordered best first.
  const bestJ: number[] = [];
  const bestS: number[] = [];
  const offer = (j: number, score: number) => {
    let at = bestJ.length;
    // Most candidates are no better than the k-th best: reject them at once.
    if (at === k && (score < bestS[k - 1]! || (score === bestS[k - 1]! && j > bestJ[k - 1]!))) return;
    // Better = higher score, then a lower index: posts come sorted newest first, then by title.
    while (at > 0 && (score > bestS[at - 1]! || (score === bestS[at - 1]! && j < bestJ[at - 1]!))) at--;
    if (at >= k) return;
    bestJ.splice(at, 0, j);
    bestS.splice(at, 0, score);
    if (bestJ.length > k) {
      bestJ.pop();
      bestS.pop();
    }
  };
  for (let i = 0; i < n; i++) {
    const ci = cats[i]!;
    let nTouched = 0;
    for (const t of tags[i]!) {
      const list = tagLists.get(t)!;
      for (let x = 0; x < list.length; x++) {
        const j = list[x]!;
        if (j === i) continue;
        if (tagScore[j] === 0) touched[nTouched++] = j;
        tagScore[j] = tagScore[j]! + 1;
      }
    }
    bestJ.length = 0;
    bestS.length = 0;
    for (let x = 0; x < nTouched; x++) {
      const j = touched[x]!;
      const score = 2 * sharedCats(i, j) + tagScore[j]!;
      // Most candidates are no better than the k-th best: skip them without a call.
      if (bestJ.length === k && (score < bestS[k - 1]! || (score === bestS[k - 1]! && j > bestJ[k - 1]!))) continue;
      offer(j, score);
    }
    if (ci.length) {
      for (const g of groupList) {
        const s = useMasks ? bits(catMask[i]! & g.mask) : shared(ci, g.cats);
        if (s === 0) continue;
        let taken = 0;
        for (const j of g.posts) {
          if (taken >= k) break;
          if (j === i || tagScore[j] !== 0) continue;
          offer(j, 2 * s);
          taken++;
        }
      }
    }
    for (let x = 0; x < nTouched; x++) tagScore[touched[x]!] = 0;
    const chosen = [...bestJ];
    const topUp = (j: number) => {
      if (chosen.length < k && j !== i && !chosen.includes(j)) chosen.push(j);
    };
    if (chosen.length < k && ci.length) for (const j of byCat.get(ci[0]!)!) if (chosen.length < k) topUp(j); else break;
    for (let j = 0; j < n && chosen.length < k; j++) topUp(j);
    out.set(posts[i]!.id, chosen.map((j) => posts[j]!.id));
  }
  return out;
}
