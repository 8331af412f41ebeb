import { ConfigurationError } from '../core/errors';
import type { WebhookEvent } from './event-types';
import type { WebhookInput } from './input';
import { createMemorySeenStore, type WebhookSeenStore } from './seen-store';
import { resolveVerifyOptions, verifyWithResolvedOptions, type VerifyWebhookOptions } from './verify';

/** One day, in seconds: how long a delivery id is remembered by default. */
const DEFAULT_SEEN_TTL_SECONDS = 86_400;

/** How a receiver remembers delivery ids, so that a repeat is acknowledged without running its handler again. */
export interface WebhookSeenOptions {
  /**
   * Where accepted delivery ids are recorded. Default: an in-memory store of 10 000 ids
   * ({@link createMemorySeenStore}). Give a shared store when several replicas receive the same
   * webhook; `false` turns de-duplication off.
   */
  seen?: WebhookSeenStore | false | undefined;
  /** How long, in seconds, a delivery id is remembered. Default 86 400 (a day). */
  seenTtl?: number | undefined;
}

/** Options of {@link createWebhookReceiver}. */
export interface WebhookReceiverOptions extends VerifyWebhookOptions, WebhookSeenOptions {}

/** What {@link WebhookReceiver.receive} found. */
export type WebhookReceipt<Result = unknown> =
  | {
      /** This delivery id was accepted before: the handler did not run again. */
      duplicate: true;
      event: WebhookEvent;
    }
  | {
      duplicate: false;
      event: WebhookEvent;
      /** What the handler returned, when one was given. */
      result: Result | undefined;
    };

/** Verifies deliveries and recognises repeats. Made by {@link createWebhookReceiver}. */
export interface WebhookReceiver {
  /**
   * Verifies `input` (as {@link verifyWebhook} does), then records its delivery id. A repeat
   * answers `duplicate: true` without calling `handler`. When `handler` throws, the id is
   * released before the error is rethrown, so the panel's retry is processed rather than taken
   * for a duplicate. Without a handler the id stays recorded: call {@link WebhookReceiver.release}
   * if processing fails later.
   */
  receive<Result = unknown>(
    input: WebhookInput,
    handler?: (event: WebhookEvent) => Result | Promise<Result>,
  ): Promise<WebhookReceipt<Awaited<Result>>>;
  /** The largest body accepted, in bytes (`maxBodyBytes`). */
  readonly maxBodyBytes: number;
  /** Forgets a delivery, so that its next arrival is processed again. */
  release(event: Pick<WebhookEvent, 'hookId' | 'hookEventId'>): Promise<void>;
  /**
   * Calls `listener` with every delivery this receiver accepts (never a duplicate), after its
   * handler succeeded. Returns a function that stops the calls. A listener that throws is ignored.
   */
  subscribe(listener: (event: WebhookEvent) => void): () => void;
}

/**
 * Makes a receiver: verification plus de-duplication on the delivery id
 * (`X-VirtFusion-Hook-Event`, recorded as `<hookId>:<hookEventId>` so that two webhooks pointed
 * at one URL can never shadow each other's deliveries). The id is recorded when the delivery is accepted, before the
 * handler runs, so a repeat arriving while the first is still being handled is recognised too;
 * if the handler throws, the id is released again.
 *
 * @example
 * ```ts
 * const receiver = createWebhookReceiver({ token: process.env.VIRTFUSION_WEBHOOK_TOKEN! });
 * const { duplicate, event } = await receiver.receive(request, async (event) => {
 *   await audit.write(event);
 * });
 * ```
 */
export function createWebhookReceiver(options: WebhookReceiverOptions): WebhookReceiver {
  const resolved = resolveVerifyOptions(options);
  return receiverOver((input) => verifyWithResolvedOptions(input, resolved), resolved.maxBodyBytes, options);
}

/** A receiver around any verification that yields a VirtFusion event: de-duplication and release on failure. */
export function receiverOver(verify: (input: WebhookInput) => Promise<WebhookEvent>, maxBodyBytes: number, options: WebhookSeenOptions): WebhookReceiver {
  const seen = options.seen === undefined ? createMemorySeenStore() : options.seen;
  const ttl = options.seenTtl ?? DEFAULT_SEEN_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl < 1) {
    throw new ConfigurationError({ message: '`seenTtl` must be a whole number of seconds, 1 or more.' });
  }

  const listeners = new Set<(event: WebhookEvent) => void>();
  const announce = (event: WebhookEvent): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // A listener's failure is its own; the delivery was accepted.
      }
    }
  };

  return {
    maxBodyBytes,
    async receive<Result>(
      input: WebhookInput,
      handler?: (event: WebhookEvent) => Result | Promise<Result>,
    ): Promise<WebhookReceipt<Awaited<Result>>> {
      const event = await verify(input);
      if (seen !== false && !(await seen.markSeen(deliveryKey(event), ttl))) return { duplicate: true, event };
      if (handler === undefined) {
        announce(event);
        return { duplicate: false, event, result: undefined };
      }
      try {
        const result = await handler(event);
        announce(event);
        return { duplicate: false, event, result };
      } catch (error) {
        if (seen !== false) await seen.release(deliveryKey(event)).catch(() => undefined);
        throw error;
      }
    },
    async release(event) {
      if (seen !== false) await seen.release(deliveryKey(event));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function deliveryKey(event: Pick<WebhookEvent, 'hookId' | 'hookEventId'>): string {
  return `${event.hookId}:${event.hookEventId}`;
}
