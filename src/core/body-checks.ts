import type { BodyCheck } from './body-check';

let loading: Promise<typeof import('./body-check')> | undefined;

/**
 * The check of `route`'s request body. zod and the body schemas are loaded on the first request
 * that has a body, not when the SDK is imported: reads, the most of what scripts send, never need them.
 */
export async function loadBodyCheck(route: string): Promise<BodyCheck | undefined> {
  loading ??= import('./body-check');
  return (await loading).bodyCheckOf(route);
}
