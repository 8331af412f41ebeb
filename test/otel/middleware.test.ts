import { context, SpanKind, SpanStatusCode, trace, type TracerProvider } from '@opentelemetry/api';
import type { Histogram } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cache, ConfigurationError, ConnectionError, NotFoundError, rateLimit, retry, VirtFusion, type Middleware } from '../../src/index';
import { openTelemetry, type OpenTelemetryOptions } from '../../src/otel/index';
import { json, PANEL, recordingFetch, TOKEN, type Responder } from '../helpers/recording-fetch';
import { parentOf, telemetry, useAsyncContext } from './helpers';

let undoContext: () => void;
beforeAll(() => (undoContext = useAsyncContext()));
afterAll(() => undoContext());

const ROUTE = 'GET /servers/{serverId}';
const ok: Responder = () => json({ data: { id: 7 } });
const status = (code: number): Responder => () => json({ message: `status ${code}` }, { status: code });

/** Answers with each responder in turn, the last one repeating. */
function script(...answers: Responder[]) {
  let index = 0;
  return recordingFetch((request) => answers[Math.min(index++, answers.length - 1)]!(request));
}

function setup(answers: Responder[], middleware: (otel: Middleware) => Middleware[] = (otel) => [otel], options: OpenTelemetryOptions = {}) {
  const otel = telemetry();
  const recorder = script(...answers);
  const logger = { warn: vi.fn() };
  const vf = new VirtFusion({
    url: PANEL,
    token: TOKEN,
    fetch: recorder.fetch,
    logger,
    validate: 'off',
    middleware: middleware(openTelemetry({ tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider, ...options })),
  });
  return { ...otel, ...recorder, vf, logger };
}

const fastRetry = () => retry({ minTimeout: 1, maxTimeout: 1, random: () => 0 });

const BASE = {
  'http.request.method': 'GET',
  'url.template': '/api/v1/servers/{serverId}',
  'server.address': 'panel.example.com',
  'server.port': 443,
};

