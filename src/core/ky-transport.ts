import type { KyInstance, Options } from 'ky';
import type { Transport } from './middleware';
import { wireHeaders } from './call-headers';
import { deadlineOf } from './deadline';
import { assertNotAborted, exchangeFailure, readAnswer, tokenOf, transportOf, type TransportOptions } from './transport';

type KyModule = typeof import('ky');

/** An option ky does not know, which it hands on to fetch as it is. */
const DEADLINE_OPTION = 'virtfusionDeadline';

let kyModule: KyModule | undefined;
let kyLoading: Promise<KyModule> | undefined;

/** Loads ky once per process, on the first request rather than when the SDK is imported. */
export function loadKy(): Promise<KyModule> {
  kyLoading ??= import('ky').then((loaded) => (kyModule = loaded));
  return kyLoading;
}

/**
 * The default transport, on ky with its own retries off (retrying belongs to the retry
 * middleware). ky is loaded on the first request, not when the SDK is imported. Its timeout
 * covers the exchange and the body read, so a panel that stalls mid-body times out too.
 *
 * @example
 * ```ts
 * new VirtFusion({ url, token, transport: kyTransport({ fetch: proxiedFetch }) });
 * ```
 */
export function kyTransport(options: TransportOptions = {}): Transport {
  let client: KyInstance | undefined;
  const custom = options.fetch;
  // The deadline's signal reaches fetch beside ky rather than through its `signal` option, which ky
  // would join to a controller of its own with `AbortSignal.any` (about 5 µs a call on Node 24).
  const send = (request: Request, init: RequestInit & { [DEADLINE_OPTION]?: AbortSignal }) => {
    const signal = init[DEADLINE_OPTION];
    if (custom !== undefined) return custom(signal === undefined ? request : new Request(request, { signal }));
    return signal === undefined ? fetch(request) : fetch(request, { signal });
  };
  const create = (ky: KyModule) => (client ??= ky.default.create({ retry: 0, timeout: false, throwHttpErrors: false, fetch: send as typeof fetch }));

  return transportOf('ky', async (ctx, authorization) => {
    assertNotAborted(ctx);
    const ky = kyModule ?? (await loadKy());
    const request = client ?? create(ky);
    // The deadline, not ky's own timeout, so that it also covers reading the body.
    const deadline = deadlineOf(ctx);
    try {
      const response = await request(ctx.url.href, {
        method: ctx.method,
        headers: wireHeaders(ctx, authorization),
        body: ctx.body ?? null,
        // Redirects are answered, never followed: the token and a write must not go anywhere but the panel.
        redirect: 'manual',
        [DEADLINE_OPTION]: deadline.signal,
      } as Options);
      return await readAnswer(response);
    } catch (error) {
      throw exchangeFailure(ctx, error, {
        timedOut: deadline.timedOut,
        token: tokenOf(authorization),
        cause: ky.isNetworkError(error) ? (error as Error).cause : error,
      });
    } finally {
      deadline.clear();
    }
  });
}
