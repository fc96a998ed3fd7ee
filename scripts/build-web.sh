#!/usr/bin/env bash
# Builds the app's four pages into dist/, each its own release wasm bundle:
#   index.html      the partner's order calculator (channel-quote-web)
#   quotation.html  its printable quotation, 报价单 (channel-quote-quotation)
#   plan.html       the sales staff's plan studio   (channel-quote-studio)
#   chain.html      the channel chain               (channel-quote-chain)
# Trunk builds one page per run and always names it index.html, so the
# other pages are built aside and copied in under their own
# names; their hashed file names never collide with the calculator's.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
trunk build --release=true index.html
for page in quotation plan chain; do
  aside="target/trunk-$page"
  trunk build --release=true --dist "$aside" "$page.html"
  for f in "$aside"/*; do
    case "$(basename "$f")" in
      index.html) cp "$f" "dist/$page.html" ;;
      *) cp -r "$f" dist/ ;;
    esac
  done
done
