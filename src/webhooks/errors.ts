import { VirtFusionError } from '../core/errors';

/**
 * Why a delivery was rejected. Stable strings to switch on, log and count.
 *
 * - `missing_auth`, `bad_token`: the `Authorization: Bearer` check failed (401).
 * - `missing_signature`, `bad_signature`: an HMAC signature is absent, or does not match the body
 *   as received, which is also what a re-serialised body looks like (400, as Octokit and Svix answer).
 * - `stale`, `future`: the delivery's timestamp lies outside the tolerance (401).
 * - `missing_header`, `bad_timestamp`, `header_mismatch`, `bad_json`, `bad_payload`: the delivery
 *   is malformed (400).
 * - `body_too_large`: the body is larger than `maxBodyBytes` (413).
 * - `body_consumed`, `parsed_body`: the receiver was wired up wrongly, so the raw body is not
 *   available (400, with the fix in the message); fix the code, and the panel's retries go through.
 */
export type WebhookVerificationReason =
  | 'missing_auth'
  | 'bad_token'
  | 'missing_signature'
  | 'bad_signature'
  | 'stale'
  | 'future'
  | 'missing_header'
  | 'bad_timestamp'
  | 'header_mismatch'
  | 'bad_json'
  | 'bad_payload'
  | 'body_too_large'
  | 'body_consumed'
  | 'parsed_body';

/**
 * 401 for a failed token or freshness check, 413 for a body too large, 400 for the rest: a
 * malformed delivery, a missing or wrong signature (also what a re-serialised body gives), and a
 * body the framework consumed or parsed first (the message names the fix).
 */
function statusOf(reason: WebhookVerificationReason): number {
  if (/auth|token|stale|future/.test(reason)) return 401;
  return reason === 'body_too_large' ? 413 : 400;
}

const RAW_BODY_HINT =
  'Verification needs the raw body exactly as it arrived: in Express, mount the handler before express.json() ' +
  "or use express.raw({ type: 'application/json' }) on this route; in Fastify, parse application/json with `parseAs: 'buffer'` " +
  'for this route; elsewhere pass the untouched Request or `await request.text()`.';

const CLOCK_HINT = 'If the delivery is genuine, a clock is off: sync the receiver and the panel with NTP, or raise `tolerance`.';

const HINT_BY_REASON: Record<WebhookVerificationReason, string> = {
  missing_auth:
    'If a token is set on this webhook in the panel, a proxy or load balancer in front of the receiver dropped the ' +
    'Authorization header: configure it to pass the header through. If no token is set, set one in the panel.',
  bad_token:
    'VirtFusion sends `Bearer base64(token)`: pass `token` exactly as entered in the panel (the SDK applies base64 itself). ' +
    'While rotating, pass the old and the new token as an array.',
  missing_signature: 'The sender does not sign its deliveries, or a proxy stripped the signature header.',
  bad_signature:
    'Check the secret (a `whsec_` secret is base64 after the prefix) and, while rotating, pass every current secret. ' +
    `If a framework parsed the body and it was serialised again, the bytes differ from those signed. ${RAW_BODY_HINT}`,
  stale: `A replay, or a delivery held up in a queue. ${CLOCK_HINT}`,
  future: CLOCK_HINT,
  missing_header: 'The panel sends it on every delivery: a proxy stripped it, or the request did not come from the panel.',
  bad_timestamp: 'Expected an ISO-8601 time such as 2024-11-05T10:11:12.123456Z.',
  header_mismatch: 'The headers and the body belong to different deliveries, or a proxy rewrote one of them.',
  bad_json: `If a framework parsed or re-encoded the body first, that is the cause. ${RAW_BODY_HINT}`,
  bad_payload: 'The sender is not a VirtFusion panel, or the body was rewritten on the way.',
  body_too_large: 'VirtFusion deliveries are small; raise `maxBodyBytes` only if a relay wraps them in more.',
  body_consumed:
    'Something read the request body before verification. Verify first, or give the SDK `request.clone()` ' +
    `and read the original elsewhere. ${RAW_BODY_HINT}`,
  parsed_body: `A framework parsed the body before verification. ${RAW_BODY_HINT}`,
};

/** Options of {@link WebhookVerificationError}. */
export interface WebhookVerificationErrorOptions {
  /** What exactly was wrong, in a sentence that never contains a token or secret. */
  detail: string;
  /** The header involved, for `missing_header`, `missing_signature` and `header_mismatch`. */
  header?: string | undefined;
  /** The underlying error, such as a JSON syntax error. */
  cause?: unknown;
}

/**
 * A webhook delivery failed verification. `reason` says which check failed, `message` says how to
 * fix the usual cause, and `status` is the HTTP status a receiver should answer with (401, 400,
 * 413 or 500). No token, secret or Authorization value ever appears in it.
 *
 * @example
 * ```ts
 * try {
 *   await verifyWebhook(request, { token });
 * } catch (error) {
 *   if (error instanceof WebhookVerificationError) console.warn(error.reason, error.message);
 *   else throw error;
 * }
 * ```
 */
export class WebhookVerificationError extends VirtFusionError {
  static override readonly code: string = 'webhook_verification_failed';
  /** Which check failed. */
  readonly reason: WebhookVerificationReason;
  /** The header involved, when one was. */
  readonly header: string | undefined;

  constructor(reason: WebhookVerificationReason, options: WebhookVerificationErrorOptions) {
    super({
      message: `Webhook rejected (${reason}): ${options.detail} ${HINT_BY_REASON[reason]}`,
      status: statusOf(reason),
      details: options.header === undefined ? { reason } : { reason, header: options.header },
      retryable: statusOf(reason) >= 500,
      cause: options.cause,
    });
    this.reason = reason;
    this.header = options.header;
  }
}

/**
 * Whether `value` is a {@link WebhookVerificationError}, from this copy of the SDK or another.
 *
 * @example
 * ```ts
 * if (isWebhookVerificationError(error)) console.warn(error.reason);
 * ```
 */
export function isWebhookVerificationError(value: unknown): value is WebhookVerificationError {
  return value instanceof WebhookVerificationError;
}

/** Quotes a value taken from a request for an error message, shortened so it cannot flood a log. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}
