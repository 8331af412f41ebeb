import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createWebhookReceiver,
  toFetchHandler,
  toNodeHandler,
  WebhookVerificationError,
  type KnownWebhookEvent,
  type WebhookEvent,
  type WebhookEventHandler,
  type WebhookHandlers,
} from '../../src/webhooks/index';
import { delivery, NOW, partsOf, TOKEN, TOKEN_BASE64 } from './fixtures';

async function answer(response: Response): Promise<[number, unknown]> {
  const text = await response.text();
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(TOKEN_BASE64);
  return [response.status, JSON.parse(text)];
}

describe('toFetchHandler', () => {
  it('dispatches by event name with typed events, falls back to *, and answers 200', async () => {
    const seen: string[] = [];
    const handle = toFetchHandler(createWebhookReceiver({ token: TOKEN, now: NOW }), {
      'server.build': (event: KnownWebhookEvent<'server.build'>) => {
        seen.push(`build ${event.data.server.id}`);
      },
      'user.modify': async (event) => {
        seen.push(`modify ${event.data.user.before.id}→${event.data.user.after.id}`);
      },
      '*': (event) => {
        seen.push(`other ${event.event} known=${event.known}`);
      },
    });
    expect(await answer(await handle(delivery('server.build', { server: { id: 42 } }, { hookEventId: 1 })))).toEqual([200, { ok: true }]);
    expect(await answer(await handle(delivery('user.modify', { 'user.before': { id: 5 }, 'user.after': { id: 5 } }, { hookEventId: 2 })))).toEqual([200, { ok: true }]);
    expect(await answer(await handle(delivery('server.boot', { server: { id: 42 } }, { hookEventId: 3 })))).toEqual([200, { ok: true }]);
    expect(await answer(await handle(delivery('server.teleport', {}, { hookEventId: 4 })))).toEqual([200, { ok: true }]);
    expect(seen).toEqual(['build 42', 'modify 5→5', 'other server.boot known=true', 'other server.teleport known=false']);
  });

  it('accepts one function for every event, and acknowledges an event without a handler', async () => {
    const all = vi.fn((_event: WebhookEvent) => undefined);
    const single = toFetchHandler(createWebhookReceiver({ token: TOKEN, now: NOW }), all);
    expect((await single(delivery('catch.all', {}, { hookEventId: 1 }))).status).toBe(200);
    expect(all).toHaveBeenCalledWith(expect.objectContaining({ event: 'catch.all', known: true }));

    const onlyBuild = toFetchHandler(createWebhookReceiver({ token: TOKEN, now: NOW }), { 'server.build': vi.fn() });
    expect(await answer(await onlyBuild(delivery('user.delete', { user: { id: 1 } }, { hookEventId: 1 })))).toEqual([200, { ok: true }]);
  });

  it('answers 200 { duplicate: true } to a repeat without running the handler again', async () => {
    const handler = vi.fn<WebhookEventHandler>();
    const handle = toFetchHandler(createWebhookReceiver({ token: TOKEN, now: NOW }), handler);
    expect(await answer(await handle(delivery('server.boot', { server: { id: 1 } }, { hookEventId: 77 })))).toEqual([200, { ok: true }]);
    expect(await answer(await handle(delivery('server.boot', { server: { id: 1 } }, { hookEventId: 77 })))).toEqual([200, { ok: true, duplicate: true }]);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('answers 401 to authentication failures and stale deliveries, 400 to malformed ones, with the reason', async () => {
    const onError = vi.fn();
    const handle = toFetchHandler(createWebhookReceiver({ token: TOKEN, now: NOW }), vi.fn<WebhookEventHandler>(), { onError });
    expect(await answer(await handle(delivery('server.boot', {}, { token: undefined })))).toEqual([401, { ok: false, reason: 'missing_auth' }]);
    expect(await answer(await handle(delivery('server.boot', {}, { token: 'forged' })))).toEqual([401, { ok: false, reason: 'bad_token' }]);
    expect(await answer(await handle(delivery('server.boot', {}, { created: '2024-11-05T10:00:00.000000Z' })))).toEqual([401, { ok: false, reason: 'stale' }]);
    const { headers } = await partsOf(delivery('server.boot', {}));
    const notJson = new Request('https://receiver.example/', { method: 'POST', headers, body: 'event=server.boot' });
    expect(await answer(await handle(notJson))).toEqual([400, { ok: false, reason: 'bad_json' }]);
    expect(onError).toHaveBeenCalledTimes(4);
    expect(onError.mock.calls.every(([error]) => error instanceof WebhookVerificationError)).toBe(true);
  });

  it('answers 500 handler_failed when the handler throws, and processes the retry', async () => {
    const onError = vi.fn(() => {
      throw new Error('the logger itself is broken');
    });
    let attempts = 0;
    const handle = toFetchHandler(
      createWebhookReceiver({ token: TOKEN, now: NOW }),
      () => {
        attempts += 1;
        if (attempts === 1) throw new Error('database down');
      },
      { onError },
    );
    expect(await answer(await handle(delivery('server.boot', { server: { id: 1 } }, { hookEventId: 5 })))).toEqual([500, { ok: false, reason: 'handler_failed' }]);
    expect(onError).toHaveBeenCalledWith(new Error('database down'));
    expect(await answer(await handle(delivery('server.boot', { server: { id: 1 } }, { hookEventId: 5 })))).toEqual([200, { ok: true }]);
    expect(attempts).toBe(2);
  });

  it('answers 500 internal_error when the seen store fails, and 405 to anything but POST', async () => {
    const broken = createWebhookReceiver({ token: TOKEN, now: NOW, seen: { markSeen: () => Promise.reject(new Error('redis down')), release: async () => {} } });
    const handle = toFetchHandler(broken, vi.fn<WebhookEventHandler>());
    expect(await answer(await handle(delivery('server.boot', { server: { id: 1 } })))).toEqual([500, { ok: false, reason: 'internal_error' }]);
    const get = await handle(new Request('https://receiver.example/webhooks/virtfusion'));
    expect(get.headers.get('allow')).toBe('POST');
    expect(get.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await answer(get)).toEqual([405, { ok: false, reason: 'method_not_allowed' }]);
  });
});

describe('toNodeHandler on a real node:http server', () => {
  const handled: string[] = [];
  const errors: unknown[] = [];
  let server: Server;
  let base: string;
  /** Simulates middleware mounted before the webhook handler. */
  let before: (req: IncomingMessage & { body?: unknown }) => Promise<void> = async () => {};

  const handlers: WebhookHandlers = {
    'server.boot': (event) => {
      handled.push(`boot ${event.data.server.id}`);
    },
    'server.destroy': () => {
      throw new Error('handler exploded');
    },
  };

  beforeAll(async () => {
    const receiver = createWebhookReceiver({ token: TOKEN, now: NOW, maxBodyBytes: 4096 });
    const listener = toNodeHandler(receiver, handlers, { onError: (error) => errors.push(error) });
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      void before(req).then(() => listener(req, res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/virtfusion`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  });

  const post = async (request: Request) => answer(await fetch(request));

  it('reads the raw body from the stream and answers 200, then 200 duplicate', async () => {
    before = async () => {};
    expect(await post(delivery('server.boot', { server: { id: 42 } }, { url: base, hookEventId: 100 }))).toEqual([200, { ok: true }]);
    expect(await post(delivery('server.boot', { server: { id: 42 } }, { url: base, hookEventId: 100 }))).toEqual([200, { ok: true, duplicate: true }]);
    expect(handled).toEqual(['boot 42']);
  });

  it('answers 401 to a wrong token, 400 to a malformed delivery, 500 when the handler throws, 413 when too large', async () => {
    before = async () => {};
    expect(await post(delivery('server.boot', {}, { url: base, token: 'forged' }))).toEqual([401, { ok: false, reason: 'bad_token' }]);
    expect(await post(delivery('server.boot', { server: { id: 1 } }, { url: base, created: 'not a time' }))).toEqual([400, { ok: false, reason: 'bad_timestamp' }]);
    expect(await post(delivery('server.destroy', { server: { id: 1 } }, { url: base, hookEventId: 101 }))).toEqual([500, { ok: false, reason: 'handler_failed' }]);
    expect(await post(delivery('server.boot', { padding: 'x'.repeat(5000) }, { url: base }))).toEqual([413, { ok: false, reason: 'body_too_large' }]);
    const get = await fetch(base);
    expect([get.status, get.headers.get('allow'), await get.json()]).toEqual([405, 'POST', { ok: false, reason: 'method_not_allowed' }]);
  });

  it('uses a raw body another middleware already read (express.raw)', async () => {
    before = async (req) => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of req) chunks.push(chunk as Uint8Array);
      req.body = new Uint8Array(chunks.reduce<number[]>((all, chunk) => [...all, ...chunk], []));
    };
    expect(await post(delivery('server.boot', { server: { id: 43 } }, { url: base, hookEventId: 102 }))).toEqual([200, { ok: true }]);
    expect(handled).toContain('boot 43');
  });

  it('answers 400 parsed_body, with the fix, when express.json() ran first, and body_consumed when the stream was drained', async () => {
    before = async (req) => {
      let text = '';
      for await (const chunk of req) text += new TextDecoder().decode(chunk as Uint8Array);
      req.body = JSON.parse(text) as unknown;
    };
    errors.length = 0;
    expect(await post(delivery('server.boot', { server: { id: 44 } }, { url: base, hookEventId: 103 }))).toEqual([400, { ok: false, reason: 'parsed_body', message: expect.stringContaining('mount the handler before express.json()') }]);
    expect((errors[0] as Error).message).toContain('mount the handler before express.json()');

    before = async (req) => {
      for await (const _chunk of req) {
        // drained and dropped
      }
    };
    expect(await post(delivery('server.boot', { server: { id: 45 } }, { url: base, hookEventId: 104 }))).toEqual([400, { ok: false, reason: 'body_consumed', message: expect.stringContaining('raw body') }]);
    expect(handled).not.toContain('boot 44');
    expect(handled).not.toContain('boot 45');
  });
});

describe('toNodeHandler as Express-style middleware', () => {
  function fakeResponse() {
    const response = {
      statusCode: 0,
      headers: {} as Record<string, string>,
      sent: undefined as string | undefined,
      headersSent: false,
      setHeader(name: string, value: string) {
        response.headers[name] = value;
      },
      end(body: string) {
        response.sent = body;
      },
    };
    return response;
  }

  it('answers from a request made of headers and chunks, and calls next only when answering failed', async () => {
    const request = delivery('server.boot', { server: { id: 46 } }, { hookEventId: 200 });
    const { headers, body } = await partsOf(request);
    const chunks = [body.slice(0, 10), new TextEncoder().encode(body.slice(10))];
    const req = { method: 'POST', headers, async *[Symbol.asyncIterator]() {
      yield* chunks;
    } };
    const res = fakeResponse();
    const next = vi.fn();
    const middleware = toNodeHandler(createWebhookReceiver({ token: TOKEN, now: NOW }), vi.fn<WebhookEventHandler>());
    await middleware(req, res, next);
    expect([res.statusCode, res.sent, res.headers['content-type'], next.mock.calls.length]).toEqual([200, '{"ok":true}', 'application/json; charset=utf-8', 0]);

    const broken = { ...fakeResponse(), end: () => {
      throw new Error('socket closed');
    } };
    await middleware({ ...req, headers: { ...headers, 'x-virtfusion-hook-event': '201' } }, broken, next);
    expect(next).toHaveBeenCalledWith(new Error('socket closed'));
  });

  it('answers 500 internal_error when the stream fails mid-body', async () => {
    const { headers } = await partsOf(delivery('server.boot', {}));
    const req = { method: 'POST', headers, async *[Symbol.asyncIterator]() {
      yield '{"event":';
      throw new Error('aborted');
    } };
    const res = fakeResponse();
    await toNodeHandler(createWebhookReceiver({ token: TOKEN, now: NOW }), vi.fn<WebhookEventHandler>())(req, res);
    expect([res.statusCode, res.sent]).toEqual([500, '{"ok":false,"reason":"internal_error"}']);
  });
});
