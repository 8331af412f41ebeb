// Start-up cost of the `virtfusion` bin: `virtfusion --version` against `node -e ""` on the same
// machine, interleaved so that both see the same load. The target is a ratio under 2. Also times
// `virtfusion --help` (loads the command tree) for information. Needs `npm run build` first.
// Prints a table and writes bench/results/cli-startup.json.
//   node --import tsx bench/cli-startup.ts [--quick]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mean, median } from './timing';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 10 : 40;
const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(bin)) throw new Error('dist/cli.js is missing: run npm run build first');

const contenders: Record<string, string[]> = {
  'node -e ""': ['-e', ''],
  'virtfusion --version': [bin, '--version'],
  'virtfusion --help': [bin, '--help'],
};

function once(args: string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

const samples: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
for (const args of Object.values(contenders)) once(args); // warm the file cache
for (let i = 0; i < RUNS; i += 1) {
  for (const [name, args] of Object.entries(contenders)) samples[name]!.push(once(args));
}

const baseline = median(samples['node -e ""']!);
const rows = Object.entries(samples).map(([name, values]) => ({
  name,
  medianMs: Number(median(values).toFixed(1)),
  meanMs: Number(mean(values).toFixed(1)),
  ratio: Number((median(values) / baseline).toFixed(2)),
}));
console.log(`CLI start-up, ${RUNS} runs each, interleaved (node ${process.version})`);
console.log('contender'.padEnd(24), 'median ms'.padStart(10), 'mean ms'.padStart(9), 'x node'.padStart(8));
for (const row of rows) console.log(row.name.padEnd(24), String(row.medianMs).padStart(10), String(row.meanMs).padStart(9), String(row.ratio).padStart(8));
const version = rows.find((r) => r.name === 'virtfusion --version')!;
console.log(version.ratio < 2 ? `ok: --version is ${version.ratio}x node -e "" (target < 2x)` : `OVER TARGET: --version is ${version.ratio}x node -e "" (target < 2x)`);

mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
writeFileSync(new URL('./results/cli-startup.json', import.meta.url), `${JSON.stringify({ node: process.version, runs: RUNS, rows }, null, 2)}\n`);
if (version.ratio >= 2) process.exitCode = 1;
