/**
 * Runs the portable smoke (test/runtimes/portable) on each runtime against the BUILT package:
 * packs the package, installs the tarball into a scratch project as a user would, starts the
 * emulator here in Node on 127.0.0.1, runs the runtime under test, and writes one JSON result per
 * runtime for scripts/runtime-table.mjs.
 *
 *   node --import tsx test/runtimes/harness.ts --results DIR [node22 node24 bun deno workerd]
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createTestDelivery } from '../../src/webhooks/index';
import { CHECKS, type CheckResult, type RuntimeResult, type SmokeConfig } from './check-names';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WEBHOOK_TOKEN = 'runtime-smoke-webhook-token';
const RUN_TIMEOUT_MS = 120_000;

type RuntimeName = string;
const RUNTIMES = JSON.parse(readFileSync(join(root, 'scripts/runtimes.json'), 'utf8')) as Record<RuntimeName, { label: string }>;
delete RUNTIMES.$comment;

const args = process.argv.slice(2);
const resultsAt = args.indexOf('--results');
const resultsDir = resultsAt >= 0 ? resolve(args[resultsAt + 1] ?? '') : join(root, '.cache/runtime-results');
const wanted = args.filter((arg, i) => !arg.startsWith('--') && i !== resultsAt + 1) as RuntimeName[];
const runtimes = wanted.length > 0 ? wanted : (Object.keys(RUNTIMES) as RuntimeName[]);
for (const name of runtimes) if (!(name in RUNTIMES)) throw new Error(`unknown runtime ${name}; one of ${Object.keys(RUNTIMES).join(', ')}`);

type Testing = typeof import('../../src/testing/index');
// The emulator of the built package, as the user's test suite would import it.
const { startEmulator } = (await import(join(root, 'dist/testing.js'))) as Testing;

function binaryOf(name: RuntimeName): string {
  return execFileSync('bash', [join(root, 'scripts/runtime-binary.sh'), name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

function versionOf(name: RuntimeName, bin: string): string {
  const out = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
  return (/(\d+\.\d+\.\d+|\d{4}-\d{2}-\d{2})/.exec(out)?.[1] ?? out).replace(/^v/, '');
}

/** A scratch project with the packed package installed, and the smoke compiled to JavaScript. */
async function prepareConsumer(): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'virtfusion-runtimes-'));
  execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(work).find((file) => file.endsWith('.tgz')) as string;
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'runtime-smoke', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', join(work, tarball)], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
  const portable = join(root, 'test/runtimes/portable');
  // Each file on its own (no bundling): the runtime resolves `virtfusion-sdk` from node_modules.
  await build({
    entryPoints: ['main.ts', 'checks.ts', 'worker.ts'].map((file) => join(portable, file)),
    outdir: work,
    outExtension: { '.js': '.mjs' },
    format: 'esm',
    target: 'esnext',
    logLevel: 'error',
  });
  copyFileSync(join(root, 'examples/cloudflare-worker/worker.ts'), join(work, 'example-worker.ts'));
  for (const file of ['main.mjs', 'worker.mjs']) {
    writeFileSync(join(work, file), readFileSync(join(work, file), 'utf8').replace(/from \s*["']\.\/checks["']/, "from './checks.mjs'"));
  }
  // A Worker is deployed bundled, as wrangler does it; from the scratch project, so that
  // `virtfusion-sdk` is the installed tarball.
  await build({
    entryPoints: { 'worker-bundle': join(work, 'worker.mjs'), 'example-bundle': join(work, 'example-worker.ts') },
    outdir: work,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    target: 'esnext',
    logLevel: 'error',
  });
  return work;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

function run(bin: string, argv: string[], cwd: string): Promise<string> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(bin, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolveRun(out);
      else reject(new Error(`${bin} exited with ${code}\n${out}${err}`));
    });
  });
}

function lastJsonLine(out: string): CheckResult[] {
  const line = out.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as CheckResult[];
}

async function runScript(name: RuntimeName, bin: string, work: string): Promise<CheckResult[]> {
  const argv = name === 'bun' ? ['run', 'main.mjs'] : name === 'deno' ? ['run', '--allow-net=127.0.0.1', '--allow-read=.', 'main.mjs'] : ['main.mjs'];
  return lastJsonLine(await run(bin, argv, work));
}

