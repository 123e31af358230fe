#!/usr/bin/env bash
# Installs what building (and, with `--test`, testing) needs, checking versions first so that a
# second run takes seconds. Everything comes from crates.io, npm or Debian: nothing else is reachable.
#   scripts/setup.sh          rust target, trunk, wasm-bindgen-cli, zopfli and brotli, npm tools (wasm-opt)
#   scripts/setup.sh --test   the same, plus Chromium and ChromeDriver, PostgreSQL and Schemathesis
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130 # equals the `=` pin of wasm-bindgen in Cargo.toml
SCHEMATHESIS_VERSION=4.32.5

step() { printf '\033[1m== %s\033[0m\n' "$*"; }
apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v cargo >/dev/null; then
  echo "error: cargo is missing: install Rust with rustup first" >&2
  exit 1
fi

step "rust toolchain and wasm target"
rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || rustup target add wasm32-unknown-unknown
rustup component add clippy rustfmt >/dev/null 2>&1 || true

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  step "installing trunk $TRUNK_VERSION (about 15 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes)"
  # Not --locked: its lockfile names a crate version the registry here lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if ! command -v zopfli >/dev/null || ! command -v brotli >/dev/null; then
  step "installing zopfli and brotli (precompressed front end files)"
  apt_install zopfli brotli
fi

if ! command -v npm >/dev/null; then
  step "installing node and npm"
  apt_install nodejs npm
fi
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.setup-stamp 2>/dev/null)" != "$lock_sum" ]; then
  step "installing npm tools (binaryen's wasm-opt, playwright-core, axe-core)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" >node_modules/.setup-stamp
fi

if [ "${1:-}" = "--test" ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    step "installing Chromium and ChromeDriver from Debian"
    apt_install chromium chromium-driver
  fi
  # The hostile-input layer (scripts/hostile.sh): Schemathesis from PyPI, in a venv of its own.
  if [ "$(.tools/schemathesis/bin/st --version 2>/dev/null)" != "st, version $SCHEMATHESIS_VERSION" ]; then
    step "installing schemathesis $SCHEMATHESIS_VERSION (PyPI) into .tools/schemathesis"
    command -v python3 >/dev/null || apt_install python3 python3-venv
    if ! python3 -m venv --clear .tools/schemathesis >/dev/null 2>&1; then
      apt_install python3-venv
      python3 -m venv --clear .tools/schemathesis
    fi
    .tools/schemathesis/bin/pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  fi
  # The server's storage tests also run on PostgreSQL: test.sh starts a throwaway cluster.
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    step "installing PostgreSQL from Debian"
    apt_install postgresql
  fi
fi
step "tools ready"
