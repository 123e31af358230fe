#!/usr/bin/env bash
# Builds the front end's three release builds into dist/ (Trunk, wasm-opt), writes each file's
# precompressed neighbours (`.gz` by zopfli, `.br` by brotli -q 11, which the server answers when the
# client accepts them) and prints their sizes:
#   dist/          the public build (index.html): catalog, configurator, sign-in
#   dist/compare-build/  the compare build (compare.html): the side-by-side comparison alone
#   dist/office/   the back-office build (office.html): every page, with the cart, orders and plan
# The public build goes first: Trunk empties dist/ before writing it.
set -euo pipefail
cd "$(dirname "$0")/.."
trunk build --release
trunk build compare.html --release --dist dist/compare-build --public-url /compare-build/
trunk build office.html --release --dist dist/office --public-url /office/
for file in dist/*.{wasm,js,css,html} dist/compare-build/*.{wasm,js,css,html} dist/office/*.{wasm,js,css,html}; do
  [ -f "$file" ] || continue
  zopfli -c "$file" >"$file.gz" &
  brotli -q 11 -f -o "$file.br" "$file"
  wait
done
echo "release sizes (raw / gzip by zopfli / brotli 11):"
for file in dist/*.wasm dist/*.js dist/*.css dist/index.html dist/compare-build/*.wasm \
  dist/compare-build/*.js dist/office/*.wasm dist/office/*.js; do
  [ -f "$file" ] || continue
  printf '  %-48s %8d B / %7d B / %7d B\n' "${file#dist/}" "$(stat -c %s "$file")" \
    "$(stat -c %s "$file.gz")" "$(stat -c %s "$file.br")"
done
