import type { OperationInfo } from '../core/operation-info';
import { closest } from '../core/suggest';
import { UsageError } from './errors';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export type ParamValues = Record<string, string | string[]>;

/** What `virtfusion call` sends: the route, and the parameters sorted into path and query. */
export interface CallTarget {
  route: string;
  path: ParamValues;
  query: ParamValues;
}

function splitRoute(words: readonly string[]): { method: string; path: string; rest: readonly string[] } {
  const [first, second, ...others] = words;
  if (first === undefined) throw new UsageError('call needs a route, such as: virtfusion call "GET /servers/{serverId}" serverId=42');
  const inline = /^\s*([A-Za-z]+)\s+(\S+)\s*$/.exec(first);
  if (inline) return { method: inline[1]!.toUpperCase(), path: inline[2]!, rest: words.slice(1) };
  if (METHODS.has(first.toUpperCase()) && second !== undefined && second.startsWith('/')) return { method: first.toUpperCase(), path: second, rest: others };
  throw new UsageError(`a route is written "METHOD /path", such as "GET /servers/{serverId}" (got ${JSON.stringify(first)})`);
}

function normalizePath(path: string): string {
  let clean = path.split('?')[0]!.replace(/\/+$/, '');
  if (clean.startsWith('/api/v1/')) clean = clean.slice('/api/v1'.length);
  return clean === '' ? '/' : clean;
}

/** Matches a concrete path (`/servers/42/power/boot`) to a template, preferring literal segments. */
function matchTemplate(method: string, path: string, operations: Readonly<Record<string, OperationInfo>>): { route: string; values: ParamValues } | undefined {
  const segments = path.split('/');
  let best: { route: string; values: ParamValues; literals: number } | undefined;
  for (const [route, info] of Object.entries(operations)) {
    if (info.method !== method) continue;
    const template = info.path.split('/');
    if (template.length !== segments.length) continue;
    const values: ParamValues = {};
    let literals = 0;
    const fits = template.every((part, i) => {
      const name = /^\{(.+)\}$/.exec(part)?.[1];
      if (name === undefined) {
        literals += part === segments[i] ? 1 : 0;
        return part === segments[i];
      }
      values[name] = decodeURIComponent(segments[i]!);
      return segments[i] !== '';
    });
    if (fits && (best === undefined || literals > best.literals)) best = { route, values, literals };
  }
  return best && { route: best.route, values: best.values };
}

function describeParams(info: OperationInfo): string {
  const path = Object.keys(info.pathParams);
  const query = Object.keys(info.queryParams);
  if (path.length === 0 && query.length === 0) return 'it takes no parameters';
  const parts = [path.length > 0 ? `path: ${path.join(', ')}` : '', query.length > 0 ? `query: ${query.join(', ')}` : ''].filter(Boolean);
  return `it takes ${parts.join('; ')}`;
}

function add(target: ParamValues, key: string, value: string, forceList: boolean): void {
  const previous = target[key];
  if (previous === undefined) target[key] = forceList ? [value] : value;
  else target[key] = [...(Array.isArray(previous) ? previous : [previous]), value];
}

function splitPair(word: string, where: string): { key: string; list: boolean; value: string } {
  const at = word.indexOf('=');
  if (at <= 0) throw new UsageError(`${where} takes key=value pairs (got ${JSON.stringify(word)})`);
  const raw = word.slice(0, at);
  const list = raw.endsWith('[]');
  return { key: list ? raw.slice(0, -2) : raw, list, value: word.slice(at + 1) };
}

/**
 * Reads `call`'s words: the route (a template, or a concrete path whose values fill the template)
 * and `key=value` pairs, each of which must name one of the route's path or query parameters.
 * `--path`/`--query` pairs are added as given; the SDK checks them before sending.
 */
export function resolveCall(
  words: readonly string[],
  operations: Readonly<Record<string, OperationInfo>>,
  extra: { path?: readonly string[] | undefined; query?: readonly string[] | undefined } = {},
): CallTarget {
  const { method, path: rawPath, rest } = splitRoute(words);
  const path = normalizePath(rawPath);
  let route = `${method} ${path}`;
  const pathValues: ParamValues = {};
  if (!Object.hasOwn(operations, route)) {
    const matched = matchTemplate(method, path, operations);
    if (matched === undefined) {
      const sameMethod = Object.keys(operations).filter((r) => r.startsWith(`${method} `));
      const suggestion = closest(route, sameMethod.length > 0 ? sameMethod : Object.keys(operations)) ?? closest(route, Object.keys(operations));
      const otherMethods = [...METHODS].filter((other) => matchTemplate(other, path, operations) !== undefined);
      const hint = otherMethods.length > 0 ? `; ${path} takes ${otherMethods.join(', ')}` : suggestion ? `; did you mean "${suggestion}"?` : '; list them with virtfusion routes';
      throw new UsageError(`unknown route "${route}"${hint}`);
    }
    route = matched.route;
    Object.assign(pathValues, matched.values);
  }
  const info = operations[route]!;
  const query: ParamValues = {};
  for (const word of rest) {
    const { key, list, value } = splitPair(word, 'call');
    if (Object.hasOwn(info.pathParams, key)) {
      if (pathValues[key] !== undefined) throw new UsageError(`${key} is given twice`);
      pathValues[key] = value;
    } else if (Object.hasOwn(info.queryParams, key)) {
      add(query, key, value, list);
    } else {
      throw new UsageError(`${key} is not a parameter of ${route}; ${describeParams(info)}`);
    }
  }
  for (const word of extra.path ?? []) {
    const { key, value } = splitPair(word, '--path');
    if (pathValues[key] !== undefined) throw new UsageError(`${key} is given twice`);
    pathValues[key] = value;
  }
  for (const word of extra.query ?? []) {
    const { key, list, value } = splitPair(word, '--query');
    add(query, key, value, list);
  }
  return { route, path: pathValues, query };
}
