import ky, { isNetworkError, isTimeoutError } from 'ky';
import { AbortError, ConnectionError, TimeoutError, VirtFusionError } from './errors';
import type { RequestContext, Transport } from './middleware';
import { redactText, redactUrl } from './redact';

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** The body text of each Response the transport produced, so the client need not read it a second time. */
const bufferedText = new WeakMap<Response, string>();

/** Reads a Response's body as text, without a second read when the transport already buffered it. */
export async function readText(response: Response): Promise<string> {
  const known = bufferedText.get(response);
  return known !== undefined && !response.bodyUsed ? known : response.text();
}

interface TransportOptions {
  token: string;
  fetch: FetchLike | undefined;
}

/** The most specific reason in an error's cause chain: a system code such as ECONNREFUSED, else the deepest message. */
function describeCause(error: unknown): string {
  let message: string | undefined;
  for (let current: unknown = error, depth = 0; current !== null && typeof current === 'object' && depth < 5; depth += 1) {
    const { code, message: text, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(code)) return code;
    if (typeof text === 'string' && text !== '') message = text;
    current = cause;
  }
  return message ?? 'network failure';
}

/**
 * The HTTP exchange, on ky with its own retries off (retrying belongs to the retry middleware).
 * The body is read here, inside the timeout, so a panel that stalls mid-body times out too;
 * what goes back up the onion is a buffered Response that any layer may read or clone.
 */
export function createTransport(options: TransportOptions): Transport {
  const client = ky.create({
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    ...(options.fetch ? { fetch: options.fetch as typeof fetch } : {}),
  });
  const authorization = `Bearer ${options.token}`;
  const secrets = [options.token];

  return async (ctx: RequestContext): Promise<Response> => {
    const where = { method: ctx.method, url: redactUrl(ctx.url), route: ctx.route };
    if (ctx.signal?.aborted) {
      throw new AbortError({ ...where, message: `${ctx.route} was aborted before it was sent.`, cause: ctx.signal.reason });
    }
    try {
      const headers = new Headers(ctx.headers);
      headers.set('authorization', authorization);
      // ky applies `timeout` to the exchange and again to reading the body through `.text()`,
      // so a panel that stalls after its headers times out too.
      const answer = client(ctx.url.href, { method: ctx.method, headers, body: ctx.body ?? null, signal: ctx.signal, timeout: ctx.timeout });
      const response = await answer;
      const text = NULL_BODY_STATUSES.has(response.status) ? '' : await answer.text();
      const buffered = new Response(text === '' ? null : text, { status: response.status, statusText: response.statusText, headers: response.headers });
      bufferedText.set(buffered, text);
      return buffered;
    } catch (error) {
      if (error instanceof VirtFusionError) throw error;
      if (ctx.signal?.aborted) {
        throw new AbortError({ ...where, message: `${ctx.route} was aborted by the caller.`, cause: ctx.signal.reason });
      }
      if (isTimeoutError(error)) {
        throw new TimeoutError({
          ...where,
          retryable: true,
          message: `No complete answer from the panel within ${String(ctx.timeout)} ms (${ctx.route}). A write may or may not have been applied.`,
        });
      }
      const reason = redactText(describeCause(error), secrets);
      throw new ConnectionError({
        ...where,
        retryable: true,
        message: `Could not reach the panel at ${new URL(ctx.url).host} (${reason}) for ${ctx.route}. A write may or may not have been applied.`,
        cause: isNetworkError(error) ? error.cause : error,
      });
    }
  };
}
