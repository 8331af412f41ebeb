import pRetry from 'p-retry';
import { readAnswerBody } from '../core/answer-body';
import { AbortError, ConfigurationError, ConnectionError, HostNotFoundError, TimeoutError, VirtFusionError } from '../core/errors';
import { neverReachedPanel } from '../core/transport';
import type { Middleware, RequestContext } from '../core/middleware';
import { redactUrl } from '../core/redact';
import { isReadMethod } from '../core/unreadable-answer';
import { parseRetryAfter } from '../core/retry-after';
import { EARLIER_ATTEMPT_UNSURE, noteAttempts, noteEarlierAttemptUnsure } from './attempts';
import { backoffDelay, sleep, type BackoffSettings } from './backoff';

/** Settings of {@link retry}. Every duration is in milliseconds. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 3 (so at most 4 attempts). */
  retries?: number | undefined;
  /** Ceiling of the first backoff wait. Default 1 000. */
  minTimeout?: number | undefined;
  /** Longest backoff wait. Default 15 000. */
  maxTimeout?: number | undefined;
  /** Growth of the backoff ceiling per retry. Default 2. */
  factor?: number | undefined;
  /** Longest wait the layer accepts from a `Retry-After` header; a longer one is cut to this. Default 60 000. */
  maxRetryAfter?: number | undefined;
  /**
   * Total time budget, from the first attempt: a retry whose wait would end after it is not made.
   * Default 120 000.
   */
  maxElapsed?: number | undefined;
  /** Methods retried without a per-call opt-in. Default the idempotent ones: GET, HEAD, PUT, DELETE, OPTIONS. */
  methods?: readonly string[] | undefined;
  /** The source of jitter, a number in [0, 1). Default `Math.random`; tests pass a fixed one. */
  random?: (() => number) | undefined;
}

/** The defaults of {@link retry}, for documentation and for building on. */
export const RETRY_DEFAULTS = Object.freeze({
  retries: 3,
  minTimeout: 1_000,
  maxTimeout: 15_000,
  factor: 2,
  maxRetryAfter: 60_000,
  maxElapsed: 120_000,
  methods: Object.freeze(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']),
});

/** An answer whose status is worth another attempt; thrown inside p-retry so that it retries. */
class RetryableAnswer extends Error {
  constructor(readonly response: Response) {
    super(`status ${response.status}`);
  }
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** A read answered 2xx whose body was cut short or spoiled on the way: asking again is safe. */
async function isLostRead(method: string, response: Response): Promise<boolean> {
  if (response.status < 200 || response.status > 299 || !isReadMethod(method)) return false;
  return (await readAnswerBody(response)).kind === 'unreadable';
}

function isRetryableFailure(error: unknown): boolean {
  return (error instanceof ConnectionError || error instanceof TimeoutError) && error.retryable;
}

function checked(name: string, value: number | undefined, fallback: number, { integer = false, min = 0 } = {}): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new ConfigurationError({ message: `retry({ ${name} }) must be ${integer ? 'an integer' : 'a number'} of at least ${min} (got ${String(value)}).` });
  }
  return value;
}

/**
 * Sends a request again when it failed in a way that another attempt can fix: no answer
 * (connection refused or reset, timeout), 408, 429 and 5xx, or a read (GET, HEAD) answered 2xx
 * with a body cut short or spoiled on the way. Only idempotent methods are retried
 * unless a call opts in with `retry: { unsafe: true }`; a call opts out with `retry: false`.
 * A `Retry-After` from the panel is waited exactly (up to `maxRetryAfter`); otherwise the wait
 * is exponential backoff with full jitter. An abort ends the wait at once with `AbortError`.
 * The final error's `attempts` holds how many attempts were made, and its message says so.
 *
 * @example
 * ```ts
 * const vf = new VirtFusion({ url, token, middleware: [retry({ retries: 5, maxElapsed: 30_000 }), rateLimit()] });
 * await vf.request('POST /servers/{serverId}/power/restart', { path: { serverId: 7 }, retry: { unsafe: true } });
 * ```
 */
