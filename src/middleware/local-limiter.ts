import { ClientClosedError } from '../core/errors';
import { WaitQueue, once, refillInterval, type Grant, type Limiter, type LimiterSettings, type WaitReason } from './limiter';

/**
 * The limiter of one process: a token bucket and a concurrency count kept in memory. An
 * unqueued request with a token free is granted at once, without a timer; a timer runs only
 * while requests wait for the next token or the end of a pause.
 */
export class LocalLimiter implements Limiter {
  readonly #settings: LimiterSettings;
  readonly #interval: number;
  readonly #queue = new WaitQueue();
  #tokens: number;
  /** A point of the refill grid: tokens arrive at `#refilledAt + k × #interval`. */
  #refilledAt: number;
  #running = 0;
  #pausedUntil = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(settings: LimiterSettings) {
    this.#settings = settings;
    this.#interval = refillInterval(settings);
    this.#tokens = settings.burst;
    this.#refilledAt = performance.now();
  }

  acquire(signal: AbortSignal | undefined, abortError: () => Error): Promise<Grant> {
    if (this.#closed) return Promise.reject(closedError());
    const now = performance.now();
    const blocked = this.#queue.size > 0 ? (this.#queue.first()?.reason ?? 'budget') : this.#blockedBy(now);
    if (blocked === undefined) {
      if (signal?.aborted) return Promise.reject(abortError());
      return Promise.resolve({ release: this.#take(), waitedMs: 0, reason: undefined });
    }
    const granted = this.#queue.add(signal, abortError, now, blocked);
    this.#drain();
    return granted;
  }

  pause(ms: number): void {
    if (this.#closed) return;
    this.#pausedUntil = Math.max(this.#pausedUntil, performance.now() + ms);
    this.#drain();
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#queue.failAll(closedError());
  }

  #refill(now: number): void {
    const steps = Math.floor((now - this.#refilledAt) / this.#interval);
    if (steps <= 0) return;
    this.#tokens = Math.min(this.#settings.burst, this.#tokens + steps);
    this.#refilledAt += steps * this.#interval;
  }

  #blockedBy(now: number): WaitReason | undefined {
    if (now < this.#pausedUntil) return 'paused';
    if (this.#running >= this.#settings.maxConcurrent) return 'concurrency';
    this.#refill(now);
    return this.#tokens < 1 ? 'budget' : undefined;
  }

  #take(): () => void {
    this.#tokens -= 1;
    this.#running += 1;
    return once(() => {
      this.#running -= 1;
      if (this.#queue.size > 0) this.#drain();
    });
  }

  #drain(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    for (let waiter = this.#queue.first(); waiter !== undefined; waiter = this.#queue.first()) {
      const now = performance.now();
      const blocked = this.#blockedBy(now);
      if (blocked === 'concurrency') return; // a release drains again
      if (blocked !== undefined) {
        const wait = blocked === 'paused' ? this.#pausedUntil - now : this.#refilledAt + this.#interval - now;
        this.#timer = setTimeout(() => this.#drain(), Math.max(1, Math.ceil(wait)));
        return;
      }
      this.#queue.take();
      waiter.grant(this.#take(), now);
    }
  }
}

/** What a request waiting in (or reaching) a closed limiter fails with: a cancellation, nothing was sent. */
export function closedError(): ClientClosedError {
  return new ClientClosedError({ message: 'The client was closed (vf.close() or limiter.close()) while this request waited to be sent; nothing was sent. Create a new client to send more requests.' });
}