describe('openTelemetry(): a span per call, a client span per attempt', () => {
  it('names both by the route template, nests them under the caller and gives them the HTTP attributes', async () => {
    const { vf, spans, points, tracerProvider } = setup([ok]);
    const outer = tracerProvider.getTracer('app').startSpan('handle order');
    await context.with(trace.setSpan(context.active(), outer), () => vf.servers.get(7));
    outer.end();

    const [attempt, call] = spans();
    expect(spans()).toHaveLength(3);
    expect(call!.name).toBe(ROUTE);
    expect(call!.kind).toBe(SpanKind.INTERNAL);
    expect(call!.instrumentationScope.name).toBe('virtfusion-sdk');
    expect(call!.spanContext().traceId).toBe(outer.spanContext().traceId);
    expect(parentOf(call!)).toBe(outer.spanContext().spanId);
    expect(call!.attributes).toEqual({ ...BASE, 'virtfusion.operation_id': 'getServer', 'http.response.status_code': 200, 'virtfusion.attempts': 1 });
    expect(call!.status.code).toBe(SpanStatusCode.UNSET);

    expect(attempt!.name).toBe(ROUTE);
    expect(attempt!.kind).toBe(SpanKind.CLIENT);
    expect(parentOf(attempt!)).toBe(call!.spanContext().spanId);
    expect(attempt!.attributes).toEqual({ ...BASE, 'virtfusion.operation_id': 'getServer', 'http.response.status_code': 200 });

    const [duration] = await points('http.client.request.duration');
    expect(duration!.attributes).toEqual({ ...BASE, 'http.response.status_code': 200 });
    expect((duration!.value as Histogram).count).toBe(1);
  });

  it('a retried call: one client span per attempt under the call span, resend counts, failed attempts as errors, retries counted', async () => {
    const { vf, spans, points } = setup([status(503), status(503), ok], (otel) => [otel, fastRetry()]);
    await vf.servers.get(7);

    const finished = spans();
    expect(finished.map((span) => span.kind)).toEqual([SpanKind.CLIENT, SpanKind.CLIENT, SpanKind.CLIENT, SpanKind.INTERNAL]);
    const call = finished[3]!;
    const attempts = finished.slice(0, 3);
    for (const attempt of attempts) expect(parentOf(attempt)).toBe(call.spanContext().spanId);
    expect(attempts.map((span) => span.attributes['http.request.resend_count'])).toEqual([undefined, 1, 2]);
    expect(attempts.map((span) => span.attributes['http.response.status_code'])).toEqual([503, 503, 200]);
    expect(attempts.map((span) => span.attributes['error.type'])).toEqual(['503', '503', undefined]);
    expect(attempts.map((span) => span.status.code)).toEqual([SpanStatusCode.ERROR, SpanStatusCode.ERROR, SpanStatusCode.UNSET]);
    expect(call.attributes['virtfusion.attempts']).toBe(3);
    expect(call.attributes['http.response.status_code']).toBe(200);
    expect(call.status.code).toBe(SpanStatusCode.UNSET);

    const retries = await points('virtfusion.client.retries');
    expect(retries).toHaveLength(1);
    expect(retries[0]!.attributes).toEqual({ 'http.request.method': 'GET', 'url.template': '/api/v1/servers/{serverId}', 'http.response.status_code': 503, 'error.type': '503' });
    expect(retries[0]!.value).toBe(2);
    const durations = await points('http.client.request.duration');
    expect(durations.map((point) => [point.attributes['http.response.status_code'], (point.value as Histogram).count])).toEqual([
      [503, 2],
      [200, 1],
    ]);
  });

  it('an error answer: both spans fail with error.type set to the status', async () => {
    const { vf, spans } = setup([status(404)], (otel) => [otel, fastRetry()]);
    await expect(vf.servers.get(7)).rejects.toBeInstanceOf(NotFoundError);
    const [attempt, call] = spans();
    expect(call!.attributes).toMatchObject({ 'http.response.status_code': 404, 'error.type': '404' });
    expect(call!.status).toEqual({ code: SpanStatusCode.ERROR, message: '404' });
    expect(attempt!.status).toEqual({ code: SpanStatusCode.ERROR, message: '404' });
  });

  it('no answer at all: error.type is the SDK error code, no status code, and the message stays out', async () => {
    const refused: Responder = () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }) });
    };
    const { vf, spans, points } = setup([refused], (otel) => [otel, fastRetry()]);
    await expect(vf.servers.get(7)).rejects.toBeInstanceOf(ConnectionError);
    const finished = spans();
    expect(finished).toHaveLength(5); // four attempts, one call
    for (const span of finished) {
      expect(span.attributes['error.type']).toBe('connection_error');
      expect(span.attributes['http.response.status_code']).toBeUndefined();
      expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'connection_error' });
      expect(span.events).toEqual([]);
    }
    const retries = await points('virtfusion.client.retries');
    expect(retries.map((point) => [point.attributes['error.type'], point.value])).toEqual([['connection_error', 3]]);
  });

  it('a cache hit: a call span with the outcome and no client span; the cache counter by outcome', async () => {
    const { vf, spans, points, requests } = setup([ok], (otel) => [otel, cache({ ttl: { [ROUTE]: 60_000 } }), fastRetry()]);
    await vf.servers.get(7);
    await vf.servers.get(7);
    expect(requests).toHaveLength(1);

    const [missAttempt, missCall, hitCall] = spans();
    expect(spans()).toHaveLength(3);
    expect(missAttempt!.kind).toBe(SpanKind.CLIENT);
    expect(missAttempt!.attributes['virtfusion.cache.outcome']).toBe('miss');
    expect(missCall!.attributes['virtfusion.cache.outcome']).toBe('miss');
    expect(hitCall!.kind).toBe(SpanKind.INTERNAL);
    expect(hitCall!.attributes).toMatchObject({ 'virtfusion.cache.outcome': 'hit', 'virtfusion.attempts': 0, 'http.response.status_code': 200 });

    const counts = await points('virtfusion.client.cache.requests');
    expect(counts.map((point) => [point.attributes['virtfusion.cache.outcome'], point.value])).toEqual([
      ['miss', 1],
      ['hit', 1],
    ]);
    expect(counts[0]!.attributes).toEqual({ 'http.request.method': 'GET', 'url.template': '/api/v1/servers/{serverId}', 'virtfusion.cache.outcome': 'miss' });
    const durations = await points('http.client.request.duration');
    expect((durations[0]!.value as Histogram).count).toBe(1);
  });

  it('a limiter wait: on the client span of the attempt that waited, and in the wait histogram', async () => {
    const { vf, spans, points } = setup([ok], (otel) => [otel, fastRetry(), rateLimit({ limit: 2, windowMs: 60, maxConcurrent: 2 })]);
    await vf.servers.get(7);
    await vf.servers.get(7);
    await vf.servers.get(7);
    await vf.close();

    const attempts = spans().filter((span) => span.kind === SpanKind.CLIENT);
    expect(attempts.map((span) => span.attributes['virtfusion.limiter.wait_ms'])).toEqual([undefined, undefined, expect.any(Number)]);
    expect(attempts[2]!.attributes['virtfusion.limiter.reason']).toBe('budget');
    expect(attempts[2]!.attributes['virtfusion.limiter.wait_ms']).toBeGreaterThan(0);

    const waits = await points('virtfusion.client.limiter.wait.duration');
    expect(waits).toHaveLength(1);
    expect(waits[0]!.attributes).toEqual({ 'http.request.method': 'GET', 'url.template': '/api/v1/servers/{serverId}', 'virtfusion.limiter.reason': 'budget' });
    const histogram = waits[0]!.value as Histogram;
    expect(histogram.count).toBe(1);
    expect(histogram.sum).toBeCloseTo((attempts[2]!.attributes['virtfusion.limiter.wait_ms'] as number) / 1000, 6);
  });

  it('writes the template as an absolute path under a panel installed in a sub-folder, with the port of the URL', async () => {
    const otel = telemetry();
    const recorder = recordingFetch(ok);
    const vf = new VirtFusion({ url: 'https://example.com:8443/panel', token: TOKEN, fetch: recorder.fetch, middleware: [openTelemetry({ tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider })] });
    await vf.request('GET /selfService/report/byUserExtRelationId/{extRelationId}', { path: { extRelationId: 'a/b' } });
    expect(recorder.requests[0]!.url.pathname).toBe('/panel/api/v1/selfService/report/byUserExtRelationId/a%2Fb');
    expect(otel.spans()[0]!.attributes).toMatchObject({ 'url.template': '/panel/api/v1/selfService/report/byUserExtRelationId/{extRelationId}', 'server.port': 8443 });
  });
});

