import { VirtFusionError } from './errors';
import { redactText, redactValue } from './redact';

/** An error that holds no request (ky's errors carry one, with its Authorization header) and names no secret. */
function isHarmless(error: Error, secrets: readonly string[]): boolean {
  if ('request' in error || 'response' in error || 'options' in error) return false;
  const text = `${error.message}\n${error.stack ?? ''}`;
  if (redactText(text, secrets) !== text) return false;
  return !(error.cause instanceof Error) || isHarmless(error.cause, secrets);
}

/** A stand-in for a foreign cause (fetch's, ky's): its name, message and system code, redacted; never the request it may hold. */
function plainCause(cause: unknown, secrets: readonly string[], depth: number): unknown {
  if (cause instanceof VirtFusionError) return scrubError(cause, secrets);
  if (!(cause instanceof Error)) return typeof cause === 'string' ? redactText(cause, secrets) : cause;
  if (isHarmless(cause, secrets)) return cause;
  const { code, cause: inner } = cause as Error & { code?: unknown };
  const copy = new Error(redactText(cause.message, secrets), depth < 4 && inner !== undefined ? { cause: plainCause(inner, secrets, depth + 1) } : undefined);
  copy.name = cause.name;
  copy.stack = redactText(cause.stack ?? `${cause.name}: ${copy.message}`, secrets);
  if (typeof code === 'string' || typeof code === 'number') (copy as Error & { code?: unknown }).code = code;
  return copy;
}

/**
 * Removes every trace of the secrets from an SDK error, whichever path built it: message, stack,
 * every field (request id, body, field errors and their keys, issues…) and the cause chain.
 * The one place that guarantees the token never leaves the client inside an error.
 */
export function scrubError<E>(error: E, secrets: readonly string[]): E {
  if (!(error instanceof VirtFusionError)) return error;
  const fields = error as unknown as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (key === 'timestamp' || value === undefined || value === null) continue;
    fields[key] = typeof value === 'string' ? redactText(value, secrets) : redactValue(value, secrets);
  }
  error.message = redactText(error.message, secrets);
  if (typeof error.stack === 'string') error.stack = redactText(error.stack, secrets);
  if (error.cause !== undefined) {
    Object.defineProperty(error, 'cause', { value: plainCause(error.cause, secrets, 0), writable: true, configurable: true, enumerable: false });
  }
  return error;
}
