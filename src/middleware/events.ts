import type { Logger } from '../core/logger';

/** Fields every request event carries. Never headers, bodies or the token. */
export interface RequestEventBase {
  /** Numbers the calls of one client, to pair a `request` with its `response` or `error`. */
  callId: number;
  method: string;
  /** Route template, e.g. `GET /servers/{serverId}`. */
  route: string;
  operationId: string;
  /** Which attempt this is (1 for the first); on `response` and `error`, how many were made. */
  attempt: number;
}

/** A call is about to enter the middleware. */
export type RequestStartEvent = RequestEventBase;

/** An answer came back through the middleware (any status, including errors the client then throws). */
export interface ResponseEvent extends RequestEventBase {
  status: number;
  /** Milliseconds from `request` to this answer. */
  durationMs: number;
  /** True when the cache answered and nothing was sent. */
  cached: boolean;
}

/** The retry layer will send the request again after `delayMs`. */
export interface RetryEvent extends RequestEventBase {
  /** The attempt that failed is `attempt`; the next one is `attempt + 1`. */
  delayMs: number;
  /** The status that failed the attempt, when there was an answer. */
  status: number | undefined;
  /** The error code that failed the attempt (`connection_error`, `timeout`), when there was no answer. */
  code: string | undefined;
  /** The panel's `Retry-After`, in milliseconds, when it sent one. */
  retryAfterMs: number | undefined;
}

/** A request waited in the rate limiter's queue before it was sent. */
export interface RateLimitedEvent extends RequestEventBase {
  waitedMs: number;
  /** What held it: the request budget, the concurrency cap, or a pause after the panel answered 429. */
  reason: 'budget' | 'concurrency' | 'paused';
}

/** A call failed: an error answer, no answer, an abort, or an answer that was not JSON. */
export interface ErrorEvent extends RequestEventBase {
  /** The HTTP status, when the panel answered. */
  status: number | undefined;
  /** The error's stable `code`, e.g. `server_error`, `connection_error`, `aborted`. */
  code: string;
  /** The error's message; the SDK removes the token from messages before they exist. */
  message: string;
  durationMs: number;
}

/** Each event name of `vf.on()` and what its listeners receive. */
export interface RequestEventMap {
  request: RequestStartEvent;
  response: ResponseEvent;
  retry: RetryEvent;
  rateLimited: RateLimitedEvent;
  error: ErrorEvent;
}

/** `'request' | 'response' | 'retry' | 'rateLimited' | 'error'`. */
export type RequestEventName = keyof RequestEventMap;

/** A listener of one event. Exceptions it throws are reported to the logger and otherwise ignored. */
export type RequestEventListener<K extends RequestEventName> = (event: RequestEventMap[K]) => void;

/** What a layer passes to `ctx.reporter.emit()`: the event's own fields; the call's identity is added for it. */
export type RequestEventFields<K extends RequestEventName> = Omit<RequestEventMap[K], Exclude<keyof RequestEventBase, 'attempt'>>;

/**
 * Where a middleware reports what happened to the request it is handling: events for the
 * client's `vf.on()` listeners and warnings for the client's logger.
 *
 * @example
 * ```ts
 * const slowWarning: Middleware = async (ctx, next) => {
 *   const started = performance.now();
 *   const response = await next();
 *   if (performance.now() - started > 5_000) ctx.reporter?.warn({ route: ctx.route }, 'slow answer from the panel');
 *   return response;
 * };
 * ```
 */
export interface Reporter {
  emit<K extends RequestEventName>(name: K, fields: RequestEventFields<K>): void;
  warn(details: Record<string, unknown>, message: string): void;
}

/** Set in `ctx.state` by a layer that answered without sending anything (the cache). */
export const ANSWERED_LOCALLY: unique symbol = Symbol.for('virtfusion-sdk.answeredLocally');

/** Set in `ctx.state` by the cache for a read it may answer: what it did with this call. */
export const CACHE_OUTCOME: unique symbol = Symbol.for('virtfusion-sdk.cacheOutcome');

/** `hit`: answered from memory; `miss`: sent; `coalesced`: waited for the same read already in flight. */
export type CacheOutcome = 'hit' | 'miss' | 'coalesced';

const LOG_LEVEL: Record<RequestEventName, 'debug' | 'info'> = {
  request: 'debug',
  response: 'debug',
  retry: 'info',
  rateLimited: 'info',
  error: 'debug',
};

const MESSAGES: { [K in RequestEventName]: (event: RequestEventMap[K]) => string } = {
  request: (e) => `${e.route} sent`,
  response: (e) => `${e.route} answered ${e.status} in ${Math.round(e.durationMs)} ms${e.cached ? ' (cache)' : ''}`,
  retry: (e) => `${e.route} attempt ${e.attempt} failed (${e.status ?? e.code}); retrying in ${Math.round(e.delayMs)} ms`,
  rateLimited: (e) => `${e.route} waited ${Math.round(e.waitedMs)} ms for the rate limiter (${e.reason})`,
  error: (e) => `${e.route} failed: ${e.code}`,
};

