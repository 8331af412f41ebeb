import { ConfigurationError } from '../core/errors';
import { assertFresh, currentTimeMs, resolveTolerance, type WebhookClock } from './clock';
import { equalBytes, hmacSha256 } from './crypto';
import { concatBytes, fromBase64, toBase64, utf8 } from './encoding';
import { quote, WebhookVerificationError } from './errors';
import { scrubbingSecrets, secretTexts } from './scrub';
import { bodyText, readHeader, readRawBody, requireHeader, resolveMaxBodyBytes, type WebhookInput } from './input';
import { parseJson } from './parse-event';
import { secretList, standardWebhookKey, type WebhookSecret } from './secrets';

/**
 * The three headers of a Standard Webhooks delivery, as {@link signWebhook} returns them. A type
 * literal rather than an interface, so that it fits wherever a header record is expected.
 */
export type StandardWebhookHeaders = {
  'webhook-id': string;
  /** Unix time in seconds. */
  'webhook-timestamp': string;
  /** `v1,<base64>` signatures separated by spaces, one per secret. */
  'webhook-signature': string;
};

/** Options of {@link signWebhook}. */
export interface SignWebhookOptions {
  /** The message id, unique per message and the same on every retry. Default: `msg_` and a random UUID. */
  id?: string | undefined;
  /** When the message is sent: unix seconds or a `Date`. Default: now. */
  timestamp?: number | Date | undefined;
  /** The exact body that will be sent. */
  body: string | Uint8Array;
  /** The signing secret (`whsec_…`, other text, or key bytes); several give one signature each, for rotation. */
  secret: WebhookSecret | readonly WebhookSecret[];
}

/**
 * Signs a message the Standard Webhooks way (https://www.standardwebhooks.com): HMAC-SHA256 of
 * `${id}.${timestamp}.${body}`, sent as `webhook-signature: v1,<base64>`. For relays, queues and
 * panels that forward VirtFusion events and want receivers to authenticate them.
 *
 * @example
 * ```ts
 * const body = JSON.stringify(event);
 * const headers = await signWebhook({ body, secret: process.env.RELAY_SECRET! });
 * await fetch(target, { method: 'POST', body, headers: { ...headers, 'content-type': 'application/json' } });
 * ```
 */
export async function signWebhook(options: SignWebhookOptions): Promise<StandardWebhookHeaders> {
  const id = options.id ?? `msg_${crypto.randomUUID()}`;
  if (typeof id !== 'string' || id === '' || /\s/.test(id)) {
    throw new ConfigurationError({ message: 'A webhook message `id` must be a non-empty string without spaces.' });
  }
  const timestamp = signingTimestamp(options.timestamp);
  const body = typeof options.body === 'string' ? utf8(options.body) : options.body;
  const keys = secretList(options.secret).map(standardWebhookKey);
  const signatures = await Promise.all(keys.map(async (key) => `v1,${toBase64(await hmacSha256(key, signedContent(id, timestamp, body)))}`));
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signatures.join(' ') };
}

/** Options of {@link verifySignedWebhook}. Give `secret` or `secrets`. */
export interface VerifySignedWebhookOptions {
  /** The secret (`whsec_…`, other text, or key bytes), or several while rotating. */
  secret?: WebhookSecret | readonly WebhookSecret[] | undefined;
  /** The same as `secret` given as a list. */
  secrets?: readonly WebhookSecret[] | undefined;
  /** How far, in seconds, `webhook-timestamp` may lie from now in either direction. Default 300. */
  tolerance?: number | undefined;
  /** The current time, for tests. Default: the system clock. */
  now?: WebhookClock | undefined;
  /** The largest body accepted, in bytes. Default 1 MiB. */
  maxBodyBytes?: number | undefined;
}

/** A Standard Webhooks message whose signature and timestamp checked out. */
export interface VerifiedSignedWebhook {
  /** `webhook-id`: de-duplicate on it. */
  id: string;
  /** `webhook-timestamp`, in unix seconds. */
  timestamp: number;
  /** The raw body text. */
  body: string;
  /** The body parsed as JSON. Pass it to {@link parseWebhookEvent} when it is a VirtFusion delivery. */
  payload: unknown;
}

