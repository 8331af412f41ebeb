import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortError, ConfigurationError, ServerError, VirtFusion, cache, retry, type CacheOptions, type Middleware } from '../../src/index';
import { RESPONSE_CHECKS } from '../../src/generated/checks';
import { PANEL, TOKEN, json, recordingFetch, type RecordedRequest } from '../helpers/recording-fetch';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const packages = { data: [{ id: 1, name: 'small' }] };

function cachedClient(options: CacheOptions = {}, responder: (request: RecordedRequest) => Response | Promise<Response> = () => json(packages)) {
  const recorder = recordingFetch(responder);
  const answers = cache(options);
  const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch: recorder.fetch, middleware: [answers] });
  const onWire = () => recorder.requests.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`);
  return { vf, answers, onWire, requests: recorder.requests };
}

describe('cache(): reads', () => {
  it('answers a repeated read of a cached route from memory', async () => {
    const { vf, answers, onWire } = cachedClient();
    await expect(vf.request('GET /packages')).resolves.toEqual(packages);
    await expect(vf.request('GET /packages')).resolves.toEqual(packages);
    await expect(vf.request('GET /packages')).resolves.toEqual(packages);
    expect(onWire()).toEqual(['GET /api/v1/packages']);
    expect(answers.stats()).toMatchObject({ hits: 2, misses: 1, coalesced: 0, entries: 1 });
  });

  it('stores the parsed answer, frozen, and hands the same value to every hit without parsing again', async () => {
    const { vf } = cachedClient();
    const parse = vi.spyOn(JSON, 'parse');
    const first = await vf.request('GET /packages');
    const parsesOfMiss = parse.mock.calls.length;
    const second = await vf.request('GET /packages');
    const third = await vf.request('GET /packages');
    expect(parse.mock.calls.length).toBe(parsesOfMiss);
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen((first as typeof packages).data[0])).toBe(true);
    expect(() => {
      (first as typeof packages).data[0]!.name = 'changed';
    }).toThrow(TypeError);
  });

  it('checks a stored answer against its schema once, not on every hit', async () => {
    const warn = vi.fn();
    const recorder = recordingFetch(() => json({ data: [{ id: 1, name: 'small', enabled: true, memory: 1024 }] }));
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch: recorder.fetch, middleware: [cache()], validate: 'strict', logger: { warn } });
    const table = RESPONSE_CHECKS['GET /packages'];
    const original = table[200]!;
    const checks = vi.fn(original);
    table[200] = checks;
    try {
      const first = await vf.packages.list();
      const second = await vf.packages.list();
      await vf.packages.list();
      expect(second).toBe(first);
      expect(recorder.requests).toHaveLength(1);
      expect(checks).toHaveBeenCalledTimes(1);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      table[200] = original;
    }
  });

  it('gives every reader a Response of its own (a body can be read once)', async () => {
    const seen: string[] = [];
    const reader: Middleware = async (ctx, next) => {
      const response = await next();
      seen.push(await response.clone().text());
      return response;
    };
    const { fetch } = recordingFetch(() => json(packages));
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, middleware: [cache(), reader] });
    await vf.request('GET /packages');
    const hitReader: Middleware = async (ctx, next) => {
      const response = await next();
      seen.push(await response.text());
      return new Response(seen.at(-1), { status: response.status, headers: response.headers });
    };
    await vf.request('GET /packages', { middleware: [hitReader] });
    await vf.request('GET /packages');
    expect(new Set(seen)).toEqual(new Set([JSON.stringify(packages)]));
  });

  it('keys by query string and by token', async () => {
    const { fetch, requests } = recordingFetch(() => json(packages));
    const answers = cache({ ttl: { 'GET /servers': 60_000 } });
    const a = new VirtFusion({ url: PANEL, token: TOKEN, fetch, middleware: [answers] });
    const b = new VirtFusion({ url: PANEL, token: `${TOKEN}-other`, fetch, middleware: [answers] });
    await a.request('GET /servers', { query: { results: 10 } });
    await a.request('GET /servers', { query: { results: 20 } });
    await a.request('GET /servers', { query: { results: 10 } });
    await b.request('GET /servers', { query: { results: 10 } });
    expect(requests.map((r) => r.url.search)).toEqual(['?results=10', '?results=20', '?results=10']);
  });

  it('does not cache servers or queue items by default', async () => {
    const { vf, onWire } = cachedClient({}, () => json({ data: { id: 1 } }));
    await vf.request('GET /servers/{serverId}', { path: { serverId: 1 } });
    await vf.request('GET /servers/{serverId}', { path: { serverId: 1 } });
    await vf.request('GET /queue/{queueId}', { path: { queueId: 9 } });
    await vf.request('GET /queue/{queueId}', { path: { queueId: 9 } });
    expect(onWire()).toHaveLength(4);
  });

  it('expires an answer after its route’s TTL', async () => {
    const { vf, onWire } = cachedClient({ ttl: { 'GET /packages': 30_000 } });
    await vf.request('GET /packages');
    await vi.advanceTimersByTimeAsync(29_999);
    await vf.request('GET /packages');
    expect(onWire()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await vf.request('GET /packages');
    expect(onWire()).toHaveLength(2);
  });

  it('keeps catalogue routes for minutes by default', async () => {
    const { vf, onWire } = cachedClient();
    await vf.request('GET /compute/hypervisors/groups');
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    await vf.request('GET /compute/hypervisors/groups');
    expect(onWire()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60_000);
    await vf.request('GET /compute/hypervisors/groups');
    expect(onWire()).toHaveLength(2);
  });

  it('does not keep error answers or answers marked no-store', async () => {
    const answers = [json({}, { status: 503 }), json(packages, { headers: { 'cache-control': 'no-store' } }), json(packages)];
    const { vf, onWire } = cachedClient({}, () => answers.shift() ?? json(packages));
    await expect(vf.request('GET /packages')).rejects.toBeInstanceOf(ServerError);
    await vf.request('GET /packages');
    await vf.request('GET /packages');
    await vf.request('GET /packages');
    expect(onWire()).toHaveLength(3);
  });

  it('`cache: false` on a call neither reads nor stores', async () => {
    const { vf, onWire, answers } = cachedClient();
    await vf.request('GET /packages', { cache: false });
    await vf.request('GET /packages');
    await vf.request('GET /packages', { cache: false });
    await vf.request('GET /packages');
    expect(onWire()).toHaveLength(3);
    expect(answers.stats()).toMatchObject({ hits: 1, misses: 1 });
  });

  it('clear() empties it', async () => {
    const { vf, onWire, answers } = cachedClient();
    await vf.request('GET /packages');
    answers.clear();
    await vf.request('GET /packages');
    expect(onWire()).toHaveLength(2);
  });
});

describe('cache(): writes invalidate', () => {
  it('a successful write drops the cached reads of its collection, for every token', async () => {
    const { fetch, requests } = recordingFetch((request) => (request.method === 'GET' ? json(packages) : new Response(null, { status: 204 })));
    const answers = cache({ ttl: { 'GET /servers/{serverId}': 60_000, 'GET /servers': 60_000 } });
    const a = new VirtFusion({ url: PANEL, token: TOKEN, fetch, middleware: [answers] });
    const b = new VirtFusion({ url: PANEL, token: `${TOKEN}-b`, fetch, middleware: [answers] });
    await a.request('GET /servers/{serverId}', { path: { serverId: 7 } });
    await b.request('GET /servers/{serverId}', { path: { serverId: 7 } });
    await a.request('GET /servers');
    await a.request('GET /packages');
    expect(answers.stats().entries).toBe(4);

    await a.request('PUT /servers/{serverId}/modify/name', { path: { serverId: 7 }, body: { name: 'renamed' } });
    expect(answers.stats()).toMatchObject({ entries: 1, invalidated: 3 });

    requests.length = 0;
    await a.request('GET /servers/{serverId}', { path: { serverId: 7 } });
    await b.request('GET /servers/{serverId}', { path: { serverId: 7 } });
    await a.request('GET /servers');
    await a.request('GET /packages');
    expect(requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['GET /api/v1/servers/7', 'GET /api/v1/servers/7', 'GET /api/v1/servers']);
  });

  const serverTtl = { ttl: { 'GET /servers/{serverId}': 60_000 } } as const;
  const rename = (vf: VirtFusion) => vf.request('PUT /servers/{serverId}/modify/name', { path: { serverId: 3 }, body: { name: 'db-2' } });
  const readServer = (vf: VirtFusion) => vf.request('GET /servers/{serverId}', { path: { serverId: 3 } });

  it('a failed write invalidates nothing', async () => {
    const { vf, onWire } = cachedClient(serverTtl, (request) => (request.method === 'GET' ? json(packages) : json({ errors: ['name taken'] }, { status: 422 })));
    await readServer(vf);
    await expect(rename(vf)).rejects.toThrow();
    await readServer(vf);
    expect(onWire()).toEqual(['GET /api/v1/servers/3', 'PUT /api/v1/servers/3/modify/name']);
  });

  it('a read that was in flight during a write is not stored', async () => {
    let release!: () => void;
    const { vf, onWire } = cachedClient(serverTtl, async (request) => {
      if (request.method === 'PUT') return new Response(null, { status: 204 });
      if (onWire().length === 1) await new Promise<void>((resolve) => (release = resolve));
      return json(packages);
    });
    const slowRead = readServer(vf);
    await vi.advanceTimersByTimeAsync(0);
    await rename(vf);
    release();
    await slowRead;
    await readServer(vf);
    expect(onWire()).toEqual(['GET /api/v1/servers/3', 'PUT /api/v1/servers/3/modify/name', 'GET /api/v1/servers/3']);
  });
});

describe('cache(): coalescing', () => {
  it('identical reads in flight together share one request', async () => {
    const { vf, onWire, answers } = cachedClient({}, async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return json({ data: { id: 1 } });
    });
    const all = Promise.all(Array.from({ length: 5 }, () => vf.request('GET /servers/{serverId}', { path: { serverId: 1 } })));
    await vi.advanceTimersByTimeAsync(100);
    expect(await all).toEqual(Array(5).fill({ data: { id: 1 } }));
    expect(onWire()).toEqual(['GET /api/v1/servers/1']);
    expect(answers.stats()).toMatchObject({ coalesced: 4, entries: 0 });
  });

  it('the callers of a shared read all receive its error', async () => {
    const { vf, onWire } = cachedClient({}, () => json({}, { status: 500 }));
    const results = await Promise.allSettled([vf.request('GET /packages'), vf.request('GET /packages')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(onWire()).toHaveLength(1);
  });

  it('one caller aborting leaves the shared read running for the others', async () => {
    const { vf, onWire } = cachedClient({}, async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return json(packages);
    });
    const controller = new AbortController();
    const leaving = vf.request('GET /packages', { signal: controller.signal }).catch((e: unknown) => e);
    const staying = vf.request('GET /packages');
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    expect(await leaving).toBeInstanceOf(AbortError);
    await vi.advanceTimersByTimeAsync(100);
    await expect(staying).resolves.toEqual(packages);
    expect(onWire()).toHaveLength(1);
  });

  it('when every caller aborts, the shared request is aborted too', async () => {
    let aborted = false;
    const fetch = (input: Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        const signal = init?.signal ?? input.signal;
        signal.addEventListener('abort', () => {
          aborted = true;
          reject(signal.reason);
        });
      });
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, middleware: [cache()] });
    const controller = new AbortController();
    const one = vf.request('GET /packages', { signal: controller.signal }).catch((e: unknown) => e);
    const two = vf.request('GET /packages', { signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    expect(await one).toBeInstanceOf(AbortError);
    expect(await two).toBeInstanceOf(AbortError);
    await vi.advanceTimersByTimeAsync(0);
    expect(aborted).toBe(true);
  });

  it('shares the attempts a retried read took with every caller', async () => {
    const answers = [json({}, { status: 503 })];
    const { fetch } = recordingFetch(() => answers.shift() ?? json(packages));
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, middleware: [cache(), retry({ random: () => 0 })] });
    const seen: number[] = [];
    vf.on('response', (event) => seen.push(event.attempt));
    const both = Promise.all([vf.request('GET /packages'), vf.request('GET /packages')]);
    await vi.runAllTimersAsync();
    await both;
    expect(seen).toEqual([2, 2]);
  });
});

describe('cache(): bounds', () => {
  it('holds at most maxEntries answers, dropping the least recently used', async () => {
    const { vf, onWire, answers } = cachedClient({ maxEntries: 2 });
    for (const packageId of [1, 2, 1, 3, 1, 2]) await vf.request('GET /packages/{packageId}', { path: { packageId } });
    // 1, 2 stored; 1 hit; 3 evicts 2; 1 hit; 2 sent again.
    expect(onWire()).toEqual(['GET /api/v1/packages/1', 'GET /api/v1/packages/2', 'GET /api/v1/packages/3', 'GET /api/v1/packages/2']);
    expect(answers.stats().entries).toBe(2);
  });

  it('holds at most maxBytes, and never an answer larger than that', async () => {
    const big = { data: 'x'.repeat(3_000) };
    const { vf, answers, onWire } = cachedClient({ maxBytes: 20_000 }, () => json(big));
    await vf.request('GET /packages/{packageId}', { path: { packageId: 1 } });
    expect(answers.stats().bytes).toBeGreaterThan(12_000); // the body twice: as text and parsed
    await vf.request('GET /packages/{packageId}', { path: { packageId: 2 } });
    const stats = answers.stats();
    expect(stats.entries).toBe(1);
    expect(stats.bytes).toBeLessThanOrEqual(20_000);

    const huge = cachedClient({ maxBytes: 1_000 }, () => json(big));
    await huge.vf.request('GET /packages');
    await huge.vf.request('GET /packages');
    expect(huge.onWire()).toHaveLength(2);
    expect(huge.answers.stats().entries).toBe(0);
    expect(onWire()).toHaveLength(2);
  });

  it('refuses nonsense settings', () => {
    expect(() => cache({ maxEntries: -1 })).toThrow(ConfigurationError);
    expect(() => cache({ ttl: { 'GET /packages': -5 } })).toThrow("cache({ ttl['GET /packages'] }) must be a number of at least 0 (got -5).");
  });
});

describe('cache(): answers made by inner layers', () => {
  it('copes with an inner layer whose Response is not buffered', async () => {
    const { fetch, requests } = recordingFetch(() => json([]));
    const streamed: Middleware = async () =>
      new Response(new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode('{"data":[1]}')), c.close()) }), { status: 200 });
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, middleware: [cache(), streamed] });
    await expect(vf.request('GET /packages')).resolves.toEqual({ data: [1] });
    await expect(vf.request('GET /packages')).resolves.toEqual({ data: [1] });
    expect(requests).toHaveLength(0);
  });
});
