#!/usr/bin/env bash
# Builds the front end's two release builds into dist/ (Trunk, wasm-opt) and prints their sizes:
#   dist/          the public build (index.html): catalog, configurator, sign-in
#   dist/office/   the back-office build (office.html): every page, with the cart, orders and plan
# The public build goes first: Trunk empties dist/ before writing it.
set -euo pipefail
cd "$(dirname "$0")/.."
trunk build --release
trunk build office.html --release --dist dist/office --public-url /office/
echo "release sizes (raw / gzip -9):"
for file in dist/*.wasm dist/*.js dist/*.css dist/index.html dist/office/*.wasm dist/office/*.js; do
  [ -f "$file" ] || continue
  printf '  %-56s %8d B / %7d B\n' "${file#dist/}" "$(stat -c %s "$file")" "$(gzip -9c "$file" | wc -c)"
done
