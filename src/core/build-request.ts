import type { BodyCheck } from './body-check';
import { InputValidationError, type InputIssue } from './errors';
import type { OperationInfo } from './operation-info';
import { checkQueryValue, checkScalar } from './params';

export interface RequestParts {
  path?: Record<string, unknown> | undefined;
  query?: Record<string, unknown> | undefined;
  body?: unknown;
}

export interface BuiltRequest {
  url: URL;
  body: string | undefined;
}

const NONE: Record<string, unknown> = Object.freeze({});

const PLACEHOLDER = /\{([^}]+)\}/g;

/** An operation's path split around its placeholders, and its required query names: worked out once. */
interface CompiledOperation {
  /** Literal text between placeholders; one more than `names`. */
  readonly literals: readonly string[];
  readonly names: readonly string[];
  readonly requiredQuery: readonly string[];
}

const compiled = new WeakMap<OperationInfo, CompiledOperation>();

function compile(operation: OperationInfo): CompiledOperation {
  let known = compiled.get(operation);
  if (known === undefined) {
    const pieces = operation.path.split(PLACEHOLDER);
    known = {
      literals: pieces.filter((_, index) => index % 2 === 0),
      names: pieces.filter((_, index) => index % 2 === 1),
      requiredQuery: Object.keys(operation.queryParams).filter((name) => operation.queryParams[name]?.required === true),
    };
    compiled.set(operation, known);
  }
  return known;
}

function fillPath(operation: OperationInfo, shape: CompiledOperation, values: Record<string, unknown>, issues: InputIssue[]): string {
  for (const name in values) {
    if (Object.hasOwn(values, name) && !Object.hasOwn(operation.pathParams, name)) issues.push({ path: ['path', name], message: `is not a parameter of ${operation.path}` });
  }
  let path = shape.literals[0]!;
  for (let index = 0; index < shape.names.length; index += 1) {
    path += segment(operation, shape.names[index]!, values, issues) + shape.literals[index + 1]!;
  }
  return path;
}

function segment(operation: OperationInfo, name: string, values: Record<string, unknown>, issues: InputIssue[]): string {
  const rule = operation.pathParams[name] ?? { types: ['string'] as const };
  const value = Object.hasOwn(values, name) ? values[name] : undefined;
  if (value === undefined || value === null) {
    issues.push({ path: ['path', name], message: 'is required' });
    return '_';
  }
  const text = checkScalar('path', name, undefined, rule, value, issues);
  if (text === undefined) return '_';
  // "." and ".." survive percent-encoding and would be resolved away as path segments.
  if (text === '.' || text === '..') {
    issues.push({ path: ['path', name], message: `must not be ${JSON.stringify(text)}` });
    return '_';
  }
  return encodeURIComponent(text);
}

function appendQuery(url: URL, operation: OperationInfo, shape: CompiledOperation, query: Record<string, unknown>, issues: InputIssue[]): void {
  for (const name of shape.requiredQuery) {
    const given = Object.hasOwn(query, name) ? query[name] : undefined;
    if (given === undefined || given === null) issues.push({ path: ['query', name], message: 'is required' });
  }
  for (const name in query) {
    if (!Object.hasOwn(query, name)) continue;
    const value = query[name];
    if (value === undefined || value === null) continue;
    // Own keys only: `constructor`, `__proto__` or `toString` must never find a rule on a prototype.
    const rule = Object.hasOwn(operation.queryParams, name) ? operation.queryParams[name] : undefined;
    if (rule === undefined) {
      issues.push({ path: ['query', name], message: undeclaredQuery(operation) });
      continue;
    }
    const texts = checkQueryValue(name, rule, value, issues);
    const phpArray = Array.isArray(value) || rule.array === true;
    for (const text of texts) url.searchParams.append(phpArray ? `${name}[]` : name, text);
  }
}

function undeclaredQuery(operation: OperationInfo): string {
  const accepted = Object.keys(operation.queryParams);
  return `is not a query parameter of ${operation.method} ${operation.path}; ${accepted.length === 0 ? 'it takes none' : `it takes ${accepted.join(', ')}`}`;
}

/**
 * Builds the URL and body of one operation, checking every parameter against the
 * operation table first. Throws `InputValidationError` listing every problem; nothing is sent.
 */
export function buildRequest(
  baseUrl: URL,
  route: string,
  operation: OperationInfo,
  parts: RequestParts,
  checkBody?: BodyCheck,
): BuiltRequest {
  const issues: InputIssue[] = [];
  const shape = compile(operation);
  const path = fillPath(operation, shape, parts.path ?? NONE, issues);
  const url = new URL(baseUrl.href + path);
  if (parts.query !== undefined || shape.requiredQuery.length > 0) appendQuery(url, operation, shape, parts.query ?? NONE, issues);

  let body: string | undefined;
  if (parts.body !== undefined) {
    if (operation.body === 'none') {
      issues.push({ path: ['body'], message: `${route} takes no request body` });
    } else {
      if (checkBody !== undefined) issues.push(...checkBody(parts.body));
      try {
        body = JSON.stringify(parts.body);
      } catch (error) {
        issues.push({ path: ['body'], message: `cannot be serialised as JSON (${(error as Error).message})` });
      }
    }
  } else if (operation.body === 'required') {
    const form = operation.bodyFields === undefined ? '' : `: send { ${operation.bodyFields.join(', ')} }`;
    issues.push({ path: ['body'], message: `is required by ${route}${form}` });
  }

  if (issues.length > 0) {
    throw new InputValidationError({ issues, method: operation.method, route, message: `Invalid request for ${route}: ${issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}` });
  }
  return { url, body };
}
