#!/usr/bin/env bash
# The hostile-input layer: Schemathesis generates requests from the server's own OpenAPI document
# (every operation; valid and invalid bodies, wrong types, huge numbers, unicode, missing and extra
# fields; then stateful sequences, where a sign-out can end the session midway) and sends them to
# the real server on a fresh SQLite database. It fails on any 5xx, any answer or status that the
# document does not describe (the error shape included), any schema-valid request refused, any
# schema-invalid one accepted, a panic in the server's log, or fewer requests than asked for.
#   scripts/hostile.sh [MIN_REQUESTS] [MAX_EXAMPLES]   (defaults 5000 and 400: about three minutes)
# SERVER_BIN names the server binary (default: the debug build); HOSTILE_JSON, a file for the
# figures (the measurement command's report reads it). The hooks that sign in and put
# real configuration codes into schema-valid requests are scripts/hostile/hooks.py.
set -euo pipefail
cd "$(dirname "$0")/.."
min_requests=${1:-5000}
max_examples=${2:-400}
server_bin=${SERVER_BIN:-target/debug/configurator-server}
schemathesis=.tools/schemathesis/bin/st
[ -x "$schemathesis" ] || { echo "error: $schemathesis is missing: run scripts/setup.sh --test" >&2; exit 1; }
[ -x "$server_bin" ] || cargo build -p configurator-server

work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
NO_COLOR=1 "$server_bin" --listen "127.0.0.1:$port" --database-url "sqlite://$work/hostile.db" \
  --dist dist --demo >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 150); do
  curl -sf "$base/api/v1/health" >/dev/null && break
  kill -0 $server 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.1
done

status=0
started=$(date +%s)
HOSTILE_BASE_URL=$base SCHEMATHESIS_HOOKS=hooks PYTHONPATH=scripts/hostile \
  "$schemathesis" --config-file scripts/hostile/schemathesis.toml run "$base/api/v1/openapi.json" \
  --checks all --max-examples "$max_examples" --workers 1 --seed 1 --generation-database none \
  --suppress-health-check all \
  --report junit --report-dir "$work/report" || status=$?

requests=$(grep -c ' access: ' "$work/server.log" || true)
server_errors=$(grep -cE ' access: status=5[0-9]{2}' "$work/server.log" || true)
panics=$(grep -c 'panicked' "$work/server.log" || true)
seconds=$(($(date +%s) - started))
echo "hostile input: $requests requests in $seconds s, $server_errors answered 5xx, $panics panics; schemathesis exit $status"
if [ -n "${HOSTILE_JSON:-}" ]; then
  printf '{"requests":%d,"max_examples":%d,"seconds":%d,"server_errors":%d,"panics":%d,"schemathesis_exit":%d}\n' \
    "$requests" "$max_examples" "$seconds" "$server_errors" "$panics" "$status" >"$HOSTILE_JSON"
fi
if [ "$panics" != 0 ]; then grep -A5 'panicked' "$work/server.log" | head -40; fi
[ "$status" = 0 ] && [ "$server_errors" = 0 ] && [ "$panics" = 0 ] && [ "$requests" -ge "$min_requests" ] || {
  [ "$requests" -ge "$min_requests" ] || echo "error: fewer than $min_requests requests"
  exit 1
}
