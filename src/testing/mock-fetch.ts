import type { FetchLike } from '../core/transport';
import { OPERATIONS, type Route } from '../generated/operations';

/** What a mock handler receives: the matched route, its path parameters, query and parsed body. */
export interface MockRequest {
  route: Route;
  path: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: Headers;
}

/** A handler's answer: a Response, or a status with an optional JSON body and headers. */
export type MockAnswer = Response | { status?: number; body?: unknown; headers?: Record<string, string> };

export type MockHandler = (request: MockRequest) => MockAnswer | Promise<MockAnswer>;

/** One request the mock received, in order. */
export interface MockCall {
  method: string;
  url: string;
  route: Route | undefined;
  body: unknown;
  status: number;
}

export interface MockFetch {
  fetch: FetchLike;
  /** Every request received so far. */
  calls: MockCall[];
}

interface CompiledRoute {
  route: Route;
  method: string;
  pattern: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const { method, path } = OPERATIONS[route];
  const names: string[] = [];
  const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+)\\?\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, method, pattern: new RegExp(`/api/v1${source}$`), names };
}

function toResponse(answer: MockAnswer): Response {
  if (answer instanceof Response) return answer;
  const status = answer.status ?? 200;
  const empty = answer.body === undefined || status === 204;
  return new Response(empty ? null : JSON.stringify(answer.body), {
    status,
    headers: { ...(empty ? {} : { 'content-type': 'application/json' }), ...answer.headers },
  });
}

/**
 * A fetch for unit tests that answers by route template. Unhandled routes answer 404 `{msg}`,
 * as the panel does. For a stateful stand-in of the whole API, use the emulator.
 *
 * @example
 * ```ts
 * const mock = createMockFetch({
 *   'GET /servers/{serverId}': ({ path }) => ({ body: { data: { id: Number(path.serverId) } } }),
 * });
 * const vf = new VirtFusion({ url: 'https://panel.test', token: 't0ken', fetch: mock.fetch });
 * ```
 */
export function createMockFetch(handlers: Partial<Record<Route, MockHandler>>): MockFetch {
  const routes = (Object.keys(handlers) as Route[]).map(compile);
  const calls: MockCall[] = [];
  const fetch: FetchLike = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input as string, init);
    const url = new URL(request.url);
    const text = request.body === null ? '' : await request.text();
    const body: unknown = text === '' ? undefined : JSON.parse(text);
    for (const candidate of routes) {
      if (candidate.method !== request.method) continue;
      const match = candidate.pattern.exec(url.pathname);
      if (match === null) continue;
      const path = Object.fromEntries(candidate.names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
      const handler = handlers[candidate.route]!;
      const response = toResponse(await handler({ route: candidate.route, path, query: url.searchParams, body, headers: request.headers }));
      calls.push({ method: request.method, url: url.href, route: candidate.route, body, status: response.status });
      return response;
    }
    calls.push({ method: request.method, url: url.href, route: undefined, body, status: 404 });
    return toResponse({ status: 404, body: { msg: `no mock for ${request.method} ${url.pathname}` } });
  };
  return { fetch, calls };
}
