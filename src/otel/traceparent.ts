import { isSpanContextValid, type SpanContext } from '@opentelemetry/api';

/**
 * Writes the W3C Trace Context headers of `spanContext` (`traceparent`, and `tracestate` when it
 * holds entries). Always W3C, whatever propagator is registered globally: this is what a proxy
 * or a panel-side collector reads.
 */
export function writeTraceContext(headers: Headers, spanContext: SpanContext): void {
  if (!isSpanContextValid(spanContext)) return;
  const flags = (spanContext.traceFlags & 0xff).toString(16).padStart(2, '0');
  headers.set('traceparent', `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`);
  const state = spanContext.traceState?.serialize();
  if (state) headers.set('tracestate', state);
}
