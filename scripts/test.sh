#!/usr/bin/env bash
# Sets up what is missing and runs every test layer: format, lints (native and wasm), native tests,
# browser tests (wasm-bindgen-test in headless Chromium), the release build with its sizes, and the
# end-to-end tests (the real server, Playwright driving Chromium). Prints one line per layer and
# exits non-zero if any layer failed.
set -uo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
scripts/setup.sh --test || { echo "setup failed"; exit 1; }
source scripts/env.sh

results=()
failed=0
layer() {
  local name=$1
  shift
  local t0=$(date +%s)
  printf '\n\033[1m== %s\033[0m\n' "$name"
  if "$@"; then
    results+=("layer $name: ok ($(($(date +%s) - t0)) s)")
  else
    results+=("layer $name: FAILED ($(($(date +%s) - t0)) s)")
    failed=$((failed + 1))
  fi
}

sizes() {
  echo "release sizes (raw / gzip -9):"
  for file in dist/*.wasm dist/*.js dist/*.css dist/index.html; do
    [ -f "$file" ] || continue
    printf '  %-48s %8d B / %7d B\n' "$(basename "$file")" "$(stat -c %s "$file")" "$(gzip -9c "$file" | wc -c)"
  done
}
release_build() { trunk build --release && sizes; }
e2e() {
  cargo build --profile server -p configurator-server &&
    SERVER_BIN="$PWD/target/server/configurator-server" DIST_DIR="$PWD/dist" node --test e2e/
}

layer format cargo fmt --all --check
layer clippy-native cargo clippy --workspace --exclude configurator --all-targets --all-features -- -D warnings
layer clippy-wasm cargo clippy -p configurator --target wasm32-unknown-unknown --all-targets -- -D warnings
layer native-tests cargo test --workspace --all-features
layer browser-tests cargo test -p configurator --target wasm32-unknown-unknown
layer release-build release_build
layer end-to-end e2e

echo
printf '%s\n' "${results[@]}"
echo "total time: $(($(date +%s) - started)) s"
echo "layers: $((${#results[@]} - failed)) passed, $failed failed"
[ "$failed" = 0 ]
