import type * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

let options: z.core.ParseContext<z.core.$ZodIssue> | undefined;

/**
 * Parses with English issue messages ("Too small: expected number to be >=128") passed per call,
 * so that the SDK neither loads zod's other locales nor changes the global zod configuration
 * of the application it runs in.
 */
export function safeParse(schema: z.ZodMiniType, value: unknown): z.core.util.SafeParseResult<unknown> {
  options ??= { error: en().localeError };
  return schema.safeParse(value, options);
}
