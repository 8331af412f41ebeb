// What the middleware costs and how well the limiter keeps its budget, in one run, against a
// node:http server on loopback. Prints tables and writes bench/results/middleware.json.
//   node --import tsx bench/middleware-overhead.ts [--quick]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer as createNetServer } from 'node:net';
import { VirtFusion, cache, rateLimit, retry, type Middleware, type RateLimitOptions } from '../src/index';
import { serverRecord } from './server-record';
import { mean, median, p99, sorted, time } from './timing';
import { startPanelStub } from './panel-stub';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 3 : 10;
const PER_ROUND = quick ? 200 : 1_000;
const WARMUP = quick ? 200 : 1_000;
const ACCURACY_SECONDS = quick ? 3 : 6;
const TOKEN = 'bench-token-0123456789abcdef';

// ---------------------------------------------------------------------------------------------
// The panel stand-in: one server record for any GET, and every arrival's time for the accuracy runs.
const payload = JSON.stringify({ data: serverRecord(1) });
let arrivals: number[] = [];
const { origin, server } = await startPanelStub(TOKEN, () => payload, () => arrivals.push(performance.now()));
const headers = { authorization: `Bearer ${TOKEN}`, accept: 'application/json' };

// ---------------------------------------------------------------------------------------------
// Overhead. The limiter's budget is set far above what the loop can send, so that what is
// measured is the cost of its bookkeeping, not waiting.
const unbound: RateLimitOptions = { limit: 1_000_000_000, windowMs: 1_000, burst: 100_000_000, maxConcurrent: 1_000 };
const client = (middleware: Middleware[]) => new VirtFusion({ url: origin, token: TOKEN, middleware });
const bare = client([]);
const defaults = client([retry(), rateLimit(unbound)]);
const withCacheMiss = client([cache(), retry(), rateLimit(unbound)]); // GET /servers/{id} is not cached by default
const withCacheHit = client([cache({ ttl: { 'GET /servers/{serverId}': 3_600_000 } }), retry(), rateLimit(unbound)]);
const url = `${origin}/api/v1/servers/1`;
const get = (vf: VirtFusion) => () => vf.request('GET /servers/{serverId}', { path: { serverId: 1 } });

const contenders: Record<string, () => Promise<unknown>> = {
  'raw fetch + JSON.parse': async () => JSON.parse(await (await fetch(url, { headers })).text()),
  'bare core (middleware: [])': get(bare),
  'default stack (retry, rateLimit)': get(defaults),
  'cache + default stack, miss': get(withCacheMiss),
  'cache + default stack, hit': get(withCacheHit),
};


for (const fn of Object.values(contenders)) await time(fn, WARMUP);
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round += 1) {
  // Interleaved, so that drift in the machine's load falls on every contender alike.
  for (const [name, fn] of Object.entries(contenders)) samples[name]!.push(...(await time(fn, PER_ROUND)));
}
const rawMean = mean(samples['raw fetch + JSON.parse']!);
const bareMean = mean(samples['bare core (middleware: [])']!);
const overhead = Object.entries(samples).map(([name, values]) => ({
  name,
  requests: values.length,
  meanUs: Math.round(mean(values) * 1000),
  medianUs: Math.round(median(values) * 1000),
  p99Us: Math.round(p99(values) * 1000),
  overBareCoreUs: Math.round((mean(values) - bareMean) * 1000),
  ratioToRawFetch: Number((mean(values) / rawMean).toFixed(3)),
}));

