#!/usr/bin/env bash
# Builds the front end's three release builds into dist/ (Trunk, wasm-opt), writes each file's
# precompressed neighbours (`.gz` by zopfli, `.br` by brotli -q 11, which the server answers when the
# client accepts them) and prints their sizes:
#   dist/          the public build (index.html): catalog, configurator, sign-in
#   dist/compare-build/  the compare build (compare.html): the side-by-side comparison alone
#   dist/office/   the back-office build (office.html): every page, with the cart, orders and plan
#   dist/embed/    the partner sites' build (crates/embed): `embed.js`, the `/embed` frame page and
#                  the Embedding page, with stable names (partners' pages name them)
# The public build goes first: Trunk empties dist/ before writing it.
set -euo pipefail
cd "$(dirname "$0")/.."
trunk build --release
trunk build compare.html --release --dist dist/compare-build --public-url /compare-build/
trunk build office.html --release --dist dist/office --public-url /office/
# The embed build: a cdylib with exported functions, so wasm-bindgen's `web` target, by hand.
cargo build --release --offline --target wasm32-unknown-unknown -p configurator-embed
mkdir -p dist/embed
wasm-bindgen --target web --no-typescript --out-dir dist/embed \
  target/wasm32-unknown-unknown/release/configurator_embed.wasm
# The features rustc enables by default, as index.html gives them to Trunk's wasm-opt.
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  dist/embed/configurator_embed_bg.wasm -o dist/embed/configurator_embed_bg.wasm
cp crates/embed/web/*.{js,html,css} dist/embed/
for file in dist/*.{wasm,js,css,html} dist/compare-build/*.{wasm,js,css,html} dist/office/*.{wasm,js,css,html} \
  dist/embed/*.{wasm,js,html,css}; do
  [ -f "$file" ] || continue
  zopfli -c "$file" >"$file.gz" &
  brotli -q 11 -f -o "$file.br" "$file"
  wait
done
echo "release sizes (raw / gzip by zopfli / brotli 11):"
for file in dist/*.wasm dist/*.js dist/*.css dist/index.html dist/compare-build/*.wasm \
  dist/compare-build/*.js dist/office/*.wasm dist/office/*.js dist/embed/*.wasm dist/embed/*.js; do
  [ -f "$file" ] || continue
  printf '  %-48s %8d B / %7d B / %7d B\n' "${file#dist/}" "$(stat -c %s "$file")" \
    "$(stat -c %s "$file.gz")" "$(stat -c %s "$file.br")"
done
