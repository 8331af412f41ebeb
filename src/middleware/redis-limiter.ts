import { ConnectionError, VirtFusionError } from '../core/errors';
import { WaitQueue, limiterClosedError, once, type Grant, type Limiter, type LimiterSettings, type WaitReason } from './limiter';
import { describe, type RedisEngine } from './redis-engine';
import { ACQUIRE, PAUSE, RELEASE } from './redis-scripts';

/** A wait shorter than this is the round trips to Redis, not the limit. */
const BOOKKEEPING_MS = 20;
/** After this long a request's lease lapses (counted as answered then), even if its process died holding it. */
export const LEASE_MS = 120_000;

const REASONS: Record<number, WaitReason> = { 1: 'paused', 2: 'concurrency', 3: 'budget' };

type Warn = (details: Record<string, unknown>, message: string) => void;

/**
 * A limiter whose sliding-window log lives in Redis: every process that uses the same id
 * (derived from the token's fingerprint) counts against one log, checked and updated by one Lua
 * script per request. Requests wait in a queue of ours and ask Redis one at a time, so a request
 * aborted while waiting leaves at once and takes nothing.
 */
export class RedisLimiter implements Limiter {
  readonly #queue = new WaitQueue();
  readonly #settings: LimiterSettings;
  readonly #engine: Promise<RedisEngine>;
  readonly #warn: Warn;
  /** answered, inflight, paused: one hash tag, so that a Redis Cluster keeps them on one node. */
  readonly #keys: [string, string, string];
  readonly #memberPrefix = globalThis.crypto.randomUUID();
  #members = 0;
  #asking = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(id: string, settings: LimiterSettings, engine: Promise<RedisEngine>, warn: Warn) {
    this.#settings = settings;
    this.#engine = engine;
    this.#warn = warn;
    const tag = `{${id}}`;
    this.#keys = [`${tag}:answered`, `${tag}:inflight`, `${tag}:paused`];
  }

  acquire(signal: AbortSignal | undefined, abortError: () => Error): Promise<Grant> {
    if (this.#closed) return Promise.reject(limiterClosedError());
    const granted = this.#queue.add(signal, abortError, Date.now(), undefined);
    void this.#pump();
    return granted.then((grant) => (grant.waitedMs < BOOKKEEPING_MS && grant.reason !== 'paused' ? { ...grant, reason: undefined } : { ...grant, reason: grant.reason ?? 'budget' }));
  }

  pause(ms: number): void {
    this.#engine
      .then((engine) => engine.run(PAUSE, [this.#keys[2]], [Math.max(1, Math.ceil(ms))]))
      .catch((error: unknown) => this.#warn({ error: describe(error) }, 'Could not tell the other processes to pause after a 429.'));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#wake(false);
    this.#queue.failAll(limiterClosedError());
  }

  #wake(pump = true): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (pump) void this.#pump();
  }

  async #pump(): Promise<void> {
    if (this.#asking || this.#timer !== undefined || this.#closed || this.#queue.size === 0) return;
    this.#asking = true;
    try {
      const engine = await this.#engine;
      await engine.ready();
      const { limit, windowMs, maxConcurrent } = this.#settings;
      while (!this.#closed && this.#queue.size > 0) {
        this.#members += 1;
        const member = `${this.#memberPrefix}:${this.#members}`;
        const [code, wait] = (await engine.run(ACQUIRE, this.#keys, [limit, windowMs, maxConcurrent, LEASE_MS, member])) as [number, number];
        if (code !== 0) {
          const first = this.#queue.first();
          if (first !== undefined) first.reason ??= REASONS[code];
          this.#timer = setTimeout(() => this.#wake(), wait);
          return;
        }
        const waiter = this.#queue.take();
        if (waiter === undefined) {
          this.#release(engine, member, false); // its request was aborted meanwhile: nothing was sent
          return;
        }
        waiter.grant(once(() => this.#release(engine, member, true)), Date.now());
      }
    } catch (error) {
      if (this.#closed) return;
      this.#queue.failAll(
        error instanceof VirtFusionError
          ? error
          : new ConnectionError({ retryable: true, message: `The shared rate limiter could not reach Redis (${describe(error)}); nothing was sent.`, cause: error }),
      );
    } finally {
      this.#asking = false;
    }
  }

  #release(engine: RedisEngine, member: string, sent: boolean): void {
    engine
      .run(RELEASE, this.#keys, [member, sent ? '1' : '0', this.#settings.windowMs, LEASE_MS])
      .then(
        () => this.#wake(),
        (error: unknown) =>
          this.#warn({ error: describe(error) }, `The shared rate limiter could not record an answer in Redis; its slot returns after ${LEASE_MS / 1000} s.`),
      );
  }
}
