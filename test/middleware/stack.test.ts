import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ClientClosedError,
  ServerError,
  VirtFusion,
  cache,
  defaultMiddleware,
  rateLimit,
  retry,
  type Middleware,
  type RateLimitedEvent,
} from '../../src/index';
import { PANEL, TOKEN, json, recordingFetch } from '../helpers/recording-fetch';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function failingThenOk(failures: number) {
  let left = failures;
  return recordingFetch(() => (left-- > 0 ? json({}, { status: 503 }) : json([])));
}

describe('the default stack', () => {
  it('without a middleware option, retries idempotent calls and limits the rate', async () => {
    const { fetch, requests } = failingThenOk(1);
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch });
    const pending = vf.request('GET /connect');
    await vi.runAllTimersAsync();
    await pending;
    expect(requests).toHaveLength(2);

    const waits: RateLimitedEvent[] = [];
    vf.on('rateLimited', (event) => waits.push(event));
    const burst = Promise.all(Array.from({ length: 60 }, () => vf.request('GET /connect')));
    await vi.advanceTimersByTimeAsync(65_000);
    await burst;
    // 60 a minute: two of them were used above, so 58 go at once and the last two wait for the window.
    expect(requests).toHaveLength(62);
    expect(waits.filter((wait) => wait.reason === 'budget' || wait.waitedMs >= 50_000)).toHaveLength(2);
    await vf.close();
  });

  it('does not retry a POST', async () => {
    const { fetch, requests } = failingThenOk(1);
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch });
    await expect(vf.request('POST /servers', { body: { packageId: 1, userId: 2, hypervisorId: 3 } })).rejects.toBeInstanceOf(ServerError);
    expect(requests).toHaveLength(1);
  });

  it('`middleware: []` means no layer at all', async () => {
    const { fetch, requests } = failingThenOk(1);
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, middleware: [] });
    await expect(vf.request('GET /connect')).rejects.toBeInstanceOf(ServerError);
    expect(requests).toHaveLength(1);
  });

  it('defaultMiddleware() gives a fresh retry and limiter each time, to build on', () => {
    const [retryLayer, limiter] = defaultMiddleware();
    expect(typeof retryLayer).toBe('function');
    expect((limiter as ReturnType<typeof rateLimit>).settings).toEqual({ limit: 60, windowMs: 60_000, maxConcurrent: 10 });
    expect(defaultMiddleware()[1]).not.toBe(limiter);
  });

  it('vf.close() closes the client’s limiter: waiting requests fail, the process can exit', async () => {
    const { fetch } = recordingFetch(() => json([]));
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, middleware: [rateLimit({ limit: 2, windowMs: 60_000 })] });
    await Promise.all([vf.request('GET /connect'), vf.request('GET /connect')]);
    const waiting = vf.request('GET /connect').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1);
    await vf.close();
    expect(await waiting).toBeInstanceOf(ClientClosedError);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('the documented order: cache → retry → rate limit → transport', () => {
  it('every attempt takes a slot of the limiter; a cache hit takes none', async () => {
    const answers = [json({}, { status: 503 })];
    const { fetch, requests } = recordingFetch(() => answers.shift() ?? json({ data: [] }));
    const vf = new VirtFusion({
      url: PANEL,
      token: TOKEN,
      fetch,
      middleware: [cache(), retry({ random: () => 0 }), rateLimit({ limit: 2, windowMs: 10_000 })],
    });
    const waits: RateLimitedEvent[] = [];
    vf.on('rateLimited', (event) => waits.push(event));
    const first = vf.request('GET /packages');
    await vi.advanceTimersByTimeAsync(1_000);
    await first;
    expect(requests).toHaveLength(2); // a 503, then the retry: both slots of the window

    await vf.request('GET /packages'); // a hit: no slot needed, none waited for
    expect(requests).toHaveLength(2);
    expect(waits).toHaveLength(0);

    const third = vf.request('GET /connect');
    await vi.advanceTimersByTimeAsync(10_000);
    await third;
    expect(waits.map((w) => [w.attempt, w.waitedMs, w.reason])).toEqual([[1, 9_000, 'budget']]); // the window of the two attempts, answered at 0, ends at 10 s
    await vf.close();
  });

  it('use() adds layers inside the constructor’s, and per-call ones go innermost', async () => {
    const order: string[] = [];
    const tag =
      (name: string): Middleware =>
      async (ctx, next) => {
        order.push(name);
        return next();
      };
    const { fetch } = recordingFetch(() => json([]));
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, middleware: [tag('cache'), tag('retry')] });
    vf.use(tag('limit'));
    await vf.request('GET /connect', { middleware: [tag('call')] });
    expect(order).toEqual(['cache', 'retry', 'limit', 'call']);
  });
});
