import type Bottleneck from 'bottleneck';
import { ConnectionError, VirtFusionError } from '../core/errors';
import { WaitQueue, once, refillInterval, type Grant, type Limiter, type LimiterSettings, type WaitReason } from './limiter';
import { closedError } from './local-limiter';
import { describe, type RedisEngine } from './redis-engine';

/** A wait shorter than this is the round trips to Redis, not the limit. */
const BOOKKEEPING_MS = 20;
/** After this long a job's slot is reclaimed by the cluster, even if its process died holding it. */
const JOB_EXPIRATION_MS = 120_000;

type Warn = (details: Record<string, unknown>, message: string) => void;

interface PauseMessage {
  pauseUntil: number;
}

function bottleneckOptions(id: string, settings: LimiterSettings, connection: Bottleneck.IORedisConnection) {
  const interval = Math.ceil(refillInterval(settings));
  return {
    id,
    datastore: 'ioredis',
    connection,
    clearDatastore: false,
    maxConcurrent: settings.maxConcurrent,
    reservoir: settings.burst,
    reservoirIncreaseInterval: interval,
    reservoirIncreaseAmount: 1,
    reservoirIncreaseMaximum: settings.burst,
    // Tokens are added when a script runs on Redis; the heartbeat is what runs one while all wait.
    heartbeatInterval: Math.min(1_000, Math.max(50, Math.floor(interval / 4))),
    // Forgotten after a quiet spell; by then the bucket would be full again anyway.
    timeout: Math.max(2 * settings.windowMs, 600_000),
  } as Bottleneck.ConstructorOptions;
}

/**
 * A limiter whose budget lives in Redis, through Bottleneck's clustering: every process that
 * uses the same id (derived from the token's fingerprint) draws from one bucket. Requests wait
 * in a queue of ours and are handed to Bottleneck one at a time, so a request that is aborted
 * while waiting leaves our queue at once. Bottleneck's queue cannot be left: when the aborted
 * request was the one a slot had been asked for and no other waits, that one slot goes unused.
 */
export class RedisLimiter implements Limiter {
  readonly #queue = new WaitQueue();
  readonly #engine: Promise<RedisEngine>;
  readonly #limiter: Promise<Bottleneck>;
  readonly #warn: Warn;
  /** Whether a Bottleneck job is queued for the first waiter. */
  #submitted = false;
  /** Epoch ms (shared between hosts) until which nothing is sent, after a 429. */
  #pausedUntil = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(id: string, settings: LimiterSettings, engine: Promise<RedisEngine>, warn: Warn) {
    this.#warn = warn;
    this.#engine = engine;
    this.#limiter = engine.then(({ Bottleneck: Limiter, connection }) => {
      const limiter = new Limiter(bottleneckOptions(id, settings, connection));
      limiter.on('error', (error: unknown) => warn({ error: describe(error) }, 'The shared rate limiter reported an error.'));
      limiter.on('message', (text: string) => this.#onMessage(text));
      return limiter;
    });
    this.#limiter.catch(() => undefined);
  }

  acquire(signal: AbortSignal | undefined, abortError: () => Error): Promise<Grant> {
    if (this.#closed) return Promise.reject(closedError());
    const granted = this.#queue.add(signal, abortError, Date.now(), Date.now() < this.#pausedUntil ? 'paused' : undefined);
    this.#pump();
    return granted.then((grant) => (grant.waitedMs < BOOKKEEPING_MS && grant.reason !== 'paused' ? { ...grant, reason: undefined } : { ...grant, reason: grant.reason ?? 'budget' }));
  }

  pause(ms: number): void {
    const until = Date.now() + ms;
    this.#pauseUntil(until);
    const message: PauseMessage = { pauseUntil: until };
    this.#limiter.then((limiter) => limiter.publish(JSON.stringify(message))).catch((error: unknown) => {
      this.#warn({ error: describe(error) }, 'Could not tell the other processes to pause after a 429.');
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#queue.failAll(closedError());
    // Stops Bottleneck's heartbeat; the connection itself is closed by its owner, the middleware.
    const limiter = await this.#limiter.catch(() => undefined);
    await Promise.resolve(limiter?.disconnect(false)).catch(() => undefined);
  }

  #pauseUntil(until: number): void {
    if (until <= this.#pausedUntil) return;
    this.#pausedUntil = until;
    const first = this.#queue.first();
    if (first !== undefined) first.reason ??= 'paused';
  }

  #onMessage(text: string): void {
    try {
      const { pauseUntil } = JSON.parse(text) as Partial<PauseMessage>;
      if (typeof pauseUntil === 'number') this.#pauseUntil(pauseUntil);
    } catch {
      // Not one of ours.
    }
  }

  #pump(): void {
    if (this.#submitted || this.#closed || this.#queue.size === 0) return;
    const pausedFor = this.#pausedUntil - Date.now();
    if (pausedFor > 0) {
      if (this.#timer === undefined) {
        this.#timer = setTimeout(() => {
          this.#timer = undefined;
          this.#pump();
        }, pausedFor);
      }
      return;
    }
    this.#submitted = true;
    let started = false;
    Promise.all([this.#limiter, this.#engine.then((engine) => engine.ready())])
      .then(([limiter]) =>
        limiter.schedule({ expiration: JOB_EXPIRATION_MS }, () => {
          started = true;
          return this.#slot();
        }),
      )
      .catch((error: unknown) => {
        if (started) return; // the job outlived its expiration; the request goes on regardless
        this.#submitted = false;
        if (this.#closed) return;
        this.#queue.failAll(
          error instanceof VirtFusionError
            ? error
            : new ConnectionError({
                retryable: true,
                message: `The shared rate limiter could not reach Redis (${describe(error)}); nothing was sent.`,
                cause: error,
              }),
        );
      });
  }

  /** Bottleneck granted a slot: it goes to the first waiter, and the job lasts until that request ends. */
  #slot(): Promise<void> {
    if (Date.now() < this.#pausedUntil) {
      // A 429 arrived after this job was queued: keep the slot until the pause ends.
      return new Promise((resolve) => setTimeout(resolve, this.#pausedUntil - Date.now())).then(() => this.#hand());
    }
    return this.#hand();
  }

  #hand(): Promise<void> {
    this.#submitted = false;
    const waiter = this.#queue.take();
    this.#pump();
    if (waiter === undefined) return Promise.resolve();
    return new Promise<void>((release) => waiter.grant(once(release), Date.now()));
  }
}
