#!/usr/bin/env bash
# Sets up what is missing, builds the front end, and runs the server with demo accounts at
# http://127.0.0.1:8080 (embedded SQLite in var/, the sample catalog from data/). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
echo "== building the front end (release, wasm-opt: the public, compare, back-office and embed builds)"
scripts/build-front.sh
echo "== building the server"
cargo build --profile server -p configurator-server
echo "== starting: open http://127.0.0.1:8080"
exec target/server/configurator-server --listen 127.0.0.1:8080 --dist dist --demo "$@"
