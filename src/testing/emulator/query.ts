import { invalid } from './answers';

/** A query string as PHP reads it: `name[]=a&name[]=b` becomes `{ name: ['a', 'b'] }`. */
export type Query = Record<string, string | string[]>;

export function parseQuery(params: URLSearchParams): Query {
  const query: Query = {};
  for (const [key, value] of params) {
    if (key.endsWith('[]')) {
      const name = key.slice(0, -2);
      const previous = query[name];
      query[name] = Array.isArray(previous) ? [...previous, value] : [value];
    } else {
      query[key] = value;
    }
  }
  return query;
}

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/** A boolean flag (`true`/`false`/`1`/`0`); anything else is a 422, as Laravel's `boolean` rule. */
export function queryBoolean(query: Query, name: string): boolean | undefined {
  const value = single(query, name);
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw invalid(`The ${name} field must be true or false.`);
}

/** An integer within bounds, or undefined when absent. */
export function queryInteger(query: Query, name: string, min: number, max: number): number | undefined {
  const value = single(query, name);
  if (value === undefined || value === '') return undefined;
  if (!/^-?\d+$/.test(value)) throw invalid(`The ${name} field must be an integer.`);
  const number = Number(value);
  if (number < min || number > max) {
    throw invalid(max === Number.MAX_SAFE_INTEGER ? `The ${name} field must be at least ${min}.` : `The ${name} field must be between ${min} and ${max}.`);
  }
  return number;
}

export function queryString(query: Query, name: string): string | undefined {
  return single(query, name);
}

export function queryList(query: Query, name: string): string[] {
  const value = query[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
