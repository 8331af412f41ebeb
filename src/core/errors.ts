const BRAND = Symbol.for('virtfusion-sdk.error');
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** Field-level messages from a 422, keyed by the field the panel named. */
export type FieldErrors = Record<string, string[]>;

export interface VirtFusionErrorOptions {
  message: string;
  status?: number | undefined;
  method?: string | undefined;
  url?: string | undefined;
  route?: string | undefined;
  requestId?: string | undefined;
  body?: unknown;
  details?: unknown;
  retryable?: boolean | undefined;
  attempts?: number | undefined;
  cause?: unknown;
}

/** The `{ success: false, error }` envelope that `toJSON()` produces, ready for a browser. */
export interface VirtFusionErrorJSON {
  success: false;
  error: {
    code: string;
    message: string;
    statusCode: number | null;
    details: unknown;
    retryable: boolean;
    timestamp: string;
    requestId: string | null;
  };
}

/**
 * Base class of every error the SDK throws. `code` is a stable string to switch on;
 * `instanceof` works across the ESM and CommonJS copies of the package because classes
 * are matched by a `Symbol.for` brand holding the `code` of each class in the chain,
 * rather than by identity. Subclasses must declare a `static code` of their own.
 */
export class VirtFusionError extends Error {
  static readonly code: string = 'virtfusion_error';

  readonly code: string;
  /** HTTP status of the panel's answer, when there was one. */
  readonly status: number | undefined;
  readonly method: string | undefined;
  /** Request URL with credentials and query values removed. */
  readonly url: string | undefined;
  /** Route template such as `GET /servers/{serverId}`. */
  readonly route: string | undefined;
  readonly requestId: string | undefined;
  /** The parsed error body (JSON), or its text when it was not JSON. */
  readonly body: unknown;
  readonly details: unknown;
  /** Whether sending the same request again could succeed. */
  readonly retryable: boolean;
  /** How many attempts were made before this error, when a retry layer was involved. */
  attempts: number | undefined;
  readonly timestamp: Date;
  declare readonly [BRAND]: readonly string[];

  constructor(options: VirtFusionErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    const ctor = new.target as unknown as typeof VirtFusionError;
    this.name = ctor.name;
    this.code = ctor.code;
    this.status = options.status;
    this.method = options.method;
    this.url = options.url;
    this.route = options.route;
    this.requestId = options.requestId;
    this.body = options.body;
    this.details = options.details;
    this.retryable = options.retryable ?? false;
    this.attempts = options.attempts;
    this.timestamp = new Date();
    Object.defineProperty(this, BRAND, { value: brandsOf(ctor), enumerable: false });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    const brands = (value as { [BRAND]?: unknown } | null | undefined)?.[BRAND];
    return Array.isArray(brands) && brands.includes(this.code);
  }

  toJSON(): VirtFusionErrorJSON {
    return {
      success: false,
      error: {
        code: this.code,
        message: this.message,
        statusCode: this.status ?? null,
        details: this.details ?? null,
        retryable: this.retryable,
        timestamp: this.timestamp.toISOString(),
        requestId: this.requestId ?? null,
      },
    };
  }

  [INSPECT](): string {
    return this.stack ?? `${this.name}: ${this.message}`;
  }
}

function brandsOf(ctor: typeof VirtFusionError): string[] {
  const names: string[] = [];
  for (let c: unknown = ctor; typeof c === 'function' && c !== Error; c = Object.getPrototypeOf(c)) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string' && !names.includes(code)) names.push(code);
    if (c === VirtFusionError) break;
  }
  return names;
}

/** The panel answered with a status this SDK has no narrower class for. */
export class ApiError extends VirtFusionError {
  static override readonly code: string = 'api_error';
}

/** 401: the token is missing, wrong, expired, or not allowed from this IP address. */
export class AuthenticationError extends ApiError {
  static override readonly code: string = 'authentication_error';
}

/** 403: the token is valid but lacks the permission this operation needs. */
export class PermissionError extends ApiError {
  static override readonly code: string = 'permission_denied';
}

/** 404: the record does not exist (or, for a delete, is already gone). */
export class NotFoundError extends ApiError {
  static override readonly code: string = 'not_found';
}

/** 409: the record clashes with one that exists, such as a user with the same email. */
export class ConflictError extends ApiError {
  static override readonly code: string = 'conflict';
}

/** 422: the panel rejected the input. `messages` and `fieldErrors` hold what it said. */
export class ValidationError extends ApiError {
  static override readonly code: string = 'validation_error';
  readonly messages: string[];
  readonly fieldErrors: FieldErrors;

  constructor(options: VirtFusionErrorOptions & { messages: string[]; fieldErrors: FieldErrors }) {
    super({ ...options, details: options.details ?? { messages: options.messages, fieldErrors: options.fieldErrors } });
    this.messages = options.messages;
    this.fieldErrors = options.fieldErrors;
  }
}

/** 423: the resource is locked, for example while a build runs. Try again later. */
export class LockedError extends ApiError {
  static override readonly code: string = 'locked';
}

/** 429: the token's rate limit was reached. `retryAfterMs` is the panel's wait, when it gave one. */
export class RateLimitError extends ApiError {
  static override readonly code: string = 'rate_limited';
  readonly retryAfterMs: number | undefined;

