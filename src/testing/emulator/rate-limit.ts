import type { Clock } from './clock';

/**
 * A per-token request budget, counted the way Laravel's `throttle` middleware counts: a window
 * opens with a token's first request and lasts one minute; requests over the limit answer 429.
 *
 * @example
 * ```ts
 * const emu = await startEmulator({ rateLimit: { perMinute: 60 } });
 * ```
 */
export interface RateLimitOptions {
  /** Requests allowed per token per minute. */
  perMinute: number;
}

export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window closes (only when refused). */
  retryAfter: number;
  /** Unix time in seconds when the window closes. */
  resetAt: number;
}

const WINDOW_MS = 60_000;

export class RateLimiter {
  readonly #limit: number;
  readonly #clock: Clock;
  readonly #windows = new Map<string, { opened: number; hits: number }>();

  constructor(options: RateLimitOptions, clock: Clock) {
    if (!Number.isInteger(options.perMinute) || options.perMinute < 1) {
      throw new RangeError('rateLimit.perMinute must be a whole number of at least 1');
    }
    this.#limit = options.perMinute;
    this.#clock = clock;
  }

  hit(key: string): RateLimitVerdict {
    const now = this.#clock.now();
    let window = this.#windows.get(key);
    if (window === undefined || now >= window.opened + WINDOW_MS) {
      window = { opened: now, hits: 0 };
      this.#windows.set(key, window);
    }
    window.hits += 1;
    const closes = window.opened + WINDOW_MS;
    const allowed = window.hits <= this.#limit;
    return {
      allowed,
      limit: this.#limit,
      remaining: Math.max(0, this.#limit - window.hits),
      retryAfter: allowed ? 0 : Math.max(1, Math.ceil((closes - now) / 1000)),
      resetAt: Math.ceil(closes / 1000),
    };
  }

  reset(): void {
    this.#windows.clear();
  }
}
