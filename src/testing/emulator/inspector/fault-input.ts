import { FAULT_KINDS, type FaultKind, type FaultRule } from '../faults';

/** A fault rule from the JSON API that cannot be used; `field` names the culprit. */
export class FaultInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'FaultInputError';
  }
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const FIELDS = new Set(['kind', 'probability', 'method', 'route', 'times', 'ms', 'retryAfter']);

function numberField(input: Record<string, unknown>, field: string, check: (n: number) => boolean, wanted: string): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !check(value)) throw new FaultInputError(field, `${field} must be ${wanted}`);
  return value;
}

function methodField(value: unknown): string | string[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0) throw new FaultInputError('method', 'method must be an HTTP method or a list of them');
  const methods = list.map((m: unknown) => {
    if (typeof m !== 'string' || !METHODS.has(m.toUpperCase())) throw new FaultInputError('method', `method must be one of ${[...METHODS].join(', ')}`);
    return m.toUpperCase();
  });
  return typeof value === 'string' ? methods[0] : methods;
}

/**
 * Reads a fault rule sent to the inspector's API: the same fields as the `faults` option, each
 * checked, unknown fields refused.
 */
export function parseFaultRule(input: unknown): FaultRule {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new FaultInputError('(body)', 'the body must be a JSON object: a fault rule');
  const record = input as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!FIELDS.has(key)) throw new FaultInputError(key, `unknown field ${key}; a rule has ${[...FIELDS].join(', ')}`);
  const { kind } = record;
  if (typeof kind !== 'string' || !FAULT_KINDS.includes(kind as FaultKind)) throw new FaultInputError('kind', `kind must be one of ${FAULT_KINDS.join(', ')}`);
  const rule: FaultRule = { kind: kind as FaultKind };
  const probability = numberField(record, 'probability', (n) => n >= 0 && n <= 1, 'a number from 0 to 1');
  if (probability !== undefined) rule.probability = probability;
  const method = methodField(record.method);
  if (method !== undefined) rule.method = method;
  if (record.route !== undefined && record.route !== null && record.route !== '') {
    if (typeof record.route !== 'string' || (!record.route.trim().startsWith('/') && !/^[A-Z]+\s+\//i.test(record.route.trim()))) {
      throw new FaultInputError('route', "route must be a template ('GET /servers/{serverId}') or a path glob ('/servers/*')");
    }
    rule.route = record.route.trim();
  }
  const times = numberField(record, 'times', (n) => Number.isInteger(n) && n >= 0, 'a whole number of at least 0');
  if (times !== undefined) rule.times = times;
  const ms = numberField(record, 'ms', (n) => Number.isFinite(n) && n >= 0 && n <= 600_000, 'milliseconds from 0 to 600000');
  if (ms !== undefined) rule.ms = ms;
  const retryAfter = numberField(record, 'retryAfter', (n) => Number.isInteger(n) && n >= 0, 'a whole number of seconds');
  if (retryAfter !== undefined) rule.retryAfter = retryAfter;
  return rule;
}
