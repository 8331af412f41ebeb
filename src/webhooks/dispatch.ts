import { WebhookVerificationError } from './errors';
import type { WebhookEventName } from './event-names';
import type { KnownWebhookEvent, WebhookEvent } from './event-types';
import type { WebhookInput } from './input';
import type { WebhookReceiver } from './receiver';

/** A function that handles every event. */
export type WebhookEventHandler = (event: WebhookEvent) => unknown;

/**
 * Handlers by event name, each receiving its event typed; `'*'` takes every event without a
 * handler of its own, including generic ones. An event with no handler is acknowledged and dropped.
 *
 * @example
 * ```ts
 * const handlers: WebhookHandlerMap = {
 *   'server.suspend': (event) => billing.suspend(event.data.server.id),
 *   'user.modify': (event) => crm.update(event.data.user.after),
 *   '*': (event) => log.info('ignored', event.event),
 * };
 * ```
 */
export type WebhookHandlerMap = {
  readonly [Name in WebhookEventName]?: (event: KnownWebhookEvent<Name>) => unknown;
} & {
  readonly '*'?: WebhookEventHandler;
};

/** One handler for everything, or a {@link WebhookHandlerMap}. */
export type WebhookHandlers = WebhookEventHandler | WebhookHandlerMap;

/** Options of {@link toFetchHandler} and {@link toNodeHandler}. */
export interface WebhookHandlerOptions {
  /**
   * Called with every error behind a non-2xx answer (a {@link WebhookVerificationError}, a
   * handler's error, a store's error), for logging. What it throws is ignored.
   */
  onError?: ((error: unknown) => void) | undefined;
}

/**
 * The JSON body of a handler's answer. `reason` is a {@link WebhookVerificationReason}, or
 * `handler_failed`, `internal_error`, `method_not_allowed`.
 */
export interface WebhookResponseBody {
  /** Whether the delivery was accepted (a duplicate counts as accepted). */
  ok: boolean;
  /** Why it was not, when it was not. */
  reason?: string;
  /** `true` when the delivery id was accepted before. */
  duplicate?: boolean;
  /**
   * What to fix, for the failures a receiver's own setup causes (`body_consumed`, `parsed_body`,
   * `bad_signature`: the raw body did not reach verification): the error's message, never a secret.
   */
  message?: string;
}

/** Reasons whose answer carries the fix, since the mistake is on the receiving side. */
const SETUP_REASONS: ReadonlySet<string> = new Set(['body_consumed', 'parsed_body', 'bad_signature']);

/** The answer to send for one delivery. */
export interface DeliveryOutcome {
  status: number;
  body: WebhookResponseBody;
}

/** The answer when something other than verification or a handler failed. */
export const INTERNAL_ERROR: DeliveryOutcome = { status: 500, body: { ok: false, reason: 'internal_error' } };

/** The answer to anything but POST. */
export const METHOD_NOT_ALLOWED: DeliveryOutcome = { status: 405, body: { ok: false, reason: 'method_not_allowed' } };

/**
 * Receives one delivery and runs its handler, mapping every outcome to a status: 2xx when
 * accepted or a duplicate, the error's status when verification failed, 500 when a handler or
 * the store failed (so the panel retries).
 */
export async function deliver(
  receiver: WebhookReceiver,
  handlers: WebhookHandlers,
  input: WebhookInput,
  options: WebhookHandlerOptions,
): Promise<DeliveryOutcome> {
  let handlerFailed = false;
  try {
    const receipt = await receiver.receive(input, async (event) => {
      try {
        return await dispatch(handlers, event);
      } catch (error) {
        handlerFailed = true;
        throw error;
      }
    });
    return { status: 200, body: receipt.duplicate ? { ok: true, duplicate: true } : { ok: true } };
  } catch (error) {
    if (error instanceof WebhookVerificationError) return rejected(error, options);
    report(options, error);
    return { status: 500, body: { ok: false, reason: handlerFailed ? 'handler_failed' : 'internal_error' } };
  }
}

/** The answer to a delivery that failed verification, reported to `onError`. */
export function rejected(error: WebhookVerificationError, options: WebhookHandlerOptions): DeliveryOutcome {
  report(options, error);
  const body: WebhookResponseBody = { ok: false, reason: error.reason };
  if (SETUP_REASONS.has(error.reason)) body.message = error.message;
  return { status: error.status ?? 400, body };
}

function dispatch(handlers: WebhookHandlers, event: WebhookEvent): unknown {
  if (typeof handlers === 'function') return handlers(event);
  // Indexing by a union of names gives a union of handlers; each takes exactly the event of its own name.
  const own = event.known ? (handlers[event.event] as WebhookEventHandler | undefined) : undefined;
  const handler = own ?? handlers['*'];
  return handler?.(event);
}

/** The headers of every answer: JSON, never cached, and `Allow: POST` on a 405. */
export function answerHeaders(outcome: DeliveryOutcome): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
  if (outcome.status === 405) headers.allow = 'POST';
  return headers;
}

/** Hands an error to `onError`, if given, ignoring what that throws. */
export function report(options: WebhookHandlerOptions, error: unknown): void {
  try {
    options.onError?.(error);
  } catch {
    // A logger that fails must not change the answer the panel gets.
  }
}
