import { InputValidationError, type InputIssue } from './errors';
import type { CallOptions } from './middleware';
import type { CallParts } from './sender';

/** A value of a path placeholder or a query parameter of {@link RawOptions}. */
export type RawScalar = string | number | boolean;

/** Options of `vf.raw(route, options)`: what to fill in and send, plus the usual call controls. */
export interface RawOptions extends Omit<CallOptions, 'retry'> {
  /** Values of the route's `{placeholders}`, each encoded as one path segment. */
  path?: Record<string, string | number> | undefined;
  /** Query parameters; a list is sent PHP-style (`name[]=a&name[]=b`), undefined and null are left out. */
  query?: Record<string, RawScalar | readonly RawScalar[] | null | undefined> | undefined;
  /** A JSON body, sent as given: nothing checks it against the panel's rules. */
  body?: unknown;
  /** `false`: send this call once. Raw calls are retried only when their method is idempotent. */
  retry?: false | undefined;
}


const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const ROUTE = /^([A-Za-z]+) +(\S+)$/;
const CONTROL = /[\u0000-\u001f\u007f]/;
const PLACEHOLDER = /\{([^{}]*)\}/g;

function refuse(route: string, issues: InputIssue[], hint: string): never {
  throw new InputValidationError({
    issues,
    route: typeof route === 'string' ? route : undefined,
    message: `vf.raw refused ${JSON.stringify(route)}: ${issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}. ${hint}`,
  });
}

const SHAPE = 'Write routes as "METHOD /path", for example "PUT /users/{id}", with the path under the panel\'s /api/v1.';

/** Splits a raw route into its method and its path under `/api/v1`, refusing what cannot be one. */
function parseRoute(route: unknown, base: URL): { method: string; path: string } {
  const text = typeof route === 'string' ? route : String(route);
  if (typeof route !== 'string') refuse(text, [{ path: ['route'], message: `must be a string, got ${typeof route}` }], SHAPE);
  if (CONTROL.test(route)) refuse(route, [{ path: ['route'], message: 'contains control characters' }], SHAPE);
  const match = ROUTE.exec(route.trim());
  if (match === null) refuse(route, [{ path: ['route'], message: 'has no method' }], SHAPE);
  const method = match[1]!;
  if (!METHODS.has(method)) {
    refuse(route, [{ path: ['route'], message: `has method ${JSON.stringify(method)}; the panel's API takes ${[...METHODS].join(', ')} (upper case)` }], SHAPE);
  }
  let path = match[2]!;
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) {
    let url: URL | undefined;
    try {
      url = new URL(path);
    } catch {
      url = undefined;
    }
    const prefix = base.pathname.replace(/\/$/, '');
    if (url === undefined || url.origin !== base.origin || !(url.pathname === prefix || url.pathname.startsWith(`${prefix}/`)) || url.search !== '' || url.hash !== '') {
      refuse(route, [{ path: ['route'], message: `is a URL outside ${base.href}` }], 'vf.raw only calls the panel the client was made for; give the path under /api/v1.');
    }
    path = url.pathname.slice(prefix.length) || '/';
  }
  if (!path.startsWith('/')) refuse(route, [{ path: ['route'], message: 'has a path that does not start with "/"' }], SHAPE);
  if (/[?#]/.test(path)) refuse(route, [{ path: ['route'], message: 'has a query or fragment in its path' }], 'Pass query parameters in `query`.');
  if (path.includes('\\')) refuse(route, [{ path: ['route'], message: 'has a backslash in its path' }], SHAPE);
  for (const segment of path.split('/')) {
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      refuse(route, [{ path: ['route'], message: `has a malformed escape in ${JSON.stringify(segment)}` }], SHAPE);
    }
    if (decoded === '.' || decoded === '..') refuse(route, [{ path: ['route'], message: `has a ${JSON.stringify(decoded)} segment` }], 'vf.raw paths stay under the panel\'s /api/v1.');
  }
  return { method, path };
}

/** The path with its placeholders filled, each value one encoded segment. */
function fillPath(route: string, path: string, values: Record<string, unknown>, issues: InputIssue[]): string {
  const names = new Set<string>();
  const filled = path.replace(PLACEHOLDER, (_, name: string) => {
    names.add(name);
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined || value === null) {
      issues.push({ path: ['path', name], message: 'is required' });
      return '_';
    }
    if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'string') {
      issues.push({ path: ['path', name], message: `must be a string or a finite number, got ${typeof value}` });
      return '_';
    }
    const text = String(value);
    if (text === '' || text === '.' || text === '..' || CONTROL.test(text)) {
      issues.push({ path: ['path', name], message: `must be a non-empty segment without control characters, not ${JSON.stringify(text)}` });
      return '_';
    }
    return encodeURIComponent(text);
  });
  if (/[{}]/.test(filled)) issues.push({ path: ['route'], message: 'has an unclosed or empty placeholder' });
  for (const name of Object.keys(values)) if (!names.has(name)) issues.push({ path: ['path', name], message: `is not a placeholder of ${route}` });
  return filled;
}

function appendQuery(url: URL, query: NonNullable<RawOptions['query']>, issues: InputIssue[]): void {
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const list = Array.isArray(value);
    for (const item of (list ? value : [value]) as unknown[]) {
      if (typeof item === 'number' ? !Number.isFinite(item) : typeof item !== 'string' && typeof item !== 'boolean') {
        issues.push({ path: ['query', name], message: `must be a string, a finite number or a boolean, got ${typeof item}` });
        continue;
      }
      url.searchParams.append(list ? `${name}[]` : name, String(item));
    }
  }
}

/**
 * The parts of a raw call: its URL under the panel's `/api/v1` (never outside it), its JSON body,
 * and the name events and errors use: the route itself when it is a template, `RAW <METHOD>`
 * otherwise, so that ids in a literal path never become names. Throws `InputValidationError`.
 */
export function rawCallParts(base: URL, route: string, options: RawOptions): CallParts & { path: string } {
  const { method, path } = parseRoute(route, base);
  const issues: InputIssue[] = [];
  const templated = path.includes('{');
  const filled = fillPath(route, path, (options.path ?? {}) as Record<string, unknown>, issues);
  const url = new URL(base.href + filled);
  const prefix = base.pathname.replace(/\/$/, '');
  if (url.origin !== base.origin || !(url.pathname === prefix || url.pathname.startsWith(`${prefix}/`))) {
    refuse(route, [{ path: ['route'], message: `resolves outside ${base.href}` }], 'vf.raw paths stay under the panel\'s /api/v1.');
  }
  if (options.query !== undefined) appendQuery(url, options.query, issues);
  let body: string | undefined;
  if (options.body !== undefined) {
    if (method === 'GET') issues.push({ path: ['body'], message: 'cannot be sent with GET' });
    try {
      body = JSON.stringify(options.body);
    } catch (error) {
      issues.push({ path: ['body'], message: `cannot be serialised as JSON (${(error as Error).message})` });
    }
  }
  const name = templated ? `${method} ${path}` : `RAW ${method}`;
  if (issues.length > 0) refuse(route, issues, 'Nothing was sent.');
  // Only `retry: false` is honoured: a raw call is never retried unless its method is idempotent.
  const call: CallOptions = { ...options, retry: options.retry === false ? false : undefined };
  return { route: name, operationId: 'raw', method, url, body, options: call, path: templated ? path : filled };
}
