import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';
import type { Handler, RequestContext } from '../core/middleware';
import { CACHE_OUTCOME, type Reporter, type RequestEventFields, type RequestEventName } from '../middleware/events';
import { answerAttributes, ATTR, errorTypeOf, serverPort, urlTemplate } from './attributes';
import type { TelemetryFailures, WarnSink } from './failures';
import type { CallInstruments } from './instruments';
import { writeTraceContext } from './traceparent';

/** Method, template, address and port of a call: on every span and metric of it. */
export function baseAttributes(ctx: RequestContext): Attributes {
  const { hostname } = ctx.url;
  return {
    [ATTR.method]: ctx.method,
    [ATTR.template]: urlTemplate(ctx.route, ctx.url),
    [ATTR.address]: hostname.startsWith('[') ? hostname.slice(1, -1) : hostname,
    [ATTR.port]: serverPort(ctx.url),
  };
}

/** The internal span of a call, with the attributes samplers see. */
export function startCallSpan(tracer: Tracer, ctx: RequestContext, base: Attributes, parent: Context): Span {
  return tracer.startSpan(ctx.route, { kind: SpanKind.INTERNAL, attributes: { ...base, [ATTR.operationId]: ctx.operationId } }, parent);
}

/** What one `openTelemetry()` middleware shares between its calls. */
export interface CallTelemetry {
  tracer: Tracer | undefined;
  instruments: CallInstruments | undefined;
  propagate: boolean;
  failures: TelemetryFailures;
}

export function warnOf(ctx: RequestContext): WarnSink | undefined {
  const reporter = ctx.reporter;
  return reporter === undefined ? undefined : (details, message) => reporter.warn(details, message);
}

/**
 * The telemetry of one call: its internal span, the client span of each attempt, and the metrics
 * the retry layer, the limiter and the cache report. Every OpenTelemetry call is guarded: a
 * failure is logged once and the call goes on.
 */
export class CallTrace {
  readonly #ctx: RequestContext;
  readonly #telemetry: CallTelemetry;
  /** Method, template, address and port: on every span and metric of the call. */
  readonly #base: Attributes;
  readonly #span: Span | undefined;
  /** The context attempts are children of: the internal span's, or the caller's without a tracer. */
  readonly context: Context;
  /** The client's reporter, wrapped to hear `retry` and `rateLimited`. */
  readonly reporter: Reporter;
  #attempts = 0;
  #wait: { ms: number; reason: string } | undefined;

  constructor(ctx: RequestContext, telemetry: CallTelemetry, base: Attributes, parent: Context, span: Span | undefined) {
    this.#ctx = ctx;
    this.#telemetry = telemetry;
    this.#base = base;
    this.#span = span;
    this.context = this.#span === undefined ? parent : trace.setSpan(parent, this.#span);
    const original = ctx.reporter;
    this.reporter = {
      emit: <K extends RequestEventName>(name: K, fields: RequestEventFields<K>) => {
        this.#heard(name, fields);
        original?.emit(name, fields);
      },
      warn: (details, message) => original?.warn(details, message),
    };
  }

