import { ConfigurationError } from '../core/errors';

/**
 * Where a receiver records the delivery ids it has accepted, so a repeat is recognised. Give one
 * shared store (Redis, a database) when several replicas receive the same webhook.
 *
 * @example
 * ```ts
 * // Redis (ioredis): SET key 1 NX EX ttl answers "OK" only for the first caller.
 * const seen: WebhookSeenStore = {
 *   async markSeen(id, ttlSeconds) {
 *     return (await redis.set(`vf:webhook:${id}`, '1', 'EX', ttlSeconds, 'NX')) === 'OK';
 *   },
 *   async release(id) {
 *     await redis.del(`vf:webhook:${id}`);
 *   },
 * };
 * ```
 */
export interface WebhookSeenStore {
  /**
   * Records `id` for `ttlSeconds` and answers `true` if it was not recorded already, atomically:
   * of two concurrent calls with one id, exactly one gets `true`.
   */
  markSeen(id: string, ttlSeconds: number): Promise<boolean>;
  /** Forgets `id`, so that the next delivery with it is processed: called when a handler failed. */
  release(id: string): Promise<void>;
}

/** Options of {@link createMemorySeenStore}. */
export interface MemorySeenStoreOptions {
  /** The most ids kept; the least recently marked go first. Default 10 000. */
  maxEntries?: number | undefined;
  /** Milliseconds since the epoch, for tests. Default `Date.now`. */
  now?: (() => number) | undefined;
}

/**
 * A {@link WebhookSeenStore} in this process's memory: bounded (least recently marked ids are
 * evicted first) and with per-id expiry. The default of {@link createWebhookReceiver}; with several
 * replicas, use a shared store instead.
 *
 * @example
 * ```ts
 * const receiver = createWebhookReceiver({ token, seen: createMemorySeenStore({ maxEntries: 50_000 }) });
 * ```
 */
export function createMemorySeenStore(options: MemorySeenStoreOptions = {}): WebhookSeenStore {
  const maxEntries = options.maxEntries ?? 10_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new ConfigurationError({ message: '`maxEntries` must be a whole number, 1 or more.' });
  }
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order, so deleting and re-inserting keeps the oldest entry first.
  const expiries = new Map<string, number>();

  return {
    async markSeen(id, ttlSeconds) {
      const time = now();
      const expiry = expiries.get(id);
      if (expiry !== undefined && expiry > time) return false;
      expiries.delete(id);
      expiries.set(id, time + ttlSeconds * 1000);
      while (expiries.size > maxEntries) {
        const oldest = expiries.keys().next();
        if (oldest.done === true) break;
        expiries.delete(oldest.value);
      }
      return true;
    },
    async release(id) {
      expiries.delete(id);
    },
  };
}
