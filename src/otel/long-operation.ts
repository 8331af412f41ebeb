import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { errorTypeOf } from './attributes';
import { consoleWarn, type TelemetryFailures, type WarnSink } from './failures';

/** A span around a long operation (a create, a reconcile), guarded like the call spans. */
export class OperationSpan {
  readonly #span: Span | undefined;
  readonly #failures: TelemetryFailures;
  readonly #warn: WarnSink;
  /** The operation's context: the panel calls it makes are children of its span. */
  readonly context: Context;

  constructor(tracer: Tracer | undefined, name: string, attributes: Attributes, failures: TelemetryFailures, warn: WarnSink = consoleWarn) {
    this.#failures = failures;
    this.#warn = warn;
    const parent = context.active();
    let span: Span | undefined;
    try {
      span = tracer?.startSpan(name, { kind: SpanKind.INTERNAL, attributes }, parent);
    } catch (error) {
      failures.report(error, warn);
    }
    this.#span = span;
    this.context = span === undefined ? parent : trace.setSpan(parent, span);
  }

  /** Runs `task` with this span active. */
  run<T>(task: () => T): T {
    let started = false;
    try {
      return context.with(this.context, () => {
        started = true;
        return task();
      });
    } catch (error) {
      if (started) throw error;
      this.#failures.report(error, this.#warn);
      return task();
    }
  }

  guard(step: (span: Span) => void): void {
    if (this.#span === undefined) return;
    try {
      step(this.#span);
    } catch (error) {
      this.#failures.report(error, this.#warn);
    }
  }

  /** Ends the span; with `error`, as failed (its type only, never its message). */
  end(failed: boolean, error?: unknown): void {
    this.guard((span) => {
      if (failed) {
        const type = errorTypeOf(error);
        span.setAttribute('error.type', type);
        span.setStatus({ code: SpanStatusCode.ERROR, message: type });
      }
      span.end();
    });
  }
}
