import type { Counter, Histogram, Meter } from '@opentelemetry/api';

/** Metric names, for dashboards and for the docs. */
export const METRIC = {
  requestDuration: 'http.client.request.duration',
  retries: 'virtfusion.client.retries',
  limiterWait: 'virtfusion.client.limiter.wait.duration',
  cacheRequests: 'virtfusion.client.cache.requests',
  webhookVerifications: 'virtfusion.webhook.verifications',
} as const;

/** The semantic conventions' advice for `http.client.request.duration`, in seconds. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
const WAIT_BUCKETS = [0, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** The instruments of one `openTelemetry()` middleware. */
export interface CallInstruments {
  requestDuration: Histogram;
  retries: Counter;
  limiterWait: Histogram;
  cacheRequests: Counter;
}

export function callInstruments(meter: Meter): CallInstruments {
  return {
    requestDuration: meter.createHistogram(METRIC.requestDuration, {
      unit: 's',
      description: 'Duration of each HTTP request the SDK sent to the panel (one per attempt).',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    }),
    retries: meter.createCounter(METRIC.retries, { unit: '{retry}', description: 'Requests the retry layer sent again, by the status or error of the attempt that failed.' }),
    limiterWait: meter.createHistogram(METRIC.limiterWait, {
      unit: 's',
      description: "Time a request waited in the rate limiter's queue before it was sent (only requests that waited).",
      advice: { explicitBucketBoundaries: WAIT_BUCKETS },
    }),
    cacheRequests: meter.createCounter(METRIC.cacheRequests, { unit: '{request}', description: 'Cacheable reads, by what the response cache did: hit, miss or coalesced.' }),
  };
}
