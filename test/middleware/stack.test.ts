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
    const burst = Promise.all(Array.from({ length: 8 }, () => vf.request('GET /connect')));
    await vi.advanceTimersByTimeAsync(5_000);
    await burst;
    // 60 a minute in bursts of 6: two of the bucket's six were used above.
    expect(waits.length).toBeGreaterThanOrEqual(4);
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
    expect((limiter as ReturnType<typeof rateLimit>).settings).toEqual({ limit: 60, windowMs: 60_000, burst: 6, maxConcurrent: 10 });
    expect(defaultMiddleware()[1]).not.toBe(limiter);
  });

  it('vf.close() closes the client’s limiter: waiting requests fail, the process can exit', async () => {
    const { fetch } = recordingFetch(() => json([]));
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, middleware: [rateLimit({ limit: 2, windowMs: 60_000, burst: 1 })] });
    await vf.request('GET /connect');
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
      middleware: [cache(), retry({ random: () => 0 }), rateLimit({ limit: 2, windowMs: 10_000, burst: 1 })],
    });
    const waits: RateLimitedEvent[] = [];
    vf.on('rateLimited', (event) => waits.push(event));
    const first = vf.request('GET /packages');
    await vi.advanceTimersByTimeAsync(10_000);
    await first;
    expect(requests).toHaveLength(2);
    expect(waits.map((w) => [w.attempt, w.waitedMs])).toEqual([[2, 10_000]]);

    await vf.request('GET /packages'); // a hit: no token needed, none waited for
    expect(requests).toHaveLength(2);
    expect(waits).toHaveLength(1);
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
