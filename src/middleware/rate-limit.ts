import { AbortError, ConfigurationError } from '../core/errors';
import type { Middleware, RequestContext } from '../core/middleware';
import { redactUrl } from '../core/redact';
import { parseRetryAfter } from '../core/retry-after';
import { limiterClosedError, type Limiter, type LimiterSettings } from './limiter';
import { LocalLimiter } from './local-limiter';
import { loadRedisEngine, type RedisClientLike, type RedisEngine } from './redis-engine';
import { RedisLimiter } from './redis-limiter';

export type { RedisClientLike } from './redis-engine';

/** Settings of {@link rateLimit}. */
export interface RateLimitOptions {
  /** Requests allowed in any 60-second window. Default 60. Shorthand for `{ limit, windowMs: 60_000 }`. */
  perMinute?: number | undefined;
  /** Requests allowed in any window of `windowMs` (instead of `perMinute`). */
  limit?: number | undefined;
  /** The window `limit` applies to, in ms. Default 60 000. */
  windowMs?: number | undefined;
  /**
   * @deprecated Ignored. The limiter is a sliding-window log: the whole budget may go at once, and
   * no window of `windowMs` ever holds more than `limit`. Still checked as before; a one-time
   * warning says it has no effect.
   */
  burst?: number | undefined;
  /** Requests in flight at once (across every process, with `redis`). Default 10. */
  maxConcurrent?: number | undefined;
  /**
   * Share the budget with every process and host that uses the same token: a Redis URL
   * (`redis://host:6379/0`) or an ioredis client. Needs the optional peer dependency `ioredis`.
   */
  redis?: string | RedisClientLike | undefined;
  /** Prefix of the Redis keys, to keep environments apart on one server. Default `virtfusion-sdk`. */
  keyPrefix?: string | undefined;
  /** Longest pause a 429 can impose, in ms, whatever its `Retry-After`. Default 60 000. */
  maxPause?: number | undefined;
}

/** The defaults of {@link rateLimit}. */
export const RATE_LIMIT_DEFAULTS = Object.freeze({
  perMinute: 60,
  maxConcurrent: 10,
  maxPause: 60_000,
  /** The pause after a 429 that carries no `Retry-After`. */
  pauseWithoutRetryAfter: 5_000,
  keyPrefix: 'virtfusion-sdk',
});

/** A rate-limit middleware, with `close()` to stop its timers and Redis connections. */
export interface RateLimitMiddleware extends Middleware {
  /** The budget in force. */
  readonly settings: Readonly<LimiterSettings>;
  /** Fails waiting requests and closes Redis connections the limiter opened. Safe to call twice. */
  close(): Promise<void>;
}

function whole(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ConfigurationError({ message: `rateLimit({ ${name} }) must be a whole number of at least ${min} (got ${String(value)}).` });
  }
  return value;
}

function resolveSettings(options: RateLimitOptions): LimiterSettings {
  if (options.perMinute !== undefined && (options.limit !== undefined || options.windowMs !== undefined)) {
    throw new ConfigurationError({ message: 'rateLimit() takes either `perMinute` or `limit` with `windowMs`, not both.' });
  }
  const limit = options.perMinute !== undefined ? whole('perMinute', options.perMinute, 0, 2) : whole('limit', options.limit, RATE_LIMIT_DEFAULTS.perMinute, 2);
  const windowMs = whole('windowMs', options.windowMs, 60_000, 1);
  if (options.burst !== undefined) {
    const burst = whole('burst', options.burst, 1, 1);
    if (burst >= limit) throw new ConfigurationError({ message: `rateLimit({ burst }) must be below the limit (${limit}).` });
    warnBurstDeprecated();
  }
  return { limit, windowMs, maxConcurrent: whole('maxConcurrent', options.maxConcurrent, RATE_LIMIT_DEFAULTS.maxConcurrent, 1) };
}

let burstWarned = false;

/** Once per process: `burst` belonged to the token bucket the sliding window replaced. */
function warnBurstDeprecated(): void {
  if (burstWarned) return;
  burstWarned = true;
  const message = 'rateLimit({ burst }) is deprecated and ignored: the limiter is a sliding window, which lets the whole budget go at once and never exceeds `limit` in any window. Remove the option.';
  const emit = (globalThis as { process?: { emitWarning?: (message: string, options: { type: string; code: string }) => void } }).process?.emitWarning;
  if (typeof emit === 'function') emit(message, { type: 'DeprecationWarning', code: 'VIRTFUSION_SDK_RATE_LIMIT_BURST' });
  else console.warn(message);
}

