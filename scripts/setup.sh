#!/usr/bin/env bash
# Installs what the build and tests need on a fresh machine, skipping each
# tool that is already present at the right version.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v python3 >/dev/null || { apt-get update && apt-get install -y python3; }
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
