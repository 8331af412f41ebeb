import { isProviderError, type ProviderErrorCode } from '../errors';

const BRAND = Symbol.for('virtfusion-sdk.skypanel-error');

/** HTTP statuses the panel's error handler reads from `response.status`, for failures that had no answer of their own. */
const STATUS_BY_CODE: Partial<Record<ProviderErrorCode, number>> = {
  VALIDATION_ERROR: 400,
  NOT_SUPPORTED: 400,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMIT_EXCEEDED: 429,
  ABORTED: 499,
  PROVIDER_ERROR: 500,
  BUILD_FAILED: 500,
  INVALID_RESPONSE: 502,
  SERVICE_UNAVAILABLE: 503,
  NETWORK_ERROR: 503,
  TIMEOUT: 504,
};

function statusOf(code: ProviderErrorCode, answered: number | undefined): number {
  if (code === 'CONFLICT') return 409;
  if (answered !== undefined) return answered;
  const http = /^HTTP_(\d{3})$/.exec(code);
  return http ? Number(http[1]) : (STATUS_BY_CODE[code] ?? 500);
}

/** The panel's `ProviderError` shape; every {@link SkyPanelError} has it. */
export interface SkyPanelProviderError {
  code: string;
  message: string;
  field?: string;
  provider: string;
  originalError?: unknown;
}

export interface SkyPanelErrorOptions<P extends string> {
  code: ProviderErrorCode;
  message: string;
  provider: P;
  field?: string | undefined;
  /** The HTTP status for the panel's handler; derived from `code` when absent. */
  status?: number | undefined;
  serverId?: string | undefined;
  busy?: boolean | undefined;
  originalError?: unknown;
}

/**
 * What the SkyPanel adapter throws: an `Error` (with a stack, and `instanceof Error`) that also has
 * the panel's `ProviderError` fields (`code`, `message`, `field?`, `provider`, `originalError?`)
 * and `response.status`, which the panel's `handleProviderError` maps to its own codes (401/403,
 * 404, 429, 5xx). `originalError` is the SDK's error, already free of the API token.
 */
export class SkyPanelError<P extends string = string> extends Error {
  readonly code: ProviderErrorCode;
  readonly provider: P;
  declare readonly field?: string;
  declare readonly serverId?: string;
  /** The instance is busy (a build is running): try again later. */
  readonly busy: boolean;
  readonly response: { readonly status: number };
  declare readonly originalError?: unknown;
  declare readonly [BRAND]: true;

  constructor(options: SkyPanelErrorOptions<P>) {
    super(options.message, options.originalError === undefined ? undefined : { cause: options.originalError });
    this.name = 'SkyPanelError';
    this.code = options.code;
    this.provider = options.provider;
    if (options.field !== undefined) Object.defineProperty(this, 'field', { value: options.field, enumerable: true });
    if (options.serverId !== undefined) Object.defineProperty(this, 'serverId', { value: options.serverId, enumerable: true });
    this.busy = options.busy ?? false;
    this.response = Object.freeze({ status: statusOf(options.code, options.status) });
    if (options.originalError !== undefined) Object.defineProperty(this, 'originalError', { value: options.originalError, enumerable: false });
    Object.defineProperty(this, BRAND, { value: true, enumerable: false });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return (value as { [BRAND]?: unknown } | null | undefined)?.[BRAND] === true;
  }

  toJSON(): { code: ProviderErrorCode; message: string; provider: P; field?: string; status: number; busy?: true } {
    return {
      code: this.code,
      message: this.message,
      provider: this.provider,
      ...(this.field === undefined ? {} : { field: this.field }),
      status: this.response.status,
      ...(this.busy ? { busy: true as const } : {}),
    };
  }
}

/** Whatever an adapter call caught, as a {@link SkyPanelError}. */
export function toSkyPanelError<P extends string>(error: unknown, provider: P): SkyPanelError<P> {
  if (error instanceof SkyPanelError) return error as SkyPanelError<P>;
  if (isProviderError(error)) {
    return new SkyPanelError({
      code: error.code,
      message: error.message,
      provider,
      field: error.field,
      status: error.status,
      serverId: error.serverId,
      busy: error.busy,
      originalError: error,
    });
  }
  return new SkyPanelError({ code: 'PROVIDER_ERROR', message: error instanceof Error ? error.message : String(error), provider, originalError: error });
}

export function notSupported<P extends string>(provider: P, member: string, why: string): SkyPanelError<P> {
  return new SkyPanelError({ code: 'NOT_SUPPORTED', provider, field: member, message: `${member} is not supported for ${provider}: ${why}` });
}

export function invalidArgument<P extends string>(provider: P, field: string, message: string): SkyPanelError<P> {
  return new SkyPanelError({ code: 'VALIDATION_ERROR', provider, field, message });
}

export function notFound<P extends string>(provider: P, field: string, message: string): SkyPanelError<P> {
  return new SkyPanelError({ code: 'NOT_FOUND', provider, field, message });
}
