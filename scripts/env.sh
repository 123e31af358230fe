# Sourced by the scripts: the tools that setup.sh installed come first on PATH. Debian's wasm-opt
# (binaryen 108) breaks the module, so npm's binaryen must be found before /usr/bin.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
unset root
