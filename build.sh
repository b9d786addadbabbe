#!/usr/bin/env bash
# Builds the corpus viewer for a folder of documents (.txt, .md, .html; default seeds/):
#
#   ./build.sh [--corpus DIR] [--out DIR] [--title TEXT] [--name NAME] [--force]
#
#   OUT/index.html        one self-contained page (HTML, CSS, JS, Wasm, corpus and index) that
#                         works from file:// and over http
#   OUT/corpus-viewer.js  the same viewer and corpus as one script, to embed in another page
#   OUT/NAME.corpus.js    the corpus alone, to add to a page that has a viewer script
#   OUT/NAME.index        the corpus index, for Corpus.fromBytes
#   OUT/make.html         the maker: a page that makes a viewer of a folder chosen in the browser
#   OUT/example.html      an article page with the viewer embedded
#   OUT/pkg/              the engine alone, for bundlers and Node (wasm-bindgen web target)
#   OUT/.corpus-viewer-files  what the build wrote, with each file's SHA-256
#
# OUT defaults to dist/, TEXT to the manifest's title, NAME (the value of the element's
# corpus attribute, letters, digits, - and _) to the folder's name. OUT may not be the corpus
# folder or inside it. A build replaces only files that an earlier build wrote and that are
# unchanged since; it refuses an OUT holding anything else, naming it, unless --force, which
# writes the build's own files and leaves every other file untouched (a file of the user's
# with the name of one of the build's is refused even then). Everything is built under
# target/ first and moved into OUT at the end. Installs what is missing: a C compiler, the
# wasm32 target, the wasm-bindgen CLI of the version Cargo.toml pins, and the npm packages of
# package-lock.json.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
corpus="$here/seeds"
out="$here/dist"
title=""
name=""
force=""

absolute() { case "$1" in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$PWD/$1" ;; esac; }
while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) [ $# -ge 2 ] || { echo "build.sh: --corpus needs a folder" >&2; exit 2; }; corpus="$(absolute "$2")"; shift 2 ;;
    --out) [ $# -ge 2 ] || { echo "build.sh: --out needs a folder" >&2; exit 2; }; out="$(absolute "$2")"; shift 2 ;;
    --title) [ $# -ge 2 ] || { echo "build.sh: --title needs a text" >&2; exit 2; }; title="$2"; shift 2 ;;
    --name) [ $# -ge 2 ] || { echo "build.sh: --name needs a name" >&2; exit 2; }; name="$2"; shift 2 ;;
    --force) force=1; shift ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument '$1' (see ./build.sh --help)" >&2; exit 2 ;;
  esac
done
[ -d "$corpus" ] || { echo "build.sh: corpus folder '$corpus' does not exist" >&2; exit 2; }
[ -n "$name" ] || name="$(basename "$corpus" | tr -c 'A-Za-z0-9_\n-' '-')"
[[ "$name" =~ ^[A-Za-z0-9_-]+$ ]] || { echo "build.sh: --name may hold only ASCII letters, digits, - and _" >&2; exit 2; }

cd "$here"
target="${CARGO_TARGET_DIR:-$here/target}"
step() { printf '==> %s\n' "$*"; }

output_args=(--corpus "$corpus"); [ -z "$force" ] || output_args+=(--force)
# A dist/ from before builds listed their files: its files of the build's names are its own.
if [ "$out" = "$here/dist" ] && [ ! -e "$out/.corpus-viewer-files" ]; then output_args+=(--adopt-earlier-build); fi
# Fails early, before anything is compiled, when an earlier build left the command behind
# (the build checks again before it writes anything).
if [ -x "$target/release/corpus-viewer" ]; then
  step "checking the output folder $out"
  "$target/release/corpus-viewer" check-output --out "$out" "${output_args[@]}"
fi

# The command's allocator (mimalloc) is C, compiled by the cc crate.
if ! command -v cc >/dev/null 2>&1; then
  step "installing a C compiler (gcc)"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq gcc libc6-dev >/dev/null
fi

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

engine="$target/engine"

