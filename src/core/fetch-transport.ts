import type { Transport } from './middleware';
import { wireHeaders } from './call-headers';
import { deadlineOf } from './deadline';
import { assertNotAborted, exchangeFailure, readAnswer, tokenOf, transportOf, type TransportOptions } from './transport';

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
  // A promise chain, not an async function: on the hot path the suspended frame was the largest
  // thing the transport allocated.
  return transportOf('fetch', (ctx, authorization) => {
    assertNotAborted(ctx);
    const deadline = deadlineOf(ctx);
    // Redirects are answered, never followed: the token and a write must not go anywhere but the panel.
    const init: RequestInit = { method: ctx.method, headers: wireHeaders(ctx, authorization), body: ctx.body ?? null, signal: deadline.signal, redirect: 'manual' };
    let answered: Promise<Response>;
    try {
      answered = custom ? custom(new Request(ctx.url.href, init)) : fetch(ctx.url.href, init);
    } catch (error) {
      answered = Promise.reject(error);
    }
    return answered.then(readAnswer).then(
      (answer) => {
        deadline.clear();
        return answer;
      },
      (error: unknown) => {
        deadline.clear();
        throw exchangeFailure(ctx, error, { timedOut: deadline.timedOut, token: tokenOf(authorization) });
      },
    );
  });
}
