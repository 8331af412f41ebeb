import { normalizeBaseUrl } from './core/base-url';
import { buildRequest } from './core/build-request';
import { defaultEnv, readEnvSettings, type EnvSource } from './core/env';
import { parseAnswerText, readAnswerBody, type AnswerBody } from './core/answer-body';
import { AbortError, ConfigurationError, InputValidationError, type VirtFusionError } from './core/errors';
import { errorFromAnswer } from './core/http-error';
import { unreadableAnswerError } from './core/unreadable-answer';
import { withLazyHeaders } from './core/call-headers';
import { compose, type CallOptions, type Middleware, type RequestContext, type Transport } from './core/middleware';
import type { OperationInfo } from './core/operation-info';
import type { BodyCheck } from './core/body-check';
import { kyTransport } from './core/ky-transport';
import { redactUrl } from './core/redact';
import { scrubError } from './core/scrub-error';
import type { RequestArgs, RequestOptions, ResponseBody } from './core/request-types';
import { closest } from './core/suggest';
import { assertUsableToken, fingerprintToken } from './core/token';
import { EXCHANGE, readText, type Exchange, type FetchLike, type RawAnswer } from './core/transport';
import { isValidated, markValidated } from './core/parsed-body';
import type { Logger } from './core/logger';
import { consoleLogger } from './core/logger';
import { OPERATIONS, type Route } from './generated/operations';
import { EARLIER_ATTEMPT_UNSURE, noteAttempts, noteEarlierAttemptUnsure } from './middleware/attempts';
import { defaultMiddleware } from './middleware/defaults';
import { type CallReporter, EventHub, observeCall, type RequestEventListener, type RequestEventName } from './middleware/events';
import { loadBodyCheck } from './core/body-checks';
import { VERSION } from './version';
import type { Invoker, ResourceCallOptions, ValidateMode } from './resources/invoker';
import { checkAnswer } from './resources/validate';
import { Backups } from './resources/backups';
import { Billing } from './resources/billing';
import { Dns } from './resources/dns';
import { FirewallRulesets } from './resources/firewall-rulesets';
import { Hypervisors } from './resources/hypervisors';
import { IpBlocks } from './resources/ip-blocks';
import { Media } from './resources/media';
import { Packages } from './resources/packages';
import { Queue } from './resources/queue';
import { Servers } from './resources/servers';
import { SshKeys } from './resources/ssh-keys';
import { Users } from './resources/users';

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

const bodyOf = (answer: { body: unknown }): unknown => answer.body;
const DEFAULT_TIMEOUT_MS = 30_000;

/** Settings of a {@link VirtFusion} client. */
export interface VirtFusionOptions {
  /** The panel address: `https://panel.example.com`, with or without `/api/v1`. */
  url: string;
  /** An API token made in the panel under Configuration → API. */
  token: string;
  /**
   * A fetch implementation (for a proxy, custom CA, or tests). Defaults to the global fetch.
   * Shorthand for `transport: kyTransport({ fetch })`; give one or the other, not both.
   */
  fetch?: FetchLike | undefined;
  /**
   * What performs the HTTP exchange: `kyTransport()` (the default) or `fetchTransport()`, the
   * lighter of the two, for hot paths.
   */
  transport?: Transport | undefined;
  /**
   * Middleware run around every request, outermost first. Without this option the client uses
   * `defaultMiddleware()` (retry, then a rate limit of its own); `[]` means none at all.
   */
  middleware?: readonly Middleware[] | undefined;
  /** Milliseconds per request, from sending to the last byte of the answer. Default 30 000; `false` for none. */
  timeout?: number | false | undefined;
  /** Appended to the `User-Agent` header after `virtfusion-sdk/<version>`. */
  userAgent?: string | undefined;
  /** Allow `http://` to a host that is not loopback. The token then travels in clear text. */
  allowInsecureHttp?: boolean | undefined;
  /**
   * How resource methods check answers against the documented shapes: `'strict'` throws
   * `ResponseValidationError`, `'warn'` (the default) reports through `logger`, `'off'` skips.
   */
  validate?: ValidateMode | undefined;
  /** A pino-compatible logger for the SDK's warnings. Defaults to the console (warnings and errors only). */
  logger?: Logger | undefined;
}

