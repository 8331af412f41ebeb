import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { VirtFusion, cache, rateLimit, retry, type RequestEventMap, type RequestEventName } from '../../src/index';
import { PANEL, TOKEN, json, recordingFetch, type RecordedRequest } from '../helpers/recording-fetch';

const BASE64_TOKEN = btoa(TOKEN);
const NAMES: RequestEventName[] = ['request', 'response', 'retry', 'rateLimited', 'error'];

function capture(vf: VirtFusion) {
  const events: { name: RequestEventName; event: RequestEventMap[RequestEventName] }[] = [];
  for (const name of NAMES) vf.on(name, (event) => events.push({ name, event }));
  return events;
}

function capturingLogger() {
  const lines: { level: string; details: unknown; message: string }[] = [];
  const at = (level: string) => (details: Record<string, unknown>, message: string) => lines.push({ level, details, message });
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

describe('vf.on(): request events', () => {
  it('reports a successful call as request then response, with route, status, duration and attempt', async () => {
    const { fetch } = recordingFetch(() => json({ data: {} }));
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, middleware: [] });
    const events = capture(vf);
    await vf.request('GET /servers/{serverId}', { path: { serverId: 4 } });
    expect(events).toEqual([
      { name: 'request', event: { callId: 1, method: 'GET', route: 'GET /servers/{serverId}', operationId: 'getServer', attempt: 1 } },
      {
        name: 'response',
        event: { callId: 1, method: 'GET', route: 'GET /servers/{serverId}', operationId: 'getServer', attempt: 1, status: 200, durationMs: expect.any(Number), cached: false },
      },
    ]);
  });

  it('reports a failed call as an error event with its code and status, after the response', async () => {
    const { fetch } = recordingFetch(() => json({ msg: 'server not found' }, { status: 404 }));
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, middleware: [] });
    const events = capture(vf);
    await expect(vf.request('GET /servers/{serverId}', { path: { serverId: 4 } })).rejects.toThrow();
    expect(events.map((e) => e.name)).toEqual(['request', 'response', 'error']);
    expect(events[2]?.event).toMatchObject({ callId: 1, status: 404, code: 'not_found', attempt: 1, message: expect.stringContaining('server not found') });
  });

  it('reports a call with no answer as request then error', async () => {
    const { fetch } = recordingFetch(() => {
      throw new TypeError('fetch failed');
    });
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, middleware: [] });
    const events = capture(vf);
    await expect(vf.request('GET /connect')).rejects.toThrow();
    expect(events.map((e) => [e.name, (e.event as { code?: string }).code])).toEqual([
      ['request', undefined],
      ['error', 'connection_error'],
    ]);
  });

  it('marks answers the cache gave, and numbers the calls', async () => {
    const { fetch } = recordingFetch(() => json([]));
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, middleware: [cache()] });
    const events = capture(vf);
    await vf.request('GET /packages');
    await vf.request('GET /packages');
    expect(events.filter((e) => e.name === 'response').map((e) => [e.event.callId, (e.event as { cached: boolean }).cached])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('off() removes a listener; a throwing listener never breaks the request', async () => {
    const { fetch } = recordingFetch(() => json([]));
    const warn = vi.fn();
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, middleware: [], logger: { warn } });
    const seen = vi.fn();
    vf.on('request', seen).on('response', () => {
      throw new Error('listener bug');
    });
    await expect(vf.request('GET /connect')).resolves.toEqual([]);
    expect(warn).toHaveBeenCalledWith({ event: 'response', error: 'Error: listener bug' }, 'A listener of the "response" event threw; the request was not affected.');
    vf.off('request', seen);
    await vf.request('GET /connect');
    expect(seen).toHaveBeenCalledTimes(1);
  });

  it('logs every event through a pino-style logger: requests at debug, retries and waits at info', async () => {
    const answers = [json({}, { status: 503 })];
    const { fetch } = recordingFetch(() => answers.shift() ?? json([]));
    const { logger, lines } = capturingLogger();
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, logger, middleware: [retry({ minTimeout: 1, random: () => 0 })] });
    await vf.request('GET /connect');
    expect(lines.map((line) => [line.level, line.message])).toEqual([
      ['debug', 'GET /connect sent'],
      ['info', 'GET /connect attempt 1 failed (503); retrying in 0 ms'],
      ['debug', expect.stringMatching(/^GET \/connect answered 200 in \d+ ms$/)],
    ]);
    expect(lines[1]?.details).toMatchObject({ event: 'retry', route: 'GET /connect', attempt: 1, status: 503, delayMs: 0 });
  });
});

describe('the token never appears in events or logs', () => {
  it('on success, failure, retry, rate-limit, cache, abort and network-error paths', async () => {
    const leaky = (request: RecordedRequest): Response => {
      const path = request.url.pathname;
      if (path.endsWith('/servers/1')) return json({ message: `token ${TOKEN} rejected`, b64: BASE64_TOKEN }, { status: 401 });
      if (path.endsWith('/servers/2')) return new Response(`<html><title>${TOKEN}</title></html>`, { status: 500, headers: { 'x-echo': TOKEN } });
      if (path.endsWith('/servers/3')) throw new TypeError('fetch failed', { cause: new Error(`socket hang up sending Bearer ${TOKEN}`) });
      if (path.endsWith('/servers/4')) return json({ echo: TOKEN }, { status: 429, headers: { 'retry-after': '0' } });
      return json({ data: { note: 'ok' } });
    };
    const { fetch } = recordingFetch(leaky);
    const { logger, lines } = capturingLogger();
    const vf = new VirtFusion({
      url: PANEL,
      token: TOKEN,
      fetch,
      logger,
      middleware: [cache({ ttl: { 'GET /servers/{serverId}': 60_000 } }), retry({ retries: 1, minTimeout: 1, random: () => 0 }), rateLimit({ limit: 3, windowMs: 300 })],
    });
    const events = capture(vf);
    const server = (serverId: number, options: Record<string, unknown> = {}) => vf.request('GET /servers/{serverId}', { path: { serverId }, ...options }).catch((e: unknown) => e);

    await server(9); // success
    await server(9); // cache hit
    await server(1); // 401 echoing the token, plain and base64
    await server(2); // 500 HTML with the token, retried, then failed
    await server(3); // network error whose cause names the token, retried
    await server(4); // 429 echoing the token: retried, pauses the limiter
    const controller = new AbortController();
    const aborted = server(5, { signal: controller.signal });
    controller.abort(new Error(`caller gave up ${TOKEN}`.replace(TOKEN, 'x')));
    await aborted;
    await Promise.all([server(6), server(7), server(8)]); // waits in the limiter
    await vf.close();

    const kinds = new Set(events.map((e) => e.name));
    expect(kinds).toEqual(new Set(NAMES));
    expect(lines.some((line) => line.level === 'warn')).toBe(true);
    const everything = [JSON.stringify(events), JSON.stringify(lines), inspect(events, { depth: 10 }), inspect(lines, { depth: 10 })].join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(BASE64_TOKEN);
    expect(everything).not.toMatch(/authorization/i);
  });
});
