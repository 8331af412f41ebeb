import { parseAnswerText, readAnswerBody, type AnswerBody } from './answer-body';
import { withLazyHeaders } from './call-headers';
import { AbortError, ConfigurationError, InputValidationError, type VirtFusionError } from './errors';
import { errorFromAnswer } from './http-error';
import { compose, type CallOptions, type Middleware, type RequestContext, type Transport } from './middleware';
import { redactUrl } from './redact';
import { scrubError } from './scrub-error';
import { fingerprintToken } from './token';
import { EXCHANGE, readText, type Exchange, type RawAnswer } from './transport';
import { unreadableAnswerError } from './unreadable-answer';
import { EARLIER_ATTEMPT_UNSURE, noteAttempts, noteEarlierAttemptUnsure } from '../middleware/attempts';
import { type CallReporter, type EventHub, observeCall } from '../middleware/events';

export const DEFAULT_TIMEOUT_MS = 30_000;

/** A status and the parsed body of a success (undefined when the panel sent none). */
export interface SentAnswer {
  status: number;
  body: unknown;
}

/** What names a call in events, errors and middleware, and what is sent. */
export interface CallParts {
  /** `GET /servers/{serverId}` for an operation or a templated raw route, `RAW PUT` for a raw path. */
  route: string;
  operationId: string;
  method: string;
  url: URL;
  body: string | undefined;
  options: CallOptions;
}

/** The client's transport with its token bound. */
export interface BoundTransport {
  send: (ctx: RequestContext) => Promise<Response>;
  /** The transport's answer without a Response around it, when it is one of the SDK's own. */
  exchange: ((ctx: RequestContext) => Promise<RawAnswer>) | undefined;
}

export function bindTransport(transport: Transport, authorization: string): BoundTransport {
  if (transport === null || typeof transport !== 'object' || typeof transport.send !== 'function') {
    throw new ConfigurationError({ message: '`transport` must come from kyTransport() or fetchTransport() (an object with `send`).' });
  }
  const exchange = (transport as { [EXCHANGE]?: Exchange })[EXCHANGE];
  return {
    send: (ctx) => transport.send(ctx, authorization),
    exchange: typeof exchange === 'function' ? (ctx) => exchange(ctx, authorization) : undefined,
  };
}

export function checkTimeout(timeout: unknown, source: string): number | false {
  if (timeout === undefined) return DEFAULT_TIMEOUT_MS;
  if (timeout === false) return false;
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0 || timeout > 2_147_483_647) {
    throw new ConfigurationError({ message: `${source} must be a positive number of milliseconds or false (got ${String(timeout)}).` });
  }
  return timeout;
}

export interface SenderSettings {
  transport: BoundTransport;
  middleware: Middleware[];
  timeout: number | false;
  userAgent: string;
  token: string;
  events: EventHub;
}

/**
 * What `vf.request` and `vf.raw` share once a call is known: headers, timeout, the middleware
 * onion and transport, events, reading the answer into a value or a typed error, and scrubbing
 * the token out of every error that leaves.
 */
export class Sender {
  readonly middleware: Middleware[];
  readonly #transport: BoundTransport;
  readonly #timeout: number | false;
  readonly #token: string;
  readonly #secrets: readonly string[];
  readonly #events: EventHub;
  /** The headers of a call without a body, and of one with a JSON body. */
  readonly #headerRecords: { readonly plain: Record<string, string>; readonly json: Record<string, string> };
  #handler: ((ctx: RequestContext) => Promise<Response>) | undefined;
  #credentialId: string | Promise<string> | undefined;

  constructor(settings: SenderSettings) {
    this.middleware = settings.middleware;
    this.#transport = settings.transport;
    this.#timeout = settings.timeout;
    this.#token = settings.token;
    this.#secrets = [settings.token];
    this.#events = settings.events;
    const plain = { accept: 'application/json', 'user-agent': settings.userAgent };
    this.#headerRecords = { plain, json: { ...plain, 'content-type': 'application/json' } };
  }

  /** Adds middleware inside the ones already installed. */
  use(middleware: readonly Middleware[]): void {
    this.middleware.push(...middleware);
    this.#handler = undefined;
  }

  /** Sends the call `prepare` makes (from the token's fingerprint); every error leaving has been scrubbed of the token. */
  send(prepare: (credentialId: string) => RequestContext | Promise<RequestContext>): Promise<SentAnswer> {
    let prepared: RequestContext | Promise<RequestContext>;
    try {
      const fingerprint = this.#fingerprint();
      prepared = typeof fingerprint === 'string' ? prepare(fingerprint) : fingerprint.then(prepare);
    } catch (error) {
      return Promise.reject(this.clean(error));
    }
    if (!(prepared instanceof Promise)) return this.#dispatch(prepared);
    return prepared.then(
      (ctx) => this.#dispatch(ctx),
      (error: unknown) => Promise.reject(this.clean(error)),
    );
  }