/** Options of {@link VirtFusion.fromEnv}: anything but the URL and token, plus the environment to read. */
export interface FromEnvOptions extends Partial<Omit<VirtFusionOptions, 'url' | 'token'>> {
  /** Variables to read instead of `process.env`. */
  env?: EnvSource | undefined;
}

function checkTimeout(timeout: unknown, source: string): number | false {
  if (timeout === undefined) return DEFAULT_TIMEOUT_MS;
  if (timeout === false) return false;
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0 || timeout > 2_147_483_647) {
    throw new ConfigurationError({ message: `${source} must be a positive number of milliseconds or false (got ${String(timeout)}).` });
  }
  return timeout;
}

interface BoundTransport {
  send: (ctx: RequestContext) => Promise<Response>;
  /** The transport's answer without a Response around it, when it is one of the SDK's own. */
  exchange: ((ctx: RequestContext) => Promise<RawAnswer>) | undefined;
}

function bindTransport(options: VirtFusionOptions, authorization: string): BoundTransport {
  if (options.transport !== undefined && options.fetch !== undefined) {
    throw new ConfigurationError({ message: 'Give either `fetch` or `transport`, not both: `fetch` is shorthand for `transport: kyTransport({ fetch })`.' });
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new ConfigurationError({ message: '`fetch` must be a function with the signature of the global fetch.' });
  }
  const transport = options.transport ?? kyTransport({ fetch: options.fetch });
  if (transport === null || typeof transport !== 'object' || typeof transport.send !== 'function') {
    throw new ConfigurationError({ message: '`transport` must come from kyTransport() or fetchTransport() (an object with `send`).' });
  }
  const exchange = (transport as { [EXCHANGE]?: Exchange })[EXCHANGE];
  return {
    send: (ctx) => transport.send(ctx, authorization),
    exchange: typeof exchange === 'function' ? (ctx) => exchange(ctx, authorization) : undefined,
  };
}

/**
 * A client for one VirtFusion panel.
 *
 * @example
 * ```ts
 * const vf = new VirtFusion({ url: 'https://panel.example.com', token: process.env.VIRTFUSION_TOKEN! });
 * const { data: server } = await vf.request('GET /servers/{serverId}', { path: { serverId: 42 } });
 * ```
 */
export class VirtFusion {
  /** The API base, always ending in `/api/v1`. */
  readonly baseUrl: string;
  readonly #base: URL;
  readonly #middleware: Middleware[];
  readonly #transport: BoundTransport;
  readonly #timeout: number | false;
  readonly #userAgent: string;
  readonly #token: string;
  readonly #secrets: readonly string[];
  /** The headers of a call without a body, and of one with a JSON body. */
  readonly #headerRecords: { readonly plain: Record<string, string>; readonly json: Record<string, string> };
  #handler: ((ctx: RequestContext) => Promise<Response>) | undefined;
  readonly #validate: ValidateMode;
  readonly #logger: Logger;
  readonly #reported = new Set<string>();
  readonly #invoker: Invoker;
  readonly #namespaces = new Map<string, unknown>();
  readonly #events: EventHub;
  #credentialId: string | Promise<string> | undefined;

