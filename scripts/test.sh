#!/usr/bin/env bash
# The project's test command: native engine and UI-logic tests, the SPEC
# examples through the real CLI, the engine built without any web crate,
# and (when the browser toolchain is set up) the end-to-end browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== native tests (engine, CLI, UI logic)"
cargo test --all-targets

echo "== the engine and CLI without web crates"
cargo build --release --no-default-features --bin channel-quote

echo "== SPEC examples through channel-quote"
python3 tests/spec/check_cases.py tests/spec/cases.json --bin target/release/channel-quote

if [ -x scripts/e2e.sh ]; then
  echo "== browser end-to-end tests"
  scripts/e2e.sh
fi
