import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  ClientClosedError,
  ConfigurationError,
  RateLimitError,
  VirtFusion,
  rateLimit,
  type RateLimitOptions,
  type RateLimitedEvent,
} from '../../src/index';
import { PANEL, TOKEN, json, recordingFetch } from '../helpers/recording-fetch';
import { busiestWindow } from './helpers/windows';

const START = new Date('2026-03-02T10:00:00.000Z');

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(START);
});
afterEach(() => {
  vi.useRealTimers();
});


function limitedClient(options: RateLimitOptions, responder = () => json([])) {
  const times: number[] = [];
  const recorder = recordingFetch((request) => {
    times.push(Date.now() - START.getTime());
    return responder();
  });
  const limiter = rateLimit(options);
  const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch: recorder.fetch, middleware: [limiter], logger: { warn: vi.fn() } });
  const waits: RateLimitedEvent[] = [];
  vf.on('rateLimited', (event) => waits.push(event));
  return { vf, limiter, times, waits, requests: recorder.requests };
}

describe('rateLimit(): the budget', () => {
  it('never lets more than perMinute requests into any 60-second window, and uses the rest of the budget', async () => {
    const { vf, times } = limitedClient({ perMinute: 30 });
    const all = Promise.all(Array.from({ length: 100 }, () => vf.request('GET /connect')));
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await all;
    expect(times).toHaveLength(100);
    expect(busiestWindow(times, 60_000)).toBeLessThanOrEqual(30);
    // Burst of 3 at once, then one every 60 000 / 27 ms: the 100th leaves at 97 × 2 222 ms.
    expect(times.slice(0, 4)).toEqual([0, 0, 0, 2_223]);
    expect(times.at(-1)).toBe(Math.ceil(97 * (60_000 / 27)));
    // Saturated, every full window after the first holds 27 (90% of the budget).
    const inSecondMinute = times.filter((t) => t >= 60_000 && t < 120_000).length;
    expect(inSecondMinute).toBe(27);
  });

  it('holds with any window alignment, including a quiet client that suddenly bursts', async () => {
    const { vf, times } = limitedClient({ limit: 10, windowMs: 10_000, burst: 4 });
    await Promise.all(Array.from({ length: 4 }, () => vf.request('GET /connect')));
    await vi.advanceTimersByTimeAsync(9_000);
    const all = Promise.all(Array.from({ length: 30 }, () => vf.request('GET /connect')));
    await vi.advanceTimersByTimeAsync(120_000);
    await all;
    expect(busiestWindow(times, 10_000)).toBeLessThanOrEqual(10);
  });

  it('keeps at most maxConcurrent requests in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const { fetch } = recordingFetch(async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      inFlight -= 1;
      return json([]);
    });
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, middleware: [rateLimit({ limit: 1_000, windowMs: 1_000, burst: 500, maxConcurrent: 3 })] });
    const waits: RateLimitedEvent[] = [];
    vf.on('rateLimited', (event) => waits.push(event));
    const all = Promise.all(Array.from({ length: 10 }, () => vf.request('GET /connect')));
    await vi.advanceTimersByTimeAsync(10_000);
    await all;
    expect(most).toBe(3);
    expect(waits).toHaveLength(7);
    expect(waits.every((wait) => wait.reason === 'concurrency')).toBe(true);
    expect(waits.map((wait) => wait.waitedMs)).toEqual([1_000, 1_000, 1_000, 2_000, 2_000, 2_000, 3_000]);
  });

  it('reports each wait as a rateLimited event with how long it waited', async () => {
    const { vf, waits } = limitedClient({ limit: 4, windowMs: 4_000, burst: 2 });
    const all = Promise.all(Array.from({ length: 3 }, () => vf.request('GET /servers/{serverId}', { path: { serverId: 5 } })));
    await vi.advanceTimersByTimeAsync(5_000);
    await all;
    expect(waits).toEqual([
      { callId: 3, method: 'GET', route: 'GET /servers/{serverId}', operationId: 'getServer', attempt: 1, waitedMs: 2_000, reason: 'budget' },
    ]);
  });

  it('keeps separate budgets for separate tokens sharing one middleware', async () => {
    const limiter = rateLimit({ limit: 2, windowMs: 60_000, burst: 1 });
    const { fetch, requests } = recordingFetch(() => json([]));
    const a = new VirtFusion({ url: PANEL, token: TOKEN, fetch, middleware: [limiter] });
    const b = new VirtFusion({ url: PANEL, token: `${TOKEN}-other`, fetch, middleware: [limiter] });
    await Promise.all([a.request('GET /connect'), b.request('GET /connect')]);
    expect(requests).toHaveLength(2);
  });
});

