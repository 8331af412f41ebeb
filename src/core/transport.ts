import { bufferedResponse } from './buffered-response';
import { AbortError, ConnectionError, HostNotFoundError, TimeoutError, VirtFusionError } from './errors';
import type { RequestContext, Transport } from './middleware';
import { redactText, redactUrl } from './redact';

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** Settings of {@link kyTransport} and {@link fetchTransport}. */
export interface TransportOptions {
  /** A fetch implementation (for a proxy, custom CA, or tests). Defaults to the global fetch. */
  fetch?: FetchLike | undefined;
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * The body text a transport read, kept on the Response itself so that the client need not read it
 * a second time. Not in a WeakMap: V8 keeps a WeakMap's values until a full collection, which
 * made every page of a long walk outlive its use (measured: +50 MB of heap paging 100 000 servers).
 */
const BUFFERED_TEXT = Symbol('virtfusion-sdk.bufferedText');

type WithText = Response & { [BUFFERED_TEXT]?: string };

/** The text a transport buffered, while nobody has read the body; otherwise undefined. */
export function bufferedTextOf(response: Response): string | undefined {
  const known = (response as WithText)[BUFFERED_TEXT];
  return known !== undefined && !response.bodyUsed ? known : undefined;
}

/** Reads a Response's body as text, without a second read when the transport already buffered it. */
export async function readText(response: Response): Promise<string> {
  return bufferedTextOf(response) ?? response.text();
}

/** An answer read in full, before it is made into a Response. */
export interface RawAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly text: string;
}

/**
 * The exchange of the SDK's own transports without a Response around the answer, which the
 * client uses when no middleware would see one.
 */
export const EXCHANGE: unique symbol = Symbol('virtfusion-sdk.exchange');

export type Exchange = (ctx: RequestContext, authorization: string) => Promise<RawAnswer>;

/** A transport with the SDK's Response-free exchange beside its `send`. */
export function transportOf(kind: string, exchange: Exchange): Transport & { readonly [EXCHANGE]: Exchange } {
  return {
    kind,
    send: async (ctx, authorization) => {
      const answer = await exchange(ctx, authorization);
      return buffered(answer, answer.text);
    },
    [EXCHANGE]: exchange,
  };
}

/** An answer whose body has been read in full. */
export function readAnswer(response: Response): RawAnswer | Promise<RawAnswer> {
  if (hasNoBody(response.status)) return { status: response.status, statusText: response.statusText, headers: response.headers, text: '' };
  return response.text().then((text) => ({ status: response.status, statusText: response.statusText, headers: response.headers, text }));
}

/** Whether an answer of this status has no body to read. */
export function hasNoBody(status: number): boolean {
  return NULL_BODY_STATUSES.has(status);
}

/** A Response any layer may read or clone, holding an answer whose body was read in full. */
export function buffered(answer: Pick<Response, 'status' | 'statusText' | 'headers'>, text: string): Response {
  const response = bufferedResponse(text, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
  (response as WithText)[BUFFERED_TEXT] = text;
  return response;
}

/** Refuses a request whose caller already gave up. */
export function assertNotAborted(ctx: RequestContext): void {
  if (ctx.signal?.aborted) {
    throw new AbortError({ method: ctx.method, url: redactUrl(ctx.url), route: ctx.route, message: `${ctx.route} was aborted before it was sent.`, cause: ctx.signal.reason });
  }
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

/** Failures before any connection to the panel was made: whatever the method, nothing was applied. */
const NEVER_CONNECTED = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** Marks an error whose request never reached the panel, so that no layer calls the write unsure. */
const NOT_SENT = Symbol.for('virtfusion-sdk.notSent');

/** Whether `error` is a failure before any connection to the panel was made. */
export function neverReachedPanel(error: unknown): boolean {
  return error !== null && typeof error === 'object' && (error as { [NOT_SENT]?: true })[NOT_SENT] === true;
}

/** What a failure without an answer means for the call: only a write that reached the panel is unsure. */
function consequence(method: string, connected: boolean): string {
  if (method === 'GET' || method === 'HEAD') return '';
  return connected ? ' A write may or may not have been applied.' : ' The request never reached the panel, so nothing was applied.';
}

/** How an exchange that produced no answer failed, as the typed error the SDK promises. */
export function exchangeFailure(ctx: RequestContext, error: unknown, failure: { timedOut: boolean; token: string; cause?: unknown }): VirtFusionError {
  if (error instanceof VirtFusionError) return error;
  const where = { method: ctx.method, url: redactUrl(ctx.url), route: ctx.route };
  if (ctx.signal?.aborted) {
    return new AbortError({ ...where, message: `${ctx.route} was aborted by the caller.`, cause: ctx.signal.reason });
  }
  if (failure.timedOut) {
    return new TimeoutError({
      ...where,
      retryable: true,
      message: `No complete answer from the panel within ${String(ctx.timeout)} ms (${ctx.route}).${consequence(ctx.method, true)}`,
    });
  }
  const reason = redactText(describeCause(error), [failure.token]);
  const host = new URL(ctx.url).host;
  const connected = !NEVER_CONNECTED.has(reason);
  const failed =
    reason === 'ENOTFOUND'
      ? new HostNotFoundError({
          ...where,
          retryable: true,
          message: `The panel's host name ${host} does not resolve (ENOTFOUND) for ${ctx.route}: check the panel URL.${consequence(ctx.method, false)}`,
          cause: failure.cause ?? error,
        })
      : new ConnectionError({
          ...where,
          retryable: true,
          message: `Could not reach the panel at ${host} (${reason}) for ${ctx.route}.${consequence(ctx.method, connected)}`,
          cause: failure.cause ?? error,
        });
  if (!connected) Object.defineProperty(failed, NOT_SENT, { value: true });
  return failed;
}

/** The token inside an `Authorization: Bearer …` value, to keep it out of error messages. */
export function tokenOf(authorization: string): string {
  return authorization.startsWith('Bearer ') ? authorization.slice(7) : authorization;
}