  /** The token's fingerprint: worked out once, after which calls need not wait for it. */
  #fingerprint(): string | Promise<string> {
    this.#credentialId ??= fingerprintToken(this.#token);
    if (typeof this.#credentialId !== 'string') {
      const pending = this.#credentialId;
      void pending.then((id) => {
        if (this.#credentialId === pending) this.#credentialId = id;
      });
    }
    return this.#credentialId;
  }

  /** The context of a call: headers (with the caller's, checked), timeout and reporter. Nothing is sent. */
  context(parts: CallParts, credentialId: string): RequestContext {
    const { route, method, url, options } = parts;
    const base = parts.body === undefined ? this.#headerRecords.plain : this.#headerRecords.json;
    const headers = options.headers === undefined ? base : this.#withCallHeaders(base, options.headers, method, route);
    if (options.signal?.aborted) {
      throw new AbortError({ method, url: redactUrl(url), route, message: `${route} was aborted before it was sent.`, cause: options.signal.reason });
    }
    const ctx = {
      route,
      operationId: parts.operationId,
      method,
      url,
      body: parts.body,
      signal: options.signal,
      timeout: options.timeout === undefined ? this.#timeout : checkTimeout(options.timeout, 'timeout'),
      credentialId,
      options,
      attempt: 1,
      state: new Map(),
      reporter: this.#events.reporterFor(method, route, parts.operationId),
    };
    return withLazyHeaders(ctx, headers);
  }

  /** The call's headers with the caller's own added, each checked. */
  #withCallHeaders(base: Record<string, string>, extra: Record<string, string>, method: string, route: string): Record<string, string> {
    const headers = new Headers(base);
    for (const [name, value] of Object.entries(extra)) {
      if (name.toLowerCase() === 'authorization') {
        throw new ConfigurationError({ message: 'The Authorization header is set by the client from its token; do not pass it per call.' });
      }
      try {
        headers.set(name, value);
      } catch {
        throw new InputValidationError({
          issues: [{ path: ['headers', name], message: 'is not a valid header name and value (header values carry bytes: no characters above U+00FF, no line breaks)' }],
          method,
          route,
        });
      }
    }
    return Object.fromEntries(headers);
  }

  #dispatch(ctx: RequestContext): Promise<SentAnswer> {
    const extra = (ctx.options as CallOptions).middleware;
    const reporter = ctx.reporter as CallReporter;
    const exchange = this.#transport.exchange;
    if (exchange !== undefined && this.middleware.length === 0 && (extra === undefined || extra.length === 0)) {
      // No layer would see a Response: the answer goes from the transport to the client as it came.
      return observeCall(reporter, ctx, exchange, this.#fromAnswer, this.clean);
    }
    const handler = extra ? compose([...this.middleware, ...extra], this.#transport.send) : (this.#handler ??= compose(this.middleware, this.#transport.send));
    return observeCall(reporter, ctx, handler, this.#fromResponse, this.clean);
  }

  /** Every error leaves the client through here, before the `error` event: no secret in either. */
  readonly clean = (error: unknown): unknown => scrubError(error, this.#secrets);

  readonly #fromAnswer = (ctx: RequestContext, answer: RawAnswer): SentAnswer => ({ status: answer.status, body: this.#interpretText(ctx, answer) });

  readonly #fromResponse = async (ctx: RequestContext, response: Response): Promise<SentAnswer> => ({ status: response.status, body: await this.#interpret(ctx, response) });

  async #interpret(ctx: RequestContext, response: Response): Promise<unknown> {
    if (response.status >= 200 && response.status <= 299) return this.#valueOf(ctx, response.status, await readAnswerBody(response));
    throw this.#failure(ctx, response.status, response.headers, await readText(response));
  }

  #interpretText(ctx: RequestContext, answer: RawAnswer): unknown {
    if (answer.status >= 200 && answer.status <= 299) return this.#valueOf(ctx, answer.status, parseAnswerText(answer.text));
    throw this.#failure(ctx, answer.status, answer.headers, answer.text);
  }

  /** The value of a success, or the error of one whose body cannot be read. */
  #valueOf(ctx: RequestContext, status: number, answer: AnswerBody): unknown {
    if (answer.kind === 'json') return answer.value;
    if (answer.kind === 'empty') return undefined;
    const sent = ctx.options as { path?: Record<string, unknown>; body?: unknown };
    const error = unreadableAnswerError({ method: ctx.method, url: redactUrl(ctx.url), route: ctx.route, status, text: answer.text, cause: answer.cause, sent, secrets: this.#secrets });
    noteAttempts(error, ctx.attempt);
    throw error;
  }

  /** The typed error of an answer with an error status. */
  #failure(ctx: RequestContext, status: number, headers: Headers, text: string): VirtFusionError {
    const error = errorFromAnswer({ method: ctx.method, url: redactUrl(ctx.url), route: ctx.route, status, headers, text, secrets: this.#secrets });
    noteAttempts(error, ctx.attempt);
    if (ctx.state.has(EARLIER_ATTEMPT_UNSURE)) noteEarlierAttemptUnsure(error);
    return error;
  }
}
