#!/usr/bin/env bash
# Installs Next.js (about 310 MB) into .cache/next for the route-handler test; only the full suite
# (scripts/test-all.sh) calls this. Skips the download when .cache/next already holds these versions.
set -euo pipefail
cd "$(dirname "$0")/.."
target=.cache/next
if cmp -s scripts/next/package.json "$target/package.json" && [ -f "$target/node_modules/next/package.json" ]; then
  echo "Next.js $(node -p "require('./$target/node_modules/next/package.json').version") already in $target"
  exit 0
fi
mkdir -p "$target"
cp scripts/next/package.json "$target/package.json"
npm install --prefix "$target" --no-audit --no-fund --no-package-lock --loglevel=error
echo "Next.js $(node -p "require('./$target/node_modules/next/package.json').version") installed in $target"