async function waitForPort(port: number, deadline: number): Promise<void> {
  for (;;) {
    const open = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), done(true)));
      socket.once('error', () => done(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listened on 127.0.0.1:${port} in time`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
}

function workerdConfig(ports: { smoke: number; example: number }, config: SmokeConfig): string {
  const text = (name: string, value: string) => `(name = "${name}", text = ${JSON.stringify(value)})`;
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "smoke", worker = .smokeWorker),
    (name = "example", worker = .exampleWorker),
    # The emulator listens on loopback, which workerd's default outbound network refuses.
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [
    (name = "smoke", address = "127.0.0.1:${ports.smoke}", http = (), service = "smoke"),
    (name = "example", address = "127.0.0.1:${ports.example}", http = (), service = "example"),
  ],
);
const smokeWorker :Workerd.Worker = (
  modules = [(name = "worker.mjs", esModule = embed "worker-bundle.mjs")],
  compatibilityDate = "2025-09-01",
  globalOutbound = "loopback",
  bindings = [${[text('EMULATOR_URL', config.emulatorUrl), text('EMULATOR_TOKEN', config.emulatorToken), text('WEBHOOK_TOKEN', config.webhookToken)].join(', ')}],
);
const exampleWorker :Workerd.Worker = (
  modules = [(name = "worker.mjs", esModule = embed "example-bundle.mjs")],
  compatibilityDate = "2025-09-01",
  bindings = [${text('VIRTFUSION_WEBHOOK_TOKEN', config.webhookToken)}],
);
`;
}

/** examples/cloudflare-worker, posted a delivery, its repeat and a forged one; its log must show the handler ran. */
async function exampleWorkerCheck(base: string, logs: () => string): Promise<CheckResult> {
  const url = `${base}/webhooks/virtfusion`;
  const post = async (request: Request) => {
    const response = await fetch(request);
    return `${response.status} ${await response.text()}`;
  };
  try {
    const got = [
      await post(createTestDelivery('server.build', { server: { id: 42 } }, { token: WEBHOOK_TOKEN, hookEventId: 101, url })),
      await post(createTestDelivery('server.build', { server: { id: 42 } }, { token: WEBHOOK_TOKEN, hookEventId: 101, url })),
      await post(createTestDelivery('server.build', { server: { id: 42 } }, { token: 'forged', hookEventId: 102, url })),
    ];
    const expected = ['200 {"ok":true}', '200 {"ok":true,"duplicate":true}', '401 {"ok":false,"reason":"bad_token"}'];
    if (JSON.stringify(got) !== JSON.stringify(expected)) throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
    const deadline = Date.now() + 5000;
    while (!logs().includes('server 42 built (delivery 101)')) {
      if (Date.now() > deadline) throw new Error(`the handler's log line is missing; workerd printed:\n${logs()}`);
      await new Promise((wait) => setTimeout(wait, 50));
    }
    return { id: 'worker', ok: true };
  } catch (error) {
    return { id: 'worker', ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

async function runWorkerd(bin: string, work: string, config: SmokeConfig): Promise<CheckResult[]> {
  const ports = { smoke: await freePort(), example: await freePort() };
  writeFileSync(join(work, 'workerd.capnp'), workerdConfig(ports, config));
  const child = spawn(bin, ['serve', 'workerd.capnp', '--verbose'], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  try {
    for (const port of Object.values(ports)) {
      await waitForPort(port, Date.now() + 30_000).catch((error: Error) => {
        throw new Error(`${error.message}\n${output}`);
      });
    }
    const results = (await (await fetch(`http://127.0.0.1:${ports.smoke}/checks`)).json()) as CheckResult[];
    return [...results, await exampleWorkerCheck(`http://127.0.0.1:${ports.example}`, () => output)];
  } finally {
    child.kill('SIGTERM');
  }
}

async function smoke(name: RuntimeName, work: string): Promise<RuntimeResult> {
  const bin = binaryOf(name);
  const version = versionOf(name, bin);
  const emu = await startEmulator({ seed: { servers: 5 }, buildDuration: 400, taskDuration: 100 });
  const config: SmokeConfig = { emulatorUrl: emu.url, emulatorToken: emu.token, webhookToken: WEBHOOK_TOKEN };
  writeFileSync(join(work, 'config.json'), JSON.stringify(config));
  let checks: CheckResult[];
  try {
    checks = name === 'workerd' ? await runWorkerd(bin, work, config) : await runScript(name, bin, work);
  } catch (error) {
    checks = [{ id: 'start', ok: false, error: error instanceof Error ? error.message : String(error) }];
  } finally {
    await emu.stop();
  }
  return { runtime: name, label: RUNTIMES[name]?.label ?? name, version, checks: checks.map((check) => ({ ...check, name: CHECKS[check.id] })) };
}

const work = await prepareConsumer();
mkdirSync(resultsDir, { recursive: true });
let failed = 0;
let passed = 0;
try {
  for (const name of runtimes) {
    const result = await smoke(name, work);
    writeFileSync(join(resultsDir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
    for (const check of result.checks) {
      if (check.ok) passed += 1;
      else failed += 1;
      console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${result.label} ${result.version}: ${check.id}${check.ok ? '' : `\n     ${check.error}`}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`runtime smokes: ${passed} passed, ${failed} failed`);
if (failed > 0) process.exit(1);
