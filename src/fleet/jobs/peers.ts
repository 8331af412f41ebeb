import { InputValidationError } from '../../core/errors';
import type { RedisClientLike } from '../../middleware/redis-engine';
import { MissingPeerDependencyError } from '../errors';

type BullMQ = typeof import('bullmq');
type IORedisModule = typeof import('ioredis');
type Redis = import('ioredis').Redis;

/**
 * A Redis connection for fleet jobs, as BullMQ takes it: connection options (`{ host, port, password, db, tls… }`,
 * ioredis's `RedisOptions`), a URL (`redis://host:6379/0`) or an ioredis client (`new Redis(...)`).
 */
export type RedisConnection = string | RedisClientLike | RedisConnectionOptions;

/** ioredis connection options (`RedisOptions`), described here so that the types do not need ioredis installed. */
export interface RedisConnectionOptions {
  host?: string | undefined;
  port?: number | undefined;
  path?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
  db?: number | undefined;
  tls?: object | undefined;
  [option: string]: unknown;
}

function isClient(connection: unknown): connection is RedisClientLike {
  return connection !== null && typeof connection === 'object' && typeof (connection as { duplicate?: unknown }).duplicate === 'function';
}

function isOptions(connection: unknown): connection is RedisConnectionOptions {
  return connection !== null && typeof connection === 'object' && !Array.isArray(connection) && !isClient(connection);
}

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
  if (isOptions(connection)) {
    const { host, port, path } = connection;
    if (host !== undefined && typeof host !== 'string') throw invalidConnection(what, 'connection.host must be a host name');
    if (port !== undefined && (!Number.isSafeInteger(port) || (port as number) < 1 || (port as number) > 65_535)) throw invalidConnection(what, 'connection.port must be a port number (1-65535)');
    if (path !== undefined && typeof path !== 'string') throw invalidConnection(what, 'connection.path must be a socket path');
    return;
  }
  if (!isClient(connection) && (typeof connection !== 'string' || !/^rediss?:\/\//.test(connection))) {
    throw invalidConnection(what, `${what} needs a Redis connection: connection options ({ host, port }), a redis:// URL or an ioredis client, got ${connection === undefined ? 'nothing' : typeof connection}`);
  }
}

function invalidConnection(what: string, message: string): InputValidationError {
  return new InputValidationError({ issues: [{ path: ['connection'], message: message.startsWith(what) ? message : `${what}: ${message}` }] });
}

/**
 * An ioredis client for BullMQ: a new one for a URL or options (closed by `release`), or the caller's own
 * (left open). BullMQ's workers need `maxRetriesPerRequest: null`, so they block as long as they must.
 */
export async function openConnection(connection: RedisConnection, what: string): Promise<{ client: Redis; release(): Promise<void> }> {
  if (isClient(connection)) return { client: connection as Redis, release: async () => undefined };
  let ioredis: IORedisModule;
  try {
    ioredis = await import('ioredis');
  } catch (cause) {
    throw new MissingPeerDependencyError({ dependency: 'ioredis', message: `${what} needs the optional dependency ioredis: npm install ioredis`, cause });
  }
  const client = typeof connection === 'string' ? new ioredis.default(connection, { maxRetriesPerRequest: null }) : new ioredis.default({ ...connection, maxRetriesPerRequest: null });
  return {
    client,
    release: async () => {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
