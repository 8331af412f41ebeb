import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  ConfigurationError,
  ConnectionError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
  VirtFusion,
  rateLimit,
  retry,
  type RetryEvent,
  type RetryOptions,
} from '../../src/index';
import { PANEL, TOKEN, json, recordingFetch, type Responder } from '../helpers/recording-fetch';

const START = new Date('2026-03-02T10:00:00.000Z');

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(START);
});
afterEach(() => {
  vi.useRealTimers();
});

/** Answers in turn with each responder (the last one repeats), stamping when each request arrived. */
function script(...answers: Responder[]) {
  const times: number[] = [];
  let index = 0;
  const recorder = recordingFetch((request) => {
    times.push(Date.now() - START.getTime());
    const answer = answers[Math.min(index, answers.length - 1)]!;
    index += 1;
    return answer(request);
  });
  return { ...recorder, times };
}

const status = (code: number, headers: Record<string, string> = {}): Responder => () => json({ message: `status ${code}` }, { status: code, headers });
const ok: Responder = () => json({ data: { id: 1 } });
const refused: Responder = () => {
  throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }) });
};

function client(fetch: ReturnType<typeof recordingFetch>['fetch'], options: RetryOptions = {}, logger = { warn: vi.fn() }) {
  const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, logger, middleware: [retry({ random: () => 0.5, ...options })] });
  const retries: RetryEvent[] = [];
  vf.on('retry', (event) => retries.push(event));
  return { vf, retries, logger };
}

/** Like fetch to a panel that never answers: settles only when the request's signal aborts. */
function hangUntilAborted(input: Request, init?: RequestInit): Promise<Response> {
  const signal = init?.signal ?? input.signal;
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

const getServer = (vf: VirtFusion, options: Record<string, unknown> = {}) => vf.request('GET /servers/{serverId}', { path: { serverId: 1 }, ...options });

describe('retry(): which failures', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries a GET answered %i, then returns the success', async (code) => {
    const { fetch, requests } = script(status(code), ok);
    const { vf } = client(fetch);
    const pending = getServer(vf);
    await vi.runAllTimersAsync();
    await expect(pending).resolves.toEqual({ data: { id: 1 } });
    expect(requests).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 422, 423])('does not retry %i', async (code) => {
    const { fetch, requests } = script(status(code));
    const { vf } = client(fetch);
    const error = await getServer(vf).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: code, attempts: 1 });
    expect(requests).toHaveLength(1);
  });

  it('retries a refused connection and a timeout (no answer at all)', async () => {
    const answers = [refused, 'hang', ok] as const;
    let sent = 0;
    const fetch = (input: Request, init?: RequestInit) => {
      const answer = answers[sent++]!;
      if (answer !== 'hang') return Promise.resolve().then(() => answer({} as never));
      return hangUntilAborted(input, init);
    };
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, timeout: 2_000, middleware: [retry({ random: () => 0 })] });
    const retried: (string | undefined)[] = [];
    vf.on('retry', (event) => retried.push(event.code));
    const pending = getServer(vf);
    await vi.runAllTimersAsync();
    await expect(pending).resolves.toEqual({ data: { id: 1 } });
    expect(sent).toBe(3);
    expect(retried).toEqual(['connection_error', 'timeout']);
  });

  it('sends a fresh request, with its body, on every attempt', async () => {
    const { fetch, requests } = script(status(503), status(503), () => new Response(null, { status: 204 }));
    const { vf } = client(fetch);
    const pending = vf.request('PUT /servers/{serverId}/modify/name', { path: { serverId: 9 }, body: { name: 'web-2' } });
    await vi.runAllTimersAsync();
    await pending;
    expect(requests.map((r) => `${r.method} ${r.url.pathname} ${r.body}`)).toEqual(Array(3).fill('PUT /api/v1/servers/9/modify/name {"name":"web-2"}'));
    expect(requests.every((r) => r.headers.get('authorization') === `Bearer ${TOKEN}`)).toBe(true);
  });
});

