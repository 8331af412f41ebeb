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

describe('rateLimit(): the budget, a sliding window counted from the answers', () => {
  it('lets the whole budget go at once, and never more than perMinute into any 60-second window', async () => {
    const { vf, times, waits } = limitedClient({ perMinute: 30 });
    const all = Promise.all(Array.from({ length: 100 }, () => vf.request('GET /connect')));
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await all;
    expect(times).toHaveLength(100);
    // Every answer is instant here: each batch of 30 goes when the previous batch's answers leave the window.
    expect(times.filter((t) => t === 0)).toHaveLength(30);
    expect(times.filter((t) => t === 60_000)).toHaveLength(30);
    expect(times.filter((t) => t === 120_000)).toHaveLength(30);
    expect(times.filter((t) => t === 180_000)).toHaveLength(10);
    expect(busiestWindow(times, 60_000)).toBe(30);
    expect(waits.filter((wait) => wait.waitedMs >= 60_000)).toHaveLength(70);
  });

  it('sends the first 30 requests of a default client at once (panel limit 60 a minute)', async () => {
    const { fetch } = recordingFetch(() => json([]));
    const times: number[] = [];
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch: async (request) => (times.push(Date.now() - START.getTime()), fetch(request)) });
    await Promise.all(Array.from({ length: 30 }, () => vf.request('GET /connect')));
    expect(times).toEqual(Array.from({ length: 30 }, () => 0));
    await vf.close();
  });

  it('uses all of the budget when saturated: limit requests in every window', async () => {
    const { vf, times } = limitedClient({ limit: 10, windowMs: 1_000 });
    const all = Promise.all(Array.from({ length: 200 }, () => vf.request('GET /connect')));
    await vi.advanceTimersByTimeAsync(60_000);
    await all;
    for (let second = 0; second < 20; second += 1) {
      expect(times.filter((t) => t >= second * 1_000 && t < (second + 1) * 1_000)).toHaveLength(10);
    }
  });

  it('stays within the limit at the panel whatever its window alignment and however long answers take', async () => {
    // The panel counts a request at some moment between its arrival and its answer: check both ends.
    const limit = 10;
    const windowMs = 10_000;
    const sent: number[] = [];
    const answered: number[] = [];
    const delays = [0, 2_500, 700, 9_000, 40, 4_100, 12_000, 300];
    let n = 0;
    const recorder = recordingFetch(async () => {
      sent.push(Date.now());
      await new Promise((resolve) => setTimeout(resolve, delays[n++ % delays.length]));
      answered.push(Date.now());
      return json([]);
    });
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch: recorder.fetch, middleware: [rateLimit({ limit, windowMs, maxConcurrent: 50 })] });
    const early = Promise.all(Array.from({ length: 4 }, () => vf.request('GET /connect')));
    await vi.advanceTimersByTimeAsync(9_500); // quiet, then a sudden burst
    await early;
    const all = Promise.all(Array.from({ length: 60 }, () => vf.request('GET /connect')));
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await all;
    expect(sent).toHaveLength(64);
    expect(busiestWindow(sent, windowMs)).toBeLessThanOrEqual(limit);
    expect(busiestWindow(answered, windowMs)).toBeLessThanOrEqual(limit);
    // Mixed: each request counted at its arrival or its answer, alternately.
    expect(busiestWindow(sent.map((t, i) => (i % 2 === 0 ? t : answered[i]!)), windowMs)).toBeLessThanOrEqual(limit);
  });

  it('counts a request from when its answer arrived, not from when it was sent', async () => {
    const recorder = recordingFetch(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      return json([]);
    });
    const times: number[] = [];
    const vf = new VirtFusion({
      url: PANEL,
      token: TOKEN,
      fetch: async (request) => (times.push(Date.now() - START.getTime()), recorder.fetch(request)),
      middleware: [rateLimit({ limit: 2, windowMs: 10_000 })],
    });
    const all = Promise.all(Array.from({ length: 3 }, () => vf.request('GET /connect')));
    await vi.advanceTimersByTimeAsync(60_000);
    await all;
    // Two answers at 5 s: the third waits for 5 s + the window, not for the window alone.
    expect(times).toEqual([0, 0, 15_000]);
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
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, middleware: [rateLimit({ limit: 1_000, windowMs: 1_000, maxConcurrent: 3 })] });
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
    const { vf, waits } = limitedClient({ limit: 2, windowMs: 4_000 });
    const all = Promise.all(Array.from({ length: 3 }, () => vf.request('GET /servers/{serverId}', { path: { serverId: 5 } })));
    await vi.advanceTimersByTimeAsync(5_000);
    await all;
    expect(waits).toEqual([
      { callId: 3, method: 'GET', route: 'GET /servers/{serverId}', operationId: 'getServer', attempt: 1, waitedMs: 4_000, reason: 'budget' },
    ]);
  });

  it('keeps separate budgets for separate tokens sharing one middleware', async () => {
    const limiter = rateLimit({ limit: 2, windowMs: 60_000 });
    const { fetch, requests } = recordingFetch(() => json([]));
    const a = new VirtFusion({ url: PANEL, token: TOKEN, fetch, middleware: [limiter] });
    const b = new VirtFusion({ url: PANEL, token: `${TOKEN}-other`, fetch, middleware: [limiter] });
    await Promise.all([a.request('GET /connect'), b.request('GET /connect')]);
    expect(requests).toHaveLength(2);
  });
});