describe('rateLimit(): abort while queued', () => {
  it('a queued request leaves at once when aborted, is never sent, and costs no token', async () => {
    const { vf, times, requests } = limitedClient({ limit: 3, windowMs: 3_000, burst: 1 }); // one token every 1.5 s
    await vf.request('GET /connect');
    const controller = new AbortController();
    const aborted = vf.request('GET /connect', { signal: controller.signal }).catch((e: unknown) => e);
    const next = vf.request('GET /connect');
    await vi.advanceTimersByTimeAsync(500);
    controller.abort();
    const error = (await aborted) as AbortError;
    expect(error).toBeInstanceOf(AbortError);
    expect(error.message).toBe('GET /connect was aborted while waiting for the rate limiter; nothing was sent.');
    await vi.advanceTimersByTimeAsync(1_000);
    await next;
    // The next waiter got the first new token: the aborted one took nothing.
    expect(times).toEqual([0, 1_500]);
    expect(requests).toHaveLength(2);
  });

  it('an already aborted signal is refused before the queue', async () => {
    const { vf, requests } = limitedClient({ perMinute: 60 });
    const error = await vf.request('GET /connect', { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(requests).toHaveLength(0);
  });
});

describe('rateLimit(): 429 from the panel', () => {
  it('pauses every request with the token for Retry-After', async () => {
    const answers = [json({ message: 'Too Many Attempts.' }, { status: 429, headers: { 'retry-after': '10' } })];
    const { vf, times, waits } = limitedClient({ perMinute: 600 }, () => answers.shift() ?? json([]));
    await expect(vf.request('GET /connect')).rejects.toBeInstanceOf(RateLimitError);
    const after = Promise.all([vf.request('GET /connect'), vf.request('GET /connect')]);
    await vi.advanceTimersByTimeAsync(10_000);
    await after;
    expect(times).toEqual([0, 10_000, 10_000]);
    expect(waits.map((wait) => [wait.reason, wait.waitedMs])).toEqual([
      ['paused', 10_000],
      ['paused', 10_000],
    ]);
  });

  it('pauses for at most maxPause, and 5 s when the panel gives no Retry-After', async () => {
    const answers = [
      json({}, { status: 429, headers: { 'retry-after': '86400' } }),
      json({}, { status: 429 }),
    ];
    const { vf, times } = limitedClient({ perMinute: 600, maxPause: 30_000 }, () => answers.shift() ?? json([]));
    await expect(vf.request('GET /connect')).rejects.toBeInstanceOf(RateLimitError);
    const second = vf.request('GET /connect').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await second).toBeInstanceOf(RateLimitError);
    const third = vf.request('GET /connect');
    await vi.advanceTimersByTimeAsync(5_000);
    await third;
    expect(times).toEqual([0, 30_000, 35_000]);
  });

  it('warns through the logger, naming the route and the pause', async () => {
    const warn = vi.fn();
    const { fetch } = recordingFetch(() => json({}, { status: 429, headers: { 'retry-after': '2' } }));
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, logger: { warn }, middleware: [rateLimit()] });
    await expect(vf.request('GET /connect')).rejects.toBeInstanceOf(RateLimitError);
    expect(warn).toHaveBeenCalledWith(
      { route: 'GET /connect', status: 429, retryAfterMs: 2_000, pauseMs: 2_000 },
      'The panel answered 429 to GET /connect; holding requests with this token for 2000 ms. Lower rateLimit({ perMinute }) if this repeats.',
    );
  });
});

describe('rateLimit(): lifecycle and settings', () => {
  it('close() fails the waiting requests and refuses new ones', async () => {
    const { vf, limiter } = limitedClient({ limit: 2, windowMs: 60_000, burst: 1 });
    await vf.request('GET /connect');
    const waiting = vf.request('GET /connect').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    await vf.close();
    const closed = await waiting;
    expect(closed).toBeInstanceOf(ClientClosedError);
    expect(closed).toBeInstanceOf(AbortError); // a cancellation, not a configuration mistake
    expect(closed).not.toBeInstanceOf(ConfigurationError);
    expect((closed as Error).message).toBe(
      'The client was closed (vf.close() or limiter.close()) while this request waited to be sent; nothing was sent. Create a new client to send more requests.',
    );
    await expect(vf.request('GET /connect')).rejects.toBeInstanceOf(ClientClosedError);
    await limiter.close(); // twice is fine
    expect(vi.getTimerCount()).toBe(0);
  });

  it('exposes the budget it enforces', () => {
    expect(rateLimit().settings).toEqual({ limit: 60, windowMs: 60_000, burst: 6, maxConcurrent: 10 });
    expect(rateLimit({ perMinute: 600, burst: 50, maxConcurrent: 4 }).settings).toEqual({ limit: 600, windowMs: 60_000, burst: 50, maxConcurrent: 4 });
    expect(rateLimit({ limit: 5, windowMs: 1_000 }).settings).toEqual({ limit: 5, windowMs: 1_000, burst: 1, maxConcurrent: 10 });
  });

  it.each([
    [{ perMinute: 0 }, 'rateLimit({ perMinute }) must be a whole number of at least 2 (got 0).'],
    [{ perMinute: 1.5 }, 'rateLimit({ perMinute }) must be a whole number of at least 2 (got 1.5).'],
    [{ perMinute: 10, burst: 10 }, 'rateLimit({ burst }) must be below the limit (10)'],
    [{ perMinute: 10, limit: 5 }, 'rateLimit() takes either `perMinute` or `limit` with `windowMs`, not both.'],
    [{ maxConcurrent: 0 }, 'rateLimit({ maxConcurrent }) must be a whole number of at least 1 (got 0).'],
  ])('refuses %j', (options, message) => {
    expect(() => rateLimit(options)).toThrow(message);
  });

  it('connects to Redis lazily: made and closed without a request, it opens nothing', async () => {
    // The Redis path itself is tested against a real server in rate-limit-redis.test.ts.
    const limiter = rateLimit({ redis: 'redis://127.0.0.1:1' });
    await expect(limiter.close()).resolves.toBeUndefined();
  });
});
