#!/usr/bin/env bash
# Prepares a release: applies the pending changesets (version + CHANGELOG), builds, runs the
# package checks, and shows what `npm publish` would upload. Publishing stays a separate, manual
# step: review, commit, tag, then `npx changeset publish`.
#   bash scripts/release.sh            version the working tree (leaves the changes to commit)
#   bash scripts/release.sh --dry-run  the same in a scratch copy: the tree is left untouched (CI)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dry_run=false
[ "${1:-}" = "--dry-run" ] && dry_run=true

work="$root"
if $dry_run; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  # Tracked and new files as they are now (uncommitted edits included), without ignored output.
  (cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$work" 2>/dev/null || true)
  ln -s "$root/node_modules" "$work/node_modules"
  echo "dry run in a scratch copy: $work"
elif [ -n "$(git -C "$root" status --porcelain)" ]; then
  echo "the working tree has uncommitted changes: commit or stash them first (or use --dry-run)" >&2
  exit 1
fi
cd "$work"

before="$(node -p 'require("./package.json").version')"
pending=$(find .changeset -name '*.md' ! -name 'README.md' | wc -l)
echo "=== changeset version ($pending pending changeset(s), from $before)"
npx changeset version
after="$(node -p 'require("./package.json").version')"
[ "$pending" -eq 0 ] || [ "$after" != "$before" ] || { echo "changesets were pending but the version did not move" >&2; exit 1; }
echo "version: $before -> $after"

echo "=== build"
npm run --silent build -- --silent
echo "=== package checks (publint, are-the-types-wrong)"
npm run --silent check:package
echo "=== npm pack --dry-run"
npm pack --dry-run --ignore-scripts 2>&1 | tail -n 25

if $dry_run; then
  echo "release dry run of $after: passed (nothing written outside the scratch copy, nothing published)"
else
  echo "release $after prepared: review CHANGELOG.md and package.json, commit, tag v$after, then npx changeset publish"
fi
