import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ClientClosedError,
  AbortError,
  ConnectionError,
  HostNotFoundError,
  rateLimit,
  retry,
  TimeoutError,
  VERSION,
  VirtFusion,
  type Middleware,
  type RateLimitedEvent,
  type RetryEvent,
  type VirtFusionOptions,
} from '../../src/index';
import { leaksIn, renderingsOf, secretForms } from '../helpers/leaks';

// These tests use the global fetch (Node's undici): no client here gets a `fetch` option. nock 14
// intercepts it through @mswjs/interceptors' fetch interceptor, which replaces `globalThis.fetch`;
// the SDK's transport (ky) reads `globalThis.fetch` on every request, so it goes through nock.
// Checked on Node 20, 22 and 24: `$(bash scripts/node-binaries.sh 22) node_modules/vitest/vitest.mjs run test/nock`.
//
// Real timers throughout, with short timeouts and bounded retries: vitest's fake timers do not
// work with nock's fetch interception. With setImmediate or setInterval faked, even a bare
// `fetch()` to a nock scope never settles while the fake clock is advanced; with only setTimeout
// faked, a GET retried after a 503 never settles although nock served both answers (seen on Node 20).

const PANEL = 'https://panel.example.com';
const TOKEN = 'vf-nock-token-3b8d1f6a2c9e';
const API = '/api/v1';

/** Retries without real waits worth the name, for the failure tests. */
const quickRetry = (): Middleware => retry({ retries: 3, minTimeout: 1, maxTimeout: 5 });

function client(options: Partial<VirtFusionOptions> = {}): VirtFusion {
  const vf = new VirtFusion({ url: PANEL, token: TOKEN, logger: { warn: () => undefined }, ...options });
  opened.push(vf);
  return vf;
}
const opened: VirtFusion[] = [];

function retriesOf(vf: VirtFusion): RetryEvent[] {
  const events: RetryEvent[] = [];
  vf.on('retry', (event) => events.push(event));
  return events;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

function expectNoToken(error: unknown): void {
  expect(leaksIn(renderingsOf(error), secretForms(TOKEN))).toEqual([]);
}

const socketError = (code: string) => Object.assign(new Error(`socket failure ${code}`), { code });

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((vf) => vf.close()));
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending, 'interceptors the test set up but no request used').toEqual([]);
});

afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('the global fetch under nock', () => {
  it('is what a client without a `fetch` option uses, and nothing reaches the network', async () => {
    expect(typeof globalThis.fetch).toBe('function');
    nock(PANEL).get(`${API}/connect`).reply(200, { data: 'ok' });
    await expect(client().connect()).resolves.toBe(true);

    // A host nobody intercepts: nock refuses the connection, so the request never leaves the process.
    const stray = new VirtFusion({ url: 'https://unmocked.example.net', token: TOKEN, logger: { warn: () => undefined }, middleware: [] });
    const error = await rejection(stray.connect());
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).message).toContain('ENETUNREACH');
    expect(((error as ConnectionError).cause as Error).name).toBe('NetConnectNotAllowedError');
  });
});

