import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  ConfigurationError,
  ConnectionError,
  TimeoutError,
  VERSION,
  VirtFusion,
  fetchTransport,
  kyTransport,
  type Middleware,
  type Transport,
} from '../../src/index';
import { PANEL, TOKEN, json, recordingFetch } from '../helpers/recording-fetch';
import { TRANSPORTS } from '../helpers/transports';

describe.each(TRANSPORTS)('over $name', ({ connect }) => {

  afterEach(() => {
    vi.useRealTimers();
  });

  describe('requests on the wire', () => {
    it('sends method, URL, token, Accept and User-Agent', async () => {
      const { fetch, requests } = recordingFetch(() => json({ data: { id: 42, name: 'web-1' } }));
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect(fetch) });
      const result = await vf.request('GET /servers/{serverId}', { path: { serverId: 42 } });
      expect(result).toEqual({ data: { id: 42, name: 'web-1' } });
      const sent = requests[0]!;
      expect(sent.method).toBe('GET');
      expect(sent.url.href).toBe('https://panel.example.com/api/v1/servers/42');
      expect(sent.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
      expect(sent.headers.get('accept')).toBe('application/json');
      expect(sent.headers.get('user-agent')).toBe(`virtfusion-sdk/${VERSION}`);
      expect(sent.headers.get('content-type')).toBeNull();
      expect(sent.body).toBe('');
    });

    it('appends the caller’s User-Agent suffix', async () => {
      const { fetch, requests } = recordingFetch(() => json([]));
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect(fetch), userAgent: 'billing-panel/2.3' });
      await vf.request('GET /connect');
      expect(requests[0]?.headers.get('user-agent')).toBe(`virtfusion-sdk/${VERSION} billing-panel/2.3`);
      expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
    });

    it('adds per-call headers but refuses a per-call Authorization', async () => {
      const { fetch, requests } = recordingFetch(() => json([]));
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect(fetch) });
      await vf.request('GET /connect', { headers: { 'x-trace': 'abc' } });
      expect(requests[0]?.headers.get('x-trace')).toBe('abc');
      await expect(vf.request('GET /connect', { headers: { Authorization: 'Bearer other' } })).rejects.toThrow(ConfigurationError);
      expect(requests).toHaveLength(1);
    });

    it('returns [] for GET /connect', async () => {
      const { fetch } = recordingFetch(() => json([]));
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect(fetch) });
      await expect(vf.request('GET /connect')).resolves.toEqual([]);
    });

    it('returns undefined for a 204', async () => {
      const { fetch, requests } = recordingFetch(() => new Response(null, { status: 204 }));
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect(fetch) });
      await expect(vf.request('DELETE /servers/{serverId}', { path: { serverId: 3 }, query: { delay: 60 } })).resolves.toBeUndefined();
      expect(`${requests[0]?.method} ${requests[0]?.url.pathname}${requests[0]?.url.search}`).toBe('DELETE /api/v1/servers/3?delay=60');
    });

    it('treats an empty 201 from modify as success', async () => {
      const { fetch, requests } = recordingFetch(() => new Response('', { status: 201 }));
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect(fetch) });
      await expect(vf.request('PUT /servers/{serverId}/modify/name', { path: { serverId: 3 }, body: { name: 'db-2' } })).resolves.toBeUndefined();
      expect(requests[0]?.method).toBe('PUT');
      expect(requests[0]?.body).toBe('{"name":"db-2"}');
    });

    it('accepts both 200 {info} and 204 on a package change', async () => {
      const answers = [json({ info: ['package not updated'] }), new Response(null, { status: 204 })];
      const { fetch } = recordingFetch(() => answers.shift()!);
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect(fetch) });
      const route = 'PUT /servers/{serverId}/package/{packageId}' as const;
      await expect(vf.request(route, { path: { serverId: 1, packageId: 2 } })).resolves.toEqual({ info: ['package not updated'] });
      await expect(vf.request(route, { path: { serverId: 1, packageId: 2 } })).resolves.toBeUndefined();
    });

    it('uses the global fetch when none is given', async () => {
      const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => json([]));
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect() });
      await expect(vf.request('GET /connect')).resolves.toEqual([]);
      expect(spy).toHaveBeenCalledTimes(1);
    });
  });

  describe('middleware onion', () => {
    it('runs client-level layers (constructor, then use()) outside per-call layers', async () => {
      const order: string[] = [];
      const layer = (name: string): Middleware => async (ctx, next) => {
        order.push(`${name}>`);
        const response = await next();
        order.push(`<${name}`);
        return response;
      };
      const { fetch } = recordingFetch(() => json([]));
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect(fetch), middleware: [layer('a'), layer('b')] });
      vf.use(layer('c'));
      await vf.request('GET /connect', { middleware: [layer('call')] });
      expect(order).toEqual(['a>', 'b>', 'c>', 'call>', '<call', '<c', '<b', '<a']);
    });

    it('gives layers the route, operation and a credential fingerprint but never the token', async () => {
      const seen: Record<string, unknown>[] = [];
      const spy: Middleware = async (ctx, next) => {
        seen.push({
          route: ctx.route,
          operationId: ctx.operationId,
          method: ctx.method,
          url: ctx.url.href,
          authorization: ctx.headers.get('authorization'),
          credentialId: ctx.credentialId,
          attempt: ctx.attempt,
        });
        return next();
      };
      const { fetch } = recordingFetch(() => json({ data: {} }));
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect(fetch), middleware: [spy] });
      await vf.request('GET /servers/{serverId}', { path: { serverId: 5 } });
      expect(seen).toEqual([
        {
          route: 'GET /servers/{serverId}',
          operationId: 'getServer',
          method: 'GET',
          url: 'https://panel.example.com/api/v1/servers/5',
          authorization: null,
          credentialId: expect.stringMatching(/^[0-9a-f]{32}$/),
          attempt: 1,
        },
      ]);
      expect(JSON.stringify(seen)).not.toContain(TOKEN);
    });

    it('lets a layer change the request and answer without the transport', async () => {
      const { fetch, requests } = recordingFetch(() => json([]));
      const addHeader: Middleware = (ctx, next) => {
        ctx.headers.set('x-from-layer', '1');
        return next(ctx);
      };
      const answer: Middleware = async () => json({ data: { cached: true } });
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect(fetch), middleware: [addHeader] });
      await vf.request('GET /connect');
      expect(requests[0]?.headers.get('x-from-layer')).toBe('1');
      await expect(vf.request('GET /servers/{serverId}', { path: { serverId: 1 }, middleware: [answer] })).resolves.toEqual({
        data: { cached: true },
      });
      expect(requests).toHaveLength(1);
    });

    it('sends what layers did to the headers, whether they changed, replaced, copied or left them', async () => {
      const { fetch, requests } = recordingFetch(() => json([]));
      const wire = () => Object.fromEntries(requests.at(-1)!.headers);
      const untouched = { accept: 'application/json', authorization: `Bearer ${TOKEN}`, 'user-agent': `virtfusion-sdk/${VERSION}` };
      const send = (layer?: Middleware) => new VirtFusion({ url: PANEL, token: TOKEN, ...connect(fetch), middleware: layer ? [layer] : [] }).request('GET /connect');

      await send();
      expect(wire()).toEqual(untouched);
      await send((ctx, next) => {
        ctx.headers = new Headers({ accept: 'text/plain', 'x-replaced': '1' });
        return next();
      });
      expect(wire()).toEqual({ accept: 'text/plain', authorization: `Bearer ${TOKEN}`, 'x-replaced': '1' });
      await send((ctx, next) => {
        const copy = { ...ctx };
        copy.headers = new Headers(ctx.headers);
        copy.headers.delete('user-agent');
        return next(copy);
      });
      expect(wire()).toEqual({ accept: 'application/json', authorization: `Bearer ${TOKEN}` });
      await send((ctx, next) => next({ ...ctx, headers: new Headers([...ctx.headers, ['x-spread', 'yes']]) }));
      expect(wire()).toEqual({ ...untouched, 'x-spread': 'yes' });
      await send(async (ctx, next) => {
        const answer = await next({ ...ctx });
        ctx.headers.set('x-too-late', '1');
        return answer;
      });
      expect(wire()).toEqual(untouched);
    });

    it('sends a JSON body with its content type, and per-call headers beside the client’s', async () => {
      const { fetch, requests } = recordingFetch(() => new Response(null, { status: 204 }));
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect(fetch), middleware: [] });
      await vf.request('PUT /servers/{serverId}/modify/name', { path: { serverId: 1 }, body: { name: 'x' }, headers: { 'X-Request-Id': 'abc' } });
      expect(Object.fromEntries(requests[0]!.headers)).toEqual({
        accept: 'application/json',
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
        'user-agent': `virtfusion-sdk/${VERSION}`,
        'x-request-id': 'abc',
      });
    });

    it('can send the same context twice, each time as a fresh request with its body', async () => {
      const { fetch, requests } = recordingFetch(() => new Response('', { status: 201 }));
      const twice: Middleware = async (ctx, next) => {
        await next();
        ctx.attempt += 1;
        return next(ctx);
      };
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect(fetch) });
      await vf.request('PUT /servers/{serverId}/modify/name', { path: { serverId: 1 }, body: { name: 'x' }, middleware: [twice] });
      expect(requests.map((r) => r.body)).toEqual(['{"name":"x"}', '{"name":"x"}']);
    });
  });

  describe('abort, timeout and network failures', () => {
    let started: Promise<void>;
    let markStarted: () => void;
    beforeEach(() => {
      started = new Promise((resolve) => (markStarted = resolve));
    });
    /** Behaves like fetch to a panel that never answers: settles only when its signal aborts. */
    const hanging = (input: Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        const signal = init?.signal ?? input.signal;
        markStarted();
        if (signal.aborted) reject(signal.reason);
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });

    it('refuses to send when the signal is already aborted', async () => {
      const { fetch, requests } = recordingFetch();
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect(fetch) });
      const error = await vf.request('GET /connect', { signal: AbortSignal.abort(new Error('stop')) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbortError);
      expect((error as AbortError).cause).toEqual(new Error('stop'));
      expect(requests).toHaveLength(0);
    });

    it('rejects with AbortError when the caller aborts in flight', async () => {
      const controller = new AbortController();
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect(hanging) });
      const pending = vf.request('GET /connect', { signal: controller.signal });
      await started;
      controller.abort();
      const error = await pending.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbortError);
      expect((error as AbortError).code).toBe('aborted');
      expect((error as AbortError).message).toBe('GET /connect was aborted by the caller.');
    });

    it('rejects with TimeoutError after the client timeout (fake clock)', async () => {
      vi.useFakeTimers();
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect(hanging), timeout: 5_000, middleware: [] });
      const pending = vf.request('GET /connect').catch((e: unknown) => e);
      await started;
      await vi.advanceTimersByTimeAsync(4_999);
      let settled = false;
      void pending.then(() => (settled = true));
      await Promise.resolve();
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const error = await pending;
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).retryable).toBe(true);
      expect((error as TimeoutError).message).toBe(
        'No complete answer from the panel within 5000 ms (GET /connect).',
      );
    });

    it('a per-call timeout overrides the client’s', async () => {
      vi.useFakeTimers();
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect(hanging), timeout: 60_000, middleware: [] });
      const pending = vf.request('GET /connect', { timeout: 100 }).catch((e: unknown) => e);
      await started;
      await vi.advanceTimersByTimeAsync(100);
      expect(await pending).toBeInstanceOf(TimeoutError);
    });

    it('times out a body that stalls after the headers', async () => {
      vi.useFakeTimers();
      const stalled = (input: Request, init?: RequestInit) => {
        const signal = init?.signal ?? input.signal;
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"data": ['));
            markStarted();
            signal.addEventListener('abort', () => controller.error(signal.reason), { once: true });
          },
        });
        return Promise.resolve(new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }));
      };
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect(stalled), timeout: 1_000, middleware: [] });
      const pending = vf.request('GET /connect').catch((e: unknown) => e);
      await started;
      await vi.advanceTimersByTimeAsync(1_000);
      expect(await pending).toBeInstanceOf(TimeoutError);
    });

    it('turns a refused connection into ConnectionError with its cause', async () => {
      const refused = async () => {
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }) });
      };
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect(refused) });
      const error = await vf.request('POST /servers', { body: { packageId: 1, userId: 1, hypervisorId: 1 } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as ConnectionError).message).toBe(
        'Could not reach the panel at panel.example.com (ECONNREFUSED) for POST /servers. The request never reached the panel, so nothing was applied.',
      );
      expect((error as ConnectionError).retryable).toBe(true);
      expect((error as ConnectionError).method).toBe('POST');
    });
  });

  describe('configuration', () => {
    it.each([
      [{ url: PANEL, token: '' }, /`token` is missing/],
      [{ url: PANEL, token: 'abc def' }, /whitespace or control characters/],
      [{ url: PANEL, token: 'abc\r\nX-Evil: 1' }, /whitespace or control characters/],
      [{ url: PANEL, token: TOKEN, timeout: -1 }, /`timeout` must be a positive number/],
      [{ url: PANEL, token: TOKEN, userAgent: 'a\nb' }, /`userAgent` must be a single-line string/],
    ])('refuses %j', (options, message) => {
      expect(() => new VirtFusion(options as never)).toThrow(message);
    });
  });
});

