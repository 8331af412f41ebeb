/**
 * Runs every example in this folder against one local emulator, as CI does, and fails when any
 * example exits non-zero or runs longer than its time limit.
 *
 *   npx tsx examples/run-all.ts [name-filter]
 *
 * Each example gets VIRTFUSION_URL and VIRTFUSION_TOKEN for the emulator (and
 * VIRTFUSION_EMULATOR=1), so an example written for a real panel runs unchanged. Examples that
 * start their own emulator (quickstart.ts) ignore them.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../src/testing';

const HERE = dirname(fileURLToPath(import.meta.url));
const SELF = basename(fileURLToPath(import.meta.url));
const TIME_LIMIT_MS = Number(process.env.EXAMPLE_TIME_LIMIT_MS ?? 120_000);

interface Outcome {
  file: string;
  code: number | null;
  ms: number;
  output: string;
  timedOut: boolean;
}

function run(file: string, env: NodeJS.ProcessEnv): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, file)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, TIME_LIMIT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ file, code, ms: performance.now() - started, output, timedOut });
    });
  });
}

const filter = process.argv[2];
const files = readdirSync(HERE)
  .filter((name) => name.endsWith('.ts') && name !== SELF && !name.startsWith('_'))
  .filter((name) => filter === undefined || name.includes(filter))
  .sort();

const emu = await startEmulator({ buildDuration: 3000, taskDuration: 1000 });
const env = { ...process.env, VIRTFUSION_URL: emu.url, VIRTFUSION_TOKEN: emu.token, VIRTFUSION_EMULATOR: '1' };
console.log(`Running ${files.length} example(s) against the emulator at ${emu.url}\n`);

const outcomes: Outcome[] = [];
try {
  for (const file of files) {
    const outcome = await run(file, env);
    outcomes.push(outcome);
    const verdict = outcome.timedOut ? `TIMED OUT after ${TIME_LIMIT_MS / 1000} s` : outcome.code === 0 ? 'ok' : `FAILED (exit ${outcome.code})`;
    console.log(`${verdict === 'ok' ? 'ok  ' : 'FAIL'}  ${file.padEnd(32)} ${(outcome.ms / 1000).toFixed(1).padStart(5)} s${verdict === 'ok' ? '' : `  ${verdict}`}`);
    if (verdict !== 'ok') console.log(outcome.output.replace(/^/gm, '      | '));
  }
} finally {
  await emu.stop();
}

const failed = outcomes.filter((o) => o.code !== 0 || o.timedOut);
console.log(`\n${outcomes.length - failed.length} of ${outcomes.length} example(s) passed.`);
process.exitCode = failed.length > 0 || outcomes.length === 0 ? 1 : 0;
