import type { Middleware } from '../core/middleware';
import { rateLimit } from './rate-limit';
import { retry } from './retry';

/**
 * The stack a client uses when given no `middleware` option: `retry()` with its defaults, then a
 * `rateLimit()` of 60 requests in any minute (10 in flight) that belongs to this client
 * alone. Build on it to add layers in the documented order:
 *
 * @example
 * ```ts
 * const vf = new VirtFusion({ url, token, middleware: [cache(), ...defaultMiddleware()] });
 * ```
 */
export function defaultMiddleware(): Middleware[] {
  return [retry(), rateLimit()];
}
