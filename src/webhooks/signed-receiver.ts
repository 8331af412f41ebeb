import { ConfigurationError } from '../core/errors';
import type { WebhookClock } from './clock';
import { resolveMaxBodyBytes } from './input';
import { parseWebhookEvent } from './parse-event';
import { receiverOver, type WebhookReceiver, type WebhookSeenOptions } from './receiver';
import type { WebhookSecret } from './secrets';
import { verifySignedWebhook } from './standard-webhooks';
import { verifyVfSignature } from './vf-signature';

/** Options of {@link createSignedWebhookReceiver}. */
export interface SignedWebhookReceiverOptions extends WebhookSeenOptions {
  /** `'standard-webhooks'` (`webhook-id`, `webhook-timestamp`, `webhook-signature`) or `'x-vf-signature'`. */
  scheme: 'standard-webhooks' | 'x-vf-signature';
  /** The signing secret, or several while rotating. */
  secret: WebhookSecret | readonly WebhookSecret[];
  /** Standard Webhooks only: how far, in seconds, `webhook-timestamp` may lie from now. Default 300. */
  tolerance?: number | undefined;
  /** The current time, for tests. Default: the system clock. */
  now?: WebhookClock | undefined;
  /** The largest body accepted, in bytes. Default 1 MiB. */
  maxBodyBytes?: number | undefined;
}

/**
 * A receiver for VirtFusion deliveries that a relay signed and forwarded: checks the signature
 * over the raw body (Standard Webhooks or `X-VF-Signature`), parses the body as a VirtFusion
 * delivery, and de-duplicates on its delivery id like {@link createWebhookReceiver}. It plugs into
 * {@link toFetchHandler}, {@link toNodeHandler} and the framework adapters. A body that a framework
 * parsed and serialised again no longer matches its signature: that fails as `bad_signature` (400)
 * with the raw-body fix in the message.
 *
 * @example
 * ```ts
 * const receiver = createSignedWebhookReceiver({ scheme: 'standard-webhooks', secret: process.env.RELAY_SECRET! });
 * export const POST = toFetchHandler(receiver, { 'server.build': (event) => markBuilt(event.data.server.id) });
 * ```
 */
export function createSignedWebhookReceiver(options: SignedWebhookReceiverOptions): WebhookReceiver {
  const maxBodyBytes = resolveMaxBodyBytes(options.maxBodyBytes);
  const { scheme, secret } = options;
  if (scheme === 'standard-webhooks') {
    const verifyOptions = { secret, tolerance: options.tolerance, now: options.now, maxBodyBytes };
    return receiverOver(async (input) => parseWebhookEvent((await verifySignedWebhook(input, verifyOptions)).payload), maxBodyBytes, options);
  }
  if (scheme === 'x-vf-signature') {
    return receiverOver(async (input) => parseWebhookEvent((await verifyVfSignature(input, { secret, maxBodyBytes })).payload), maxBodyBytes, options);
  }
  throw new ConfigurationError({ message: "`scheme` must be 'standard-webhooks' or 'x-vf-signature'." });
}
