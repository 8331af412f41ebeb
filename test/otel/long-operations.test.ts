import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ReconcileIncompleteError, reconcile, type LocalServerRecord } from '../../src/fleet';
import { ConfigurationError, VirtFusion, retry } from '../../src/index';
import { countWebhookVerifications, openTelemetry, traceProvider, traceReconcile } from '../../src/otel/index';
import { createVirtFusionProvider, type CreateProgress } from '../../src/provider';
import { startEmulator, type Emulator } from '../../src/testing';
import { verifyWebhook } from '../../src/webhooks/index';
import { localRecordOf } from '../fleet/helpers';
import { FIXTURE } from '../provider/helpers';
import { delivery, NOW, TOKEN as HOOK_TOKEN } from '../webhooks/fixtures';
import { parentOf, telemetry, useAsyncContext } from './helpers';

let undoContext: () => void;
beforeAll(() => (undoContext = useAsyncContext()));
afterAll(() => undoContext());

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.stop();
  emu = undefined;
});

function tracedClient(server: Emulator, otel: ReturnType<typeof telemetry>, middleware = [retry({ minTimeout: 1, maxTimeout: 1 })]): VirtFusion {
  return new VirtFusion({
    url: server.url,
    token: server.token,
    logger: { warn() {} },
    middleware: [openTelemetry({ tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider }), ...middleware],
  });
}

function providerOn(server: Emulator, client: VirtFusion) {
  return createVirtFusionProvider({
    client,
    wait: { interval: 10, timeout: 10_000 },
    owner: { by: 'extRelationId', profile: (ref) => ({ name: `Customer ${ref}`, email: `customer-${ref}@example.com` }) },
  });
}