/**
 * Keeps requests within the panel's rate limit: at most `perMinute` requests in any minute
 * (a sliding window counted from when each answer arrived, so whatever minute the panel counts)
 * and at most `maxConcurrent` at once, per token. A script below the limit never waits. Requests over the budget wait in a queue, which an AbortSignal leaves at once.
 * A 429 from the panel pauses every request with that token for its `Retry-After`.
 *
 * Without `redis` the budget belongs to this process. With `redis`, every process and host that
 * uses the same token shares one budget (a sorted set updated by a Lua script), keyed by a
 * fingerprint of the token (never the token). Call `close()` (or `vf.close()`) to let the process exit.
 *
 * @example
 * ```ts
 * const vf = new VirtFusion({ url, token, middleware: [retry(), rateLimit({ perMinute: 120, redis: process.env.REDIS_URL })] });
 * // ...
 * await vf.close();
 * ```
 */
export function rateLimit(options: RateLimitOptions = {}): RateLimitMiddleware {
  const settings = Object.freeze(resolveSettings(options));
  const maxPause = whole('maxPause', options.maxPause, RATE_LIMIT_DEFAULTS.maxPause, 0);
  const keyPrefix = options.keyPrefix ?? RATE_LIMIT_DEFAULTS.keyPrefix;
  const limiters = new Map<string, Limiter>();
  let engine: Promise<RedisEngine> | undefined;
  let closed = false;
  /** Warnings that belong to no single request (Redis trouble) go to the first client's logger. */
  let warn: (details: Record<string, unknown>, message: string) => void = () => undefined;

  const limiterFor = (ctx: RequestContext): Limiter => {
    let limiter = limiters.get(ctx.credentialId);
    if (limiter === undefined) {
      if (options.redis === undefined) {
        limiter = new LocalLimiter(settings);
      } else {
        if (ctx.reporter !== undefined && engine === undefined) warn = (details, message) => ctx.reporter?.warn(details, message);
        engine ??= loadRedisEngine(options.redis, (details, message) => warn(details, message));
        limiter = new RedisLimiter(`${keyPrefix}:${ctx.credentialId}`, settings, engine, (details, message) => warn(details, message));
      }
      limiters.set(ctx.credentialId, limiter);
    }
    return limiter;
  };

  const middleware: Middleware = async (ctx, next) => {
    if (closed) throw limiterClosedError();
    const limiter = limiterFor(ctx);
    const grant = await limiter.acquire(
      ctx.signal,
      () =>
        new AbortError({
          method: ctx.method,
          url: redactUrl(ctx.url),
          route: ctx.route,
          message: `${ctx.route} was aborted while waiting for the rate limiter; nothing was sent.`,
          cause: ctx.signal?.reason,
        }),
    );
    if (grant.reason !== undefined) ctx.reporter?.emit('rateLimited', { attempt: ctx.attempt, waitedMs: grant.waitedMs, reason: grant.reason });
    let response: Response;
    try {
      response = await next();
    } finally {
      grant.release();
    }
    if (response.status === 429) {
      const asked = parseRetryAfter(response.headers.get('retry-after'), Date.now());
      const pauseMs = Math.min(asked ?? RATE_LIMIT_DEFAULTS.pauseWithoutRetryAfter, maxPause);
      limiter.pause(pauseMs);
      ctx.reporter?.warn(
        { route: ctx.route, status: 429, retryAfterMs: asked, pauseMs },
        `The panel answered 429 to ${ctx.route}; holding requests with this token for ${pauseMs} ms. Lower rateLimit({ perMinute }) if this repeats.`,
      );
    }
    return response;
  };

  return Object.assign(middleware, {
    settings,
    close: async () => {
      closed = true;
      const opened = await engine?.catch(() => undefined);
      const all = [...limiters.values()];
      limiters.clear();
      await Promise.all(all.map((limiter) => limiter.close()));
      await opened?.close();
    },
  });
}

