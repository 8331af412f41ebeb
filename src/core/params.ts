import type { InputIssue } from './errors';
import type { ParamRule } from './operation-info';

type Scalar = string | number | boolean;

/** In Unicode mode a pair counts as one code point, so only a half without its partner matches. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function describe(value: unknown): string {
  // A long string is not quoted: a cut would keep part of whatever it holds (a pasted token, say) past redaction.
  if (typeof value === 'string') return value.length > 40 ? `a ${value.length}-character string` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return typeof value;
}

function expected(rule: ParamRule): string {
  const parts = rule.types.map((t) => (t === 'integer' ? 'an integer' : t === 'boolean' ? 'a boolean' : t === 'number' ? 'a number' : 'a string'));
  return parts.join(' or ');
}

/**
 * Checks one scalar value against its rule and returns it as the string to send.
 * Numeric strings are accepted for integer parameters (ids often arrive from URLs).
 */
export function checkScalar(where: (string | number)[], rule: ParamRule, value: unknown, issues: InputIssue[]): string | undefined {
  const problem = (message: string): undefined => {
    issues.push({ path: where, message });
    return undefined;
  };
  let text: string | undefined;
  const allows = (t: ParamRule['types'][number]): boolean => rule.types.includes(t);

  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return problem(`must be ${expected(rule)}, got ${describe(value)}`);
    if (allows('integer') && !allows('number') && !Number.isSafeInteger(value)) {
      return problem(`must be an integer, got ${describe(value)}`);
    }
    if (!allows('integer') && !allows('number')) return problem(`must be ${expected(rule)}, got ${describe(value)}`);
    text = String(value);
  } else if (typeof value === 'boolean') {
    if (!allows('boolean')) return problem(`must be ${expected(rule)}, got ${describe(value)}`);
    text = value ? 'true' : 'false';
  } else if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) return problem('contains a lone surrogate (half of a UTF-16 pair), which cannot be sent; pass well-formed text');
    const numeric = /^-?\d+$/.test(value);
    if (allows('string')) {
      if (value === '') return problem('must not be empty');
      text = value;
    } else if ((allows('integer') || allows('number')) && numeric) {
      text = String(Number(value));
    } else if (allows('number') && value.trim() !== '' && Number.isFinite(Number(value))) {
      text = value;
    } else if (allows('boolean') && (value === 'true' || value === 'false')) {
      text = value;
    } else {
      return problem(`must be ${expected(rule)}, got ${describe(value)}`);
    }
  } else {
    return problem(`must be ${expected(rule)}, got ${describe(value)}`);
  }

  const asNumber = Number(text);
  const isNumeric = typeof value === 'number' || ((allows('integer') || allows('number')) && /^-?\d+(\.\d+)?$/.test(text) && !allows('string'));
  if (isNumeric && rule.minimum !== undefined && asNumber < rule.minimum) {
    return problem(`must be at least ${rule.minimum}, got ${text}`);
  }
  if (isNumeric && rule.maximum !== undefined && asNumber > rule.maximum) {
    return problem(`must be at most ${rule.maximum}, got ${text}`);
  }
  const inEnum = rule.enum === undefined || rule.enum.map(String).includes(text);
  // The pattern constrains the string form only; an integer is judged by the integer rules above.
  const asInteger = allows('integer') && /^-?\d+$/.test(text);
  const matches = rule.pattern === undefined || asInteger || new RegExp(rule.pattern, 'u').test(text);
  if (rule.enum !== undefined && rule.pattern !== undefined ? !inEnum && !matches : !inEnum || !matches) {
    const values = (rule.enum ?? []).map((v) => JSON.stringify(v)).join(', ');
    const form = rule.pattern === undefined ? undefined : (rule.patternTitle ?? `a value matching /${rule.pattern}/`);
    const accepted = rule.enum === undefined ? form : form === undefined ? `one of ${values}` : `one of ${values} or ${form}`;
    return problem(`must be ${accepted}, got ${describe(value)}`);
  }
  return text;
}

/** Expands a query value into the strings to send, checking each item. */
export function checkQueryValue(name: string, rule: ParamRule, value: unknown, issues: InputIssue[]): string[] {
  if (Array.isArray(value)) {
    if (rule.array !== true) {
      issues.push({ path: ['query', name], message: `takes a single value, not a list` });
      return [];
    }
    return value.flatMap((item: Scalar, index) => {
      const text = checkScalar(['query', name, index], rule, item, issues);
      return text === undefined ? [] : [text];
    });
  }
  const text = checkScalar(['query', name], rule, value, issues);
  return text === undefined ? [] : [text];
}
