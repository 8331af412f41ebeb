import type { Transport } from './middleware';
import { wireHeaders } from './call-context';
import { deadlineOf } from './deadline';
import { assertNotAborted, exchangeFailure, hasNoBody, tokenOf, transportOf, type TransportOptions } from './transport';

/**
 * A transport on plain fetch, for hot paths: no HTTP library between the SDK and the runtime.
 * Same contract as {@link kyTransport}: the timeout covers the exchange and the body read, the
 * caller's signal aborts it, failures are typed, nothing is retried here.
 *
 * @example
 * ```ts
 * new VirtFusion({ url, token, transport: fetchTransport() });
 * ```
 */
export function fetchTransport(options: TransportOptions = {}): Transport {
  const custom = options.fetch;
  return transportOf('fetch', async (ctx, authorization) => {
    assertNotAborted(ctx);
    const deadline = deadlineOf(ctx);
    const init: RequestInit = { method: ctx.method, headers: wireHeaders(ctx, authorization), body: ctx.body ?? null, signal: deadline.signal };
    try {
      const response = custom ? await custom(new Request(ctx.url.href, init)) : await fetch(ctx.url.href, init);
      const text = hasNoBody(response.status) ? '' : await response.text();
      return { status: response.status, statusText: response.statusText, headers: response.headers, text };
    } catch (error) {
      throw exchangeFailure(ctx, error, { timedOut: deadline.timedOut, token: tokenOf(authorization) });
    } finally {
      deadline.clear();
    }
  });
}