describe('retry(): waits', () => {
  it('backs off exponentially with full jitter (random injected)', async () => {
    const { fetch, times } = script(status(503));
    const { vf, retries } = client(fetch, { retries: 4, minTimeout: 1_000, factor: 2, maxTimeout: 5_000, random: () => 0.5 });
    const pending = getServer(vf).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    // Ceilings 1 000, 2 000, 4 000, then 5 000 (capped); half of each.
    expect(times).toEqual([0, 500, 1_500, 3_500, 6_000]);
    expect(retries.map((r) => [r.attempt, r.delayMs, r.status, r.retryAfterMs])).toEqual([
      [1, 500, 503, undefined],
      [2, 1_000, 503, undefined],
      [3, 2_000, 503, undefined],
      [4, 2_500, 503, undefined],
    ]);
    const error = (await pending) as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(error.attempts).toBe(5);
    expect(error.message).toBe('The panel failed (503 on GET /servers/{serverId}): status 503. Failed after 5 attempts.');
  });

  it('draws each wait between 0 and the ceiling', async () => {
    const draws = [0, 0.999, 0.25];
    const { fetch, times } = script(status(500), status(500), status(500), ok);
    const { vf } = client(fetch, { random: () => draws.shift()! });
    const pending = getServer(vf);
    await vi.runAllTimersAsync();
    await pending;
    expect(times).toEqual([0, 0, 1_998, 2_998]);
  });

  it('waits exactly a Retry-After given in seconds, without jitter', async () => {
    const { fetch, times } = script(status(503, { 'retry-after': '7' }), ok);
    const { vf, retries } = client(fetch, { random: () => 0.9 });
    const pending = getServer(vf);
    await vi.runAllTimersAsync();
    await pending;
    expect(times).toEqual([0, 7_000]);
    expect(retries[0]).toMatchObject({ delayMs: 7_000, retryAfterMs: 7_000 });
  });

  it('waits until a Retry-After given as an HTTP date', async () => {
    const at = new Date(START.getTime() + 12_000).toUTCString();
    const { fetch, times } = script(status(429, { 'retry-after': at }), ok);
    const { vf } = client(fetch);
    const pending = getServer(vf);
    await vi.runAllTimersAsync();
    await pending;
    expect(times).toEqual([0, 12_000]);
  });

  it('cuts a Retry-After longer than maxRetryAfter, and warns', async () => {
    const { fetch, times } = script(status(503, { 'retry-after': '3600' }), ok);
    const { vf, logger } = client(fetch, { maxRetryAfter: 10_000 });
    const pending = getServer(vf);
    await vi.runAllTimersAsync();
    await pending;
    expect(times).toEqual([0, 10_000]);
    expect(logger.warn).toHaveBeenCalledWith(
      { route: 'GET /servers/{serverId}', retryAfterMs: 3_600_000, maxRetryAfter: 10_000 },
      'The panel asked to wait 3600000 ms before retrying GET /servers/{serverId}; waiting 10000 ms (maxRetryAfter).',
    );
  });

  it('stops when the next wait would end after the total budget', async () => {
    const { fetch, times } = script(status(503));
    const { vf } = client(fetch, { retries: 10, minTimeout: 4_000, random: () => 0.999, maxElapsed: 10_000 });
    const pending = getServer(vf).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    // Waits of 3 996 and 7 992 ms: the second would end at 11 988 ms, past the budget.
    expect(times).toEqual([0, 3_996]);
    const error = (await pending) as ServerError;
    expect(error.attempts).toBe(2);
    expect(error.message).toMatch(/Failed after 2 attempts\.$/);
  });

  it('counts the time attempts take against the budget', async () => {
    const slow: Responder = () => new Promise((resolve) => setTimeout(() => resolve(json({}, { status: 503 })), 4_000));
    const { fetch, times } = script(slow);
    const { vf } = client(fetch, { retries: 10, minTimeout: 100, random: () => 0, maxElapsed: 9_000 });
    const pending = getServer(vf).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    expect(times).toEqual([0, 4_000, 8_000]);
    expect(((await pending) as ServerError).attempts).toBe(3);
  });

  it('an abort during a wait rejects at once, and nothing more is sent', async () => {
    const { fetch, requests } = script(status(503, { 'retry-after': '30' }), ok);
    const { vf } = client(fetch);
    const controller = new AbortController();
    const pending = getServer(vf, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(requests).toHaveLength(1);
    controller.abort(new Error('user left'));
    const error = (await pending) as AbortError;
    expect(error).toBeInstanceOf(AbortError);
    expect(error.message).toBe('GET /servers/{serverId} was aborted while waiting to retry.');
    expect(error.cause).toEqual(new Error('user left'));
    expect(error.attempts).toBe(1);
    await vi.runAllTimersAsync();
    expect(requests).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a 429 costs one Retry-After, not two, when retry and rateLimit both see it', async () => {
    const { fetch, times } = script(status(429, { 'retry-after': '5' }), ok);
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, logger: { warn: () => {} }, middleware: [retry({ random: () => 0.5 }), rateLimit()] });
    const pending = getServer(vf);
    await vi.runAllTimersAsync();
    await pending;
    expect(times).toEqual([0, 5_000]);
    await vf.close();
  });
});