export function retry(options: RetryOptions = {}): Middleware {
  const retries = checked('retries', options.retries, RETRY_DEFAULTS.retries, { integer: true });
  const backoff: BackoffSettings = {
    minTimeout: checked('minTimeout', options.minTimeout, RETRY_DEFAULTS.minTimeout),
    maxTimeout: checked('maxTimeout', options.maxTimeout, RETRY_DEFAULTS.maxTimeout),
    factor: checked('factor', options.factor, RETRY_DEFAULTS.factor, { min: 1 }),
  };
  const maxRetryAfter = checked('maxRetryAfter', options.maxRetryAfter, RETRY_DEFAULTS.maxRetryAfter);
  const maxElapsed = checked('maxElapsed', options.maxElapsed, RETRY_DEFAULTS.maxElapsed);
  const methods = new Set((options.methods ?? RETRY_DEFAULTS.methods).map((method) => method.toUpperCase()));
  const random = options.random ?? Math.random;

  /** The wait before the next attempt, and the `Retry-After` it came from, if any. */
  const waitAfter = (ctx: RequestContext, failure: unknown, retryNumber: number) => {
    const header = failure instanceof RetryableAnswer ? failure.response.headers.get('retry-after') : null;
    const retryAfterMs = parseRetryAfter(header, Date.now());
    if (retryAfterMs === undefined) return { delayMs: backoffDelay(retryNumber, backoff, random), retryAfterMs };
    if (retryAfterMs > maxRetryAfter) {
      ctx.reporter?.warn({ route: ctx.route, retryAfterMs, maxRetryAfter }, `The panel asked to wait ${retryAfterMs} ms before retrying ${ctx.route}; waiting ${maxRetryAfter} ms (maxRetryAfter).`);
    }
    return { delayMs: Math.min(retryAfterMs, maxRetryAfter), retryAfterMs };
  };

  return async (ctx, next) => {
    const perCall = ctx.options.retry;
    if (perCall === false || retries === 0 || (!methods.has(ctx.method) && perCall?.unsafe !== true)) {
      return next().catch((error: unknown) => {
        if (error instanceof VirtFusionError) error.attempts ??= ctx.attempt;
        throw error;
      });
    }

    const started = performance.now();
    const abortedWaiting = () =>
      new AbortError({
        method: ctx.method,
        url: redactUrl(ctx.url),
        route: ctx.route,
        message: `${ctx.route} was aborted while waiting to retry.`,
        cause: ctx.signal?.reason,
        attempts: ctx.attempt,
      });

    try {
      return await pRetry(
        async (attempt) => {
          ctx.attempt = attempt;
          const response = await next({ ...ctx, headers: new Headers(ctx.headers), attempt });
          if (isRetryableStatus(response.status) || (await isLostRead(ctx.method, response))) throw new RetryableAnswer(response);
          return response;
        },
        {
          retries,
          // p-retry runs the loop and counts; the waits are ours (full jitter, Retry-After, abort).
          minTimeout: 0,
          shouldRetry: async ({ error, attemptNumber }) => {
            if (!(error instanceof RetryableAnswer) && !isRetryableFailure(error)) return false;
            // A host name that does not resolve is almost always a wrong URL: one more try, no more.
            if (error instanceof HostNotFoundError && attemptNumber >= 2) return false;
            // A write whose attempt got no answer, or a gateway's 502-504, may have been applied: say so whatever the last attempt says.
            const unsure = (isRetryableFailure(error) && !neverReachedPanel(error)) || (error instanceof RetryableAnswer && [502, 503, 504].includes(error.response.status));
            if (!isReadMethod(ctx.method) && unsure) {
              ctx.state.set(EARLIER_ATTEMPT_UNSURE, true);
            }
            const { delayMs, retryAfterMs } = waitAfter(ctx, error, attemptNumber);
            if (performance.now() - started + delayMs > maxElapsed) return false;
            ctx.reporter?.emit('retry', {
              attempt: attemptNumber,
              delayMs,
              status: error instanceof RetryableAnswer ? error.response.status : undefined,
              code: error instanceof VirtFusionError ? error.code : undefined,
              retryAfterMs,
            });
            await sleep(delayMs, ctx.signal, abortedWaiting);
            return true;
          },
        },
      );
    } catch (error) {
      if (error instanceof RetryableAnswer) return error.response;
      if (error instanceof VirtFusionError) noteAttempts(error, error.attempts ?? ctx.attempt);
      if (error instanceof VirtFusionError && ctx.state.has(EARLIER_ATTEMPT_UNSURE)) noteEarlierAttemptUnsure(error);
      throw error;
    }
  };
}
