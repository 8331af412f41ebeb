#!/usr/bin/env node
// Packs the package, installs the tarball into a fresh project, and uses every entry from
// ESM, CommonJS and TypeScript (node16 resolution), plus the bin. Exits 1 on any failure.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const entries = ['virtfusion-sdk', 'virtfusion-sdk/webhooks', 'virtfusion-sdk/provider', 'virtfusion-sdk/testing', 'virtfusion-sdk/fleet', 'virtfusion-sdk/otel'];
const work = mkdtempSync(join(tmpdir(), 'virtfusion-consumer-'));
const run = (command, args, options = {}) => execFileSync(command, args, { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
let passed = 0;
let failed = 0;
const check = (name, fn) => {
  try {
    fn();
    passed += 1;
    console.log(`ok   ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`FAIL ${name}\n${error.stdout ?? ''}${error.stderr ?? ''}${error.stdout || error.stderr ? '' : error.message}`);
  }
};

try {
  run('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', join(work, tarball), `typescript@${process.env.CONSUMER_TS ?? '~5.9'}`, '@types/node@22', '@opentelemetry/api@^1.9.0']);

  writeFileSync(
    join(work, 'esm.mjs'),
    `
import assert from 'node:assert/strict';
${entries.map((e, i) => `import * as m${i} from '${e}';`).join('\n')}
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const cjs = require('virtfusion-sdk');
assert.equal(typeof m0.VirtFusion, 'function');
assert.equal(typeof m0.OPERATIONS['GET /servers/{serverId}'], 'object');
assert.equal(typeof m3.createMockFetch, 'function');
assert.ok(Array.isArray(m2.INSTANCE_STATUSES));
assert.ok(Object.keys(m1).length > 0, 'webhooks entry exports something');
// An error made by the CommonJS copy is an instance of the ESM copy's classes, and back.
const fromCjs = new cjs.NotFoundError({ message: 'x', status: 404 });
assert.ok(fromCjs instanceof m0.NotFoundError && fromCjs instanceof m0.VirtFusionError && m0.isNotFoundError(fromCjs));
assert.ok(new m0.ServerError({ message: 'y' }) instanceof cjs.ApiError);
assert.ok(!(fromCjs instanceof m0.ServerError));
const mock = m3.createMockFetch({ 'GET /servers/{serverId}': ({ path }) => ({ body: { data: { id: Number(path.serverId) } } }) });
const vf = new m0.VirtFusion({ url: 'https://panel.example.com', token: 'consumer-token', fetch: mock.fetch });
assert.deepEqual(await vf.request('GET /servers/{serverId}', { path: { serverId: 5 } }), { data: { id: 5 } });
await assert.rejects(vf.request('GET /servers/{serverId}', { path: { serverId: '../users' } }), m0.InputValidationError);
// The provider entry: its error is branded across copies too; the conformance entry resolves (it loads vitest only when imported).
const providerCjs = require('virtfusion-sdk/provider');
assert.ok(new providerCjs.ProviderError({ code: 'NOT_FOUND', provider: 'x', message: 'm' }) instanceof m2.ProviderError);
assert.equal(typeof m2.createVirtFusionProvider, 'function');
assert.equal(typeof m2.toSkyPanelProvider, 'function');
assert.ok(import.meta.resolve('virtfusion-sdk/provider/conformance').endsWith('/dist/provider-conformance.js'));
assert.ok(require.resolve('virtfusion-sdk/provider/conformance').endsWith('/dist/provider-conformance.cjs'));
// The fleet entry loads without its optional peers (bullmq, ioredis are not installed here) and
// reconciles; the BullMQ functions say what to install when called.
const fleetMock = m3.createMockFetch({ 'GET /servers': () => ({ body: { current_page: 1, last_page: 1, per_page: 200, total: 0, data: [] } }) });
const entriesOut = [];
for await (const entry of m4.reconcile({ client: new m0.VirtFusion({ url: 'https://panel.example.com', token: 't', fetch: fleetMock.fetch, middleware: [] }), local: [] })) entriesOut.push(entry.kind);
assert.deepEqual(entriesOut, ['summary']);
await assert.rejects(m4.createProvisioningQueue({ connection: 'redis://127.0.0.1:1' }), (e) => e instanceof m4.MissingPeerDependencyError && e.dependency === 'bullmq');
// The otel entry on the no-op API: calls go through it untouched.
const traced = new m0.VirtFusion({ url: 'https://panel.example.com', token: 't', fetch: fleetMock.fetch, middleware: [m5.openTelemetry()] });
assert.equal((await traced.request('GET /servers')).total, 0);
console.log('esm ok');
`,
  );
  writeFileSync(
    join(work, 'cjs.cjs'),
    `
const assert = require('node:assert/strict');
${entries.map((e, i) => `const m${i} = require('${e}');`).join('\n')}
assert.equal(typeof m0.VirtFusion, 'function');
assert.equal(typeof m3.createMockFetch, 'function');
assert.equal(typeof m4.reconcile, 'function');
assert.equal(typeof m5.openTelemetry(), 'function');
assert.ok(Object.keys(m1).length > 0);
assert.equal(require('virtfusion-sdk/package.json').name, 'virtfusion-sdk');
console.log('cjs ok');
`,
  );
  writeFileSync(
    join(work, 'typed.mts'),
    `
import { VirtFusion, NotFoundError, type Route } from 'virtfusion-sdk';
import * as webhooks from 'virtfusion-sdk/webhooks';
import { createVirtFusionProvider, toSkyPanelProvider, type ComputeProvider } from 'virtfusion-sdk/provider';
import { reconcile, type ReconcileEntry, type ProvisioningWorkerOptions } from 'virtfusion-sdk/fleet';
import { createMockFetch } from 'virtfusion-sdk/testing';
import { openTelemetry, traceProvider, type OpenTelemetryOptions } from 'virtfusion-sdk/otel';
const otelOptions: OpenTelemetryOptions = { propagate: false };
const vf = new VirtFusion({ url: 'https://panel.example.com', token: 't', fetch: createMockFetch({}).fetch, middleware: [openTelemetry(otelOptions)] });
void traceProvider;
const route = 'GET /servers/{serverId}' satisfies Route;
export async function main(provider: ComputeProvider): Promise<number> {
  const server = await vf.request(route, { path: { serverId: 1 } });
  // @ts-expect-error the path parameter is required
  await vf.request('GET /servers/{serverId}');
  void webhooks;
  void NotFoundError;
  void provider.type;
  const sky = toSkyPanelProvider(createVirtFusionProvider({ client: vf }), { owner: '1' });
  const status: 'running' | 'stopped' | 'provisioning' | 'rebooting' | 'error' | 'unknown' | undefined = (await sky.getInstance('1'))?.status;
  void status;
  const kinds: ReconcileEntry['kind'][] = [];
  for await (const entry of reconcile({ client: vf, local: [{ serverId: 1, ownerRef: 1001 }] })) kinds.push(entry.kind);
  const workerOptions: Pick<ProvisioningWorkerOptions, 'connection' | 'concurrency'> = { connection: 'redis://127.0.0.1:6379', concurrency: 2 };
  void workerOptions;
  return server.data.id;
}
`,
  );
  writeFileSync(
    join(work, 'typed.cts'),
    `
import { VirtFusion } from 'virtfusion-sdk';
import type { Middleware } from 'virtfusion-sdk';
const log: Middleware = async (ctx, next) => next(ctx);
export const vf = new VirtFusion({ url: 'https://panel.example.com', token: 't', middleware: [log] });
`,
  );
  writeFileSync(
    join(work, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', target: 'es2022', strict: true, noEmit: true, types: ['node'], lib: ['es2023', 'dom'] }, files: ['typed.mts', 'typed.cts'] }),
  );

  const node = process.execPath;
  check('ESM import of every entry', () => run(node, ['esm.mjs']));
  check('CommonJS require of every entry', () => run(node, ['cjs.cjs']));
  check('TypeScript consumer (node16, .mts and .cts)', () => run(node, [join(work, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']));
  check('bin: virtfusion --version', () => {
    const out = run(node, [join(work, 'node_modules/virtfusion-sdk/dist/cli.js'), '--version']).trim();
    if (!/^\d+\.\d+\.\d+/.test(out)) throw new Error(`unexpected version output ${out}`);
  });
  check('bin is linked as node_modules/.bin/virtfusion', () => run(join(work, 'node_modules/.bin/virtfusion'), ['--help'], { env: { ...process.env, PATH: `${dirname(node)}:${process.env.PATH}` } }));
} catch (error) {
  failed += 1;
  console.log(`FAIL setting up the consumer project: ${error.message}\n${error.stderr ?? ''}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`consumer smoke: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
