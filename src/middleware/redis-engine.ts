import { ConfigurationError } from '../core/errors';

/**
 * An ioredis client (`new Redis(...)`), described by the little the limiter relies on so that
 * ioredis stays an optional dependency. The limiter never closes a client you gave.
 */
export interface RedisClientLike {
  readonly status: string;
  eval(script: string, numberOfKeys: number, ...args: (string | number)[]): Promise<unknown>;
  once(event: 'ready', listener: () => void): unknown;
  removeListener(event: 'ready', listener: () => void): unknown;
}

/** How long a request waits for Redis to be reachable before it fails (nothing sent). */
export const REDIS_CONNECT_TIMEOUT_MS = 5_000;

type Warn = (details: Record<string, unknown>, message: string) => void;

/** One Redis connection, shared by the limiters of one `rateLimit()`. */
export interface RedisEngine {
  /** Runs a Lua script atomically; resolves once Redis answers. */
  run(script: string, keys: string[], args: (string | number)[]): Promise<unknown>;
  /** Resolves once Redis answers; rejects after {@link REDIS_CONNECT_TIMEOUT_MS} if it does not. */
  ready(): Promise<void>;
  /** Closes the connection if the engine opened it (a URL); a client you gave stays open. */
  close(): Promise<void>;
}

/** Removes credentials from a Redis URL that an error message may quote. */
export function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\/\/[^/@\s]*@/g, '//');
}

interface OwnedClient extends RedisClientLike {
  on(event: 'error' | 'ready', listener: (error?: unknown) => void): unknown;
  quit(): Promise<unknown>;
  disconnect(): void;
}

/** Loads ioredis (an optional peer dependency) when given a URL, and opens the connection. */
export async function loadRedisEngine(redis: string | RedisClientLike, warn: Warn): Promise<RedisEngine> {
  let client: RedisClientLike;
  const owned = typeof redis === 'string';
  if (owned) {
    let ioredis: typeof import('ioredis');
    try {
      ioredis = await import('ioredis');
    } catch (cause) {
      throw new ConfigurationError({ message: 'rateLimit({ redis }) needs the optional dependency ioredis: npm install ioredis', cause });
    }
    const connection = new ioredis.default(redis, { maxRetriesPerRequest: 3 }) as unknown as OwnedClient;
    let failing = false;
    // ioredis reports every failed reconnection; one warning per outage is enough.
    connection.on('error', (error) => {
      if (failing) return;
      failing = true;
      warn({ error: describe(error) }, 'The shared rate limiter cannot reach Redis; requests wait for it (up to 5 s each), then fail unsent.');
    });
    connection.on('ready', () => {
      failing = false;
    });
    client = connection;
  } else {
    client = redis;
  }

  return {
    run: (script, keys, args) => client.eval(script, keys.length, ...keys, ...args),
    ready: () =>
      new Promise<void>((resolve, reject) => {
        if (client.status === 'ready') return resolve();
        const onReady = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          client.removeListener('ready', onReady);
          reject(new Error(`no answer from Redis within ${REDIS_CONNECT_TIMEOUT_MS} ms`));
        }, REDIS_CONNECT_TIMEOUT_MS);
        client.once('ready', onReady);
      }),
    close: async () => {
      if (!owned) return;
      const connection = client as OwnedClient;
      // Quit lets commands under way (releasing leases) finish; a connection that never came up is dropped.
      if (connection.status === 'ready') await connection.quit().catch(() => undefined);
      else connection.disconnect();
    },
  };
}