/** The listeners of one client, and its logger. Listener and logger failures never reach a request. */
export class EventHub {
  readonly #listeners = new Map<RequestEventName, Set<(event: never) => void>>();
  readonly #logger: Logger | undefined;
  #calls = 0;

  constructor(logger: Logger | undefined) {
    this.#logger = logger;
  }

  on<K extends RequestEventName>(name: K, listener: RequestEventListener<K>): void {
    let set = this.#listeners.get(name);
    if (set === undefined) this.#listeners.set(name, (set = new Set()));
    set.add(listener as (event: never) => void);
  }

  off<K extends RequestEventName>(name: K, listener: RequestEventListener<K>): void {
    this.#listeners.get(name)?.delete(listener as (event: never) => void);
  }

  /** A reporter bound to one call's identity. */
  reporterFor(method: string, route: string, operationId: string): CallReporter {
    return new CallReporter(this, (this.#calls += 1), method, route, operationId);
  }

  /** Whether anyone hears `name`: a listener, or the logger at its level. Nothing is built otherwise. */
  wants(name: RequestEventName): boolean {
    return (this.#listeners.get(name)?.size ?? 0) > 0 || this.#logger?.[LOG_LEVEL[name]] !== undefined;
  }

  emit<K extends RequestEventName>(name: K, event: RequestEventMap[K]): void {
    const level = LOG_LEVEL[name];
    if (this.#logger?.[level] !== undefined) this.log(level, { event: name, ...event }, MESSAGES[name](event));
    const set = this.#listeners.get(name);
    if (set === undefined || set.size === 0) return;
    for (const listener of [...set]) {
      try {
        (listener as RequestEventListener<K>)(event);
      } catch (error) {
        this.log('warn', { event: name, error: describe(error) }, `A listener of the "${name}" event threw; the request was not affected.`);
      }
    }
  }

  log(level: keyof Logger, details: Record<string, unknown>, message: string): void {
    try {
      this.#logger?.[level]?.(details, message);
    } catch {
      // A broken logger must not break requests.
    }
  }
}

/** The reporter of one call: its identity is added to each event, which is built only when someone hears it. */
export class CallReporter implements Reporter {
  readonly #hub: EventHub;
  readonly callId: number;
  readonly #method: string;
  readonly #route: string;
  readonly #operationId: string;

  constructor(hub: EventHub, callId: number, method: string, route: string, operationId: string) {
    this.#hub = hub;
    this.callId = callId;
    this.#method = method;
    this.#route = route;
    this.#operationId = operationId;
  }

  /** Whether anyone hears `name`, so that a caller can skip building the event. */
  wants(name: RequestEventName): boolean {
    return this.#hub.wants(name);
  }

  emit<K extends RequestEventName>(name: K, fields: RequestEventFields<K>): void {
    if (!this.#hub.wants(name)) return;
    this.#hub.emit(name, { callId: this.callId, method: this.#method, route: this.#route, operationId: this.#operationId, ...fields } as RequestEventMap[K]);
  }

  warn(details: Record<string, unknown>, message: string): void {
    this.#hub.log('warn', details, message);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

interface ObservedContext {
  readonly attempt: number;
  readonly state: Map<string | symbol, unknown>;
}

/**
 * Runs one call between its `request` event and its `response` and/or `error` events. Written as
 * a promise chain rather than an async function: on the hot path its suspended frame was the
 * largest thing a call allocated.
 */
export function observeCall<C extends ObservedContext, A extends { readonly status: number }, T>(
  reporter: CallReporter,
  ctx: C,
  send: (ctx: C) => Promise<A>,
  interpret: (ctx: C, answer: A) => T | Promise<T>,
  /** What the `error` event and the caller get of an error (the client removes secrets here). */
  clean: (error: unknown) => unknown,
): Promise<T> {
  const started = performance.now();
  if (reporter.wants('request')) reporter.emit('request', { attempt: ctx.attempt });
  const failed = (raw: unknown): never => {
    const error = clean(raw);
    const { status, code, message } = error as { status?: unknown; code?: unknown; message?: unknown };
    reporter.emit('error', {
      attempt: ctx.attempt,
      status: typeof status === 'number' ? status : undefined,
      code: typeof code === 'string' ? code : 'unknown',
      message: typeof message === 'string' ? message : String(error),
      durationMs: performance.now() - started,
    });
    throw error;
  };
  const answered = (answer: A): T | Promise<T> => {
    if (reporter.wants('response')) {
      reporter.emit('response', { attempt: ctx.attempt, status: answer.status, durationMs: performance.now() - started, cached: ctx.state.has(ANSWERED_LOCALLY) });
    }
    let result: T | Promise<T>;
    try {
      result = interpret(ctx, answer);
    } catch (error) {
      return failed(error);
    }
    return result instanceof Promise ? result.then(undefined, failed) : result;
  };
  let sent: Promise<A>;
  try {
    sent = send(ctx);
  } catch (error) {
    return Promise.reject(error).then(undefined, failed);
  }
  return Promise.resolve(sent).then(answered, failed);
}
