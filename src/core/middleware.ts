import type { Reporter } from '../middleware/events';

/** The per-call setting of the retry layer when it is not `false`. */
export interface CallRetryOptions {
  /** Allow retrying a method that is not idempotent (a POST), for a call you know is safe to repeat. */
  unsafe?: boolean | undefined;
}

/** Per-call knobs that reach every middleware through `ctx.options`. */
export interface CallOptions {
  /** Cancels the request (and any waiting a middleware does for it). */
  signal?: AbortSignal | undefined;
  /** Milliseconds for this call, from sending to the last byte of the answer; `false` for none. */
  timeout?: number | false | undefined;
  /** Extra request headers. `Authorization` is refused: the client owns it. */
  headers?: Record<string, string> | undefined;
  /** Middleware for this call only, run inside the client's own. */
  middleware?: readonly Middleware[] | undefined;
  /** `false`: send this call once, whatever happens. `{ unsafe: true }`: let the retry layer retry it even if it is a POST. */
  retry?: false | CallRetryOptions | undefined;
  /** `false`: bypass the response cache for this call (nothing read from it, nothing stored). */
  cache?: false | undefined;
}

/** One request as it travels through the middleware onion to the transport. */
export interface RequestContext {
  /** Route template, e.g. `GET /servers/{serverId}`. */
  readonly route: string;
  readonly operationId: string;
  readonly method: string;
  url: URL;
  /** Request headers, without `Authorization`: the transport adds it last, so no layer sees the token. */
  headers: Headers;
  /** JSON text of the body. A string, so that every attempt can send a fresh request. */
  body: string | undefined;
  signal: AbortSignal | undefined;
  timeout: number | false;
  /** A non-reversible fingerprint of the token, for keys shared between clients (cache, limiter). */
  readonly credentialId: string;
  readonly options: Readonly<CallOptions>;
  /** 1 for the first attempt; a retry layer increments it. */
  attempt: number;
  /** Scratch space for middleware to pass facts along. */
  readonly state: Map<string | symbol, unknown>;
  /** Reports events to the client's `vf.on()` listeners and warnings to its logger. */
  readonly reporter?: Reporter | undefined;
}

/** Sends the request on to the next layer (with a changed context, if given). */
export type Next = (ctx?: RequestContext) => Promise<Response>;

/** A layer of the onion: it may change the request, answer it, or wrap what `next` returns. */
export type Middleware = (ctx: RequestContext, next: Next) => Promise<Response>;

/** What answers a request: the onion's innermost layer, or a whole composed onion. */
export type Handler = (ctx: RequestContext) => Promise<Response>;

/**
 * Performs the HTTP exchange, below every middleware: `kyTransport()` (the default) or
 * `fetchTransport()`. It sends `ctx` with `authorization` (the client adds it only here, so that
 * no layer sees the token), reads the whole body within `ctx.timeout`, and answers with a
 * buffered Response; a failure without an answer is a typed error (Connection, Timeout, Abort).
 */
export interface Transport {
  /** `'ky'` or `'fetch'`, for diagnostics. */
  readonly kind: string;
  send(ctx: RequestContext, authorization: string): Promise<Response>;
}

/**
 * Set in `ctx.state` by a layer that must see each exchange on the wire (after every other layer:
 * one per attempt, after the limiter's wait), for tracing. It calls `send` once.
 */
export const AROUND_TRANSPORT: unique symbol = Symbol.for('virtfusion-sdk.aroundTransport');

/** What a layer puts under {@link AROUND_TRANSPORT}. */
export type AroundTransport = (ctx: RequestContext, send: Handler) => Promise<Response>;

/** Runs `layers` outermost first around `transport`. */
export function compose(layers: readonly Middleware[], transport: Handler): Handler {
  const dispatch = (index: number, ctx: RequestContext): Promise<Response> => {
    const layer = layers[index];
    if (layer === undefined) {
      const around = ctx.state.get(AROUND_TRANSPORT) as AroundTransport | undefined;
      return around === undefined ? transport(ctx) : around(ctx, transport);
    }
    return layer(ctx, (next = ctx) => dispatch(index + 1, next));
  };
  return (ctx) => dispatch(0, ctx);
}
