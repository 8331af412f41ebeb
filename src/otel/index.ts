/**
 * OpenTelemetry for the SDK: spans and metrics for every panel call ({@link openTelemetry}), a
 * span per create ({@link traceProvider}) and per reconcile ({@link traceReconcile}), and webhook
 * verifications by outcome ({@link countWebhookVerifications}). Needs `@opentelemetry/api`.
 *
 * @packageDocumentation
 */
export { openTelemetry, type OpenTelemetryOptions } from './middleware';
export { traceProvider, type TraceProviderOptions } from './provider';
export { traceReconcile, type TraceReconcileOptions } from './reconcile';
export { countWebhookVerifications, type WebhookMetricsOptions } from './webhooks';
export { ATTR as OTEL_ATTRIBUTES } from './attributes';
export { METRIC as OTEL_METRICS } from './instruments';
export { SCOPE_NAME as OTEL_SCOPE_NAME, type TelemetryProviders } from './options';
export type { WarnSink } from './failures';
