// What provisioning at scale costs against the emulator, counted from the first create (catalogue
// and owners already known): requests a server and wall time, with and without a webhook receiver,
// one server alone, and 100 jobs through 3 BullMQ workers sharing one limit. Prints a table and
// writes bench/results/provision.json. Takes about four minutes (real builds of 20 s and 60 s).
//   npm run bench:provision            (builds dist/ first, like the other benchmarks)
//   node --import tsx bench/provision.ts [--only=batch,webhooks,alone,bullmq]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VirtFusion, rateLimit, retry, type Middleware } from '../src/index';
import { createVirtFusionProvider, type CreateInstanceInput, type VirtFusionProvider } from '../src/provider';
import { startEmulator, type Emulator } from '../src/testing';
import { createWebhookReceiver, toNodeHandler } from '../src/webhooks';
import { atMost, printTable, type Row } from './report';

const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const runs = (name: string) => only === undefined || only.includes(name);
const REQUEST = { planId: '1', imageId: '46', regionId: '2' } as const;
const PROFILE = (ref: string) => ({ name: `Customer ${ref}`, email: `customer-${ref}@example.com` });
const HOOK_TOKEN = 'bench-hook-secret';

interface Count {
  requests: number;
  gets: number;
  byRoute: Record<string, number>;
}

function count(emu: Emulator): Count {
  const byRoute: Record<string, number> = {};
  const entries = emu.requests();
  for (const entry of entries) {
    const route = entry.route === 'POST /servers' && entry.query.dryRun ? 'POST /servers?dryRun' : (entry.route ?? entry.path);
    byRoute[route] = (byRoute[route] ?? 0) + 1;
  }
  return { requests: entries.length, gets: entries.filter((e) => e.method === 'GET').length, byRoute };
}

