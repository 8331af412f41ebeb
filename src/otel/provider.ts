import type { Attributes } from '@opentelemetry/api';
import type { ComputeProvider, CreatedInstance, CreateInstanceInput, CreateInstanceOptions, CreateProgress } from '../provider/types';
import { consoleWarn, TelemetryFailures, type WarnSink } from './failures';
import { OperationSpan } from './long-operation';
import { ConfigurationError } from '../core/errors';
import { checkProviders, checkWarn, tracerOf, type TelemetryProviders } from './options';

/** Options of {@link traceProvider}. */
export interface TraceProviderOptions extends TelemetryProviders {
  /** Where a failure of the tracer itself is logged (once). Default the console. */
  warn?: WarnSink | undefined;
}

/**
 * The same provider, with a `createInstance` span around each create: its steps as span events
 * (`validate`, `found`, `create`, `created`, `build`, `waiting` on each status change, `ready`)
 * carrying the instance id, and the panel calls of the create as children when the client
 * has the {@link openTelemetry} middleware. Every other method is the provider's own.
 *
 * @example
 * ```ts
 * const provider = traceProvider(createVirtFusionProvider({ client: vf }));
 * await provider.createInstance({ name: 'web-1', planId: '1', imageId: '2', regionId: '1', owner: '42' });
 * ```
 */
export function traceProvider<P extends ComputeProvider>(provider: P, options: TraceProviderOptions = {}): P {
  if (provider === null || typeof provider !== 'object' || typeof provider.createInstance !== 'function') {
    throw new ConfigurationError({ message: 'traceProvider(provider) needs a ComputeProvider (an object with createInstance()).' });
  }
  const providers = checkProviders('traceProvider', options);
  const warn = checkWarn('traceProvider', options?.warn) ?? consoleWarn;
  const failures = new TelemetryFailures();
  const tracer = (() => {
    try {
      return tracerOf(providers);
    } catch (error) {
      failures.report(error, warn);
      return undefined;
    }
  })();

  const createInstance = (input: CreateInstanceInput, createOptions: CreateInstanceOptions = {}): Promise<CreatedInstance> => {
    const attributes: Attributes = { 'virtfusion.provider': provider.type, 'virtfusion.create.until': createOptions?.until ?? 'running' };
    // Ids of the catalogue only: names, owners and hostnames are the customer's.
    for (const [key, value] of [['plan_id', input?.planId], ['image_id', input?.imageId], ['region_id', input?.regionId]] as const) {
      if (typeof value === 'string') attributes[`virtfusion.${key}`] = value;
    }
    const operation = new OperationSpan(tracer, 'createInstance', attributes, failures, warn);
    let lastStatus: string | undefined;
    const onProgress = (progress: CreateProgress) => {
      const status = 'status' in progress ? progress.status : undefined;
      if (progress.step !== 'waiting' || status !== lastStatus) {
        lastStatus = status;
        operation.guard((span) => {
          const eventAttributes: Attributes = {};
          if ('instanceId' in progress) eventAttributes['virtfusion.instance.id'] = progress.instanceId;
          if (status !== undefined) eventAttributes['virtfusion.instance.status'] = status;
          span.addEvent(progress.step, eventAttributes);
          if ('instanceId' in progress) span.setAttribute('virtfusion.instance.id', progress.instanceId);
        });
      }
      createOptions?.onProgress?.(progress);
    };
    const options = createOptions === null || typeof createOptions !== 'object' ? createOptions : { ...createOptions, onProgress };
    let created: Promise<CreatedInstance>;
    try {
      created = operation.run(() => provider.createInstance(input, options));
    } catch (error) {
      created = Promise.reject(error);
    }
    return created.then(
      (instance) => {
        operation.guard((span) => span.setAttribute('virtfusion.instance.status', instance.status));
        operation.end(false);
        return instance;
      },
      (error: unknown) => {
        operation.end(true, error);
        throw error;
      },
    );
  };

  return new Proxy(provider, {
    get(target, property, receiver) {
      if (property === 'createInstance') return createInstance;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
