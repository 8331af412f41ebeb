import { normalizeBaseUrl } from './core/base-url';
import { buildRequest } from './core/build-request';
import { defaultEnv, readEnvSettings, type EnvSource } from './core/env';
import { ConfigurationError, InputValidationError } from './core/errors';
import type { Middleware, Transport } from './core/middleware';
import { checkMiddleware, checkOptionTypes } from './core/client-options';
import { kyTransport } from './core/ky-transport';
import { upgradeLegacyBody } from './core/legacy-forms';
import { RAW_PATH } from './core/raw-path';
import type { RawOptions } from './core/raw-route';
import type { RequestArgs, RequestOptions, ResponseBody } from './core/request-types';
import { bindTransport, checkTimeout, Sender, type SentAnswer } from './core/sender';
import { closest } from './core/suggest';
import { assertUsableToken } from './core/token';
import type { FetchLike } from './core/transport';
import { isValidated, markValidated } from './core/parsed-body';
import type { Logger } from './core/logger';
import { consoleLogger } from './core/logger';
import { OPERATIONS, type Route } from './generated/operations';
import { defaultMiddleware } from './middleware/defaults';
import { EventHub, type RequestEventListener, type RequestEventName } from './middleware/events';
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
  readonly #sender: Sender;
  readonly #validate: ValidateMode;
  readonly #logger: Logger;
  readonly #reported = new Set<string>();
  readonly #invoker: Invoker;
  readonly #namespaces = new Map<string, unknown>();
  readonly #events: EventHub;

  constructor(options: VirtFusionOptions) {
    if (options === null || typeof options !== 'object') {
      throw new ConfigurationError({ message: 'new VirtFusion(options) needs an object with `url` and `token`.' });
    }
    if (typeof options.url !== 'string' || options.url.trim() === '') {
      throw new ConfigurationError({ message: '`url` is missing: give the panel address, for example https://panel.example.com.' });
    }
    assertUsableToken(options.token, '`token`');
    checkOptionTypes(options);
    this.#base = normalizeBaseUrl(options.url, { allowInsecureHttp: options.allowInsecureHttp, source: '`url`' });
    this.baseUrl = this.#base.href;
    this.#validate = options.validate ?? 'warn';
    this.#logger = options.logger ?? consoleLogger;
    this.#events = new EventHub(this.#logger);
    this.#sender = new Sender({
      transport: bindTransport(options.transport ?? kyTransport({ fetch: options.fetch }), `Bearer ${options.token}`),
      middleware: options.middleware === undefined ? defaultMiddleware() : checkMiddleware(options.middleware, '`middleware`'),
      timeout: checkTimeout(options.timeout, '`timeout`'),
      userAgent: `virtfusion-sdk/${VERSION}${options.userAgent ? ` ${options.userAgent}` : ''}`,
      token: options.token,
      events: this.#events,
    });
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
    this.#sender.use(checkMiddleware(middleware, 'use(…)'));
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
    const closable = this.#sender.middleware.filter((layer): layer is Middleware & { close(): Promise<void> } => typeof (layer as { close?: unknown }).close === 'function');
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
      this.#warnOnce(`${route} ${status} ${details.issues.join('|')}`, details, message);
    });
    if (clean && (validate ?? this.#validate) !== 'off') markValidated(body);
    return body as ResponseBody<R>;
  }

  /**
   * Calls a route the OpenAPI document does not describe (a newer panel, an undocumented
   * endpoint), with the client's base URL, token, middleware, redaction and typed errors. Nothing
   * checks the input or the answer; a call is retried only when its method is idempotent. Give a
   * template and `path` values (`'PUT /users/{id}'`) rather than a literal path: events and errors
   * name the call by its template, and a literal path only as `RAW PUT`.
   *
   * @example
   * ```ts
   * await vf.raw('PUT /users/{id}', { path: { id: 42 }, body: { name: 'Ada' } });
   * ```
   */
  raw<T = unknown>(route: string, options: RawOptions = {}): Promise<T> {
    const prepare = (credentialId: string) => {
      if (options === null || typeof options !== 'object') {
        throw new InputValidationError({ issues: [{ path: ['options'], message: 'must be an object' }], message: 'vf.raw(route, options): options must be an object.' });
      }
      // The route parser loads on the first raw call: most programs never make one.
      return import('./core/raw-route').then(({ rawCallParts }) => {
        const parts = rawCallParts(this.#base, route, options);
        const ctx = this.#sender.context(parts, credentialId);
        ctx.state.set(RAW_PATH, parts.path);
        return ctx;
      });
    };
    return this.#sender.send(prepare).then(bodyOf) as Promise<T>;
  }

  /** Checks a call against its operation and sends it; nothing is sent when the check fails. */
  #send<R extends Route>(route: R, requestOptions: RequestOptions<R>): Promise<SentAnswer> {
    return this.#sender.send((credentialId) => {
      const operation = Object.hasOwn(OPERATIONS, route) ? OPERATIONS[route] : undefined;
      if (operation === undefined) {
        const suggestion = typeof route === 'string' ? closest(route, Object.keys(OPERATIONS)) : undefined;
        throw new InputValidationError({
          issues: [{ path: ['route'], message: `unknown route ${JSON.stringify(route)}` }],
          message: `Unknown route ${JSON.stringify(route)}: routes are written "METHOD /path/{param}"${suggestion ? `; did you mean "${suggestion}"?` : '.'} For a route the SDK does not describe, use vf.raw().`,
        });
      }
      const options = this.#upgrade(route, requestOptions as RequestOptions<R> & { body?: unknown });
      const build = (checkBody?: Parameters<typeof buildRequest>[4]) => {
        const built = buildRequest(this.#base, route, operation, options as Parameters<typeof buildRequest>[3], checkBody);
        return this.#sender.context({ route, operationId: operation.operationId, method: operation.method, url: built.url, body: built.body, options }, credentialId);
      };
      // zod and the body schemas load on the first call with a body.
      return options.body !== undefined && operation.body !== 'none' ? loadBodyCheck(route).then(build) : build();
    });
  }

  /** The options with a legacy body form rewritten into the documented one, reported once per client. */
  #upgrade<O extends { body?: unknown }>(route: string, options: O): O {
    if (options.body === undefined) return options;
    const { body, notices } = upgradeLegacyBody(route, options.body);
    for (const notice of notices) this.#warnOnce(`deprecated ${notice.key}`, { route, deprecated: notice.key }, notice.message);
    return body === options.body ? options : { ...options, body };
  }

  #warnOnce(key: string, details: Record<string, unknown>, message: string): void {
    if (this.#reported.has(key)) return;
    if (this.#reported.size > 1000) this.#reported.clear();
    this.#reported.add(key);
    try {
      this.#logger.warn?.(details, message);
    } catch {
      // A broken logger must not fail a request.
    }
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
