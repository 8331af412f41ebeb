#!/usr/bin/env bash
# The whole check, as CI runs it: typecheck, OpenAPI lint, generated-code and coverage-doc drift,
# unit tests on Node 22 and 24, build, package lint, types resolution, the runtime smokes (Node,
# Bun, Deno, workerd), the guides' code samples, a consumer smoke test and a release dry run.
set -euo pipefail
cd "$(dirname "$0")/.."

node22="$(bash scripts/node-binaries.sh 22)"
node24="$(bash scripts/node-binaries.sh 24)"
export PATH="$(dirname "$node22"):$PATH"

step() { printf '\n=== %s (at %s s)\n' "$*" "$SECONDS"; }

# Runs the named functions side by side (most steps are one process on one core, and the machine
# has at least two), each into its own log; prints the logs whole, in the order named, once all
# have ended, and fails if any lane failed. Call it as a plain command, never under `if`, `||` or
# `&&`: bash turns errexit off inside a function called there, and a lane would run on past a failure.
side_by_side() {
  local logs lane status=0
  logs="$(mktemp -d)"
  local -a pids=()
  for lane in "$@"; do
    ( "$lane" ) > "$logs/$lane.log" 2>&1 &
    pids+=("$!")
  done
  local i=0
  for lane in "$@"; do
    wait "${pids[$i]}" || { status=1; echo "--- lane '$lane' FAILED (its output follows)"; }
    cat "$logs/$lane.log"
    i=$((i + 1))
  done
  return "$status"
}

typecheck() {
  step "typecheck"
  npx tsc -p tsconfig.json --noEmit
}

checks_and_build() {
  step "OpenAPI document: lint and vendor examples"
  npm run --silent lint:openapi
  step "generated code is up to date"
  npm run --silent generate:check
  step "docs/api-coverage.md is up to date"
  npm run --silent docs:coverage:check
  # Before the unit tests: the CLI tests run the built bin (dist/cli.js) as a child process.
  step "build"
  npm run --silent build -- --silent
  step "Next.js into .cache/next (about 310 MB on the first run) for the route-handler test"
  bash scripts/install-next.sh
}

step "side by side: typecheck | OpenAPI lint, drift checks, build"
side_by_side typecheck checks_and_build

# vitest.config.ts sets the workers (at least three, more than a 2-core machine has cores). The type
# tests (test/types) run on Node 24 only: what they check does not depend on the runtime.
results="$(mktemp -d)"
for bin in "$node22" "$node24"; do
  step "unit tests on Node $("$bin" --version)"
  typecheck=$([ "$bin" = "$node24" ] && echo true || echo false)
  "$bin" node_modules/vitest/vitest.mjs run --typecheck.enabled="$typecheck" --reporter=default --reporter=json --outputFile.json="$results/vitest-$("$bin" --version).json"
done

# The checks of the built package, in three lanes. The package lint (publint, are-the-types-wrong)
# is the release dry run's, on the build with the next version. Lanes that pack the package use their own
# --pack-destination. Nothing here writes dist/ or the sources; README.md's runtime table is replaced in
# one rename, outside CI, when the smokes found something new.
package_checks() {
  step "every example against the emulator"
  "$node22" --import tsx examples/run-all.ts
  step "bundle-size budgets (size-budgets.json)"
  node scripts/check-size.mjs
  step "API docs (typedoc, warnings are errors), then opened in Chromium"
  npx typedoc --logLevel Warn
  "$node22" --import tsx scripts/check-docs-site.ts
  step "consumer smoke test on Node 22 and 24"
  "$node22" test/consumers/smoke.mjs
  "$node24" test/consumers/smoke.mjs
}

# Issue 15: the built package on Node 22/24, Bun, Deno and workerd (the README table comes from the
# results), and the guides' code samples.
runtimes_and_samples() {
  step "runtime smokes against the built package: $(node -p 'Object.keys(require("./scripts/runtimes.json")).filter((k) => k[0] !== "$").join(", ")')"
  local runtime_results
  runtime_results="$(mktemp -d)"
  npx tsc -p test/runtimes/portable/tsconfig.json --noEmit
  "$node22" --import tsx test/runtimes/harness.ts --results "$runtime_results"
  node scripts/runtime-table.mjs "$runtime_results" "$([ "${CI:-}" = true ] && echo --check || echo --write)"
  step "code samples of README.md, CONTRIBUTING.md and docs/*.md: compiled against dist/, the 'run' ones against the emulator"
  "$node22" --import tsx scripts/check-samples.ts
}

release_dry_run() {
  step "release dry run (changeset version, build, package checks, npm pack --dry-run in a scratch copy)"
  local release_log
  release_log="$(mktemp)"
  bash scripts/release.sh --dry-run > "$release_log" 2>&1 || { cat "$release_log"; return 1; }
  tail -n 1 "$release_log"
}

step "side by side: examples, API docs, consumer smoke | runtime smokes, code samples | release dry run"
side_by_side package_checks runtimes_and_samples release_dry_run

# Alone, so that the figures are not taken while other steps load the machine.
step "benchmarks (quick run, figures are informative)"
"$node22" --import tsx bench/run.ts --quick
# The 2x start-up budget is enforced by `npm run bench:cli`; on a shared machine one quick run is a figure, not a verdict.
"$node22" --import tsx bench/cli-startup.ts --quick || echo "cli start-up: over the 2x budget in this quick run (re-run npm run bench:cli)"
"$node22" --expose-gc --import tsx bench/fleet-reconcile.ts --servers 20000

# One closing line for the whole run: every vitest test on both Nodes (a failure stops the run before here).
counts=$(node -e '
  const fs = require("fs"), dir = process.argv[1];
  let passed = 0, failed = 0;
  for (const f of fs.readdirSync(dir)) { const r = JSON.parse(fs.readFileSync(dir + "/" + f, "utf8")); passed += r.numPassedTests; failed += r.numFailedTests; }
  console.log(passed + " " + failed);
' "$results")
printf '\ntests: %s passed, %s failed\n' "${counts% *}" "${counts#* }"
printf "npm test took %s s\n" "$SECONDS"