describe('traceProvider(): a createInstance span', () => {
  it('holds the steps as events, the panel calls as children, and hands every step to the caller too', async () => {
    emu = await startEmulator({ buildDuration: 60, taskDuration: 20 });
    const otel = telemetry();
    const provider = traceProvider(providerOn(emu, tracedClient(emu, otel)), { tracerProvider: otel.tracerProvider });
    const heard: CreateProgress[] = [];
    const created = await provider.createInstance({ name: 'web-otel-1', owner: '4242', ...FIXTURE }, { onProgress: (p) => heard.push(p) });

    const span = otel.spans().find((s) => s.name === 'createInstance')!;
    expect(span.kind).toBe(SpanKind.INTERNAL);
    expect(span.attributes).toEqual({
      'virtfusion.provider': 'virtfusion',
      'virtfusion.create.until': 'running',
      'virtfusion.plan_id': FIXTURE.planId,
      'virtfusion.image_id': FIXTURE.imageId,
      'virtfusion.region_id': FIXTURE.regionId,
      'virtfusion.instance.id': created.id,
      'virtfusion.instance.status': 'running',
    });
    const names = span.events.map((event) => event.name);
    expect(names.filter((name) => name !== 'waiting')).toEqual(['validate', 'create', 'created', 'build', 'ready']);
    expect(names.indexOf('waiting')).toBeGreaterThan(names.indexOf('build'));
    expect(span.events.find((event) => event.name === 'created')!.attributes).toEqual({ 'virtfusion.instance.id': created.id });
    // One event per status, however many polls.
    const statuses = span.events.filter((event) => event.name === 'waiting').map((event) => event.attributes!['virtfusion.instance.status']);
    expect(new Set(statuses).size).toBe(statuses.length);
    expect(heard.map((p) => p.step)).toEqual(expect.arrayContaining(['validate', 'create', 'created', 'build', 'ready']));
    expect(heard.filter((p) => p.step === 'waiting').length).toBeGreaterThanOrEqual(statuses.length);

    const calls = otel.spans().filter((s) => s.kind === SpanKind.INTERNAL && s.name !== 'createInstance');
    expect(calls.map((s) => s.name)).toContain('POST /servers');
    expect(calls.map((s) => s.name)).toContain('POST /servers/{serverId}/build');
    for (const call of calls) expect(parentOf(call)).toBe(span.spanContext().spanId);
    expect(JSON.stringify(otel.spans().map((s) => [s.attributes, s.events]))).not.toContain('web-otel-1');
  });

  it('a create that fails ends its span as an error with the error code, and the error reaches the caller', async () => {
    emu = await startEmulator({ buildDuration: 60, taskDuration: 20 });
    const otel = telemetry();
    const provider = traceProvider(providerOn(emu, tracedClient(emu, otel)), { tracerProvider: otel.tracerProvider });
    await expect(provider.createInstance({ name: 'web-otel-2', owner: '4242', ...FIXTURE, planId: '999' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    const span = otel.spans().find((s) => s.name === 'createInstance')!;
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'VALIDATION_ERROR' });
    expect(span.attributes['error.type']).toBe('VALIDATION_ERROR');
  });

  it('leaves every other method to the provider, and refuses what is not a provider or options of the wrong type', async () => {
    emu = await startEmulator();
    const otel = telemetry();
    const plain = providerOn(emu, tracedClient(emu, otel));
    const traced = traceProvider(plain, { tracerProvider: otel.tracerProvider });
    expect(traced.type).toBe('virtfusion');
    expect(await traced.getRegions()).toEqual(await plain.getRegions());
    expect(() => traceProvider({} as never)).toThrow(ConfigurationError);
    expect(() => traceProvider(plain, { tracerProvider: 'x' as never })).toThrow(/traceProvider\(\{ tracerProvider \}\)/);
    expect(() => traceProvider(plain, { warn: 1 as never })).toThrow(/traceProvider\(\{ warn \}\) must be a function/);
  });
});

describe('traceReconcile(): a reconcile span', () => {
  it('ends with the pages read and the entries by kind; the page reads are its children', async () => {
    emu = await startEmulator({ seed: { servers: 230, users: 3 } });
    const otel = telemetry();
    const ids = emu.state.serverIds().sort((a, b) => a - b);
    const local: LocalServerRecord[] = [...ids.slice(0, 200).map((id) => localRecordOf(emu!.state.server(id)!)), { serverId: 999_999 }];
    const kinds: string[] = [];
    for await (const entry of traceReconcile(reconcile({ client: tracedClient(emu, otel), local }), { tracerProvider: otel.tracerProvider })) kinds.push(entry.kind);

    const span = otel.spans().find((s) => s.name === 'reconcile')!;
    expect(span.attributes).toEqual({
      'virtfusion.reconcile.matched': 200,
      'virtfusion.reconcile.changed': 0,
      'virtfusion.reconcile.external': 30,
      'virtfusion.reconcile.missing': 1,
      'virtfusion.reconcile.pages_read': 2,
      'virtfusion.reconcile.servers_seen': 230,
      'virtfusion.reconcile.local_records': 201,
      'virtfusion.reconcile.confirmations': 1,
      'virtfusion.reconcile.recovered': 0,
    });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(kinds.at(-1)).toBe('summary');
    const reads = otel.spans().filter((s) => s.kind === SpanKind.INTERNAL && s.name.startsWith('GET '));
    expect(reads.map((s) => s.name)).toEqual(expect.arrayContaining(['GET /servers', 'GET /servers/{serverId}']));
    for (const read of reads) expect(parentOf(read)).toBe(span.spanContext().spanId);
  });

  it('a run that fails half-way: an error span with what it had read', async () => {
    emu = await startEmulator({ seed: { servers: 230, users: 3 } });
    const otel = telemetry();
    let pages = 0;
    const failSecondPage = async (ctx: { route: string }, next: () => Promise<Response>) => (ctx.route === 'GET /servers' && ++pages === 2 ? new Response('{}', { status: 500 }) : next());
    const entries = traceReconcile(reconcile({ client: tracedClient(emu, otel, [failSecondPage as never]), local: [] }), { tracerProvider: otel.tracerProvider });
    const error = await (async () => {
      for await (const _ of entries);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReconcileIncompleteError);
    const span = otel.spans().find((s) => s.name === 'reconcile')!;
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['virtfusion.reconcile.pages_read']).toBe(1);
    expect(span.attributes['virtfusion.reconcile.external']).toBe(200);
  });

  it('a loop that stops early ends the span and the run', async () => {
    emu = await startEmulator({ seed: { servers: 10, users: 1 } });
    const otel = telemetry();
    for await (const entry of traceReconcile(reconcile({ client: tracedClient(emu, otel), local: [] }), { tracerProvider: otel.tracerProvider })) {
      expect(entry.kind).toBe('external');
      break;
    }
    const span = otel.spans().find((s) => s.name === 'reconcile')!;
    expect(span.attributes).toMatchObject({ 'virtfusion.reconcile.stopped_early': true, 'virtfusion.reconcile.external': 1 });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('refuses what is not an iterable of entries, and options of the wrong type, at once', () => {
    expect(() => traceReconcile(5 as never)).toThrow(ConfigurationError);
    expect(() => traceReconcile(reconcile({ client: {} as never, local: [] }), { meterProvider: 1 as never })).toThrow(/traceReconcile\(\{ meterProvider \}\)/);
  });
});

describe('countWebhookVerifications()', () => {
  it('counts deliveries by outcome: accepted, or the reason they were refused', async () => {
    const otel = telemetry();
    const verify = countWebhookVerifications(verifyWebhook, { meterProvider: otel.meterProvider });
    const options = { token: HOOK_TOKEN, now: NOW };
    await verify(delivery('server.boot', { server: { id: 1 } }), options);
    await verify(delivery('server.boot', { server: { id: 2 } }), options);
    await expect(verify(delivery('server.boot', { server: { id: 3 } }), { ...options, token: 'another-token-123456' })).rejects.toMatchObject({ reason: 'bad_token' });
    await expect(verify(delivery('server.boot', {}), { ...options, now: NOW + 3_600_000 })).rejects.toMatchObject({ reason: 'stale' });
    const points = await otel.points('virtfusion.webhook.verifications');
    expect(Object.fromEntries(points.map((p) => [p.attributes['virtfusion.webhook.outcome'], p.value]))).toEqual({ accepted: 2, bad_token: 1, stale: 1 });
    expect(JSON.stringify(await otel.metrics())).not.toContain(HOOK_TOKEN);
  });

  it('a meter that throws is logged once and verification goes on', async () => {
    const warn = vi.fn();
    const verify = countWebhookVerifications(verifyWebhook, { meterProvider: { getMeter: () => { throw new Error('no meter'); } }, warn });
    await verify(delivery('server.boot', {}), { token: HOOK_TOKEN, now: NOW });
    await verify(delivery('server.boot', {}), { token: HOOK_TOKEN, now: NOW });
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