describe('the request core over the global fetch', () => {
  it('sends a GET with the exact method, path, query and headers, and returns the answer', async () => {
    let headers: Record<string, unknown> = {};
    let sentBody: unknown;
    nock(PANEL)
      .get(`${API}/servers/7`)
      .query({ remoteState: 'true' })
      .reply(function (_uri, body) {
        headers = { ...this.req.headers };
        sentBody = body;
        return [200, { data: { id: 7, name: 'web-1' } }, { 'content-type': 'application/json' }];
      });
    const answer = await client().request('GET /servers/{serverId}', { path: { serverId: 7 }, query: { remoteState: true } });
    expect(answer).toEqual({ data: { id: 7, name: 'web-1' } });
    expect(headers).toEqual({
      accept: 'application/json',
      authorization: `Bearer ${TOKEN}`,
      'user-agent': `virtfusion-sdk/${VERSION}`,
      host: 'panel.example.com',
    });
    expect(sentBody).toBe('');
  });

  it('sends a POST with the exact JSON body and content type, and a custom User-Agent suffix', async () => {
    let headers: Record<string, unknown> = {};
    let sentBody: unknown;
    nock(PANEL)
      .post(`${API}/servers/7/build`)
      .reply(function (_uri, body) {
        headers = { ...this.req.headers };
        sentBody = body;
        return [200, { data: { id: 7, state: 'queued' } }];
      });
    const vf = client({ userAgent: 'billing-panel/2.1' });
    const answer = await vf.request('POST /servers/{serverId}/build', { path: { serverId: 7 }, body: { operatingSystemId: 46, name: 'web-1', sshKeys: [3] } });
    expect(answer).toEqual({ data: { id: 7, state: 'queued' } });
    expect(sentBody).toEqual({ operatingSystemId: 46, name: 'web-1', sshKeys: [3] });
    expect(headers).toEqual({
      accept: 'application/json',
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      'user-agent': `virtfusion-sdk/${VERSION} billing-panel/2.1`,
      host: 'panel.example.com',
    });
  });

  it('sends PHP-style list queries and an empty 204 as undefined', async () => {
    nock(PANEL).get(`${API}/servers`).query({ 'hypervisorId[]': ['1', '3'], results: '5', page: '2' }).reply(200, { data: [], current_page: 2, last_page: 2, per_page: 5, total: 5 });
    nock(PANEL).post(`${API}/servers/7/suspend`).reply(204);
    const vf = client();
    await expect(vf.request('GET /servers', { query: { hypervisorId: [1, 3], results: 5, page: 2 } })).resolves.toMatchObject({ current_page: 2 });
    await expect(vf.request('POST /servers/{serverId}/suspend', { path: { serverId: 7 } })).resolves.toBeUndefined();
  });
});

describe('the default middleware over the global fetch', () => {
  it('retries a GET answered 503 and returns the answer that follows', async () => {
    // Retry-After: 0 makes the default retry layer (whose backoff starts at a second) go again at once.
    nock(PANEL).get(`${API}/servers/7`).reply(503, { message: 'Service Unavailable' }, { 'retry-after': '0' });
    nock(PANEL).get(`${API}/servers/7`).reply(200, { data: { id: 7 } });
    const vf = client();
    const retries = retriesOf(vf);
    await expect(vf.request('GET /servers/{serverId}', { path: { serverId: 7 } })).resolves.toEqual({ data: { id: 7 } });
    expect(retries).toMatchObject([{ attempt: 1, status: 503, retryAfterMs: 0, delayMs: 0, route: 'GET /servers/{serverId}' }]);
  });

  it('does not retry a POST answered 503: one request, a ServerError that says the write may or may not have been applied', async () => {
    nock(PANEL).post(`${API}/servers/7/power/boot`).reply(503, { message: 'Service Unavailable' }, { 'retry-after': '0' });
    const vf = client();
    const retries = retriesOf(vf);
    const error = await rejection(vf.request('POST /servers/{serverId}/power/boot', { path: { serverId: 7 } }));
    expect(error).toMatchObject({ name: 'ServerError', status: 503, attempts: 1 });
    expect((error as Error).message).toMatch(/may or may not have been applied/);
    expect(retries).toEqual([]);
  });

  it('retries after a 429 for the time the panel asked, and holds the limiter meanwhile', async () => {
    nock(PANEL).get(`${API}/packages`).reply(429, { message: 'Too Many Attempts.' }, { 'retry-after': '0' });
    nock(PANEL).get(`${API}/packages`).reply(200, { data: [] });
    const vf = client();
    const retries = retriesOf(vf);
    await expect(vf.request('GET /packages')).resolves.toEqual({ data: [] });
    expect(retries).toMatchObject([{ status: 429, retryAfterMs: 0 }]);
  });

  it('keeps to the rate limit: no window holds more requests than the budget', async () => {
    const windowMs = 300;
    const arrivals: number[] = [];
    nock(PANEL)
      .get(`${API}/packages/1`)
      .times(5)
      .reply(() => {
        arrivals.push(performance.now());
        return [200, { data: { id: 1 } }];
      });
    const vf = client({ middleware: [quickRetry(), rateLimit({ limit: 2, windowMs, burst: 1 })] });
    const waits: RateLimitedEvent[] = [];
    vf.on('rateLimited', (event) => waits.push(event));
    await Promise.all(Array.from({ length: 5 }, () => vf.request('GET /packages/{packageId}', { path: { packageId: 1 } })));
    expect(arrivals).toHaveLength(5);
    for (const start of arrivals) expect(arrivals.filter((t) => t >= start && t < start + windowMs - 5).length).toBeLessThanOrEqual(2);
    expect(waits.length).toBeGreaterThanOrEqual(3);
    expect(waits.every((event) => event.reason === 'budget' && event.waitedMs > 0)).toBe(true);
  });

  it('closing the client fails the requests still waiting in the limiter with ClientClosedError, and sends none of them', async () => {
    nock(PANEL).get(`${API}/packages/2`).reply(200, { data: { id: 2 } });
    const vf = client({ middleware: [quickRetry(), rateLimit({ limit: 2, windowMs: 60_000, burst: 1 })] });
    const calls = Array.from({ length: 4 }, () =>
      vf.request('GET /packages/{packageId}', { path: { packageId: 2 } }).then(
        () => 'sent',
        (error: unknown) => error,
      ),
    );
    // The burst lets one go at once and the spread budget one more 30 s later; close while the rest wait.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await vf.close();
    const outcomes = await Promise.all(calls);
    expect(outcomes[0]).toBe('sent');
    const closed = outcomes.filter((outcome) => outcome instanceof ClientClosedError);
    expect(closed).toHaveLength(3);
    for (const error of closed) expect(error).toBeInstanceOf(AbortError);
  });
});

