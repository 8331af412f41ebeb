import { ConfigurationError } from '../core/errors';
import { consoleWarn, TelemetryFailures } from './failures';
import { METRIC } from './instruments';
import { checkProviders, checkWarn, meterOf } from './options';
import type { TraceProviderOptions } from './provider';

/** Options of {@link countWebhookVerifications}. */
export type WebhookMetricsOptions = Omit<TraceProviderOptions, 'tracerProvider'>;

/** `accepted`, the `reason` of a `WebhookVerificationError` (`bad_token`, `stale`...), or `error` for anything else. */
function outcomeOf(error: unknown): string {
  const reason = (error as { reason?: unknown } | null)?.reason;
  return (error as { name?: unknown } | null)?.name === 'WebhookVerificationError' && typeof reason === 'string' ? reason : 'error';
}

/**
 * The same verifier (`verifyWebhook`, or a receiver's method), counting each verification in
 * `virtfusion.webhook.verifications` by `virtfusion.webhook.outcome`: `accepted` or the reason
 * it was refused. Lives here, not in `virtfusion-sdk/webhooks`, so that the webhook entry stays
 * free of OpenTelemetry.
 *
 * @example
 * ```ts
 * import { verifyWebhook } from 'virtfusion-sdk/webhooks';
 * const verify = countWebhookVerifications(verifyWebhook);
 * // await verify(request, { token: process.env.VIRTFUSION_WEBHOOK_TOKEN! })
 * ```
 */
export function countWebhookVerifications<A extends unknown[], R>(verify: (...args: A) => Promise<R>, options: WebhookMetricsOptions = {}): (...args: A) => Promise<R> {
  if (typeof verify !== 'function') throw new ConfigurationError({ message: 'countWebhookVerifications(verify) needs a function such as verifyWebhook.' });
  const providers = checkProviders('countWebhookVerifications', options);
  const warn = checkWarn('countWebhookVerifications', options?.warn) ?? consoleWarn;
  const failures = new TelemetryFailures();
  let add: (outcome: string) => void = () => undefined;
  try {
    const counter = meterOf({ meterProvider: providers.meterProvider }).createCounter(METRIC.webhookVerifications, {
      unit: '{delivery}',
      description: 'Webhook deliveries verified, by outcome: accepted, or the reason they were refused.',
    });
    add = (outcome) => counter.add(1, { 'virtfusion.webhook.outcome': outcome });
  } catch (error) {
    failures.report(error, warn);
  }
  const count = (outcome: string) => {
    try {
      add(outcome);
    } catch (error) {
      failures.report(error, warn);
    }
  };
  return (...args: A) =>
    verify(...args).then(
      (result) => {
        count('accepted');
        return result;
      },
      (error: unknown) => {
        count(outcomeOf(error));
        throw error;
      },
    );
}
