import { normalizeBaseUrl } from './core/base-url';
import { buildRequest } from './core/build-request';
import { defaultEnv, readEnvSettings, type EnvSource } from './core/env';
import { AbortError, ConfigurationError, InputValidationError, ResponseValidationError } from './core/errors';
import { errorFromAnswer } from './core/http-error';
import { compose, type Middleware, type RequestContext, type Transport } from './core/middleware';
import { redactUrl } from './core/redact';
import type { RequestArgs, RequestOptions, ResponseBody } from './core/request-types';
import { closest } from './core/suggest';
import { assertUsableToken, fingerprintToken } from './core/token';
import { createTransport, readText, type FetchLike } from './core/transport';
import { OPERATIONS, type Route } from './generated/operations';
import { REQUEST_BODY_SCHEMAS } from './generated/schemas';
import { VERSION } from './version';

const INSPECT = Symbol.for('nodejs.util.inspect.custom');
const DEFAULT_TIMEOUT_MS = 30_000;

/** Settings of a {@link VirtFusion} client. */
export interface VirtFusionOptions {
  /** The panel address: `https://panel.example.com`, with or without `/api/v1`. */
  url: string;
  /** An API token made in the panel under Configuration → API. */
  token: string;
  /** A fetch implementation (for a proxy, custom CA, or tests). Defaults to the global fetch. */
  fetch?: FetchLike | undefined;
  /** Middleware run around every request, outermost first. */
  middleware?: readonly Middleware[] | undefined;
  /** Milliseconds per request, from sending to the last byte of the answer. Default 30 000; `false` for none. */
  timeout?: number | false | undefined;
  /** Appended to the `User-Agent` header after `virtfusion-sdk/<version>`. */
  userAgent?: string | undefined;
  /** Allow `http://` to a host that is not loopback. The token then travels in clear text. */
  allowInsecureHttp?: boolean | undefined;
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
  readonly #transport: Transport;
  readonly #timeout: number | false;
  readonly #userAgent: string;
  readonly #token: string;
  #credentialId: Promise<string> | undefined;

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
    this.#timeout = checkTimeout(options.timeout, '`timeout`');
    if (options.userAgent !== undefined && (typeof options.userAgent !== 'string' || /[\r\n]/.test(options.userAgent))) {
      throw new ConfigurationError({ message: '`userAgent` must be a single-line string.' });
    }
    this.#userAgent = `virtfusion-sdk/${VERSION}${options.userAgent ? ` ${options.userAgent}` : ''}`;
    this.#middleware = [...(options.middleware ?? [])];
    this.#transport = createTransport({ token: options.token, fetch: options.fetch });
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
    return this;
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
  async request<R extends Route>(route: R, ...args: RequestArgs<R>): Promise<ResponseBody<R>> {
    const options = (args[0] ?? {}) as RequestOptions<R> & { path?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
    const operation = Object.hasOwn(OPERATIONS, route) ? OPERATIONS[route] : undefined;
    if (operation === undefined) {
      const suggestion = typeof route === 'string' ? closest(route, Object.keys(OPERATIONS)) : undefined;
      throw new InputValidationError({
        issues: [{ path: ['route'], message: `unknown route ${JSON.stringify(route)}` }],
        message: `Unknown route ${JSON.stringify(route)}: routes are written "METHOD /path/{param}"${suggestion ? `; did you mean "${suggestion}"?` : '.'}`,
      });
    }
    const built = buildRequest(this.#base, route, operation, options, REQUEST_BODY_SCHEMAS[route]);
    const headers = new Headers({ accept: 'application/json', 'user-agent': this.#userAgent });
    if (built.body !== undefined) headers.set('content-type', 'application/json');
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (name.toLowerCase() === 'authorization') {
        throw new ConfigurationError({ message: 'The Authorization header is set by the client from its token; do not pass it per call.' });
      }
      headers.set(name, value);
    }
    const where = { method: operation.method, url: redactUrl(built.url), route };
    if (options.signal?.aborted) {
      throw new AbortError({ ...where, message: `${route} was aborted before it was sent.`, cause: options.signal.reason });
    }
    const ctx: RequestContext = {
      route,
      operationId: operation.operationId,
      method: operation.method,
      url: built.url,
      headers,
      body: built.body,
      signal: options.signal,
      timeout: options.timeout === undefined ? this.#timeout : checkTimeout(options.timeout, 'timeout'),
      credentialId: await this.#fingerprint(),
      options,
      attempt: 1,
      state: new Map(),
    };
    const layers = options.middleware ? [...this.#middleware, ...options.middleware] : this.#middleware;
    const response = await compose(layers, this.#transport)(ctx);
    return (await this.#interpret(ctx, response)) as ResponseBody<R>;
  }

  async #interpret(ctx: RequestContext, response: Response): Promise<unknown> {
    const text = await readText(response);
    const where = { method: ctx.method, url: redactUrl(ctx.url), route: ctx.route, status: response.status };
    if (response.status < 200 || response.status > 299) {
      const error = errorFromAnswer({ ...where, status: response.status, headers: response.headers, text, secrets: [this.#token] });
      error.attempts = ctx.attempt;
      throw error;
    }
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw new ResponseValidationError({
        ...where,
        message: `The panel answered ${response.status} to ${ctx.route} with a body that is not JSON; a proxy may be rewriting answers.`,
        body: text.slice(0, 500).split(this.#token).join('[REDACTED]'),
        cause,
      });
    }
  }

  #fingerprint(): Promise<string> {
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
