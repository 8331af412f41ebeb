import { InputValidationError } from '../../core/errors';
import type { RedisClientLike } from '../../middleware/redis-engine';
import { MissingPeerDependencyError } from '../errors';

type BullMQ = typeof import('bullmq');
type IORedisModule = typeof import('ioredis');
type Redis = import('ioredis').Redis;

/** A Redis connection for fleet jobs: a URL (`redis://host:6379/0`) or an ioredis client (`new Redis(...)`). */
export type RedisConnection = string | RedisClientLike;

let bullmq: Promise<BullMQ> | undefined;

/** Loads BullMQ, an optional peer dependency, on first use. */
export function loadBullMQ(what: string): Promise<BullMQ> {
  bullmq ??= import('bullmq').catch((cause: unknown) => {
    bullmq = undefined;
    throw new MissingPeerDependencyError({ dependency: 'bullmq', message: `${what} needs the optional dependency bullmq: npm install bullmq`, cause });
  });
  return bullmq;
}

/** Checks `connection` before anything is loaded or sent. */
export function checkConnection(connection: unknown, what: string): asserts connection is RedisConnection {
  const isClient = connection !== null && typeof connection === 'object' && typeof (connection as { duplicate?: unknown }).duplicate === 'function';
  if (!isClient && (typeof connection !== 'string' || !/^rediss?:\/\//.test(connection))) {
    throw new InputValidationError({
      issues: [{ path: ['connection'], message: `${what} needs a Redis connection: a redis:// URL or an ioredis client, got ${connection === undefined ? 'nothing' : typeof connection}` }],
    });
  }
}

/**
 * An ioredis client for BullMQ: a new one for a URL (closed by `release`), or the caller's own
 * (left open). BullMQ's workers need `maxRetriesPerRequest: null`, so they block as long as they must.
 */
export async function openConnection(connection: RedisConnection, what: string): Promise<{ client: Redis; release(): Promise<void> }> {
  if (typeof connection !== 'string') return { client: connection as Redis, release: async () => undefined };
  let ioredis: IORedisModule;
  try {
    ioredis = await import('ioredis');
  } catch (cause) {
    throw new MissingPeerDependencyError({ dependency: 'ioredis', message: `${what} needs the optional dependency ioredis: npm install ioredis`, cause });
  }
  const client = new ioredis.default(connection, { maxRetriesPerRequest: null });
  return {
    client,
    release: async () => {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