describe('rateLimit(): abort while queued', () => {
  it('a queued request leaves at once when aborted, is never sent, and costs no token', async () => {
    const { vf, times, requests } = limitedClient({ limit: 2, windowMs: 3_000 });
    await Promise.all([vf.request('GET /connect'), vf.request('GET /connect')]);
    const controller = new AbortController();
    const aborted = vf.request('GET /connect', { signal: controller.signal }).catch((e: unknown) => e);
    const next = vf.request('GET /connect');
    await vi.advanceTimersByTimeAsync(500);
    controller.abort();
    const error = (await aborted) as AbortError;
    expect(error).toBeInstanceOf(AbortError);
    expect(error.message).toBe('GET /connect was aborted while waiting for the rate limiter; nothing was sent.');
    await vi.advanceTimersByTimeAsync(2_500);
    await next;
    // The next waiter got the first free place in the window: the aborted one took nothing.
    expect(times).toEqual([0, 0, 3_000]);
    expect(requests).toHaveLength(3);
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
    const { vf, limiter } = limitedClient({ limit: 2, windowMs: 60_000 });
    await Promise.all([vf.request('GET /connect'), vf.request('GET /connect')]);
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
    expect(rateLimit().settings).toEqual({ limit: 60, windowMs: 60_000, maxConcurrent: 10 });
    expect(rateLimit({ perMinute: 600, maxConcurrent: 4 }).settings).toEqual({ limit: 600, windowMs: 60_000, maxConcurrent: 4 });
    expect(rateLimit({ limit: 5, windowMs: 1_000 }).settings).toEqual({ limit: 5, windowMs: 1_000, maxConcurrent: 10 });
  });

  it('accepts burst, ignores it, and warns once per process that it is deprecated', async () => {
    const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const { vf, times } = limitedClient({ limit: 4, windowMs: 1_000, burst: 1 });
      rateLimit({ perMinute: 60, burst: 6 });
      await Promise.all(Array.from({ length: 4 }, () => vf.request('GET /connect')));
      expect(times).toEqual([0, 0, 0, 0]);
      // Once per process (each test file gets fresh modules; no earlier test here gives burst).
      expect(emitWarning.mock.calls).toEqual([
        [expect.stringContaining('rateLimit({ burst }) is deprecated and ignored'), { type: 'DeprecationWarning', code: 'VIRTFUSION_SDK_RATE_LIMIT_BURST' }],
      ]);
    } finally {
      emitWarning.mockRestore();
    }
  });

  it.each([
    [{ perMinute: 0 }, 'rateLimit({ perMinute }) must be a whole number of at least 2 (got 0).'],
    [{ perMinute: 1.5 }, 'rateLimit({ perMinute }) must be a whole number of at least 2 (got 1.5).'],
    [{ perMinute: 10, burst: 10 }, 'rateLimit({ burst }) must be below the limit (10).'],
    [{ perMinute: 10, burst: 0.5 }, 'rateLimit({ burst }) must be a whole number of at least 1 (got 0.5).'],
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
