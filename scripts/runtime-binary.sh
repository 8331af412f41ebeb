#!/usr/bin/env bash
# Prints the path of a runtime binary (node22, node24, bun, deno, workerd) at the exact version
# pinned in scripts/runtimes.json, installing it from its npm registry package into
# ~/.cache/virtfusion-sdk/<name> the first time (or when the pin changes).
set -euo pipefail
name="$1"
here="$(cd "$(dirname "$0")" && pwd)"
read -r package version binpath < <(node -e '
  const pins = require(process.argv[1]); const pin = pins[process.argv[2]];
  if (!pin || typeof pin !== "object") { console.error(`unknown runtime ${process.argv[2]}; one of: ${Object.keys(pins).filter((k) => !k.startsWith("$")).join(", ")}`); process.exit(1); }
  console.log(pin.package, pin.version, pin.bin);
' "$here/runtimes.json" "$name")
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  # The pinned packages are Linux x64 builds; elsewhere use the runtime on PATH.
  command -v "${name%%[0-9]*}" && exit 0
  echo "no $name binary for $(uname -s)-$(uname -m): install it and put it on PATH" >&2
  exit 1
fi
cache="${VIRTFUSION_NODE_CACHE:-$HOME/.cache/virtfusion-sdk}/$name"
dir="$cache/node_modules/$package"
installed="$(node -p 'require(process.argv[1]).version' "$dir/package.json" 2>/dev/null || true)"
if [ ! -x "$dir/$binpath" ] || [ "$installed" != "$version" ]; then
  mkdir -p "$cache"
  [ -f "$cache/package.json" ] || echo '{"private":true}' > "$cache/package.json"
  echo "fetching $package@$version from the npm registry into $cache" >&2
  npm install --prefix "$cache" --no-save --no-audit --no-fund --loglevel=error "$package@$version" >&2
fi
echo "$dir/$binpath"
