#!/usr/bin/env bash
# Prints the path of a Node binary of the given major version (22 or 24), at the exact version
# pinned in scripts/runtimes.json, fetched from the npm registry into a cache on first use.
set -euo pipefail
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ] && [ "$(node -p 'process.versions.node.split(".")[0]')" = "$1" ]; then
  command -v node; exit 0
fi
exec bash "$(dirname "$0")/runtime-binary.sh" "node$1"
