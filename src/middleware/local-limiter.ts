import { WaitQueue, hasRoom, limiterClosedError, once, type Grant, type Limiter, type LimiterSettings, type WaitReason } from './limiter';

/**
 * The limiter of one process: a sliding-window log kept in memory (the moment each of the last
 * `limit` answers arrived) and a count of requests in flight. A request with room is granted at
 * once, without a timer; a timer runs only while requests wait for the oldest answer to leave
 * the window, or for the end of a pause.
 */
export class LocalLimiter implements Limiter {
  readonly #settings: LimiterSettings;
  readonly #queue = new WaitQueue();
  /** When each answer of the current window arrived (`performance.now()`), oldest first. */
  readonly #answered: number[] = [];
  #running = 0;
  #pausedUntil = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(settings: LimiterSettings) {
    this.#settings = settings;
  }

  acquire(signal: AbortSignal | undefined, abortError: () => Error): Promise<Grant> {
    if (this.#closed) return Promise.reject(limiterClosedError());
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
    this.#queue.failAll(limiterClosedError());
  }

  #forget(now: number): void {
    const horizon = now - this.#settings.windowMs;
    let expired = 0;
    while (expired < this.#answered.length && this.#answered[expired]! <= horizon) expired += 1;
    if (expired > 0) this.#answered.splice(0, expired);
  }

  #blockedBy(now: number): WaitReason | undefined {
    if (now < this.#pausedUntil) return 'paused';
    if (this.#running >= this.#settings.maxConcurrent) return 'concurrency';
    this.#forget(now);
    return hasRoom(this.#settings, this.#running, this.#answered.length) ? undefined : 'budget';
  }

  #take(): () => void {
    this.#running += 1;
    return once(() => {
      this.#running -= 1;
      this.#answered.push(performance.now());
      if (this.#queue.size > 0) this.#drain();
    });
  }

  #drain(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    for (let waiter = this.#queue.first(); waiter !== undefined; waiter = this.#queue.first()) {
      const now = performance.now();
      const blocked = this.#blockedBy(now);
      if (blocked !== undefined) waiter.reason ??= blocked;
      // Room comes back when a request in flight ends (its release drains again) or an answer leaves the window.
      if (blocked === 'concurrency' || (blocked === 'budget' && this.#answered.length === 0)) return;
      if (blocked !== undefined) {
        const until = blocked === 'paused' ? this.#pausedUntil : this.#answered[0]! + this.#settings.windowMs;
        this.#timer = setTimeout(() => this.#drain(), Math.max(1, Math.ceil(until - now)));
        return;
      }
      this.#queue.take();
      waiter.grant(this.#take(), now);
    }
  }
}
