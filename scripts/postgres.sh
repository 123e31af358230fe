# Sourced by scripts/test.sh and bench/run.sh: `start_postgres [-c name=value]...` starts a
# throwaway PostgreSQL cluster under /tmp with those settings and exports POSTGRES_URL;
# `stop_postgres` stops it and removes its files.
pg_dir=""
start_postgres() {
  local bin port as_pg=()
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ ! -x "$bin/initdb" ]; then
    echo "error: PostgreSQL is not installed (scripts/setup.sh --test installs it)" >&2
    return 1
  fi
  pg_dir=$(mktemp -d /tmp/configurator-pg.XXXXXX)
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$pg_dir"
    as_pg=(runuser -u postgres --)
  fi
  port=$((50000 + RANDOM % 10000))
  "${as_pg[@]}" "$bin/initdb" -D "$pg_dir/data" -U postgres -A trust >"$pg_dir/initdb.log" 2>&1 &&
    "${as_pg[@]}" "$bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 30 \
      -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300 $*" start >/dev/null ||
    {
      echo "error: cannot start PostgreSQL; see $pg_dir/*.log:" >&2
      tail -n 20 "$pg_dir"/*.log >&2
      return 1
    }
  export POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on port $port (data in $pg_dir)"
}
stop_postgres() {
  [ -n "$pg_dir" ] && [ -d "$pg_dir/data" ] || return 0
  local bin as_pg=()
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)
  "${as_pg[@]}" "$bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$pg_dir"
}