optimize() {
  node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue "$1" -o "$1"
}
# Runs wasm-bindgen on the module cargo just compiled, for each "TARGET:FOLDER" given, and
# optimizes the result, unless the module is the one last processed into FOLDER.
bindings() {
  local compiled="$target/wasm32-unknown-unknown/release/corpus_viewer.wasm" spec
  local stamp; stamp="$(sha256sum "$compiled" | cut -d' ' -f1) $bindgen_version"
  for spec in "$@"; do
    local folder="${spec#*:}"
    if [ "$(cat "$folder/stamp" 2>/dev/null)" = "$stamp" ] && [ -f "$folder/corpus_viewer_bg.wasm" ]; then continue; fi
    rm -rf "$folder"
    step "generating the JavaScript bindings and optimizing: ${folder#"$target/"}"
    wasm-bindgen --target "${spec%%:*}" --out-dir "$folder" "$compiled"
    if [ "${spec%%:*}" = no-modules ]; then
      # The glue resolves its own script's address against the page's, which throws in a page
      # opened from a blob: address (the maker's preview, a download opened in place); the
      # address is only a default the viewer never uses, so a failure leaves it unset.
      local line='script_src = new URL(document.currentScript.src, location.href).toString();'
      grep -qF "$line" "$folder/corpus_viewer.js" || { echo "build.sh: the wasm-bindgen glue changed: $line is gone" >&2; exit 1; }
      sed -i "s|$line|try { $line } catch (_) { /* see build.sh */ }|" "$folder/corpus_viewer.js"
    fi
    optimize "$folder/corpus_viewer_bg.wasm"
    printf '%s\n' "$stamp" > "$folder/stamp"
  done
}

# The engine holds no corpus and no indexer: it is built once, and processed again only when
# its code changes.
step "compiling the engine (Wasm)"
cargo build --quiet --release --lib --target wasm32-unknown-unknown --no-default-features
mkdir -p "$engine"
bindings "no-modules:$engine/page" "web:$engine/pkg"

# The indexer in Wasm: the same Rust that reads documents and builds indexes, for Node and
# browsers.
step "compiling the indexer (Wasm)"
cargo build --quiet --release --lib --target wasm32-unknown-unknown
bindings "web:$engine/indexer" "no-modules:$engine/indexer-page"

# The interface: the modules of www/viewer/ (and the CSS they import, as text) bundled into one
# classic script, replaced only when it changes.
node_modules/.bin/esbuild www/viewer/main.js --bundle --format=iife --loader:.css=text --charset=utf8 \
  --target=es2022 --log-level=warning --outfile="$engine/interface.js.new"
if cmp -s "$engine/interface.js.new" "$engine/interface.js"; then rm "$engine/interface.js.new"
else mv "$engine/interface.js.new" "$engine/interface.js"; fi

# The command carries the engine and the interface: making a viewer is indexing and writing.
step "building the corpus-viewer command with the engine inside"
CORPUS_VIEWER_ENGINE="$engine" cargo build --quiet --release --bin corpus-viewer

# The npm package: the same command on Node alone (the indexer in Wasm), with the engine and
# the interface; packed as target/corpus-viewer-VERSION.tgz, made again only when a file of it
# changes.
package="$target/npm/package"
rm -rf "$package.new" && mkdir -p "$package.new/engine" "$package.new/pkg" "$package.new/indexer"
cp src/npm/package.json src/npm/README.md src/npm/*.mjs "$package.new/"
cp "$engine/page/corpus_viewer.js" "$package.new/engine/glue.js"
cp "$engine/indexer-page/corpus_viewer.js" "$package.new/engine/indexer-glue.js"
cp "$engine/interface.js" www/index.html www/make.html www/make.js www/example.html "$package.new/engine/"
for file in corpus_viewer.js corpus_viewer.d.ts corpus_viewer_bg.wasm corpus_viewer_bg.wasm.d.ts; do
  cp "$engine/pkg/$file" "$package.new/pkg/"
  cp "$engine/indexer/$file" "$package.new/indexer/"
done
chmod +x "$package.new/corpus-viewer.mjs"
tarball="$target/corpus-viewer-$(sed -n 's/^  "version": "\(.*\)",$/\1/p' src/npm/package.json).tgz"
if [ -f "$tarball" ] && diff -r -q "$package.new" "$package" >/dev/null 2>&1; then rm -rf "$package.new"
else
  rm -rf "$package" && mv "$package.new" "$package"
  step "packing the npm package: ${tarball#"$here/"}"
  (cd "$package" && npm pack --quiet --pack-destination "$target" >/dev/null)
fi

step "making the viewer for $corpus"
build_args=(--out "$out" --name "$name" --work "$target/corpus")
[ -z "$title" ] || build_args+=(--title "$title")
"$target/release/corpus-viewer" build "$corpus" "${build_args[@]}" "${output_args[@]:2}"