  constructor(options: VirtFusionErrorOptions & { retryAfterMs: number | undefined }) {
    super(options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** 5xx: the panel, or a proxy in front of it, failed. */
export class ServerError extends ApiError {
  static override readonly code: string = 'server_error';
}

/**
 * No answer arrived: DNS, TLS, refused or reset connection. A write whose connection was made
 * may or may not have been applied; the message says which case it is.
 */
export class ConnectionError extends VirtFusionError {
  static override readonly code: string = 'connection_error';
}

/**
 * The panel's host name does not resolve (`ENOTFOUND`): almost always a wrong URL. Nothing was
 * sent. The retry layer tries it once more at most; `EAI_AGAIN`, a temporary DNS failure, stays
 * a plain {@link ConnectionError} with the usual retries.
 */
export class HostNotFoundError extends ConnectionError {
  static override readonly code: string = 'host_not_found';
}

/** No answer arrived within the timeout. A write may or may not have been applied. */
export class TimeoutError extends VirtFusionError {
  static override readonly code: string = 'timeout';
}

/** The caller's AbortSignal fired. `cause` holds the signal's reason. */
export class AbortError extends VirtFusionError {
  static override readonly code: string = 'aborted';
}

/** The client was closed (`vf.close()`) while this request waited; nothing was sent. */
export class ClientClosedError extends AbortError {
  static override readonly code: string = 'client_closed';
}

/** A successful answer did not have the shape the SDK expected (or was not JSON). */
export class ResponseValidationError extends VirtFusionError {
  static override readonly code: string = 'invalid_response';
}

/**
 * The panel answered 2xx, so it accepted the request, but the body could not be read (cut short
 * or spoiled on the way, typically by a proxy). For a write (`applied: true`) the change **was
 * applied**: do not send it again; `lookup` says how to find its result, where the SDK knows.
 * A read is retried by the retry layer first, like a 5xx.
 */
export class ResponseUnreadableError extends ResponseValidationError {
  static override readonly code: string = 'response_unreadable';
  /**
   * True for a write (POST, PUT, DELETE…): the panel applied the change. False for a read (GET,
   * HEAD), which changes nothing and is safe to send again.
   */
  readonly applied: boolean;
  /** How to look up the result of a write, when the SDK knows a way (e.g. the user by its `extRelationId`). */
  readonly lookup: string | undefined;

  constructor(options: VirtFusionErrorOptions & { applied: boolean; lookup?: string | undefined }) {
    super({ ...options, details: options.details ?? { applied: options.applied, status: options.status ?? null, route: options.route ?? null, lookup: options.lookup ?? null } });
    this.applied = options.applied;
    this.lookup = options.lookup;
  }
}

/** One problem with an input, located by a path into the input. */
export interface InputIssue {
  path: (string | number)[];
  message: string;
}

/** The input was rejected before anything was sent. `issues` lists every problem found. */
export class InputValidationError extends VirtFusionError {
  static override readonly code: string = 'invalid_input';
  readonly issues: InputIssue[];

  constructor(options: Omit<VirtFusionErrorOptions, 'message'> & { issues: InputIssue[]; message?: string }) {
    const summary = options.issues
      .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
      .join('; ');
    super({ ...options, message: options.message ?? `Invalid input: ${summary}`, details: options.issues });
    this.issues = options.issues;
  }
}

/** The SDK was configured wrongly (missing URL or token, an http:// URL...). */
export class ConfigurationError extends VirtFusionError {
  static override readonly code: string = 'configuration_error';
}

/** A waiter gave up: the server or task did not reach its end state within `timeout`. */
export class WaitTimeoutError extends TimeoutError {
  static override readonly code: string = 'wait_timeout';
}

/** The panel reported that a server's build failed. `server` holds the last record read. */
export class BuildFailedError extends VirtFusionError {
  static override readonly code: string = 'build_failed';
  readonly server: unknown;

  constructor(options: VirtFusionErrorOptions & { server: unknown }) {
    super(options);
    this.server = options.server;
  }
}

/** A queued panel task (power action, build step…) finished as failed. `task` holds the queue item. */
export class TaskFailedError extends VirtFusionError {
  static override readonly code: string = 'task_failed';
  readonly task: unknown;

  constructor(options: VirtFusionErrorOptions & { task: unknown }) {
    super(options);
    this.task = options.task;
  }
}

/** Which step of `vf.servers.provision()` failed. */
export type ProvisionStep = 'create' | 'build' | 'wait';

/**
 * `vf.servers.provision()` stopped at `step`. When the server was already allocated, `serverId`
 * holds its id so the caller can resume (build again, wait again) or clean up; nothing is retried
 * and nothing is created twice. `cause` is the underlying error.
 */
export class ProvisionError extends VirtFusionError {
  static override readonly code: string = 'provision_failed';
  readonly step: ProvisionStep;
  readonly serverId: number | undefined;

  constructor(options: VirtFusionErrorOptions & { step: ProvisionStep; serverId: number | undefined }) {
    super(options);
    this.step = options.step;
    this.serverId = options.serverId;
  }
}
