#!/usr/bin/env bash
# Builds the release app and drives it in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/build-web.sh
# The reference receiver the submission tests start (cargo feature receiver).
cargo build --release --features receiver --bin channel-quote
cd tests/e2e
node --test --test-concurrency=1 *.test.mjs
