import type { RequestContext } from './middleware';

/**
 * The parts of a call's context that most calls never touch, made when a layer first reads them.
 *
 * Headers: while no layer has looked at them they are a plain record the transport can send as
 * is. `ctx.headers` turns them into a `Headers` the first time a layer reads or replaces it
 * (spreading the context reads it too), and from then on the transport sends `ctx.headers`.
 * Building two `Headers` a call, one for the context and one for the wire, was a measurable share
 * of the SDK's cost per request. `ctx.state` is likewise a Map made on first use.
 */
interface HeaderState {
  readonly record: Readonly<Record<string, string>>;
  headers: Headers | undefined;
}

const HEADER_STATE = Symbol('virtfusion-sdk.headerState');
const STATE_MAP = Symbol('virtfusion-sdk.stateMap');

type WithHeaderState = RequestContext & { [HEADER_STATE]?: HeaderState };

type WithoutHeaders = Omit<RequestContext, 'headers' | 'state'> & { [HEADER_STATE]?: HeaderState; [STATE_MAP]?: Map<string | symbol, unknown> };

/** Accessors shared by every context: a getter or setter per context would cost more than what they make. */
const LAZY_PARTS: PropertyDescriptorMap = {
  headers: {
    get(this: WithoutHeaders): Headers {
      const state = this[HEADER_STATE]!;
      return (state.headers ??= new Headers(state.record));
    },
    set(this: WithoutHeaders, value: Headers) {
      this[HEADER_STATE]!.headers = value;
    },
    enumerable: true,
    configurable: true,
  },
  state: {
    get(this: WithoutHeaders): Map<string | symbol, unknown> {
      return (this[STATE_MAP] ??= new Map());
    },
    enumerable: true,
    configurable: true,
  },
};

/** Completes a request context with `headers` made from `record`, and `state`, each when a layer first reads it. */
export function withLazyParts(ctx: Omit<RequestContext, 'headers' | 'state'>, record: Readonly<Record<string, string>>): RequestContext {
  (ctx as WithoutHeaders)[HEADER_STATE] = { record, headers: undefined };
  return Object.defineProperties(ctx, LAZY_PARTS) as RequestContext;
}

/** The headers to send for `ctx`, with `authorization` added: a plain record when no layer touched them. */
export function wireHeaders(ctx: RequestContext, authorization: string): Record<string, string> | Headers {
  const state = (ctx as WithHeaderState)[HEADER_STATE];
  if (state !== undefined && state.headers === undefined) return { ...state.record, authorization };
  const headers = new Headers(ctx.headers);
  headers.set('authorization', authorization);
  return headers;
}