console.log(`\nGET /servers/{serverId} on loopback, ${payload.length} byte body, ${ROUNDS}×${PER_ROUND} requests each, Node ${process.version}`);
console.log(`${'contender'.padEnd(34)} ${'mean µs'.padStart(8)} ${'median µs'.padStart(10)} ${'p99 µs'.padStart(8)} ${'+ vs core'.padStart(10)} ${'× raw fetch'.padStart(12)}`);
for (const row of overhead) {
  console.log(
    `${row.name.padEnd(34)} ${String(row.meanUs).padStart(8)} ${String(row.medianUs).padStart(10)} ${String(row.p99Us).padStart(8)} ${String(row.overBareCoreUs).padStart(10)} ${row.ratioToRawFetch.toFixed(3).padStart(12)}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Accuracy: clients that always have more to send than the budget allows, for a few seconds.

/** The most arrivals in any window [t, t + width). */
function busiestWindow(times: number[], width: number): number {
  const ordered = sorted(times);
  let most = 0;
  for (let i = 0, j = 0; i < ordered.length; i += 1) {
    while (ordered[j]! <= ordered[i]! - width) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

interface AccuracyRow {
  engine: string;
  clients: number;
  limit: number;
  windowMs: number;
  burst: number;
  seconds: number;
  requests: number;
  /** Most requests seen in any window of windowMs (sliding): must not exceed limit. */
  busiestWindow: number;
  /** Requests per window after the first, on average, against the limit. */
  steadyPerWindow: number;
  /** steadyPerWindow / limit. */
  budgetUsed: number;
  /** What the bucket allows at most when saturated: (limit − burst) per window. */
  ceilingPerWindow: number;
}

async function saturate(engine: string, clients: VirtFusion[], settings: { limit: number; windowMs: number; burst: number }): Promise<AccuracyRow> {
  arrivals = [];
  const until = performance.now() + ACCURACY_SECONDS * 1_000;
  const worker = async (vf: VirtFusion) => {
    while (performance.now() < until) await vf.request('GET /servers/{serverId}', { path: { serverId: 1 } });
  };
  // Several callers per client, so that each limiter always has a queue.
  await Promise.all(clients.flatMap((vf) => Array.from({ length: 8 }, () => worker(vf))));
  const start = arrivals[0]!;
  const times = arrivals.map((t) => t - start);
  const steady = times.filter((t) => t >= settings.windowMs);
  const steadyWindows = (times.at(-1)! - settings.windowMs) / settings.windowMs;
  const steadyPerWindow = steady.length / steadyWindows;
  return {
    engine,
    clients: clients.length,
    ...settings,
    seconds: ACCURACY_SECONDS,
    requests: times.length,
    busiestWindow: busiestWindow(times, settings.windowMs),
    steadyPerWindow: Number(steadyPerWindow.toFixed(1)),
    budgetUsed: Number((steadyPerWindow / settings.limit).toFixed(3)),
    ceilingPerWindow: settings.limit - settings.burst,
  };
}

const accuracy: AccuracyRow[] = [];
const budget = { limit: 50, windowMs: 1_000, burst: 5 };
{
  const local = rateLimit(budget);
  accuracy.push(await saturate('in-process', [client([local])], budget));
  await local.close();
}

async function freePort(): Promise<number> {
  const probe = createNetServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  probe.close();
  return port;
}

if (existsSync('/usr/bin/redis-server')) {
  const port = await freePort();
  const redis = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise<void>((resolve) => redis.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('Ready to accept') && resolve()));
  try {
    // Two clients, each with its own limiter and Redis connections, as two processes would have.
    const limiters = [0, 1].map(() => rateLimit({ ...budget, redis: `redis://127.0.0.1:${port}` }));
    const clients = limiters.map((limiter) => client([limiter]));
    await Promise.all(clients.map((vf) => vf.request('GET /connect').catch(() => undefined))); // connect first
    accuracy.push(await saturate('Redis, shared', clients, budget));
    await Promise.all(limiters.map((limiter) => limiter.close()));
  } finally {
    redis.kill('SIGTERM');
    await once(redis, 'exit');
  }
} else {
  console.log('\n(/usr/bin/redis-server is absent: the shared-budget accuracy run is skipped)');
}

console.log(`\nLimiter accuracy: ${budget.limit} requests per ${budget.windowMs} ms window, burst ${budget.burst}, saturated for ${ACCURACY_SECONDS} s`);
console.log(`${'engine'.padEnd(16)} ${'clients'.padStart(7)} ${'requests'.padStart(9)} ${'busiest window'.padStart(15)} ${'steady/window'.padStart(14)} ${'ceiling'.padStart(8)} ${'budget used'.padStart(12)}`);
for (const row of accuracy) {
  console.log(
    `${row.engine.padEnd(16)} ${String(row.clients).padStart(7)} ${String(row.requests).padStart(9)} ${`${row.busiestWindow} / ${row.limit}`.padStart(15)} ${String(row.steadyPerWindow).padStart(14)} ${String(row.ceilingPerWindow).padStart(8)} ${`${(row.budgetUsed * 100).toFixed(1)}%`.padStart(12)}`,
  );
}

await Promise.all([bare, defaults, withCacheMiss, withCacheHit].map((vf) => vf.close()));
server.close();
server.closeAllConnections();

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/middleware.json', import.meta.url),
  JSON.stringify({ date: new Date().toISOString(), node: process.version, quick, overhead: { route: 'GET /servers/{serverId}', bodyBytes: payload.length, rows: overhead }, accuracy }, null, 2),
);
