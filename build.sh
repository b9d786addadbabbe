#!/usr/bin/env bash
# Builds the corpus viewer: dist/index.html, one self-contained page (HTML, CSS, JS and the
# Wasm module with the corpus and its index inlined) that works from file:// and over http.
#
#   ./build.sh [--corpus DIR] [--out DIR]
#
# DIR defaults to seeds/ (the embedded corpus) and the output to dist/. Installs what is
# missing: the wasm32 target, the wasm-bindgen CLI of the version Cargo.toml pins, and the npm
# packages of package-lock.json (binaryen's wasm-opt among them).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
corpus="$here/seeds"
out="$here/dist"

absolute() { case "$1" in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$PWD/$1" ;; esac; }
while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) [ $# -ge 2 ] || { echo "build.sh: --corpus needs a folder" >&2; exit 2; }; corpus="$(absolute "$2")"; shift 2 ;;
    --out) [ $# -ge 2 ] || { echo "build.sh: --out needs a folder" >&2; exit 2; }; out="$(absolute "$2")"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument '$1' (see ./build.sh --help)" >&2; exit 2 ;;
  esac
done
[ -d "$corpus" ] || { echo "build.sh: corpus folder '$corpus' does not exist" >&2; exit 2; }

cd "$here"
target="${CARGO_TARGET_DIR:-$here/target}"
step() { printf '==> %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "installing the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

bindgen_version="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)"
if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$bindgen_version" ]; then
  step "installing wasm-bindgen-cli $bindgen_version (takes a few minutes)"
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
fi

step "indexing $corpus"
cargo run --quiet --release --bin corpus-viewer -- index "$corpus" "$target/corpus/index.bin"

step "compiling the Wasm module with the index embedded"
CORPUS_INDEX="$target/corpus/index.bin" cargo build --quiet --release --lib --target wasm32-unknown-unknown

step "generating the JavaScript bindings"
wasm-bindgen --target no-modules --out-dir "$target/pkg" "$target/wasm32-unknown-unknown/release/corpus_viewer.wasm"

step "optimizing the Wasm module for size"
node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$target/pkg/corpus_viewer_bg.wasm" -o "$target/pkg/corpus_viewer_bg.opt.wasm"

step "assembling $out/index.html"
cargo run --quiet --release --bin corpus-viewer -- bundle www/index.html \
  "$target/pkg/corpus_viewer.js" "$target/pkg/corpus_viewer_bg.opt.wasm" www/corpus-viewer.js "$out/index.html"
