import type { Route } from '../../generated/operations';

/** What a handler returns: a status, an optional JSON body and extra headers. */
export interface Answer {
  status: number;
  /** Serialised as JSON; `undefined` sends no body at all. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** A refusal raised anywhere below the router; its body is shaped by the route's error family. */
export class Problem extends Error {
  readonly status: number;
  readonly messages: readonly string[];
  readonly headers: Record<string, string>;

  constructor(status: number, messages: string | readonly string[], headers: Record<string, string> = {}) {
    const list = typeof messages === 'string' ? [messages] : messages;
    super(list.join('; '));
    this.status = status;
    this.messages = list;
    this.headers = headers;
  }
}

export const ok = (body: unknown): Answer => ({ status: 200, body });
export const created = (body?: unknown): Answer => ({ status: 201, body });
export const noContent = (): Answer => ({ status: 204 });

export const notFound = (message: string): Problem => new Problem(404, message);
export const invalid = (...messages: string[]): Problem => new Problem(422, messages);
export const conflict = (message: string): Problem => new Problem(409, message);
export const locked = (message: string): Problem => new Problem(423, message);

/**
 * Routes whose error family is known (`x-error-format` in the OpenAPI document). Every other
 * route answers 422 with `{errors: [...]}` and the other client errors with `{msg}`.
 */
const ERROR_FAMILIES: Partial<Record<Route, 'errors' | 'msg'>> = {
  'POST /servers': 'errors',
  'GET /servers/{serverId}': 'msg',
  'DELETE /servers/{serverId}': 'msg',
  'POST /servers/{serverId}/build': 'msg',
  'POST /servers/{serverId}/power/boot': 'msg',
  'POST /servers/{serverId}/power/shutdown': 'msg',
  'POST /servers/{serverId}/power/restart': 'msg',
  'POST /servers/{serverId}/power/poweroff': 'msg',
};

/** Statuses that Laravel's own layers answer (auth, throttle, routing, crashes), with `{message}`. */
const FRAMEWORK_STATUSES = new Set([403, 405, 429, 500, 503]);

/** The JSON body of a refusal, or undefined for a 401 (the panel sends none). */
export function problemBody(route: Route | undefined, problem: Problem): unknown {
  if (problem.status === 401) return undefined;
  if (FRAMEWORK_STATUSES.has(problem.status)) return { message: problem.messages.join(' ') };
  const family = (route && ERROR_FAMILIES[route]) ?? (problem.status === 422 ? 'errors' : 'msg');
  return family === 'errors' ? { errors: [...problem.messages] } : { msg: problem.messages.join('; ') };
}