describe('choosing a transport', () => {
  it('refuses `fetch` and `transport` together, before anything is sent', () => {
    const { fetch, requests } = recordingFetch(() => json([]));
    const attempt = () => new VirtFusion({ url: PANEL, token: TOKEN, fetch, transport: fetchTransport({ fetch }) });
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow('Give either `fetch` or `transport`, not both: `fetch` is shorthand for `transport: kyTransport({ fetch })`.');
    expect(requests).toHaveLength(0);
  });

  it('refuses a transport that is not one', () => {
    expect(() => new VirtFusion({ url: PANEL, token: TOKEN, transport: (async () => json([])) as never })).toThrow(
      '`transport` must come from kyTransport() or fetchTransport() (an object with `send`).',
    );
  });

  it('kyTransport() and fetchTransport() are Transports, shareable between clients with different tokens', async () => {
    const { fetch, requests } = recordingFetch(() => json([]));
    const transports: Transport[] = [kyTransport({ fetch }), fetchTransport({ fetch })];
    expect(transports.map((transport) => transport.kind)).toEqual(['ky', 'fetch']);
    for (const transport of transports) {
      await new VirtFusion({ url: PANEL, token: TOKEN, transport, middleware: [] }).request('GET /connect');
      await new VirtFusion({ url: PANEL, token: `${TOKEN}-b`, transport, middleware: [] }).request('GET /connect');
    }
    expect(requests.map((request) => request.headers.get('authorization'))).toEqual([
      `Bearer ${TOKEN}`,
      `Bearer ${TOKEN}-b`,
      `Bearer ${TOKEN}`,
      `Bearer ${TOKEN}-b`,
    ]);
  });

  it('a transport of your own answers with a Response, with or without middleware, and its errors are typed', async () => {
    const sent: string[] = [];
    const own: Transport = {
      kind: 'own',
      send: async (ctx) => {
        sent.push(`${ctx.method} ${ctx.url.pathname} ${ctx.headers.get('accept')}`);
        return ctx.url.pathname.endsWith('/9') ? new Response('{"msg":"gone"}', { status: 404 }) : Response.json({ data: { id: 1 } });
      },
    };
    for (const middleware of [[], undefined]) {
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, transport: own, middleware });
      await expect(vf.request('GET /servers/{serverId}', { path: { serverId: 1 } })).resolves.toEqual({ data: { id: 1 } });
      await expect(vf.request('GET /servers/{serverId}', { path: { serverId: 9 } })).rejects.toMatchObject({ name: 'NotFoundError', status: 404 });
    }
    expect(sent).toEqual(Array.from({ length: 2 }, () => ['GET /api/v1/servers/1 application/json', 'GET /api/v1/servers/9 application/json']).flat());
  });

  it("the SDK's own transports answer a client without middleware as one with it: same values, same typed errors", async () => {
    const { fetch } = recordingFetch((request) =>
      request.url.pathname.endsWith('/9') ? new Response('{"msg":"gone"}', { status: 404 }) : request.url.pathname.endsWith('/8') ? new Response('{"data": {', { status: 200 }) : Response.json({ data: { id: 1 } }),
    );
    for (const transport of [kyTransport({ fetch }), fetchTransport({ fetch })]) {
      for (const middleware of [[], [(ctx, next) => next(ctx)] as Middleware[]]) {
        const vf = new VirtFusion({ url: PANEL, token: TOKEN, transport, middleware });
        await expect(vf.request('GET /servers/{serverId}', { path: { serverId: 1 } })).resolves.toEqual({ data: { id: 1 } });
        await expect(vf.request('GET /servers/{serverId}', { path: { serverId: 9 } })).rejects.toMatchObject({ name: 'NotFoundError', status: 404 });
        await expect(vf.request('GET /servers/{serverId}', { path: { serverId: 8 } })).rejects.toMatchObject({ name: 'ResponseUnreadableError', status: 200 });
      }
    }
  });
});
