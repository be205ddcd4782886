#!/usr/bin/env bash
# Awning side by side with other static site generators, in the shared benchmark harness.
#
#   bash bench/shared-bench.sh [N ...]          e.g. bash bench/shared-bench.sh 1000 4000
#
# Copies the harness (/work/shared/bench, which may be read-only) to a scratch folder, links this
# repository's peer (bench/shared-peer/awning) into it as peers/awning, and runs its run.sh with the
# given sizes (run.sh's default: 1000 4000). Afterwards it checks the content of Awning's output
# against the corpus (bench/shared-peer/awning/check-site.mjs) for every size. See
# bench/shared-peer/awning/README.md for what is compared and how Awning's pages differ.
#
# Environment (everything else, e.g. RUNS, WARMUP, ROUNDS, SKIP_FLOORS, MAX_SINGLE_S, is passed on
# to run.sh; `bash bench/shared-bench.sh --help` prints run.sh's knobs too):
#   PEERS="awning hugo eleventy"    peers to run (run.sh's own default has no awning)
#   SHARED_BENCH=/work/shared/bench the harness to copy
#   SCRATCH=/tmp/awning-shared-bench  where the copy goes (bench/, refreshed on every run; results/)
#   WORK=/dev/shm/ssg-bench         run.sh's scratch space for corpora and projects (tmpfs, as the
#                                   harness' published results; delete it afterwards)
#   RESULTS=$SCRATCH/results/<UTC stamp>  results folder (outside the refreshed copy)
#   PATCH_PREVNEXT=1                make the copy's prev/next extraction accept either attribute
#                                   order (Awning writes href before rel); 0 leaves run.sh as it is
# Requirements are the harness's: Node 20, hyperfine, /usr/bin/time, hugo for the hugo peer
# (apt-get install -y hugo hyperfine time); run.sh runs npm ci for Eleventy when needed.
# Awning must be compiled (lib/): npm install or npm run compile in this repository.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEER_SRC="$REPO/bench/shared-peer/awning"
SHARED_BENCH="${SHARED_BENCH:-/work/shared/bench}"
SCRATCH="${SCRATCH:-/tmp/awning-shared-bench}"
export PEERS="${PEERS:-awning hugo eleventy}"
export WORK="${WORK:-/dev/shm/ssg-bench}"
export RESULTS="${RESULTS:-$SCRATCH/results/$(date -u +%Y%m%dT%H%M%SZ)}"
export AWNING_ROOT="$REPO"
PATCH_PREVNEXT="${PATCH_PREVNEXT:-1}"

if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
  echo; echo "run.sh --help:"; bash "$SHARED_BENCH/run.sh" --help
  exit 0
fi
[ -f "$SHARED_BENCH/run.sh" ] || { echo "shared-bench.sh: no harness at $SHARED_BENCH (set SHARED_BENCH)" >&2; exit 1; }
[ -f "$REPO/lib/awning.cjs" ] || { echo "shared-bench.sh: Awning is not compiled: run npm run compile in $REPO" >&2; exit 1; }

# ---------------------------------------------------------------- a fresh, writable copy of the harness
mkdir -p "$SCRATCH"
rm -rf "$SCRATCH/bench.new"
cp -r "$SHARED_BENCH" "$SCRATCH/bench.new"
chmod -R u+w "$SCRATCH/bench.new"
rm -rf "$SCRATCH/bench.new/peers/awning" "$SCRATCH/bench.new/results"
# Keep Eleventy's node_modules from the previous copy when its lock file did not change (saves npm ci).
old_modules="$SCRATCH/bench/peers/eleventy/node_modules"
if [ -d "$old_modules" ] && [ ! -d "$SCRATCH/bench.new/peers/eleventy/node_modules" ] \
   && cmp -s "$SCRATCH/bench/peers/eleventy/package-lock.json" "$SCRATCH/bench.new/peers/eleventy/package-lock.json"; then
  mv "$old_modules" "$SCRATCH/bench.new/peers/eleventy/node_modules"
fi
if [ -d "$SCRATCH/bench" ]; then chmod -R u+w "$SCRATCH/bench"; rm -rf "$SCRATCH/bench"; fi
mv "$SCRATCH/bench.new" "$SCRATCH/bench"
BENCH="$SCRATCH/bench"
# A link, so that the peer is always this checkout's (peer.sh finds the repository through it).
ln -s "$PEER_SRC" "$BENCH/peers/awning"

if [ "$PATCH_PREVNEXT" = 1 ]; then
  # run.sh reads the sample post's prev/next URLs with grep -o 'rel="prev" href="…"': the peers'
  # templates write rel before href, Awning's default theme writes <a href="…" rel="prev">. Accept
  # both orders (the peers' pages give the same result as before). Nothing else in run.sh changes.
  node - "$BENCH/run.sh" <<'JS'
const fs = require("fs");
const file = process.argv[2];
let text = fs.readFileSync(file, "utf8");
let patched = 0;
for (const rel of ["prev", "next"]) {
  const from = `grep -o 'rel="${rel}" href="[^"]*"' "$sample" | head -1 | sed 's/.*href="//; s/"$//'`;
  const to = `grep -oE 'rel="${rel}" href="[^"]*"|href="[^"]*" rel="${rel}"' "$sample" | head -1 | sed -E 's/.*href="([^"]*)".*/\\1/'`;
  if (text.includes(from)) { text = text.replace(from, to); patched++; }
}
fs.writeFileSync(file, text);
console.log(patched === 2
  ? "shared-bench.sh: run.sh (copy) now reads rel=\"prev\"/\"next\" links in either attribute order"
  : `shared-bench.sh: note: run.sh's prev/next grep was not found (${patched}/2 patched); the harness may have changed`);
JS
fi

# ---------------------------------------------------------------- run the harness
mkdir -p "$RESULTS"
echo "shared-bench.sh: harness $BENCH, peers: $PEERS, WORK=$WORK, results: $RESULTS"
rc=0
(cd "$BENCH" && bash run.sh "$@") || rc=$?

# ---------------------------------------------------------------- Awning's output against the corpus
if [[ " $PEERS " == *" awning "* ]]; then
  sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 4000)
  for n in "${sizes[@]}"; do
    out="$WORK/N$n/awning/dist"
    [ -d "$out" ] || { echo "shared-bench.sh: no Awning output at $out (N=$n); see $RESULTS/logs/awning-$n.log"; rc=1; continue; }
    echo
    node "$PEER_SRC/check-site.mjs" "$WORK/N$n/corpus" "$out" | tee "$RESULTS/awning-check-$n.txt" || rc=1
  done
fi
echo
echo "results: $RESULTS/results.md"
exit "$rc"