describe('openTelemetry({ propagate })', () => {
  it('sends W3C traceparent of each attempt when asked', async () => {
    const { vf, spans, requests } = setup([status(503), ok], (otel) => [otel, fastRetry()], { propagate: true });
    await vf.servers.get(7);
    const attempts = spans().filter((span) => span.kind === SpanKind.CLIENT);
    expect(requests.map((request) => request.headers.get('traceparent'))).toEqual(
      attempts.map((span) => `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`),
    );
  });

  it('sends nothing of the trace by default', async () => {
    const { vf, requests } = setup([ok]);
    await vf.servers.get(7);
    expect([...requests[0]!.headers.keys()].filter((name) => /trace/.test(name))).toEqual([]);
  });
});

describe('what the telemetry never holds', () => {
  it('no token, query value, path value or body in any exported span or metric', async () => {
    const { vf, spans, metrics } = setup([status(500), status(422), ok, status(404)], (otel) => [otel, cache(), fastRetry()], { propagate: true });
    await vf.request('GET /selfService/report/byUserExtRelationId/{extRelationId}', { path: { extRelationId: 'alice.personal-ref' }, query: { currency: 'QQX' } }).catch(() => undefined);
    await vf.request('PUT /servers/{serverId}/modify/name', { path: { serverId: 7 }, body: { name: 'body-secret-name' } }).catch(() => undefined);
    await vf.request('PUT /servers/{serverId}/modify/name', { path: { serverId: 7 }, body: { name: 'body-secret-name' } }).catch(() => undefined);
    await vf.servers.get(7).catch(() => undefined);
    const exported = JSON.stringify({ spans: spans().map((span) => ({ name: span.name, attributes: span.attributes, events: span.events, status: span.status, links: span.links })), metrics: await metrics() });
    expect(spans().length).toBeGreaterThan(4);
    for (const secret of [TOKEN, 'Bearer', 'alice.personal-ref', 'QQX', 'currency', 'body-secret-name']) expect(exported).not.toContain(secret);
  });
});