  constructor(options: VirtFusionOptions) {
    if (options === null || typeof options !== 'object') {
      throw new ConfigurationError({ message: 'new VirtFusion(options) needs an object with `url` and `token`.' });
    }
    if (typeof options.url !== 'string' || options.url.trim() === '') {
      throw new ConfigurationError({ message: '`url` is missing: give the panel address, for example https://panel.example.com.' });
    }
    assertUsableToken(options.token, '`token`');
    this.#base = normalizeBaseUrl(options.url, { allowInsecureHttp: options.allowInsecureHttp, source: '`url`' });
    this.baseUrl = this.#base.href;
    this.#token = options.token;
    this.#secrets = [options.token];
    this.#timeout = checkTimeout(options.timeout, '`timeout`');
    if (options.userAgent !== undefined && (typeof options.userAgent !== 'string' || /[\r\n]/.test(options.userAgent))) {
      throw new ConfigurationError({ message: '`userAgent` must be a single-line string.' });
    }
    this.#userAgent = `virtfusion-sdk/${VERSION}${options.userAgent ? ` ${options.userAgent}` : ''}`;
    const plain = { accept: 'application/json', 'user-agent': this.#userAgent };
    this.#headerRecords = { plain, json: { ...plain, 'content-type': 'application/json' } };
    this.#middleware = options.middleware === undefined ? defaultMiddleware() : [...options.middleware];
    this.#transport = bindTransport(options, `Bearer ${options.token}`);
    if (options.validate !== undefined && !['strict', 'warn', 'off'].includes(options.validate)) {
      throw new ConfigurationError({ message: "`validate` must be 'strict', 'warn' or 'off'." });
    }
    this.#validate = options.validate ?? 'warn';
    this.#logger = options.logger ?? consoleLogger;
    this.#events = new EventHub(this.#logger);
    this.#invoker = {
      call: (route, callOptions) => this.#call(route, callOptions),
      panelOrigin: this.#base.origin,
    };
  }

  #namespace<T>(name: string, make: (invoker: Invoker) => T): T {
    let namespace = this.#namespaces.get(name) as T | undefined;
    if (namespace === undefined) {
      namespace = make(this.#invoker);
      this.#namespaces.set(name, namespace);
    }
    return namespace;
  }

  /** Servers: create, build, power, modify, network, firewall, backups, VNC, disks… */
  get servers(): Servers {
    return this.#namespace('servers', (invoker) => new Servers(invoker));
  }

  /** Hypervisors, hypervisor groups and their resources, networks and storage. */
  get hypervisors(): Hypervisors {
    return this.#namespace('hypervisors', (invoker) => new Hypervisors(invoker));
  }

  /** Panel users, looked up by your own external id. */
  get users(): Users {
    return this.#namespace('users', (invoker) => new Users(invoker));
  }

  /** Self-service billing: credit, usage, reports, resource packs, profiles, currencies. */
  get billing(): Billing {
    return this.#namespace('billing', (invoker) => new Billing(invoker));
  }

  /** Server packages (plans). */
  get packages(): Packages {
    return this.#namespace('packages', (invoker) => new Packages(invoker));
  }

  /** OS templates and ISO images. */
  get media(): Media {
    return this.#namespace('media', (invoker) => new Media(invoker));
  }

  /** SSH keys of users. */
  get sshKeys(): SshKeys {
    return this.#namespace('sshKeys', (invoker) => new SshKeys(invoker));
  }

  /** IP blocks and reverse DNS. */
  get ipBlocks(): IpBlocks {
    return this.#namespace('ipBlocks', (invoker) => new IpBlocks(invoker));
  }

  /** DNS services. */
  get dns(): Dns {
    return this.#namespace('dns', (invoker) => new Dns(invoker));
  }

  /** Queue items (the panel's background tasks) and waiting for them. */
  get queue(): Queue {
    return this.#namespace('queue', (invoker) => new Queue(invoker));
  }

  /** Backups of servers. */
  get backups(): Backups {
    return this.#namespace('backups', (invoker) => new Backups(invoker));
  }

  /** Firewall rulesets (panel 7.1 and later). */
  get firewallRulesets(): FirewallRulesets {
    return this.#namespace('firewallRulesets', (invoker) => new FirewallRulesets(invoker));
  }

  /**
   * Checks the URL and token: resolves `true` when `GET /connect` succeeds, throws otherwise.
   * A token can pass this and still lack scopes for other routes.
   */
  async connect(options: ResourceCallOptions = {}): Promise<true> {
    await this.#call('GET /connect', options);
    return true;
  }

  /** The panel's health report (`GET /status`, panel 7.1 and later; 503 when a check fails). */
  async status(options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#call('GET /status', options);
  }

