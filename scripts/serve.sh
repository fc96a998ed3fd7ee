#!/usr/bin/env bash
# One command on a fresh machine: installs what is missing, builds the
# release app's three pages and serves them on http://127.0.0.1:8080 with
# the embedded demo (index.html, plan.html, chain.html).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build-web.sh
exec python3 -m http.server 8080 --bind 127.0.0.1 --directory dist
