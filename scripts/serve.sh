#!/usr/bin/env bash
# One command on a fresh machine: installs what is missing, builds the
# release app and serves it on http://127.0.0.1:8080 with the embedded demo.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
exec trunk serve --release --address 127.0.0.1 --port 8080
