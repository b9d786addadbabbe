#!/usr/bin/env bash
# Runs every test: formatting; a fresh ./build.sh (the engine, the command that carries it, and
# dist/); lints; the engine's and the command's unit, integration and property tests,
# natively; then the Node tests and the browser tests against dist/index.html in Chromium,
# from file:// and over a loopback server. Installs what is missing (Chromium from Debian,
# npm packages from package-lock.json; build.sh installs the rest).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
step() { printf '==> %s\n' "$*"; }

step "checking formatting"
cargo fmt --all -- --check

step "building dist/index.html"
./build.sh
# The command's own tests build viewers with the engine that build made.
export CORPUS_VIEWER_ENGINE="${CARGO_TARGET_DIR:-$PWD/target}/engine"

step "linting (native and wasm32)"
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --lib --target wasm32-unknown-unknown -- -D warnings 2>/dev/null \
  || { rustup target add wasm32-unknown-unknown && cargo clippy --quiet --lib --target wasm32-unknown-unknown -- -D warnings; }
# The page's engine: the same library without the indexer.
cargo clippy --quiet --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings

step "engine tests"
cargo test --quiet

if [ ! -x /usr/bin/chromium ]; then
  step "installing Chromium"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

step "Node and browser tests"
node --test tests/node/*.test.mjs tests/browser/*.test.mjs
