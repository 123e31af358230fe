#!/usr/bin/env bash
# Builds the release front end and server, installs Lighthouse 12.2.3 into bench/node_modules if it
# is missing, and runs bench/report.mjs: sizes, Lighthouse (3 runs per page, median) and click
# latency, the server under wrk, the crash and retry drills, the planner's re-plan and start-up
# replay of 300,000 order lines, a long hostile-input run and the fuzz targets with many cases,
# written to bench/report.md and bench/report.json. Not a test: .ci/run
# does not run it. About 15 minutes on 2 cores after scripts/setup.sh, 25 when it builds from cold.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
source scripts/env.sh
if ! command -v wrk >/dev/null; then
  echo "== installing wrk (Debian)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
LIGHTHOUSE_VERSION=12.2.3
FUZZ_CASES=20000
if [ "$(bench/node_modules/.bin/lighthouse --version 2>/dev/null)" != "$LIGHTHOUSE_VERSION" ]; then
  echo "== installing lighthouse $LIGHTHOUSE_VERSION into bench/node_modules"
  npm install --prefix bench --no-save --no-audit --no-fund "lighthouse@$LIGHTHOUSE_VERSION"
fi
echo "== building (release front end, server profile)"
scripts/build-front.sh >/dev/null
cargo build --profile server -p configurator-server
echo "== measuring"
source scripts/postgres.sh
trap stop_postgres EXIT
start_postgres
echo "== drills (crash and retry; a failed check is reported, not fatal)"
rm -f target/bench-drills.json
DRILLS_JSON="$PWD/target/bench-drills.json" BENCH_DATABASE_URL="$POSTGRES_URL" \
  SERVER_BIN="$PWD/target/server/configurator-server" \
  cargo bench -p configurator-server --bench drills || echo "the drills found a problem (above)"
echo "== planner: re-plan and start-up replay of 300,000 order lines"
rm -f target/bench-startup.json
STARTUP_JSON="$PWD/target/bench-startup.json" BENCH_DATABASE_URL="$POSTGRES_URL" \
  SERVER_BIN="$PWD/target/server/configurator-server" \
  cargo bench -p configurator-server --bench startup || echo "the start-up bench failed (above)"
echo "== hostile input: a long Schemathesis run against the server measured here"
rm -f target/bench-hostile.json
HOSTILE_JSON="$PWD/target/bench-hostile.json" SERVER_BIN="$PWD/target/server/configurator-server" \
  scripts/hostile.sh 10000 700 || echo "the hostile-input run found a problem (above)"
echo "== fuzz targets (property tests) with $FUZZ_CASES cases each"
fuzz_results=()
for target in configurator-domain:hostile_decoding configurator-server:hostile_bodies; do
  t0=$(date +%s)
  passed=true
  PROPTEST_CASES=$FUZZ_CASES cargo test --profile bench -p "${target%%:*}" --test "${target#*:}" || passed=false
  fuzz_results+=("{\"target\":\"${target#*:}\",\"cases\":$FUZZ_CASES,\"seconds\":$(($(date +%s) - t0)),\"passed\":$passed}")
done
(IFS=,; echo "[${fuzz_results[*]}]") >target/bench-fuzz.json
FUZZ_JSON="$PWD/target/bench-fuzz.json" HOSTILE_JSON="$PWD/target/bench-hostile.json" \
STARTUP_JSON="$PWD/target/bench-startup.json" DRILLS_JSON="$PWD/target/bench-drills.json" BENCH_POSTGRES_URL="$POSTGRES_URL" SERVER_BIN="$PWD/target/server/configurator-server" DIST_DIR="$PWD/dist" \
  LIGHTHOUSE="$PWD/bench/node_modules/.bin/lighthouse" node bench/report.mjs
