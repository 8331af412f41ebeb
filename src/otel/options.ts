import { createNoopMeter, metrics, trace, type Meter, type MeterProvider, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { ConfigurationError } from '../core/errors';
import { VERSION } from '../version';

/** The instrumentation scope of every span and metric the SDK makes. */
export const SCOPE_NAME = 'virtfusion-sdk';

/** Where spans and metrics go. Without a provider, the global one (`trace.setGlobalTracerProvider`, the Node SDK's `start()`). */
export interface TelemetryProviders {
  /** Default: the global tracer provider. */
  tracerProvider?: TracerProvider | undefined;
  /** Default: the global meter provider. */
  meterProvider?: MeterProvider | undefined;
}

function checkProvider(where: string, name: string, value: unknown, method: string): void {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object' || typeof (value as Record<string, unknown>)[method] !== 'function') {
    throw new ConfigurationError({ message: `${where}({ ${name} }) must be an OpenTelemetry ${name === 'tracerProvider' ? 'TracerProvider' : 'MeterProvider'} (an object with ${method}()), got ${describeValue(value)}.` });
  }
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object without it' : `a ${typeof value}`;
}

/** Checks the options every entry point shares; `where` names the function in the error. */
export function checkProviders(where: string, options: unknown): TelemetryProviders {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') throw new ConfigurationError({ message: `${where}(options) takes an object, got ${describeValue(options)}.` });
  const { tracerProvider, meterProvider } = options as TelemetryProviders;
  checkProvider(where, 'tracerProvider', tracerProvider, 'getTracer');
  checkProvider(where, 'meterProvider', meterProvider, 'getMeter');
  return { tracerProvider, meterProvider };
}

export function tracerOf(providers: TelemetryProviders): Tracer {
  return (providers.tracerProvider ?? trace.getTracerProvider()).getTracer(SCOPE_NAME, VERSION);
}

export function meterOf(providers: TelemetryProviders): Meter {
  return (providers.meterProvider ?? metrics.getMeterProvider()).getMeter(SCOPE_NAME, VERSION);
}

/** Checks the `warn` option of the wrappers: a function, if given. */
export function checkWarn<W>(where: string, warn: W): W | undefined {
  if (warn !== undefined && typeof warn !== 'function') throw new ConfigurationError({ message: `${where}({ warn }) must be a function (details, message) => void, got ${describeValue(warn)}.` });
  return warn;
}

const NoopMeter = createNoopMeter().constructor;

/** The meter of a process where no SDK registered one: recording to it would only cost time. */
export function isNoopMeter(meter: Meter): boolean {
  return meter instanceof NoopMeter;
}