  #failed(error: unknown): void {
    this.#telemetry.failures.report(error, warnOf(this.#ctx));
  }

  #heard<K extends RequestEventName>(name: K, fields: RequestEventFields<K>): void {
    try {
      const instruments = this.#telemetry.instruments;
      if (name === 'rateLimited') {
        const { waitedMs, reason } = fields as RequestEventFields<'rateLimited'>;
        this.#wait = { ms: waitedMs, reason };
        instruments?.limiterWait.record(waitedMs / 1000, { [ATTR.method]: this.#base[ATTR.method], [ATTR.template]: this.#base[ATTR.template], [ATTR.limiterReason]: reason });
      } else if (name === 'retry') {
        const { status, code } = fields as RequestEventFields<'retry'>;
        const attributes: Attributes = { [ATTR.method]: this.#base[ATTR.method], [ATTR.template]: this.#base[ATTR.template] };
        if (status !== undefined) answerAttributes(attributes, status);
        else attributes[ATTR.errorType] = code ?? '_OTHER';
        instruments?.retries.add(1, attributes);
      }
    } catch (error) {
      this.#failed(error);
    }
  }

  /** Runs one exchange on the wire inside its client span (installed under `AROUND_TRANSPORT`). */
  readonly aroundTransport = (ctx: RequestContext, send: Handler): Promise<Response> => {
    this.#attempts += 1;
    const started = performance.now();
    let span: Span | undefined;
    try {
      span = this.#startAttempt(ctx);
    } catch (error) {
      this.#failed(error);
    }
    return send(ctx).then(
      (response) => {
        this.#endAttempt(span, started, response.status, undefined);
        return response;
      },
      (error: unknown) => {
        this.#endAttempt(span, started, undefined, error);
        throw error;
      },
    );
  };

  #startAttempt(ctx: RequestContext): Span | undefined {
    const tracer = this.#telemetry.tracer;
    const wait = this.#wait;
    this.#wait = undefined;
    if (tracer === undefined) return undefined;
    const attributes: Attributes = { ...this.#base, [ATTR.operationId]: ctx.operationId };
    if (ctx.attempt > 1) attributes[ATTR.resendCount] = ctx.attempt - 1;
    if (wait !== undefined) {
      attributes[ATTR.limiterWait] = wait.ms;
      attributes[ATTR.limiterReason] = wait.reason;
    }
    const outcome = ctx.state.get(CACHE_OUTCOME);
    if (typeof outcome === 'string') attributes[ATTR.cacheOutcome] = outcome;
    const span = tracer.startSpan(ctx.route, { kind: SpanKind.CLIENT, attributes }, this.context);
    if (this.#telemetry.propagate) writeTraceContext(ctx.headers, span.spanContext());
    return span;
  }

  #endAttempt(span: Span | undefined, started: number, status: number | undefined, error: unknown): void {
    try {
      const seconds = (performance.now() - started) / 1000;
      const attributes: Attributes = { ...this.#base };
      if (status !== undefined) answerAttributes(attributes, status);
      else attributes[ATTR.errorType] = errorTypeOf(error);
      this.#telemetry.instruments?.requestDuration.record(seconds, attributes);
      if (span !== undefined) close(span, status, attributes[ATTR.errorType] as string | undefined);
    } catch (failure) {
      this.#failed(failure);
    }
  }

  /** Ends the call: its internal span, and the cache's count. */
  end(status: number | undefined, error: unknown): void {
    try {
      const outcome = this.#ctx.state.get(CACHE_OUTCOME);
      if (typeof outcome === 'string') {
        this.#telemetry.instruments?.cacheRequests.add(1, { [ATTR.method]: this.#base[ATTR.method], [ATTR.template]: this.#base[ATTR.template], [ATTR.cacheOutcome]: outcome });
      }
      const span = this.#span;
      if (span === undefined) return;
      const errorType = status === undefined ? errorTypeOf(error) : status >= 400 ? String(status) : undefined;
      if (status !== undefined) span.setAttribute(ATTR.status, status);
      if (errorType !== undefined) span.setAttribute(ATTR.errorType, errorType);
      span.setAttribute(ATTR.attempts, this.#attempts);
      if (typeof outcome === 'string') span.setAttribute(ATTR.cacheOutcome, outcome);
      close(span, status, errorType);
    } catch (failure) {
      this.#failed(failure);
    }
  }
}

/** Sets the status of a span (an error from 400 up, or without an answer) and ends it. */
function close(span: Span, status: number | undefined, errorType: string | undefined): void {
  if (status !== undefined) span.setAttribute(ATTR.status, status);
  if (errorType !== undefined) {
    span.setAttribute(ATTR.errorType, errorType);
    // The type only: an error's message can quote the panel's answer.
    span.setStatus({ code: SpanStatusCode.ERROR, message: errorType });
  }
  span.end();
}
