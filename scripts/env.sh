# Sourced by the scripts: puts the pinned tools on PATH.
export PATH="$HOME/.cargo/bin:$(pwd)/tests/e2e/node_modules/.bin:$PATH"