  /**
   * A client configured from environment variables. The URL comes from the first of
   * `VIRTFUSION_URL`, `VIRTFUSION_API_URL`, `VIRTFUSION_HOST` that is set; the token from
   * `VIRTFUSION_TOKEN`, then `VIRTFUSION_API_TOKEN`. Errors name the variable to fix.
   */
  static fromEnv(options: FromEnvOptions = {}): VirtFusion {
    const { env, ...rest } = options;
    const settings = readEnvSettings(env ?? defaultEnv());
    normalizeBaseUrl(settings.url, { allowInsecureHttp: rest.allowInsecureHttp, source: settings.urlVariable });
    assertUsableToken(settings.token, settings.tokenVariable);
    return new VirtFusion({ ...rest, url: settings.url, token: settings.token });
  }

  /** Adds middleware inside the ones already installed. Returns the client. */
  use(...middleware: Middleware[]): this {
    this.#middleware.push(...middleware);
    this.#handler = undefined;
    return this;
  }

  /**
   * Listens to what happens to requests: `request`, `response`, `retry`, `rateLimited`, `error`.
   * Events carry the method, route template, status, duration and attempt; never headers, bodies
   * or the token.
   *
   * @example
   * ```ts
   * vf.on('retry', (e) => metrics.increment('virtfusion.retry', { route: e.route, status: e.status }));
   * ```
   */
  on<K extends RequestEventName>(name: K, listener: RequestEventListener<K>): this {
    this.#events.on(name, listener);
    return this;
  }

  /** Stops a listener added with {@link VirtFusion.on}. */
  off<K extends RequestEventName>(name: K, listener: RequestEventListener<K>): this {
    this.#events.off(name, listener);
    return this;
  }

  /**
   * Closes the client's middleware that hold timers or connections (rate limiters, with their
   * Redis connections), so that the process can exit. Requests still waiting in a limiter fail.
   */
  async close(): Promise<void> {
    const closable = this.#middleware.filter((layer): layer is Middleware & { close(): Promise<void> } => typeof (layer as { close?: unknown }).close === 'function');
    await Promise.all(closable.map((layer) => layer.close()));
  }

  /**
   * Calls one operation by its route template. Parameters and body are checked against the
   * operation before anything is sent; the answer is the parsed JSON, or `undefined` when the
   * panel answers without a body (204, or an empty 201).
   *
   * @example
   * ```ts
   * await vf.request('PUT /servers/{serverId}/modify/name', { path: { serverId: 7 }, body: { name: 'web-1' } });
   * ```
   */
  request<R extends Route>(route: R, ...args: RequestArgs<R>): Promise<ResponseBody<R>> {
    return this.#send(route, (args[0] ?? {}) as RequestOptions<R>).then(bodyOf) as Promise<ResponseBody<R>>;
  }