describe('a tracer or meter that throws', () => {
  const throwing = (): never => {
    throw new Error('exporter exploded');
  };

  it('never breaks a call, and is logged once', async () => {
    const broken: TracerProvider = { getTracer: () => ({ startSpan: throwing, startActiveSpan: throwing }) as never };
    const otel = telemetry();
    const recorder = recordingFetch(ok);
    const logger = { warn: vi.fn() };
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch: recorder.fetch, logger, validate: 'off', middleware: [openTelemetry({ tracerProvider: broken, meterProvider: otel.meterProvider }), fastRetry()] });
    await expect(vf.servers.get(7)).resolves.toMatchObject({ id: 7 });
    await expect(vf.servers.get(7)).resolves.toMatchObject({ id: 7 });
    expect(recorder.requests).toHaveLength(2);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0]![0]).toEqual({ error: 'Error: exporter exploded' });
    expect(logger.warn.mock.calls[0]![1]).toMatch(/OpenTelemetry .* threw; the SDK call went on/);
    // The meter still works.
    expect(await otel.points('http.client.request.duration')).toHaveLength(1);
  });

  it('a span that throws when it ends, and a meter provider that throws, break nothing either', async () => {
    const otel = telemetry();
    const real = otel.tracerProvider.getTracer('x');
    const tracerProvider: TracerProvider = {
      getTracer: () => ({ ...real, startSpan: (...args: Parameters<typeof real.startSpan>) => Object.assign(real.startSpan(...args), { end: throwing }), startActiveSpan: throwing }) as never,
    };
    const recorder = recordingFetch(ok);
    const logger = { warn: vi.fn() };
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch: recorder.fetch, logger, validate: 'off', middleware: [openTelemetry({ tracerProvider, meterProvider: { getMeter: throwing } })] });
    await expect(vf.servers.get(7)).resolves.toMatchObject({ id: 7 });
    await expect(vf.servers.get(7)).resolves.toMatchObject({ id: 7 });
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});

describe('options', () => {
  it.each([
    [{ tracerProvider: 5 }, /openTelemetry\(\{ tracerProvider \}\) must be an OpenTelemetry TracerProvider .* got a number/],
    [{ tracerProvider: {} }, /tracerProvider.*getTracer\(\)/],
    [{ meterProvider: { getTracer() {} } }, /openTelemetry\(\{ meterProvider \}\) must be an OpenTelemetry MeterProvider/],
    [{ propagate: 'yes' }, /openTelemetry\(\{ propagate \}\) must be true or false, got a string/],
    ['all', /openTelemetry\(options\) takes an object, got a string/],
  ])('%j is a ConfigurationError naming it', (options, message) => {
    expect(() => openTelemetry(options as never)).toThrow(ConfigurationError);
    expect(() => openTelemetry(options as never)).toThrow(message);
  });

  it('the client listeners still hear every event', async () => {
    const { vf } = setup([status(503), ok], (otel) => [otel, fastRetry(), rateLimit({ limit: 2, windowMs: 60, maxConcurrent: 2 })]);
    const heard: string[] = [];
    for (const name of ['request', 'retry', 'rateLimited', 'response'] as const) vf.on(name, () => heard.push(name));
    await vf.servers.get(7);
    await vf.servers.get(7);
    await vf.close();
    // Two requests fill the budget (the 503 and its retry): the second call's request waits.
    expect(heard).toEqual(['request', 'retry', 'response', 'request', 'rateLimited', 'response']);
  });

  it('a read that joins one in flight is counted as coalesced', async () => {
    const { vf, points, spans } = setup([ok], (otel) => [otel, cache({ ttl: { [ROUTE]: 60_000 } })]);
    await Promise.all([vf.servers.get(7), vf.servers.get(7)]);
    const counts = await points('virtfusion.client.cache.requests');
    expect(Object.fromEntries(counts.map((point) => [point.attributes['virtfusion.cache.outcome'], point.value]))).toEqual({ miss: 1, coalesced: 1 });
    expect(spans().filter((span) => span.kind === SpanKind.CLIENT)).toHaveLength(1);
  });

  it('a second layer traces nothing more', async () => {
    const { vf, spans } = setup([ok], (otel) => [otel, fastRetry(), otel]);
    await vf.servers.get(7);
    expect(spans().map((span) => span.kind)).toEqual([SpanKind.CLIENT, SpanKind.INTERNAL]);
  });
});