/**
 * Verifies a Standard Webhooks message: one `v1` signature in `webhook-signature` must match
 * HMAC-SHA256 of `${webhook-id}.${webhook-timestamp}.${body}` under one of the secrets
 * (constant-time), and `webhook-timestamp` must be within `tolerance` of now, both ways. Failures
 * are {@link WebhookVerificationError}s: `missing_header`, `missing_signature`, `bad_signature`,
 * `bad_timestamp`, `stale`, `future`, `bad_json`.
 *
 * @example
 * ```ts
 * const { id, payload } = await verifySignedWebhook(request, { secret: process.env.RELAY_SECRET! });
 * const event = parseWebhookEvent(payload);
 * ```
 */
export async function verifySignedWebhook(input: WebhookInput, options: VerifySignedWebhookOptions): Promise<VerifiedSignedWebhook> {
  const secrets = secretList(options.secrets ?? options.secret);
  return scrubbingSecrets(secretTexts(secrets), () => verifySigned(input, secrets, options));
}

async function verifySigned(input: WebhookInput, secrets: readonly WebhookSecret[], options: VerifySignedWebhookOptions): Promise<VerifiedSignedWebhook> {
  const keys = secrets.map(standardWebhookKey);
  const tolerance = resolveTolerance(options.tolerance);
  const body = await readRawBody(input, resolveMaxBodyBytes(options.maxBodyBytes));

  const id = requireHeader(input.headers, 'webhook-id');
  const timestamp = requireHeader(input.headers, 'webhook-timestamp');
  const signatureHeader = readHeader(input.headers, 'webhook-signature');
  if (signatureHeader === undefined || signatureHeader.trim() === '') {
    throw new WebhookVerificationError('missing_signature', { detail: 'The request has no webhook-signature header.', header: 'webhook-signature' });
  }
  const candidates = signatureHeader
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => fromBase64(entry.slice(3)))
    .filter((bytes): bytes is Uint8Array<ArrayBuffer> => bytes !== undefined);

  const content = signedContent(id, timestamp, body);
  const expected = await Promise.all(keys.map((key) => hmacSha256(key, content)));
  let matched = false;
  // Every pair is compared, so the time taken does not reveal which secret or signature matched.
  for (const signature of expected) for (const candidate of candidates) matched = equalBytes(signature, candidate) || matched;
  if (!matched) {
    throw new WebhookVerificationError('bad_signature', {
      detail:
        candidates.length === 0
          ? 'webhook-signature holds no `v1,<base64>` signature.'
          : 'No signature in webhook-signature matches a configured secret.',
      header: 'webhook-signature',
    });
  }

  if (!/^\d{1,15}$/.test(timestamp)) {
    throw new WebhookVerificationError('bad_timestamp', {
      detail: `webhook-timestamp is ${quote(timestamp)}, not unix seconds.`,
      header: 'webhook-timestamp',
    });
  }
  const seconds = Number(timestamp);
  assertFresh(seconds * 1000, currentTimeMs(options.now), tolerance, 'webhook-timestamp');
  const text = bodyText(body);
  return { id, timestamp: seconds, body: text, payload: parseJson(text) };
}

function signedContent(id: string, timestamp: string, body: Uint8Array): Uint8Array {
  return concatBytes(utf8(`${id}.${timestamp}.`), body);
}

function signingTimestamp(timestamp: number | Date | undefined): string {
  const seconds = timestamp instanceof Date ? Math.floor(timestamp.getTime() / 1000) : (timestamp ?? Math.floor(Date.now() / 1000));
  if (!Number.isSafeInteger(seconds) || seconds < 0) {
    throw new ConfigurationError({ message: 'A webhook `timestamp` must be whole unix seconds (or a Date).' });
  }
  return String(seconds);
}
