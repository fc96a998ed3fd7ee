#!/usr/bin/env bash
# The project's test command: installs what is missing, then runs the
# native tests (engine, CLI, UI logic), the SPEC examples through the real
# CLI, the engine built without any web crate, and the end-to-end browser
# tests against the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
source scripts/env.sh

echo "== native tests (engine, CLI, UI logic), every workspace crate"
cargo test --workspace --all-targets
cargo test --workspace --doc

echo "== the reference receiver (cargo feature receiver), started by its tests"
cargo test --features receiver --test receiver

echo "== the engine depends on no web or command-line crate"
if cargo tree -p channel-quote-engine -e normal --prefix none | grep -iE '^(yew|wasm-bindgen|web-sys|js-sys|gloo|clap)[ -]'; then
  echo "channel-quote-engine must not depend on the crates above" >&2
  exit 1
fi
cargo build --release -p channel-quote --bin channel-quote

echo "== SPEC examples through channel-quote"
python3 tests/spec/check_cases.py tests/spec/cases.json --bin target/release/channel-quote
python3 tests/spec/check_cases.py tests/spec/plan-cases.json --bin target/release/channel-quote
python3 tests/spec/check_cases.py tests/spec/cases-v2.json --bin target/release/channel-quote
python3 tests/spec/check_cases.py tests/spec/chain-cases.json --bin target/release/channel-quote
if cargo tree -p channel-quote -e normal --prefix none | grep -iE '^(axum|tokio|rusqlite|tower-http)[ -]'; then
  echo "the plain CLI must not build the receiver's crates" >&2
  exit 1
fi

echo "== browser end-to-end tests (release build, headless Chromium)"
scripts/e2e.sh
