import type { z } from 'zod';
import { ProviderError } from '../errors';
import { jsonPath } from '../input';

/** A `VALIDATION_ERROR` about a field of a talis file: `talis file [2].image: …`. */
export function talisError(provider: string, field: string, message: string): ProviderError {
  return new ProviderError({ code: 'VALIDATION_ERROR', provider, field, message: `talis file ${field}: ${message}` });
}

/** The zod issues of a talis file, the first one's path as `field`, each listed in the message. */
export function talisSchemaError(provider: string, error: z.ZodError): ProviderError {
  const issues = error.issues.map((issue) => ({ path: jsonPath(issue.path) || '$', message: issue.message }));
  return new ProviderError({
    code: 'VALIDATION_ERROR',
    provider,
    field: issues[0]?.path,
    message: `Invalid talis file: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    cause: error,
  });
}