describe('retry(): unsafe methods and per-call settings', () => {
  const createServer = (vf: VirtFusion, options: Record<string, unknown> = {}) =>
    vf.request('POST /servers', { body: { packageId: 1, userId: 2, hypervisorId: 3 }, ...options });

  it('never retries a POST by default, even on a 503', async () => {
    const { fetch, requests } = script(status(503), ok);
    const { vf, retries } = client(fetch);
    const error = await createServer(vf).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(requests).toHaveLength(1);
    expect(retries).toHaveLength(0);
  });

  it('a POST whose connection was refused fails once, saying it never reached the panel', async () => {
    const { fetch, requests } = script(refused, ok);
    const { vf } = client(fetch);
    const error = (await createServer(vf).catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe(
      'Could not reach the panel at panel.example.com (ECONNREFUSED) for POST /servers. The request never reached the panel, so nothing was applied.',
    );
    expect(error.attempts).toBe(1);
    expect(requests).toHaveLength(1);
  });

  it('a POST that timed out is not retried either', async () => {
    let sent = 0;
    const fetch = (input: Request, init?: RequestInit) => {
      sent += 1;
      return hangUntilAborted(input, init);
    };
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, timeout: 1_000, middleware: [retry()] });
    const pending = createServer(vf).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    const error = (await pending) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain('A write may or may not have been applied.');
    expect(error.attempts).toBe(1);
    expect(sent).toBe(1);
  });

  it('retries a POST when the call says { retry: { unsafe: true } }', async () => {
    const { fetch, requests } = script(refused, status(502), () => json({ data: { id: 77 } }, { status: 201 }));
    const { vf } = client(fetch);
    const pending = vf.request('POST /servers/{serverId}/power/restart', { path: { serverId: 4 }, retry: { unsafe: true } });
    await vi.runAllTimersAsync();
    await expect(pending).resolves.toEqual({ data: { id: 77 } });
    expect(requests.map((r) => r.method)).toEqual(['POST', 'POST', 'POST']);
  });

  it('sends a GET once when the call says { retry: false }', async () => {
    const { fetch, requests } = script(status(503), ok);
    const { vf } = client(fetch);
    const error = await getServer(vf, { retry: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, attempts: 1 });
    expect(requests).toHaveLength(1);
  });

  it('retries the methods given in `methods` only', async () => {
    const { fetch, requests } = script(status(503), ok);
    const { vf } = client(fetch, { methods: ['GET'] });
    await expect(vf.request('DELETE /ssh_keys/{keyId}', { path: { keyId: 3 } })).rejects.toBeInstanceOf(ServerError);
    expect(requests).toHaveLength(1);
  });

  it('an error after a retry reports every attempt', async () => {
    const { fetch } = script(status(503), status(404));
    const { vf } = client(fetch);
    const pending = getServer(vf).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    const error = (await pending) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.attempts).toBe(2);
    expect(error.message).toMatch(/ Failed after 2 attempts\.$/);
    // The stack's first line is the message, once: never "… Failed after 2 attempts. Failed after 2 attempts."
    expect(error.stack!.split('\n')[0]).toBe(`NotFoundError: ${error.message}`);
    expect(error.stack!.match(/Failed after/g)).toHaveLength(1);
  });

  it('the last 429 becomes a RateLimitError with attempts', async () => {
    const { fetch, requests } = script(status(429, { 'retry-after': '1' }));
    const { vf } = client(fetch, { retries: 2 });
    const pending = getServer(vf).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    const error = (await pending) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(1_000);
    expect(error.attempts).toBe(3);
    expect(requests).toHaveLength(3);
  });

  it('refuses nonsense settings', () => {
    expect(() => retry({ retries: -1 })).toThrow(ConfigurationError);
    expect(() => retry({ retries: 1.5 })).toThrow('retry({ retries }) must be an integer of at least 0 (got 1.5).');
    expect(() => retry({ factor: 0.5 })).toThrow(ConfigurationError);
    expect(() => retry({ maxElapsed: Number.NaN })).toThrow(ConfigurationError);
  });
});
