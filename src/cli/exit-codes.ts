import {
  AbortError,
  AuthenticationError,
  BuildFailedError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  InputValidationError,
  LockedError,
  NotFoundError,
  PermissionError,
  ProvisionError,
  RateLimitError,
  ResponseValidationError,
  ServerError,
  TaskFailedError,
  TimeoutError,
  ValidationError,
  VirtFusionError,
} from '../core/errors';
import { InterruptedError, UsageError } from './errors';

/** The documented, stable exit codes of `virtfusion`. */
export const EXIT = Object.freeze({
  ok: 0,
  unexpected: 1,
  usage: 2,
  auth: 3,
  notFound: 4,
  conflict: 5,
  rateLimited: 6,
  panel: 7,
  interrupted: 130,
});

/** The exit code for an error, following its cause when the error only wraps another (a provision step). */
export function exitCodeFor(error: unknown, interrupted = false): number {
  if (error instanceof InterruptedError || (interrupted && error instanceof AbortError)) return EXIT.interrupted;
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof ProvisionError && error.cause !== undefined) return exitCodeFor(error.cause, interrupted);
  const wrapped = providerCause(error);
  if (wrapped !== undefined) return exitCodeFor(wrapped, interrupted);
  if (!(error instanceof VirtFusionError)) return providerCode(error) ?? EXIT.unexpected;
  if (error instanceof InputValidationError || error instanceof ConfigurationError || error instanceof ValidationError) return EXIT.usage;
  if (error instanceof AuthenticationError || error instanceof PermissionError) return EXIT.auth;
  if (error instanceof NotFoundError) return EXIT.notFound;
  if (error instanceof ConflictError || error instanceof LockedError) return EXIT.conflict;
  if (error instanceof RateLimitError) return EXIT.rateLimited;
  if (
    error instanceof ServerError ||
    error instanceof ConnectionError ||
    error instanceof TimeoutError ||
    error instanceof ResponseValidationError ||
    error instanceof BuildFailedError ||
    error instanceof TaskFailedError
  ) {
    return EXIT.panel;
  }
  if (error instanceof AbortError) return EXIT.interrupted;
  // An error that only reports another (a reconcile that stopped) exits as its cause does.
  if (error.cause instanceof VirtFusionError) return exitCodeFor(error.cause, interrupted);
  return EXIT.unexpected;
}

/** A provider error (virtfusion-sdk/provider) keeps the SDK error that caused it. */
function providerCause(error: unknown): unknown {
  if (error === null || typeof error !== 'object' || (error as { name?: unknown }).name !== 'ProviderError') return undefined;
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof VirtFusionError || cause instanceof UsageError ? cause : undefined;
}

const PROVIDER_CODES: Readonly<Record<string, number>> = {
  VALIDATION_ERROR: EXIT.usage,
  UNAUTHORIZED: EXIT.auth,
  INVALID_CREDENTIALS: EXIT.auth,
  FORBIDDEN: EXIT.auth,
  NOT_FOUND: EXIT.notFound,
  CONFLICT: EXIT.conflict,
  RATE_LIMIT_EXCEEDED: EXIT.rateLimited,
  ABORTED: EXIT.interrupted,
  PROVIDER_ERROR: EXIT.unexpected,
};

function providerCode(error: unknown): number | undefined {
  if (error === null || typeof error !== 'object' || (error as { name?: unknown }).name !== 'ProviderError') return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? (PROVIDER_CODES[code] ?? EXIT.panel) : undefined;
}
