import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AbortError, ConnectionError, VirtFusion, rateLimit } from '../../src/index';
import { PANEL, TOKEN, json, recordingFetch } from '../helpers/recording-fetch';
import { hasRedisServer, startRedis, type RedisServer } from './helpers/redis-server';
import { busiestWindow } from './helpers/windows';

if (!hasRedisServer) console.warn('Skipping the Redis rate-limit tests: /usr/bin/redis-server is not installed (apt-get install redis-server).');

const WORKER = fileURLToPath(new URL('./fixtures/shared-budget-worker.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));


function startWorker(args: string[]): { child: ChildProcess; ready: Promise<void>; done: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const waitFor = (word: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => output.includes(word) && resolve();
      child.stdout?.on('data', check);
      child.once('exit', (code) => (output.includes(word) ? resolve() : reject(new Error(`worker exited with ${String(code)} before "${word}":\n${errors}`))));
      check();
    });
  return { child, ready: waitFor('ready'), done: waitFor('done') };
}

describe.skipIf(!hasRedisServer)('rateLimit({ redis }) against a real redis-server', () => {
  let redis: RedisServer;
  let panel: Server;
  let origin: string;
  const arrivals: { at: number; worker: string }[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    panel = createServer((req, res) => {
      // Fractional milliseconds: no window may hold more than `limit`, to the microsecond.
      arrivals.push({ at: performance.now(), worker: req.headers['user-agent']?.split(' ')[1] ?? '' });
      res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
    panel.listen(0, '127.0.0.1');
    await once(panel, 'listening');
    origin = `http://127.0.0.1:${(panel.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    panel?.close();
    await redis?.stop();
  });

  it('two separate processes with the same token stay within one budget together', async () => {
    const limit = 20;
    const windowMs = 1_000;
    const perWorker = 40;
    const workers = ['worker-a', 'worker-b'].map((name) => startWorker([origin, redis.url, String(perWorker), String(limit), String(windowMs), name]));
    try {
      await Promise.all(workers.map((worker) => worker.ready));
      arrivals.length = 0;
      for (const worker of workers) worker.child.stdin?.write('go\n');
      await Promise.all(workers.map((worker) => worker.done));
    } finally {
      for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill();
    }

    expect(arrivals).toHaveLength(2 * perWorker);
    // Each process alone would be allowed `limit` per window; together they must share it, in any
    // window as the panel sees it. Without sharing, the busiest window would hold twice the limit.
    const times = arrivals.map((a) => a.at);
    expect(busiestWindow(times, windowMs)).toBeLessThanOrEqual(limit);
    // The whole budget is used: the first `limit` go at once (10 in flight at a time), then `limit` a window.
    expect(busiestWindow(times, 250)).toBe(limit);
    const span = Math.max(...times) - Math.min(...times);
    expect(span).toBeGreaterThanOrEqual(((2 * perWorker) / limit - 1) * windowMs);
    expect(span).toBeLessThan(((2 * perWorker) / limit) * windowMs);
    expect(arrivals.filter((a) => a.worker === 'worker-a')).toHaveLength(perWorker);
    expect(arrivals.filter((a) => a.worker === 'worker-b')).toHaveLength(perWorker);
  }, 60_000);

  it('a request aborted while it waits leaves the queue at once and is never sent', async () => {
    const { fetch, requests } = recordingFetch(() => json([]));
    const limiter = rateLimit({ limit: 2, windowMs: 60_000, redis: redis.url, keyPrefix: 'abort-test' });
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, middleware: [limiter] });
    try {
      await Promise.all([vf.request('GET /connect'), vf.request('GET /connect')]);
      const controller = new AbortController();
      const waiting = vf.request('GET /connect', { signal: controller.signal }).catch((e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 200));
      controller.abort();
      const error = await waiting;
      expect(error).toBeInstanceOf(AbortError);
      expect((error as AbortError).message).toBe('GET /connect was aborted while waiting for the rate limiter; nothing was sent.');
      expect(requests).toHaveLength(2);
    } finally {
      await vf.close();
    }
  }, 20_000);

  it('a 429 seen by one client pauses the other clients that share the token', async () => {
    let answered429 = false;
    const first = recordingFetch(() => {
      if (answered429) return json([]);
      answered429 = true;
      return json({ message: 'Too Many Attempts.' }, { status: 429, headers: { 'retry-after': '1' } });
    });
    const second = recordingFetch(() => json([]));
    const shared = { limit: 100, windowMs: 60_000, redis: redis.url, keyPrefix: 'pause-test' };
    const a = new VirtFusion({ url: PANEL, token: TOKEN, fetch: first.fetch, middleware: [rateLimit(shared)], logger: { warn: () => {} } });
    const b = new VirtFusion({ url: PANEL, token: TOKEN, fetch: second.fetch, middleware: [rateLimit(shared)] });
    try {
      await b.request('GET /connect'); // b is connected
      const waits: number[] = [];
      b.on('rateLimited', (event) => waits.push(event.waitedMs));
      await expect(a.request('GET /connect')).rejects.toThrow(/429/);
      await new Promise((resolve) => setTimeout(resolve, 100)); // the pause reaches Redis
      const started = Date.now();
      await b.request('GET /connect');
      expect(Date.now() - started).toBeGreaterThanOrEqual(700);
      expect(waits).toHaveLength(1);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 20_000);
});

describe('rateLimit({ redis }) when Redis is down', () => {
  it('fails the request unsent with a retryable ConnectionError after 5 s, warns once, and closes cleanly', async () => {
    const { fetch, requests } = recordingFetch(() => json([]));
    const warn = vi.fn();
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, logger: { warn }, middleware: [rateLimit({ redis: 'redis://user:hunter2@127.0.0.1:1' })] });
    const error = (await vf.request('GET /connect').catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.retryable).toBe(true);
    expect(error.message).toBe('The shared rate limiter could not reach Redis (no answer from Redis within 5000 ms); nothing was sent.');
    expect(requests).toHaveLength(0);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(warn.mock.calls)).not.toContain('hunter2');
    await vf.close();
  }, 15_000);
});
