# Peer definition for the side-by-side benchmark (../shared/bench/run.sh), sourced by run.sh with
# PEER_DIR (this folder, usually linked in as peers/awning) and PEER_NAME set.
# Commands in PEER_BUILD / PEER_CLEAN run inside the generated project folder.
#
# Awning is not installed from a registry: the build runs the Awning checkout this folder belongs
# to (bench/shared-peer/awning -> the repository three levels up), or AWNING_ROOT if set. It must be
# compiled (lib/), which `npm install` / `npm run compile` in that checkout does.
if [ -z "${AWNING_ROOT:-}" ]; then
  AWNING_ROOT="$(cd -P "$PEER_DIR" 2>/dev/null && cd ../../.. && pwd)"
fi
export AWNING_ROOT
AWNING_BIN="$AWNING_ROOT/bin/awning.js"

PEER_LABEL="Awning"
PEER_NOTES="Awning's default theme (Nunjucks, fragment-cached nav + footer, related posts, JSON-LD, inlined CSS, tag pages, feed, sitemap, link check), markdown-it, validated YAML data; worker threads by default"
PEER_OUT="dist"
# Everything a build leaves besides the sources: the output, the build cache (parse cache and
# up-to-date fingerprint), the manifest folder (.awning/dist.manifest.json) and any staging folder
# a killed build left. Without .awning-cache every timed build is a cold build.
PEER_CLEAN="rm -rf dist .awning-cache .awning .dist-staging-*"
# --quiet as the other peers: only warnings and errors are printed (the corpus' missing images and
# menu pages are warnings here; hyperfine discards the output).
PEER_BUILD="node $AWNING_BIN build --quiet"
# Floors: run in PEER_DIR (this folder).
PEER_FLOORS=("node -e 0" "node $AWNING_BIN --version")

peer_setup() {
  if [ ! -f "$AWNING_BIN" ]; then
    echo "awning: no Awning checkout at $AWNING_ROOT (set AWNING_ROOT to the repository)" >&2; return 1
  fi
  if [ ! -f "$AWNING_ROOT/lib/awning.cjs" ] || [ ! -d "$AWNING_ROOT/node_modules/yaml" ]; then
    echo "awning: $AWNING_ROOT is not installed and compiled (run npm install, or npm run compile, there)" >&2; return 1
  fi
  node "$AWNING_BIN" --version > /dev/null || { echo "awning: '$AWNING_BIN --version' failed" >&2; return 1; }
}
peer_version() {
  local rev
  rev=$(git -C "$AWNING_ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')
  if [ -n "$(git -C "$AWNING_ROOT" status --porcelain -- src templates bin package.json 2>/dev/null)" ]; then rev="$rev+changes"; fi
  echo "awning $(node "$AWNING_BIN" --version) (git $rev, node $(node --version))"
}
peer_prepare() { # CORPUS_DIR PROJECT_DIR
  node "$PEER_DIR/adapt.mjs" "$1" "$2"
}
