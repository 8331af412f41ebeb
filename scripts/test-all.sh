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

step "typecheck"
npx tsc -p tsconfig.json --noEmit

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

# Three workers on two cores: most suites wait on the emulator, Redis or child processes, so one
# worker (vitest's default here) leaves the cores idle. The type tests (test/types) run on Node 24
# only: what they check does not depend on the runtime.
results="$(mktemp -d)"
for bin in "$node22" "$node24"; do
  step "unit tests on Node $("$bin" --version)"
  typecheck=$([ "$bin" = "$node24" ] && echo true || echo false)
  "$bin" node_modules/vitest/vitest.mjs run --maxWorkers=3 --typecheck.enabled="$typecheck" --reporter=default --reporter=json --outputFile.json="$results/vitest-$("$bin" --version).json"
done

step "every example against the emulator"
"$node22" --import tsx examples/run-all.ts

step "bundle-size budgets (size-budgets.json)"
node scripts/check-size.mjs

step "package lint (publint, are-the-types-wrong)"
npx publint --strict
npx attw --pack . --profile node16

step "API docs (typedoc, warnings are errors)"
npx typedoc --logLevel Warn

# --- runtimes and samples (issue 15): the built package on Node 22/24, Bun, Deno and workerd; README table from the results
step "runtime smokes against the built package: $(node -p 'Object.keys(require("./scripts/runtimes.json")).filter((k) => k[0] !== "$").join(", ")')"
runtime_results="$(mktemp -d)"
npx tsc -p test/runtimes/portable/tsconfig.json --noEmit
"$node22" --import tsx test/runtimes/harness.ts --results "$runtime_results"
node scripts/runtime-table.mjs "$runtime_results" "$([ "${CI:-}" = true ] && echo --check || echo --write)"

step "code samples of README.md, CONTRIBUTING.md and docs/*.md: compiled against dist/, the 'run' ones against the emulator"
"$node22" --import tsx scripts/check-samples.ts
# --- end runtimes and samples

step "consumer smoke test on Node 22 and 24"
"$node22" test/consumers/smoke.mjs
"$node24" test/consumers/smoke.mjs

step "release dry run (changeset version, build, package checks, npm pack --dry-run in a scratch copy)"
release_log="$(mktemp)"
bash scripts/release.sh --dry-run > "$release_log" 2>&1 || { cat "$release_log"; exit 1; }
tail -n 1 "$release_log"

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
