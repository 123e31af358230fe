#!/usr/bin/env bash
# Sets up what is missing and runs every test layer: format, lints (native and wasm), native tests,
# browser tests (wasm-bindgen-test in headless Chromium), the release build with its sizes, the
# end-to-end tests (the real server, Playwright driving Chromium) and the hostile-input layer
# (Schemathesis against the real server, from its OpenAPI document). Prints one line per layer and
# exits non-zero if any layer failed.
set -uo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
scripts/setup.sh --test || { echo "setup failed"; exit 1; }
source scripts/env.sh

# A throwaway PostgreSQL cluster under /tmp (fsync off: tests need no durability) for the
# server's storage and API tests, which run on SQLite and, through TEST_DATABASE_URL, on
# PostgreSQL. REQUIRE_TEST_DATABASE makes those tests fail rather than skip if the URL is missing;
# a cluster that does not start fails the run.
source scripts/postgres.sh
test_postgres() { start_postgres -c fsync=off && export TEST_DATABASE_URL="$POSTGRES_URL"; }
trap stop_postgres EXIT
export REQUIRE_TEST_DATABASE=1

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

e2e() {
  # The debug build shares its dependencies with the native tests: no second optimised compile.
  cargo build -p configurator-server &&
    SERVER_BIN="$PWD/target/debug/configurator-server" DIST_DIR="$PWD/dist" node --test e2e/
}

layer format cargo fmt --all --check
layer clippy-native cargo clippy --workspace --exclude configurator --all-targets --all-features -- -D warnings
layer clippy-wasm cargo clippy -p configurator -p configurator-embed --target wasm32-unknown-unknown --all-targets -- -D warnings
layer postgres test_postgres
layer native-tests cargo test --workspace --all-features
layer browser-tests cargo test -p configurator --target wasm32-unknown-unknown
layer release-build scripts/build-front.sh
layer end-to-end e2e
layer hostile-input scripts/hostile.sh

echo
printf '%s\n' "${results[@]}"
echo "total time: $(($(date +%s) - started)) s"
echo "layers: $((${#results[@]} - failed)) passed, $failed failed"
[ "$failed" = 0 ]