describe('network failures over the global fetch', () => {
  for (const code of ['ECONNRESET', 'ECONNREFUSED']) {
    it(`${code}: a GET is retried and succeeds; when every attempt fails, a ConnectionError naming ${code} that says nothing of writes`, async () => {
      nock(PANEL).get(`${API}/servers/7`).replyWithError(socketError(code));
      nock(PANEL).get(`${API}/servers/7`).reply(200, { data: { id: 7 } });
      const vf = client({ middleware: [quickRetry()] });
      const retries = retriesOf(vf);
      await expect(vf.request('GET /servers/{serverId}', { path: { serverId: 7 } })).resolves.toEqual({ data: { id: 7 } });
      expect(retries).toMatchObject([{ attempt: 1, code: 'connection_error', status: undefined }]);

      nock(PANEL).get(`${API}/servers/7`).times(4).replyWithError(socketError(code));
      const error = await rejection(vf.request('GET /servers/{serverId}', { path: { serverId: 7 } }));
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({ code: 'connection_error', retryable: true, attempts: 4, method: 'GET', route: 'GET /servers/{serverId}' });
      expect((error as Error).message).toContain(code);
      expect((error as Error).message).toContain('Failed after 4 attempts');
      expect((error as Error).message).not.toMatch(/write|applied/);
      expectNoToken(error);
    });
  }

  it('ENOTFOUND: a GET is retried once at most, and the HostNotFoundError says to check the panel URL', async () => {
    nock(PANEL).get(`${API}/servers/7`).replyWithError(socketError('ENOTFOUND'));
    nock(PANEL).get(`${API}/servers/7`).reply(200, { data: { id: 7 } });
    const vf = client({ middleware: [quickRetry()] });
    const retries = retriesOf(vf);
    await expect(vf.request('GET /servers/{serverId}', { path: { serverId: 7 } })).resolves.toEqual({ data: { id: 7 } });
    expect(retries).toMatchObject([{ attempt: 1, code: 'host_not_found' }]);

    nock(PANEL).get(`${API}/servers/7`).times(2).replyWithError(socketError('ENOTFOUND'));
    const error = await rejection(vf.request('GET /servers/{serverId}', { path: { serverId: 7 } }));
    expect(error).toBeInstanceOf(HostNotFoundError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: 'host_not_found', retryable: true, attempts: 2 });
    expect((error as Error).message).toBe(
      "The panel's host name panel.example.com does not resolve (ENOTFOUND) for GET /servers/{serverId}: check the panel URL. Failed after 2 attempts.",
    );
    expectNoToken(error);
  });

  it('EAI_AGAIN (a temporary DNS failure) keeps every retry of a GET', async () => {
    nock(PANEL).get(`${API}/servers/7`).times(4).replyWithError(socketError('EAI_AGAIN'));
    const vf = client({ middleware: [quickRetry()] });
    const error = await rejection(vf.request('GET /servers/{serverId}', { path: { serverId: 7 } }));
    expect(error).not.toBeInstanceOf(HostNotFoundError);
    expect(error).toMatchObject({ code: 'connection_error', attempts: 4 });
  });

  it('ECONNRESET: a POST is not retried, and the ConnectionError says the write may or may not have been applied', async () => {
    nock(PANEL).post(`${API}/servers`).replyWithError(socketError('ECONNRESET'));
    const vf = client({ middleware: [quickRetry()] });
    const retries = retriesOf(vf);
    const error = await rejection(vf.request('POST /servers', { body: { packageId: 1, userId: 2, hypervisorId: 1 } }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ attempts: 1, method: 'POST' });
    expect((error as Error).message).toMatch(/ECONNRESET.*A write may or may not have been applied/);
    expect(retries).toEqual([]);
    expectNoToken(error);
  });

  for (const code of ['ECONNREFUSED', 'ENOTFOUND']) {
    it(`${code}: a POST is not retried, and the error says the request never reached the panel`, async () => {
      nock(PANEL).post(`${API}/servers`).replyWithError(socketError(code));
      const vf = client({ middleware: [quickRetry()] });
      const retries = retriesOf(vf);
      const error = await rejection(vf.request('POST /servers', { body: { packageId: 1, userId: 2, hypervisorId: 1 } }));
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({ attempts: 1, method: 'POST' });
      expect((error as Error).message).toMatch(new RegExp(`${code}.*never reached the panel, so nothing was applied`));
      expect((error as Error).message).not.toContain('may or may not');
      expect(retries).toEqual([]);
      expectNoToken(error);
    });
  }

  it('a reply delayed past the timeout is a TimeoutError; a GET is retried, a POST is not', async () => {
    nock(PANEL).get(`${API}/servers/7`).delay(400).reply(200, { data: { id: 7, late: true } });
    nock(PANEL).get(`${API}/servers/7`).reply(200, { data: { id: 7 } });
    const vf = client({ timeout: 100, middleware: [quickRetry()] });
    const retries = retriesOf(vf);
    await expect(vf.request('GET /servers/{serverId}', { path: { serverId: 7 } })).resolves.toEqual({ data: { id: 7 } });
    expect(retries).toMatchObject([{ attempt: 1, code: 'timeout' }]);

    nock(PANEL).post(`${API}/servers/7/power/restart`).delay(400).reply(200, { data: { queueId: 1 } });
    const error = await rejection(vf.request('POST /servers/{serverId}/power/restart', { path: { serverId: 7 } }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: 'timeout', attempts: 1, retryable: true });
    expect((error as Error).message).toMatch(/within 100 ms.*may or may not have been applied/);
    expect(retries).toHaveLength(1);
    expectNoToken(error);
  });

  it('a delayed connection (delayConnection) past the timeout is a TimeoutError, retried for a GET until the attempts run out', async () => {
    nock(PANEL).get(`${API}/connect`).times(3).delayConnection(400).reply(200, { data: 'late' });
    const vf = client({ timeout: 80, middleware: [retry({ retries: 2, minTimeout: 1, maxTimeout: 5 })] });
    const error = await rejection(vf.connect());
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ attempts: 3, route: 'GET /connect' });
    expect((error as Error).message).toContain('Failed after 3 attempts');
  });
});
