import type Bottleneck from 'bottleneck';
import { ConfigurationError } from '../core/errors';

/**
 * An ioredis client (`new Redis(...)`), described by the little the limiter relies on so that
 * ioredis stays an optional dependency. The limiter duplicates it for its subscription and
 * never closes the client you gave.
 */
export interface RedisClientLike {
  duplicate(): unknown;
  readonly status: string;
}

/** How long a request waits for Redis to be reachable before it fails (nothing sent). */
export const REDIS_CONNECT_TIMEOUT_MS = 5_000;

type Warn = (details: Record<string, unknown>, message: string) => void;

/** Bottleneck and one Redis connection (a client and a subscriber), shared by the limiters of one `rateLimit()`. */
export interface RedisEngine {
  Bottleneck: typeof Bottleneck;
  connection: Bottleneck.IORedisConnection;
  /** Resolves once Redis answers; rejects after {@link REDIS_CONNECT_TIMEOUT_MS} if it does not. */
  ready(): Promise<void>;
  /** Tells Bottleneck the connection is going away, before its limiters are disconnected. */
  terminate(): void;
  /** Closes what the engine opened: both clients for a URL, only the subscriber for a client you gave. */
  close(): Promise<void>;
}

interface ConnectionInternals {
  ready: Promise<unknown>;
  terminated: boolean;
  client: { status: string };
  subscriber: { status: string; quit(): Promise<unknown>; disconnect(): void };
}

/** Removes credentials from a Redis URL that an error message may quote. */
export function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\/\/[^/@\s]*@/g, '//');
}

/** Loads ioredis (an optional peer dependency) and Bottleneck, and opens the connection. */
export async function loadRedisEngine(redis: string | RedisClientLike, warn: Warn): Promise<RedisEngine> {
  let ioredis: typeof import('ioredis');
  try {
    ioredis = await import('ioredis');
  } catch (cause) {
    throw new ConfigurationError({ message: 'rateLimit({ redis }) needs the optional dependency ioredis: npm install ioredis', cause });
  }
  const Redis = ioredis.default;
  const { default: Engine } = await import('bottleneck');
  const owned = typeof redis === 'string';
  const client = owned ? new Redis(redis, { maxRetriesPerRequest: 3 }) : redis;
  const connection = new Engine.IORedisConnection({ Redis, client } as Bottleneck.IORedisConnectionOptions);
  const internals = connection as unknown as ConnectionInternals;
  let failing = false;
  // ioredis reports every failed reconnection; one warning per outage is enough.
  connection.on('error', (error: unknown) => {
    if (failing) return;
    failing = true;
    warn({ error: describe(error) }, 'The shared rate limiter cannot reach Redis; requests wait for it (up to 5 s each), then fail unsent.');
  });
  const connected = internals.ready.then(() => {
    failing = false;
  });
  connected.catch(() => undefined);

  return {
    Bottleneck: Engine,
    connection,
    ready: () =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer from Redis within ${REDIS_CONNECT_TIMEOUT_MS} ms`)), REDIS_CONNECT_TIMEOUT_MS);
        connected.then(
          () => {
            clearTimeout(timer);
            resolve();
          },
          (error: unknown) => {
            clearTimeout(timer);
            reject(error);
          },
        );
      }),
    terminate: () => {
      internals.terminated = true;
    },
    close: async () => {
      if (owned) {
        // Quit lets commands under way (freeing slots) finish; a connection that never came up is dropped.
        const ready = internals.client.status === 'ready' && internals.subscriber.status === 'ready';
        await connection.disconnect(ready).catch(() => undefined);
        return;
      }
      const { subscriber } = internals;
      if (subscriber.status === 'ready') await subscriber.quit().catch(() => undefined);
      else subscriber.disconnect();
    },
  };
}
