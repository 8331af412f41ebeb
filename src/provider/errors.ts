import {
  AbortError,
  AuthenticationError,
  BuildFailedError,
  ConflictError,
  ConnectionError,
  InputValidationError,
  LockedError,
  NotFoundError,
  PermissionError,
  ProvisionError,
  RateLimitError,
  ResponseValidationError,
  TaskFailedError,
  TimeoutError,
  ValidationError,
  VirtFusionError,
} from '../core/errors';

const BRAND = Symbol.for('virtfusion-sdk.provider-error');

/**
 * Stable codes of a {@link ProviderError}. `HTTP_<status>` stands for a server error without a
 * narrower code (500, 501, 507...).
 */
export type ProviderErrorCode =
  | 'UNAUTHORIZED'
  | 'INVALID_CREDENTIALS'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'VALIDATION_ERROR'
  | 'RATE_LIMIT_EXCEEDED'
  | 'SERVICE_UNAVAILABLE'
  | 'NETWORK_ERROR'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'BUILD_FAILED'
  | 'INVALID_RESPONSE'
  | 'PROVIDER_ERROR'
  | 'NOT_SUPPORTED'
  | `HTTP_${number}`;

export interface ProviderErrorOptions {
  code: ProviderErrorCode;
  message: string;
  provider: string;
  /** The input field at fault, as a path (`planId`, `instances[2].template`). */
  field?: string | undefined;
  /** The instance the failure concerns, when one exists (for a create: it was created). */
  serverId?: string | undefined;
  /** The instance is busy (a build is running): try again later. */
  busy?: boolean | undefined;
  /** HTTP status of the provider's answer, when there was one. */
  status?: number | undefined;
  retryable?: boolean | undefined;
  cause?: unknown;
}

/**
 * Every error a provider adapter throws. `code` is stable and provider-neutral; `cause` holds the
 * underlying SDK error. Like the SDK's errors it is branded with `Symbol.for`, so `instanceof`
 * works across the ESM and CommonJS copies of the package.
 */
export class ProviderError extends Error {
  readonly code: ProviderErrorCode;
  readonly provider: string;
  readonly field: string | undefined;
  readonly serverId: string | undefined;
  readonly busy: boolean;
  readonly status: number | undefined;
  readonly retryable: boolean;
  declare readonly [BRAND]: true;

  constructor(options: ProviderErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProviderError';
    this.code = options.code;
    this.provider = options.provider;
    this.field = options.field;
    this.serverId = options.serverId;
    this.busy = options.busy ?? false;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    Object.defineProperty(this, BRAND, { value: true, enumerable: false });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return (value as { [BRAND]?: unknown } | null | undefined)?.[BRAND] === true;
  }

  toJSON(): { code: ProviderErrorCode; message: string; provider: string; field?: string; serverId?: string; busy?: true; status?: number } {
    return {
      code: this.code,
      message: this.message,
      provider: this.provider,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.serverId === undefined ? {} : { serverId: this.serverId }),
      ...(this.busy ? { busy: true as const } : {}),
      ...(this.status === undefined ? {} : { status: this.status }),
    };
  }
}

/** Whether `value` is a {@link ProviderError}, from any copy of the package. */
export function isProviderError(value: unknown): value is ProviderError {
  return value instanceof ProviderError;
}

/** Where an SDK error happened, to word and locate the provider error. */
export interface ErrorContext {
  provider: string;
  /** Set by `validateCredentials`: a 401 becomes `INVALID_CREDENTIALS`. */
  credentialsCheck?: boolean | undefined;
  field?: string | undefined;
  serverId?: string | undefined;
  /** Prefix of the message, such as `Creating "web-1"`. */
  doing?: string | undefined;
}

const GATEWAY = new Set([502, 503, 504]);

function codeFor(error: unknown, context: ErrorContext): { code: ProviderErrorCode; busy?: boolean; field?: string | undefined } {
  if (error instanceof AuthenticationError) return { code: context.credentialsCheck ? 'INVALID_CREDENTIALS' : 'UNAUTHORIZED' };
  if (error instanceof PermissionError) return { code: 'FORBIDDEN' };
  if (error instanceof NotFoundError) return { code: 'NOT_FOUND' };
  if (error instanceof ConflictError) return { code: 'CONFLICT' };
  if (error instanceof LockedError) return { code: 'CONFLICT', busy: true };
  if (error instanceof ValidationError) return { code: 'VALIDATION_ERROR', field: Object.keys(error.fieldErrors)[0] };
  if (error instanceof InputValidationError) return { code: 'VALIDATION_ERROR', field: error.issues[0]?.path.join('.') || undefined };
  if (error instanceof RateLimitError) return { code: 'RATE_LIMIT_EXCEEDED' };
  if (error instanceof AbortError || (error instanceof Error && error.name === 'AbortError')) return { code: 'ABORTED' };
  if (error instanceof TimeoutError) return { code: 'TIMEOUT' };
  if (error instanceof ConnectionError) return { code: 'NETWORK_ERROR' };
  if (error instanceof BuildFailedError || error instanceof TaskFailedError) return { code: 'BUILD_FAILED' };
  if (error instanceof ResponseValidationError) return { code: 'INVALID_RESPONSE' };
  if (error instanceof VirtFusionError && error.status !== undefined && error.status >= 500) {
    return { code: GATEWAY.has(error.status) ? 'SERVICE_UNAVAILABLE' : `HTTP_${error.status}` };
  }
  if (error instanceof VirtFusionError && error.status !== undefined) return { code: `HTTP_${error.status}` };
  return { code: 'PROVIDER_ERROR' };
}

/**
 * Turns whatever an adapter caught into a {@link ProviderError} by the code table of
 * docs/provider.md. A `ProvisionError` is read through to its cause for the code, and keeps its
 * server id. A `ProviderError` passes through unchanged.
 */
export function toProviderError(error: unknown, context: ErrorContext): ProviderError {
  if (error instanceof ProviderError) return error;
  const inner = error instanceof ProvisionError ? error.cause : error;
  const serverId = context.serverId ?? (error instanceof ProvisionError && error.serverId !== undefined ? String(error.serverId) : undefined);
  const { code, busy, field } = codeFor(inner, context);
  const reason = inner instanceof Error ? inner.message : String(inner);
  const message = error instanceof ProvisionError ? error.message : reason;
  return new ProviderError({
    code,
    provider: context.provider,
    message: context.doing ? `${context.doing}: ${message}` : message,
    field: context.field ?? field,
    serverId,
    busy,
    status: inner instanceof VirtFusionError ? inner.status : undefined,
    retryable: inner instanceof VirtFusionError ? inner.retryable : false,
    cause: error,
  });
}
