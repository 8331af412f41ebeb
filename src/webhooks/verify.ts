import { ConfigurationError } from '../core/errors';
import { assertFresh, currentTimeMs, parseIsoTimestamp, resolveTolerance, type WebhookClock } from './clock';
import { equalSecrets } from './crypto';
import { toBase64, utf8 } from './encoding';
import { quote, WebhookVerificationError } from './errors';
import { scrubbingSecrets } from './scrub';
import type { WebhookEvent } from './event-types';
import { bodyText, readHeader, readRawBody, requireHeader, resolveMaxBodyBytes, type WebhookHeaders, type WebhookInput } from './input';
import { parseJson, parseWebhookEvent } from './parse-event';

/**
 * The headers VirtFusion puts on every delivery (besides `Authorization` and `User-Agent`).
 *
 * @example
 * ```ts
 * const deliveryId = request.headers.get(VIRTFUSION_HEADERS.hookEvent);
 * ```
 */
export const VIRTFUSION_HEADERS = {
  hook: 'X-VirtFusion-Hook',
  created: 'X-VirtFusion-Created',
  hookEvent: 'X-VirtFusion-Hook-Event',
  event: 'X-VirtFusion-Event',
  eventStatus: 'X-VirtFusion-Event-Status',
} as const;

/**
 * Options of {@link verifyWebhook}.
 *
 * @example
 * ```ts
 * const options: VerifyWebhookOptions = { token: [process.env.VF_HOOK_TOKEN!, process.env.VF_HOOK_TOKEN_OLD!], tolerance: 120 };
 * ```
 */
export interface VerifyWebhookOptions {
  /**
   * The token set on the webhook in the panel, exactly as entered there (the panel sends it
   * base64-encoded; the SDK encodes it too before comparing). Give several while rotating.
   */
  token: string | readonly string[];
  /**
   * How far, in seconds, `X-VirtFusion-Created` may lie from now in either direction. Default
   * 300 (five minutes); `Infinity` turns the check off.
   */
  tolerance?: number | undefined;
  /** The current time, for tests. Default: the system clock. */
  now?: WebhookClock | undefined;
  /** The largest body accepted, in bytes. Default 1 MiB. */
  maxBodyBytes?: number | undefined;
}

/** The checked form of the options, built once per receiver. */
export interface ResolvedVerifyOptions {
  expectedCredentials: string[];
  tokens: readonly string[];
  tolerance: number;
  now: WebhookClock | undefined;
  maxBodyBytes: number;
}

/** Checks the options once; a receiver reuses the result for every delivery. */
export function resolveVerifyOptions(options: VerifyWebhookOptions): ResolvedVerifyOptions {
  const tokens = typeof options.token === 'string' ? [options.token] : options.token;
  if (!Array.isArray(tokens) || tokens.length === 0 || tokens.some((token) => typeof token !== 'string' || token === '')) {
    throw new ConfigurationError({
      message: 'Webhook `token` is missing or empty: pass the token set on the webhook in the panel (or several, while rotating).',
    });
  }
  return {
    expectedCredentials: tokens.map((token) => toBase64(utf8(token))),
    tokens,
    tolerance: resolveTolerance(options.tolerance),
    now: options.now,
    maxBodyBytes: resolveMaxBodyBytes(options.maxBodyBytes),
  };
}

/**
 * Verifies a VirtFusion webhook delivery and returns its typed event. In order it checks: the
 * raw body is available; `Authorization: Bearer` carries base64 of a configured token
 * (constant-time); the `X-VirtFusion-*` headers are present; `X-VirtFusion-Created` is within
 * `tolerance` of now, both ways; the body is a JSON delivery; and the headers agree with the body
 * (event name, hook id, delivery id, status). Every failure is a {@link WebhookVerificationError}
 * whose `reason` names the check.
 *
 * This does not de-duplicate: use {@link createWebhookReceiver} for that.
 *
 * @example
 * ```ts
 * export async function POST(request: Request) {
 *   const event = await verifyWebhook(request, { token: process.env.VIRTFUSION_WEBHOOK_TOKEN! });
 *   if (event.known && event.event === 'server.suspend') await suspendLocally(event.data.server.id);
 *   return new Response(null, { status: 204 });
 * }
 * ```
 */
