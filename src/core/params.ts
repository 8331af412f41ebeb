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

const INTEGER_TEXT = /^-?\d+$/;
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;
const compiledPatterns = new Map<string, RegExp>();

function patternOf(source: string): RegExp {
  let pattern = compiledPatterns.get(source);
  if (pattern === undefined) compiledPatterns.set(source, (pattern = new RegExp(source, 'u')));
  return pattern;
}

function inEnum(values: readonly (string | number | boolean)[], text: string): boolean {
  for (const value of values) if (String(value) === text) return true;
  return false;
}

/** The string to send for a value its rule accepts, or a message saying why it does not. */
function scalarText(rule: ParamRule, value: unknown): { text: string } | { problem: string } {
  const types = rule.types;
  const integer = types.includes('integer');
  const number = types.includes('number');
  const string = types.includes('string');
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { problem: `must be ${expected(rule)}, got ${describe(value)}` };
    if (integer && !number && !Number.isSafeInteger(value)) return { problem: `must be an integer, got ${describe(value)}` };
    if (!integer && !number) return { problem: `must be ${expected(rule)}, got ${describe(value)}` };
    text = String(value);
  } else if (typeof value === 'boolean') {
    if (!types.includes('boolean')) return { problem: `must be ${expected(rule)}, got ${describe(value)}` };
    text = value ? 'true' : 'false';
  } else if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) return { problem: 'contains a lone surrogate (half of a UTF-16 pair), which cannot be sent; pass well-formed text' };
    if (string) {
      if (value === '') return { problem: 'must not be empty' };
      text = value;
    } else if ((integer || number) && INTEGER_TEXT.test(value)) {
      // "42" or "042", as integrations that read ids from URLs send them, goes out as 42; a string
      // past 2^53 would be sent as a different number, so it is refused.
      if (integer && !number && !Number.isSafeInteger(Number(value))) return { problem: `must be an integer, got ${describe(value)}` };
      text = String(Number(value));
    } else if (number && value.trim() !== '' && Number.isFinite(Number(value))) {
      text = value;
    } else if (types.includes('boolean') && (value === 'true' || value === 'false')) {
      text = value;
    } else {
      return { problem: `must be ${expected(rule)}, got ${describe(value)}` };
    }
  } else {
    return { problem: `must be ${expected(rule)}, got ${describe(value)}` };
  }
  if (rule.minimum === undefined && rule.maximum === undefined && rule.enum === undefined && rule.pattern === undefined) return { text };

  const asNumber = Number(text);
  const isNumeric = typeof value === 'number' || ((integer || number) && DECIMAL_TEXT.test(text) && !string);
  if (isNumeric && rule.minimum !== undefined && asNumber < rule.minimum) return { problem: `must be at least ${rule.minimum}, got ${text}` };
  if (isNumeric && rule.maximum !== undefined && asNumber > rule.maximum) return { problem: `must be at most ${rule.maximum}, got ${text}` };
  const listed = rule.enum === undefined || inEnum(rule.enum, text);
  // The pattern constrains the string form only; an integer is judged by the integer rules above.
  const matches = rule.pattern === undefined || (integer && INTEGER_TEXT.test(text)) || patternOf(rule.pattern).test(text);
  if (rule.enum !== undefined && rule.pattern !== undefined ? !listed && !matches : !listed || !matches) {
    const values = (rule.enum ?? []).map((v) => JSON.stringify(v)).join(', ');
    const form = rule.pattern === undefined ? undefined : (rule.patternTitle ?? `a value matching /${rule.pattern}/`);
    const accepted = rule.enum === undefined ? form : form === undefined ? `one of ${values}` : `one of ${values} or ${form}`;
    return { problem: `must be ${accepted}, got ${describe(value)}` };
  }
  return { text };
}

/**
 * Checks one scalar value against its rule and returns it as the string to send. Numeric strings
 * are accepted for integer parameters (ids often arrive from URLs). `place`, `name` and `index`
 * (of a list item) make the path of an issue.
 */
export function checkScalar(place: 'path' | 'query', name: string, index: number | undefined, rule: ParamRule, value: unknown, issues: InputIssue[]): string | undefined {
  // The common case, an integer id given as a number, needs no further checks.
  if (typeof value === 'number' && Number.isSafeInteger(value) && rule.minimum === undefined && rule.maximum === undefined && rule.enum === undefined && rule.types.includes('integer')) {
    return String(value);
  }
  const checked = scalarText(rule, value);
  if ('text' in checked) return checked.text;
  issues.push({ path: index === undefined ? [place, name] : [place, name, index], message: checked.problem });
  return undefined;
}

/** Expands a query value into the strings to send, checking each item. */
export function checkQueryValue(name: string, rule: ParamRule, value: unknown, issues: InputIssue[]): string[] {
  if (Array.isArray(value)) {
    if (rule.array !== true) {
      issues.push({ path: ['query', name], message: `takes a single value, not a list` });
      return [];
    }
    return value.flatMap((item: Scalar, index) => {
      const text = checkScalar('query', name, index, rule, item, issues);
      return text === undefined ? [] : [text];
    });
  }
  const text = checkScalar('query', name, undefined, rule, value, issues);
  return text === undefined ? [] : [text];
}
