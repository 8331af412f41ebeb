// How the default limiter treats a script far below the limit, how much of the budget it uses
// when saturated, and whether any window as counted at the panel ever holds more than the limit.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { VirtFusion, rateLimit, type RateLimitMiddleware } from '../dist/index.js';
import { atLeast, atMost, type Row } from './report';
import { sorted } from './timing';

export interface LimiterPanel {
  origin: string;
  token: string;
  /** Arrival times (performance.now()) stamped by the panel stand-in since the last reset. */
  arrivals(): number[];
  reset(): void;
}

/** The most arrivals in any window [t, t + width). */
export function busiestWindow(times: number[], width: number): number {
  const ordered = sorted(times);
  let most = 0;
  for (let i = 0, j = 0; i < ordered.length; i += 1) {
    while (ordered[j]! <= ordered[i]! - width) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

export async function firstRequests(panel: LimiterPanel): Promise<Row[]> {
  const vf = new VirtFusion({ url: panel.origin, token: panel.token }); // the defaults: 60 a minute
  panel.reset();
  const start = performance.now();
  await Promise.all(Array.from({ length: 30 }, () => vf.request('GET /connect')));
  const elapsed = performance.now() - start;
  const inFirstSecond = panel.arrivals().filter((t) => t - start < 1_000).length;
  await vf.close();
  return [{ what: 'first 30 requests of a default client (limit 60/min)', measured: `${elapsed.toFixed(0)} ms for all 30, ${inFirstSecond} sent in the first second`, ratio: undefined, target: 'all in 1 s', met: inFirstSecond === 30 }];
}

const BUDGET = { limit: 50, windowMs: 1_000 };

async function saturate(panel: LimiterPanel, clients: VirtFusion[], seconds: number): Promise<{ share: number; busiest: number; requests: number }> {
  panel.reset();
  const until = performance.now() + seconds * 1_000;
  const worker = async (vf: VirtFusion) => {
    while (performance.now() < until) await vf.request('GET /connect');
  };
  // More callers than the budget, so that every limiter always has a queue.
  await Promise.all(clients.flatMap((vf) => Array.from({ length: 2 * BUDGET.limit }, () => worker(vf))));
  const times = panel.arrivals();
  const first = Math.min(...times);
  // Over `seconds` whole windows from the first request, the budget allows limit × seconds requests.
  const sent = times.filter((t) => t - first < seconds * 1_000).length;
  const share = sent / ((BUDGET.limit * seconds * 1_000) / BUDGET.windowMs);
  return { share, busiest: busiestWindow(times, BUDGET.windowMs), requests: sent };
}

function rows(engine: string, result: { share: number; busiest: number; requests: number }, seconds: number): Row[] {
  return [
    {
      what: `share of the rate budget used when saturated (${engine})`,
      measured: `${result.requests} requests in the first ${seconds} s at ${BUDGET.limit} per ${BUDGET.windowMs} ms`,
      ratio: undefined,
      target: '≥ 99 %',
      met: atLeast(result.share, 0.99),
    },
    {
      what: `busiest window as counted at the panel, saturated incl. the first burst (${engine})`,
      measured: `${result.busiest} of ${BUDGET.limit} (${((100 * result.busiest) / BUDGET.limit).toFixed(0)} %)`,
      ratio: undefined,
      target: '≤ 100 %',
      met: atMost(result.busiest, BUDGET.limit),
    },
  ].map((row, i) => (i === 0 ? { ...row, measured: `${(100 * result.share).toFixed(1)} % (${row.measured})` } : row));
}

async function freePort(): Promise<number> {
  const probe = createNetServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  probe.close();
  return port;
}

export async function saturation(panel: LimiterPanel, quick: boolean): Promise<Row[]> {
  const seconds = quick ? 3 : 8;
  const out: Row[] = [];
  const local = rateLimit(BUDGET);
  out.push(...rows('in-process', await saturate(panel, [new VirtFusion({ url: panel.origin, token: panel.token, middleware: [local] })], seconds), seconds));
  await local.close();

  if (!existsSync('/usr/bin/redis-server')) {
    out.push({ what: 'saturation with a Redis-shared budget', measured: 'skipped: /usr/bin/redis-server is absent', ratio: undefined, target: '', met: undefined });
    return out;
  }
  const port = await freePort();
  const redis = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise<void>((resolve) => redis.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('Ready to accept') && resolve()));
  try {
    // Two clients, each with its own limiter and Redis connection, as two processes would have.
    const limiters: RateLimitMiddleware[] = [0, 1].map(() => rateLimit({ ...BUDGET, redis: `redis://127.0.0.1:${port}`, keyPrefix: 'bench' }));
    const clients = limiters.map((limiter) => new VirtFusion({ url: panel.origin, token: panel.token, middleware: [limiter] }));
    await Promise.all(clients.map((vf) => vf.request('GET /connect')));
    await new Promise((resolve) => setTimeout(resolve, BUDGET.windowMs + 50)); // let the connects leave the window
    out.push(...rows('Redis, 2 clients sharing', await saturate(panel, clients, seconds), seconds));
    await Promise.all(limiters.map((limiter) => limiter.close()));
  } finally {
    redis.kill('SIGTERM');
    await once(redis, 'exit');
  }
  return out;
}

/**
 * A figure for docs/middleware.md: requests per 100 ms of a script sending 60 requests against a
 * limit of 20 a second, with the sliding window (measured) and with the former token bucket with
 * a tenth of the limit as burst (its schedule computed, for comparison).
 */
export async function requestsOverTime(panel: LimiterPanel): Promise<string> {
  const limit = 20;
  const windowMs = 1_000;
  const vf = new VirtFusion({ url: panel.origin, token: panel.token, middleware: [rateLimit({ limit, windowMs })] });
  panel.reset();
  const start = performance.now();
  await Promise.all(Array.from({ length: 60 }, () => vf.request('GET /connect')));
  await vf.close();
  const measured = panel.arrivals().map((t) => t - start);
  const burst = limit / 10;
  const bucket = Array.from({ length: 60 }, (_, i) => (i < burst ? 0 : ((i - burst + 1) * windowMs) / (limit - burst)));
  const slots = 32;
  const chart = (times: number[]) => Array.from({ length: slots }, (_, slot) => times.filter((t) => t >= slot * 100 && t < (slot + 1) * 100).length);
  const bar = (counts: number[]) => counts.map((n) => (n === 0 ? '·' : n >= 10 ? '█' : '▁▂▃▄▅▆▇'[Math.min(6, Math.floor((n - 1) / 1.5))]!)).join('');
  const done = (times: number[]) => `${(Math.max(...times) / 1_000).toFixed(1)} s`;
  return [
    `60 requests at once, limit ${limit} per ${windowMs} ms; one column per 100 ms, █ = 10 or more requests`,
    `                    0 s       1 s       2 s       3 s`,
    `sliding window     ${bar(chart(measured))}  last sent at ${done(measured)} (measured)`,
    `token bucket (old) ${bar(chart(bucket))}  last sent at ${done(bucket)} (burst ${burst}, computed)`,
  ].join('\n');
}
