import { z } from 'zod';
import { ProviderError } from './errors';
import type { CreateInstanceInput } from './types';

const id = (field: string) => z.string({ error: `${field} must be a string id` }).trim().min(1, `${field} must not be empty`);

/** Host names as RFC 1123 allows them: labels of letters, digits and hyphens, dots between. */
const HOSTNAME = /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** The shape of {@link CreateInstanceInput}, as every provider checks it before sending anything. */
export const createInstanceInputSchema = z.object({
  name: z
    .string({ error: 'name must be a string' })
    .min(1, 'name must not be empty')
    .max(255, 'name must be at most 255 characters')
    .refine((name) => name.trim() === name, 'name must not start or end with white space'),
  planId: id('planId'),
  imageId: id('imageId'),
  regionId: id('regionId'),
  owner: id('owner'),
  sshKeyIds: z.array(id('sshKeyIds[]')).optional(),
  hostname: z.string().regex(HOSTNAME, 'hostname must be a valid host name (letters, digits, hyphens, dots)').optional(),
  password: z.string().min(8, 'password must be at least 8 characters').optional(),
  resources: z
    .object({
      vcpus: z.number().int().min(1).optional(),
      memoryMb: z.number().int().min(1).optional(),
      diskGb: z.number().int().min(1).optional(),
    })
    .strict()
    .optional(),
  providerOptions: z.record(z.string(), z.unknown()).optional(),
});

/** A zod issue path as a JSON path: `instances[2].resources.memory`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out === '' ? String(part) : `${out}.${String(part)}`), '');
}

/** The zod error as a `VALIDATION_ERROR` naming the first field at fault (and listing every problem). */
export function validationError(provider: string, error: z.ZodError, prefix: readonly PropertyKey[] = []): ProviderError {
  const issues = error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    return { path: jsonPath([...prefix, ...issue.path, ...keys.slice(0, 1)]), message: issue.message };
  });
  return new ProviderError({
    code: 'VALIDATION_ERROR',
    provider,
    field: issues[0]?.path || undefined,
    message: `Invalid input: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`,
    cause: error,
  });
}

/** Checks a create input's shape; throws a `VALIDATION_ERROR` with the field named. */
export function parseCreateInput(provider: string, input: unknown): CreateInstanceInput {
  const parsed = createInstanceInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(provider, parsed.error);
  return parsed.data;
}
