import { context, type MeterProvider, type Span, type TracerProvider } from '@opentelemetry/api';
import { ConfigurationError } from '../core/errors';
import { AROUND_TRANSPORT, type Middleware, type RequestContext } from '../core/middleware';
import { baseAttributes, CallTrace, startCallSpan, warnOf, type CallTelemetry } from './call-trace';
import { TelemetryFailures } from './failures';
import { callInstruments } from './instruments';
import { checkProviders, describeValue, isNoopMeter, meterOf, tracerOf } from './options';

/** Options of {@link openTelemetry}. */
export interface OpenTelemetryOptions {
  /** Where spans go. Default: the global tracer provider (what the Node SDK's `start()` registers). */
  tracerProvider?: TracerProvider | undefined;
  /** Where metrics go. Default: the global meter provider. */
  meterProvider?: MeterProvider | undefined;
  /**
   * Send W3C Trace Context (`traceparent`, `tracestate`) on each request, so that a proxy in front
   * of the panel can join the trace. Default false: the panel ignores it and some proxies log it.
   */
  propagate?: boolean | undefined;
}

/** Marks a call that an `openTelemetry()` layer already traces. */
const TRACED = Symbol.for('virtfusion-sdk.otelCall');

/**
 * Traces and measures every call with OpenTelemetry: an internal span per call named by its route
 * template, a client span per attempt under it (stable HTTP semantic conventions), and the
 * metrics `http.client.request.duration`, `virtfusion.client.retries`,
 * `virtfusion.client.limiter.wait.duration` and `virtfusion.client.cache.requests`. Put it first,
 * outside the cache, retry and rate limit. Never records the token, query values or bodies. A
 * tracer or meter that throws is logged once and the call goes on.
 *
 * @example
 * ```ts
 * const vf = new VirtFusion({ url, token, middleware: [openTelemetry(), cache(), ...defaultMiddleware()] });
 * ```
 */
export function openTelemetry(options: OpenTelemetryOptions = {}): Middleware {
  const providers = checkProviders('openTelemetry', options);
  const propagate = options?.propagate;
  if (propagate !== undefined && typeof propagate !== 'boolean') {
    throw new ConfigurationError({ message: `openTelemetry({ propagate }) must be true or false, got ${describeValue(propagate)}.` });
  }
  const failures = new TelemetryFailures();
  let setupError: unknown;
  const telemetry: CallTelemetry = { tracer: undefined, instruments: undefined, propagate: propagate === true, failures };
  try {
    telemetry.tracer = tracerOf(providers);
  } catch (error) {
    setupError = error;
  }
  try {
    const meter = meterOf(providers);
    if (!isNoopMeter(meter)) telemetry.instruments = callInstruments(meter);
  } catch (error) {
    setupError ??= error;
  }

  return (ctx, next) => {
    // A second layer, or one placed inside another: the outer one traces the call.
    if (ctx.state.has(TRACED)) return next();
    if (setupError !== undefined) failures.report(setupError, warnOf(ctx));
    let call: CallTrace;
    try {
      const base = baseAttributes(ctx);
      const parent = context.active();
      let span: Span | undefined;
      try {
        span = telemetry.tracer && startCallSpan(telemetry.tracer, ctx, base, parent);
      } catch (error) {
        failures.report(error, warnOf(ctx)); // the metrics go on
      }
      // No SDK registered (or this trace sampled out) and no metrics: nothing more to record.
      if (telemetry.instruments === undefined && !telemetry.propagate && (span === undefined || !span.isRecording())) {
        span?.end();
        return next();
      }
      call = new CallTrace(ctx, telemetry, base, parent, span);
    } catch (error) {
      failures.report(error, warnOf(ctx));
      return next();
    }
    ctx.state.set(TRACED, true);
    ctx.state.set(AROUND_TRANSPORT, call.aroundTransport);
    const inner: RequestContext = { ...ctx, reporter: call.reporter };
    let sent = false;
    const send = () => {
      sent = true;
      return next(inner);
    };
    let answered: Promise<Response>;
    try {
      answered = context.with(call.context, send);
    } catch (error) {
      if (sent) throw error;
      failures.report(error, warnOf(ctx));
      answered = send();
    }
    return answered.then(
      (response) => {
        ctx.attempt = inner.attempt;
        call.end(response.status, undefined);
        return response;
      },
      (error: unknown) => {
        ctx.attempt = inner.attempt;
        call.end(undefined, error);
        throw error;
      },
    );
  };
}