export async function verifyWebhook(input: WebhookInput, options: VerifyWebhookOptions): Promise<WebhookEvent> {
  return verifyWithResolvedOptions(input, resolveVerifyOptions(options));
}

/** {@link verifyWebhook} with options already checked. */
export async function verifyWithResolvedOptions(input: WebhookInput, options: ResolvedVerifyOptions): Promise<WebhookEvent> {
  return scrubbingSecrets(options.tokens, () => verifyDelivery(input, options));
}

async function verifyDelivery(input: WebhookInput, options: ResolvedVerifyOptions): Promise<WebhookEvent> {
  // Read first: a framework that consumed or parsed the body is a wiring fault worth naming before anything else.
  const body = await readRawBody(input, options.maxBodyBytes);
  const headers = input.headers;
  await assertAuthorized(headers, options);

  const eventName = requireHeader(headers, VIRTFUSION_HEADERS.event);
  const hookId = requireHeader(headers, VIRTFUSION_HEADERS.hook);
  const hookEventId = requireHeader(headers, VIRTFUSION_HEADERS.hookEvent);
  const created = requireHeader(headers, VIRTFUSION_HEADERS.created);
  const createdMs = parseIsoTimestamp(created.trim());
  if (createdMs === undefined) {
    throw new WebhookVerificationError('bad_timestamp', {
      detail: `${VIRTFUSION_HEADERS.created} is ${quote(created)}, not an ISO-8601 time.`,
      header: VIRTFUSION_HEADERS.created,
    });
  }
  assertFresh(createdMs, currentTimeMs(options.now), options.tolerance, VIRTFUSION_HEADERS.created);

  const event = parseWebhookEvent(parseJson(bodyText(body)));
  assertAgree(VIRTFUSION_HEADERS.event, eventName, 'event', event.event);
  assertAgree(VIRTFUSION_HEADERS.hook, hookId, 'hookId', event.hookId);
  assertAgree(VIRTFUSION_HEADERS.hookEvent, hookEventId, 'hookEventId', event.hookEventId);
  const status = readHeader(headers, VIRTFUSION_HEADERS.eventStatus);
  if (status !== undefined && event.eventStatus !== undefined) {
    assertAgree(VIRTFUSION_HEADERS.eventStatus, status, 'eventStatus', event.eventStatus);
  }
  return event;
}

async function assertAuthorized(headers: WebhookHeaders, options: ResolvedVerifyOptions): Promise<void> {
  const authorization = readHeader(headers, 'Authorization');
  if (authorization === undefined || authorization.trim() === '') {
    throw new WebhookVerificationError('missing_auth', { detail: 'The delivery has no Authorization header.', header: 'Authorization' });
  }
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (match === null) {
    throw new WebhookVerificationError('bad_token', {
      detail: 'The Authorization header is not of the form `Bearer <credential>`.',
      header: 'Authorization',
    });
  }
  const credential = match[1] as string;
  // Every configured token is compared, so the time taken does not reveal which one matched.
  const matches = await Promise.all(options.expectedCredentials.map((expected) => equalSecrets(credential, expected)));
  if (matches.includes(true)) return;

  const sentWithoutBase64 = await Promise.all(options.tokens.map((token) => equalSecrets(credential, token)));
  throw new WebhookVerificationError('bad_token', {
    detail: sentWithoutBase64.includes(true)
      ? 'The Authorization header carries a configured token itself rather than its base64 form: the value given as `token` looks already base64-encoded, or the sender skipped the encoding.'
      : 'The Authorization header does not carry any configured token.',
    header: 'Authorization',
  });
}

function assertAgree(header: string, headerValue: string, field: string, bodyValue: string): void {
  if (headerValue.trim() === bodyValue) return;
  throw new WebhookVerificationError('header_mismatch', {
    detail: `${header} is ${quote(headerValue)} but the body's \`${field}\` is ${quote(bodyValue)}.`,
    header,
  });
}
