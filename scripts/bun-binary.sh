#!/usr/bin/env bash
# Prints the path of a Bun binary, installing Bun's Linux x64 package from the npm registry into
# a cache the first time. Used for the webhooks module's non-Node runtime smoke test.
set -euo pipefail
cache="${VIRTFUSION_NODE_CACHE:-$HOME/.cache/virtfusion-sdk}/bun"
bin="$cache/node_modules/@oven/bun-linux-x64/bin/bun"
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  command -v bun && exit 0
  echo "no Bun binary for $(uname -s)-$(uname -m)" >&2
  exit 1
fi
if [ ! -x "$bin" ]; then
  mkdir -p "$cache"
  [ -f "$cache/package.json" ] || echo '{"private":true}' > "$cache/package.json"
  npm install --prefix "$cache" --no-save --no-audit --no-fund --loglevel=error "@oven/bun-linux-x64@1" >&2
fi
echo "$bin"