  async #call<R extends Route>(route: R, options: RequestOptions<R> & { validate?: ValidateMode | undefined }): Promise<ResponseBody<R>> {
    const { validate, ...rest } = options as RequestOptions<R> & { validate?: ValidateMode };
    const { status, body } = await this.#send(route, rest as RequestOptions<R>);
    if (isValidated(body)) return body as ResponseBody<R>; // a shared cached answer, checked when it was stored
    let clean = true;
    checkAnswer(route, status, body, validate ?? this.#validate, (details, message) => {
      clean = false;
      const key = `${route} ${status} ${details.issues.join('|')}`;
      if (this.#reported.has(key)) return;
      if (this.#reported.size > 1000) this.#reported.clear();
      this.#reported.add(key);
      try {
        this.#logger.warn?.(details, message);
      } catch {
        // A broken logger must not fail a request whose answer arrived.
      }
    });
    if (clean && (validate ?? this.#validate) !== 'off') markValidated(body);
    return body as ResponseBody<R>;
  }

  /** Sends one call; every error leaving it has been scrubbed of the token. */
  #send<R extends Route>(route: R, requestOptions: RequestOptions<R>): Promise<{ status: number; body: unknown }> {
    let prepared: RequestContext | Promise<RequestContext>;
    try {
      prepared = this.#prepare(route, requestOptions);
    } catch (error) {
      return Promise.reject(this.#clean(error));
    }
    if (!(prepared instanceof Promise)) return this.#dispatch(prepared);
    return prepared.then(
      (ctx) => this.#dispatch(ctx),
      (error: unknown) => Promise.reject(this.#clean(error)),
    );
  }

  #dispatch(ctx: RequestContext): Promise<{ status: number; body: unknown }> {
    const extra = (ctx.options as CallOptions).middleware;
    const reporter = ctx.reporter as CallReporter;
    const exchange = this.#transport.exchange;
    if (exchange !== undefined && this.#middleware.length === 0 && (extra === undefined || extra.length === 0)) {
      // No layer would see a Response: the answer goes from the transport to the client as it came.
      return observeCall(reporter, ctx, exchange, this.#fromAnswer, this.#clean);
    }
    const handler = extra ? compose([...this.#middleware, ...extra], this.#transport.send) : (this.#handler ??= compose(this.#middleware, this.#transport.send));
    return observeCall(reporter, ctx, handler, this.#fromResponse, this.#clean);
  }

  /** Every error leaves the client through here, before the `error` event: no secret in either. */
  readonly #clean = (error: unknown): unknown => scrubError(error, this.#secrets);

  readonly #fromAnswer = (ctx: RequestContext, answer: RawAnswer) => ({ status: answer.status, body: this.#interpretText(ctx, answer) });

  readonly #fromResponse = async (ctx: RequestContext, response: Response) => ({ status: response.status, body: await this.#interpret(ctx, response) });

  /** Checks a call against its operation and builds its context; nothing is sent. */
  #prepare<R extends Route>(route: R, requestOptions: RequestOptions<R>): RequestContext | Promise<RequestContext> {
    const options = requestOptions as RequestOptions<R> & { path?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
    const operation = Object.hasOwn(OPERATIONS, route) ? OPERATIONS[route] : undefined;
    if (operation === undefined) {
      const suggestion = typeof route === 'string' ? closest(route, Object.keys(OPERATIONS)) : undefined;
      throw new InputValidationError({
        issues: [{ path: ['route'], message: `unknown route ${JSON.stringify(route)}` }],
        message: `Unknown route ${JSON.stringify(route)}: routes are written "METHOD /path/{param}"${suggestion ? `; did you mean "${suggestion}"?` : '.'}`,
      });
    }
    const fingerprint = this.#fingerprint();
    if (options.body !== undefined && operation.body !== 'none') {
      // zod and the body schemas load on the first call with a body; the fingerprint is worked out once.
      return Promise.all([loadBodyCheck(route), fingerprint]).then(([checkBody, credentialId]) => this.#context(route, operation, options, checkBody, credentialId));
    }
    if (typeof fingerprint !== 'string') return fingerprint.then((credentialId) => this.#context(route, operation, options, undefined, credentialId));
    return this.#context(route, operation, options, undefined, fingerprint);
  }

  #context<R extends Route>(
    route: R,
    operation: OperationInfo,
    options: RequestOptions<R> & { path?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown },
    checkBody: BodyCheck | undefined,
    credentialId: string,
  ): RequestContext {
    const built = buildRequest(this.#base, route, operation, options, checkBody);
    const base = built.body === undefined ? this.#headerRecords.plain : this.#headerRecords.json;
    const headers = options.headers === undefined ? base : this.#withCallHeaders(base, options.headers, operation.method, route);
    if (options.signal?.aborted) {
      throw new AbortError({ method: operation.method, url: redactUrl(built.url), route, message: `${route} was aborted before it was sent.`, cause: options.signal.reason });
    }
    const ctx = {
      route,
      operationId: operation.operationId,
      method: operation.method,
      url: built.url,
      body: built.body,
      signal: options.signal,
      timeout: options.timeout === undefined ? this.#timeout : checkTimeout(options.timeout, 'timeout'),
      credentialId,
      options,
      attempt: 1,
      state: new Map(),
      reporter: this.#events.reporterFor(operation.method, route, operation.operationId),
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

  #fingerprint(): string | Promise<string> {
    this.#credentialId ??= fingerprintToken(this.#token);
    return this.#credentialId;
  }

  /** Never shows the token. */
  [INSPECT](): string {
    return `VirtFusion { baseUrl: '${this.baseUrl}', token: '[REDACTED]' }`;
  }

  /** Never shows the token. */
  toJSON(): { baseUrl: string; token: string } {
    return { baseUrl: this.baseUrl, token: '[REDACTED]' };
  }
}