async function hookServer(): Promise<{ receiver: ReturnType<typeof createWebhookReceiver>; url: string; close(): Promise<void> }> {
  const receiver = createWebhookReceiver({ token: HOOK_TOKEN });
  const server: HttpServer = createServer(toNodeHandler(receiver, () => undefined));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { receiver, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** `servers` creates for `owners` owners at once through one provider on the default client (60 a minute). */
async function provision(options: { servers: number; owners: number; buildMs: number; webhooks: boolean }) {
  const hooks = options.webhooks ? await hookServer() : undefined;
  const emu = await startEmulator({ buildDuration: options.buildMs, taskDuration: 1_000, ...(hooks ? { webhooks: [{ url: hooks.url, token: HOOK_TOKEN, events: ['server.build'] }] } : {}) });
  // The default stack (retry, then 60 a minute), its budget fresh at the first create: the warm-up
  // reads below (catalogue, owners) are not counted, in requests or in the minute's budget.
  let limit: Middleware = (ctx, next) => next(ctx);
  const vf = new VirtFusion({ url: emu.url, token: emu.token, middleware: [retry(), (ctx, next) => limit(ctx, next)] });
  try {
    const provider = createVirtFusionProvider({ client: vf, owner: { by: 'extRelationId', profile: PROFILE }, ...(hooks ? { webhooks: hooks.receiver } : {}) });
    const owners = Array.from({ length: options.owners }, (_, i) => String(3001 + i));
    await provider.getPlans();
    await provider.getRegions();
    await provider.getImages({ planId: REQUEST.planId });
    for (const owner of owners) await provider.resolveOwner(owner);
    emu.clearRequests();
    limit = rateLimit();
    const inputs: CreateInstanceInput[] = Array.from({ length: options.servers }, (_, i) => ({ ...REQUEST, name: `bench-${i + 1}`, owner: owners[i % owners.length]! }));
    const started = performance.now();
    const made = await Promise.all(inputs.map((input) => provider.createInstance(input)));
    const wallMs = performance.now() - started;
    if (made.some((m) => m.status !== 'running')) throw new Error('a server is not running');
    if (process.env.BENCH_TRACE) {
      const t0 = emu.requests()[0]?.time ?? 0;
      for (const r of emu.requests()) console.error(`${((r.time - t0) / 1000).toFixed(2)} ${r.method} ${r.path} ${r.status}`);
    }
    return { ...count(emu), wallMs, perServer: emu.requests().length / options.servers };
  } finally {
    await vf.close();
    await emu.stop();
    await hooks?.close();
  }
}

async function bullmq() {
  if (!existsSync('/usr/bin/redis-server')) return undefined;
  const { spawn } = await import('node:child_process');
  const { createServer: netServer } = await import('node:net');
  const probe = netServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const port = (probe.address() as AddressInfo).port;
  probe.close();
  const { mkdtempSync, rmSync } = await import('node:fs');
  const dir = mkdtempSync(`${(await import('node:os')).tmpdir()}/bench-provision-`);
  const redis = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', dir], { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise<void>((resolve) => redis.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('Ready to accept') && resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const { createProvisioningQueue, createProvisioningWorker } = await import('../src/fleet');
  // 60 a minute and 60 s builds, time scaled ten times: 60 requests in any 6 s (600 a minute, never
  // more than 60 at once, as a one-minute window would allow), 6 s builds, builds expected to take 6 s.
  const emu = await startEmulator({ seed: { servers: 0, users: 10 }, buildDuration: 6_000, taskDuration: 100 });
  const clients = [0, 1, 2].map(() => new VirtFusion({ url: emu.url, token: emu.token, middleware: [retry(), rateLimit({ limit: 60, windowMs: 6_000, maxConcurrent: 50, redis: url, keyPrefix: 'bench-provision' })] }));
  const queue = await createProvisioningQueue({ connection: url, name: 'bench' });
  const workers = await Promise.all(clients.map((client) => createProvisioningWorker({ connection: url, name: 'bench', client, concurrency: 40, providerOptions: { wait: { expectedBuildMs: 6_000 } } })));
  try {
    const owners = Array.from({ length: 10 }, (_, i) => String(1001 + i));
    // Catalogue and owners known, as in a worker that has been running: each worker's provider reads them first.
    for (const { provider } of workers) {
      await provider.getPlans();
      await provider.getRegions();
      await provider.getImages({ planId: REQUEST.planId });
      for (const owner of owners) await (provider as VirtFusionProvider).resolveOwner(owner);
    }
    await new Promise((resolve) => setTimeout(resolve, 6_000)); // a fresh window of the shared limit
    emu.clearRequests();
    const started = performance.now();
    for (let i = 0; i < 100; i += 1) await queue.enqueue({ ...REQUEST, name: `job-${i + 1}`, owner: owners[i % owners.length]! });
    for (;;) {
      const counts = await queue.queue.getJobCounts('completed', 'failed');
      if ((counts.completed ?? 0) + (counts.failed ?? 0) >= 100) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const wallMs = performance.now() - started;
    const failed = (await queue.queue.getJobCounts('failed')).failed ?? 0;
    return { ...count(emu), wallMs, failed, created: emu.requests().filter((r) => r.route === 'POST /servers' && r.status === 201).length };
  } finally {
    for (const worker of workers) await worker.close();
    await queue.close();
    for (const client of clients) await client.close();
    await emu.stop();
    redis.kill('SIGTERM');
    await once(redis, 'exit');
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows: Row[] = [];
const results: Record<string, unknown> = {};
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

if (runs('batch')) {
  process.stderr.write('measuring: 20 servers, 4 owners, 20 s builds, no webhooks…\n');
  const batch = await provision({ servers: 20, owners: 4, buildMs: 20_000, webhooks: false });
  results.batch = batch;
  rows.push({ what: 'requests a server, 20 at once for 4 owners, no webhooks', measured: `${batch.perServer.toFixed(2)} (${batch.requests} requests, ${batch.gets} GETs)`, ratio: undefined, target: '≤ 3', met: atMost(batch.perServer, 3) });
  rows.push({ what: 'wall time for those 20, default client, 20 s builds', measured: s(batch.wallMs), ratio: undefined, target: '≤ 45 s', met: atMost(batch.wallMs, 45_000) });
}
if (runs('webhooks')) {
  process.stderr.write('measuring: the same with a webhook receiver…\n');
  const hooked = await provision({ servers: 20, owners: 4, buildMs: 20_000, webhooks: true });
  results.webhooks = hooked;
  rows.push({ what: 'same, with a webhook receiver wired in', measured: `${hooked.perServer.toFixed(2)} (${hooked.requests} requests, ${hooked.gets} GETs; ${s(hooked.wallMs)})`, ratio: undefined, target: '≤ 2.3', met: atMost(hooked.perServer, 2.3) });
}
if (runs('alone')) {
  process.stderr.write('measuring: one server alone, 60 s build…\n');
  const alone = await provision({ servers: 1, owners: 1, buildMs: 60_000, webhooks: false });
  results.alone = alone;
  rows.push({ what: 'requests, one server alone, 60 s build', measured: `${alone.requests} (${Object.entries(alone.byRoute).map(([r, n]) => `${n} ${r}`).join(', ')})`, ratio: undefined, target: '≤ 6', met: atMost(alone.requests, 6) });
}
if (runs('bullmq')) {
  process.stderr.write('measuring: 100 jobs, 3 BullMQ workers, one limit of 600 a minute, 6 s builds…\n');
  const jobs = await bullmq();
  results.bullmq = jobs;
  rows.push(
    jobs === undefined
      ? { what: '100 servers through 3 BullMQ workers', measured: 'skipped: /usr/bin/redis-server is absent', ratio: undefined, target: '', met: undefined }
      : {
          what: '100 servers through 3 BullMQ workers, 600 a minute, 6 s builds',
          measured: `${s(jobs.wallMs)} (${jobs.requests} requests, ${jobs.created} created, ${jobs.failed} failed)`,
          ratio: undefined,
          target: '≤ 40 s',
          met: jobs.failed === 0 && jobs.created === 100 && atMost(jobs.wallMs, 40_000),
        },
  );
}

printTable(rows, `provisioning at scale, emulator, Node ${process.version}`);
for (const [name, value] of Object.entries(results)) if (value) console.log(`${name}: ${JSON.stringify((value as Count).byRoute)}`);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/provision.json', import.meta.url), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows, results }, null, 2)}\n`);
