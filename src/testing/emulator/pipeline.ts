import type { Route } from '../../generated/operations';
import { Problem, problemBody, type Answer } from './answers';
import { scopeOf, type TokenRegistry } from './auth';
import { HANDLERS } from './handlers';
import type { Query } from './query';
import type { RateLimiter } from './rate-limit';
import type { RouteLookup } from './router';
import type { EmulatorStore } from './state/store';

/** A request as the pipeline sees it: already read and parsed. */
export interface IncomingCall {
  method: string;
  pathname: string;
  query: Query;
  lookup: RouteLookup;
  authorization: string | undefined;
  /** Raw body text ('' when none). */
  text: string;
  /** Parsed JSON, or the text when it does not parse. */
  body: unknown;
  bodyIsJson: boolean;
}

export interface PipelineDeps {
  store: EmulatorStore;
  tokens: TokenRegistry;
  rateLimiter: RateLimiter | undefined;
  origin: string;
}

/** What goes back on the wire. */
export interface Outgoing {
  status: number;
  headers: Record<string, string>;
  /** JSON text; undefined sends no body. */
  text: string | undefined;
}

function toOutgoing(route: Route | undefined, answer: Answer | Problem, extraHeaders: Record<string, string>): Outgoing {
  const status = answer.status;
  const body = answer instanceof Problem ? problemBody(route, answer) : answer.body;
  const headers = { ...extraHeaders, ...answer.headers };
  const text = body === undefined || status === 204 ? undefined : JSON.stringify(body);
  return { status, headers, text };
}

/**
 * Answers one call the way the panel's stack does, in order: routing (404/405), the token (401,
 * no body), the rate limit (429), the token's scope (403), the body (422 when it is not JSON),
 * then the operation's handler.
 */
export function answerCall(call: IncomingCall, deps: PipelineDeps): Outgoing {
  const { lookup } = call;
  if (lookup.kind === 'none') return toOutgoing(undefined, new Problem(404, 'The requested endpoint does not exist'), {});
  if (lookup.kind === 'wrong-method') {
    const allowed = lookup.allowed.join(', ');
    const message = `The ${call.method} method is not supported for route ${call.pathname.replace(/^\//, '')}. Supported methods: ${allowed}.`;
    return toOutgoing(undefined, new Problem(405, message, { allow: allowed }), {});
  }
  const { route } = lookup;
  const token = deps.tokens.identify(call.authorization);
  if (token === undefined) return toOutgoing(route, new Problem(401, ''), {});

  const limits: Record<string, string> = {};
  if (deps.rateLimiter) {
    const verdict = deps.rateLimiter.hit(token.id);
    limits['x-ratelimit-limit'] = String(verdict.limit);
    limits['x-ratelimit-remaining'] = String(verdict.remaining);
    if (!verdict.allowed) {
      const headers = { 'retry-after': String(verdict.retryAfter), 'x-ratelimit-reset': String(verdict.resetAt) };
      return toOutgoing(route, new Problem(429, 'Too Many Attempts.', headers), limits);
    }
  }
  if (!token.allows(route)) {
    return toOutgoing(route, new Problem(403, `This action is unauthorized: the API token has no '${scopeOf(route)}' permission.`), limits);
  }
  if (call.text.trim() !== '' && !call.bodyIsJson) return toOutgoing(route, new Problem(422, 'The request body is not valid JSON.'), limits);

  const now = deps.store.clock.now();
  try {
    const answer = HANDLERS[route]({
      store: deps.store,
      route,
      params: lookup.params,
      query: call.query,
      body: call.bodyIsJson ? call.body : undefined,
      now,
      pageUrl: `${deps.origin}${call.pathname}`,
      origin: deps.origin,
    });
    return toOutgoing(route, answer, limits);
  } catch (error) {
    if (error instanceof Problem) return toOutgoing(route, error, limits);
    throw error;
  }
}
