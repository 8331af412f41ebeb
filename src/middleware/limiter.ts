import { ClientClosedError } from '../core/errors';

/** What held a request in the limiter's queue. */
export type WaitReason = 'budget' | 'concurrency' | 'paused';

/** Permission to send one request. `release()` must be called once the exchange is over. */
export interface Grant {
  release(): void;
  /** Milliseconds spent in the queue. */
  waitedMs: number;
  /** Why it waited, or undefined when it did not (measurably) wait. */
  reason: WaitReason | undefined;
}

/** The budget a limiter enforces, resolved from the options of `rateLimit()`. */
export interface LimiterSettings {
  /** Requests allowed in any window of `windowMs`, counted from when each answer arrived. */
  limit: number;
  windowMs: number;
  maxConcurrent: number;
}

/** The small interface `rateLimit()` needs from a limiter, whichever engine is behind it. */
export interface Limiter {
  /** Waits for a slot. Rejects with `abortError()` the moment `signal` aborts, leaving the queue. */
  acquire(signal: AbortSignal | undefined, abortError: () => Error): Promise<Grant>;
  /** Holds every queued and future request for `ms` (after the panel answered 429). */
  pause(ms: number): void;
  /** Fails waiting requests and frees timers and connections. */
  close(): Promise<void>;
}

/**
 * The rule both engines implement, a sliding-window log: a request may be sent while the
 * requests in flight plus those answered within the last `windowMs` are fewer than `limit`.
 * The panel counts a request at some moment between its sending and its answer, so any window
 * of `windowMs` at the panel, however aligned, sees at most `limit` of them; and a client far
 * below the limit never waits.
 */
export function hasRoom(settings: LimiterSettings, running: number, answeredInWindow: number): boolean {
  return running + answeredInWindow < settings.limit;
}

/** What a request waiting in (or reaching) a closed limiter fails with: a cancellation, nothing was sent. */
export function limiterClosedError(): ClientClosedError {
  return new ClientClosedError({ message: 'The client was closed (vf.close() or limiter.close()) while this request waited to be sent; nothing was sent. Create a new client to send more requests.' });
}

interface Waiter {
  readonly since: number;
  reason: WaitReason | undefined;
  grant(release: () => void, now: number): void;
  fail(error: Error): void;
}

/** First-in first-out waiters, each of which can leave at any time (abort). */
export class WaitQueue {
  readonly #waiters = new Set<Waiter>();

  get size(): number {
    return this.#waiters.size;
  }

  first(): Waiter | undefined {
    for (const waiter of this.#waiters) return waiter;
    return undefined;
  }

  /** Removes and returns the first waiter. */
  take(): Waiter | undefined {
    const waiter = this.first();
    if (waiter !== undefined) this.#waiters.delete(waiter);
    return waiter;
  }

  add(signal: AbortSignal | undefined, abortError: () => Error, now: number, reason: WaitReason | undefined): Promise<Grant> {
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise<Grant>((resolve, reject) => {
      const leave = () => {
        if (this.#waiters.delete(waiter)) reject(abortError());
      };
      const waiter: Waiter = {
        since: now,
        reason,
        grant: (release, at) => {
          signal?.removeEventListener('abort', leave);
          resolve({ release, waitedMs: at - now, reason: waiter.reason });
        },
        fail: (error) => {
          signal?.removeEventListener('abort', leave);
          reject(error);
        },
      };
      this.#waiters.add(waiter);
      signal?.addEventListener('abort', leave, { once: true });
    });
  }

  failAll(error: Error): void {
    for (const waiter of this.#waiters) waiter.fail(error);
    this.#waiters.clear();
  }
}

/** A release that only counts once, however often it is called. */
export function once(release: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    release();
  };
}
