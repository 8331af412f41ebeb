import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BullMQOtel } from 'bullmq-otel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProvisioningQueue, createProvisioningWorker, type ProvisioningJobResult } from '../../src/fleet';
import { InputValidationError, VirtFusion } from '../../src/index';
import { openTelemetry, traceProvider } from '../../src/otel/index';
import { createVirtFusionProvider } from '../../src/provider';
import { startEmulator, type Emulator } from '../../src/testing';
import { hasRedisServer, startRedis, type RedisServer } from '../middleware/helpers/redis-server';
import { FIXTURE } from '../provider/helpers';
import { parentOf, telemetry, useAsyncContext } from './helpers';

describe.skipIf(!hasRedisServer)('a provisioning job continues the trace of whoever enqueued it (BullMQ telemetry)', () => {
  let redis: RedisServer;
  let emu: Emulator;
  let undoContext: () => void;
  const otel = telemetry();

  beforeAll(async () => {
    undoContext = useAsyncContext();
    // What the Node SDK's start() sets up: a global tracer provider and the W3C propagator.
    trace.setGlobalTracerProvider(otel.tracerProvider);
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    [redis, emu] = await Promise.all([startRedis(), startEmulator({ buildDuration: 60, taskDuration: 20 })]);
  });
  afterAll(async () => {
    trace.disable();
    propagation.disable();
    undoContext();
    await emu?.stop();
    await redis?.stop();
  });

  it('enqueue span → BullMQ producer → job span → createInstance → panel calls, one trace', async () => {
    const bullmqTelemetry = new BullMQOtel('virtfusion-fleet-test');
    const client = new VirtFusion({ url: emu.url, token: emu.token, logger: { warn() {} }, middleware: [openTelemetry()] });
    const provider = traceProvider(
      createVirtFusionProvider({ client, nameIndexMaxAgeMs: 1, wait: { interval: 10, timeout: 10_000 }, owner: { by: 'extRelationId', profile: (ref) => ({ name: `C ${ref}`, email: `c-${ref}@example.com` }) } }),
    );
    const queue = await createProvisioningQueue({ connection: redis.url, name: 'otel-jobs', telemetry: bullmqTelemetry });
    const worker = await createProvisioningWorker({ connection: redis.url, name: 'otel-jobs', provider, telemetry: bullmqTelemetry });
    try {
      const done = new Promise<ProvisioningJobResult>((resolve, reject) => {
        worker.worker.on('completed', (_job: unknown, result: ProvisioningJobResult) => resolve(result));
        worker.worker.on('failed', (_job: unknown, error: Error) => reject(error));
      });
      const checkout = trace.getTracer('shop').startSpan('checkout');
      await context.with(trace.setSpan(context.active(), checkout), () => queue.enqueue({ name: 'job-otel-1', owner: '77', ...FIXTURE }));
      checkout.end();
      const result = await done;
      // BullMQ ends the job's span just after it emits `completed`.
      for (let i = 0; i < 100 && !otel.spans().some((span) => span.kind === SpanKind.CONSUMER); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));

      const spans = otel.spans();
      const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
      const producer = spans.find((span) => span.kind === SpanKind.PRODUCER && span.name.startsWith('add otel-jobs'))!;
      const consumer = spans.find((span) => span.kind === SpanKind.CONSUMER && span.name === 'process otel-jobs')!;
      const create = spans.find((span) => span.name === 'createInstance')!;
      expect(parentOf(producer)).toBe(checkout.spanContext().spanId);
      expect(parentOf(consumer)).toBe(producer.spanContext().spanId);
      expect(parentOf(create)).toBe(consumer.spanContext().spanId);
      expect(create.attributes['virtfusion.instance.id']).toBe(result.instances[0]!.id);
      // The create's own calls (a dry run, then the create) are its children.
      const panelCalls = spans.filter((span) => span.kind === SpanKind.INTERNAL && span.name === 'POST /servers');
      expect(panelCalls.length).toBeGreaterThan(0);
      for (const call of panelCalls) expect(byId.get(parentOf(call)!)?.name).toBe('createInstance');
      for (const span of [producer, consumer, create, ...panelCalls]) expect(span.spanContext().traceId).toBe(checkout.spanContext().traceId);
    } finally {
      await worker.close();
      await queue.close();
    }
  }, 30_000);

  it('a telemetry option of the wrong type is refused before Redis is touched', async () => {
    await expect(createProvisioningQueue({ connection: 'redis://127.0.0.1:1', telemetry: 'otel' as never })).rejects.toThrow(InputValidationError);
    await expect(createProvisioningWorker({ connection: 'redis://127.0.0.1:1', provider: {} as never, telemetry: {} as never })).rejects.toThrow(InputValidationError);
  });
});
