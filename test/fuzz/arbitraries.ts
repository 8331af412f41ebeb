import fc from 'fast-check';
import type { ParamRule } from '../../src/index';
import { TOKEN } from '../helpers/recording-fetch';

/** Names that live on `Object.prototype`: a lookup by them in a plain object finds something unless the code guards it. */
export const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__'] as const;

/** Pieces that have broken URL building elsewhere: dot segments, delimiters, escapes, lone surrogates, controls, the token. */
const NASTY = [
  '',
  ' ',
  '.',
  '..',
  '../..',
  '/',
  '//',
  'a/b',
  '?',
  '?x=1',
  '#',
  '#frag',
  '%',
  '%2e%2e',
  '%2F',
  '%00',
  '%ZZ',
  '\\',
  '\ud800',
  '\udfff',
  'a\ud800b',
  '\udc00\ud800',
  '\u0000',
  '\r\n',
  '\u200b',
  '\uffff',
  '😀',
  '0',
  '-1',
  '1e3',
  '007',
  'NaN',
  'true',
  ...PROTOTYPE_NAMES,
  TOKEN,
  `Bearer ${TOKEN}`,
  btoa(TOKEN),
  `x${TOKEN}y`,
];

/** Any string, often built from the pieces above. */
export const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...NASTY), { minLength: 2, maxLength: 4 }).map((parts) => parts.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
);

/** Any value a caller might pass where an id or a query value belongs. */
export const hostileValue = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.nat({ max: 1_000_000 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null, undefined, Number.MAX_SAFE_INTEGER + 2, -0, Infinity, NaN) },
  { weight: 1, arbitrary: fc.bigInt() },
  { weight: 1, arbitrary: fc.array(fc.oneof(hostileString, fc.integer()), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.oneof(fc.object({ maxDepth: 1 }), fc.constant(Object.create(null) as object), fc.constant(new Date(0)), fc.constant(Symbol('s'))) },
);

/** An object with these entries as own properties, `__proto__` included (a literal or `fc.dictionary` could turn it into the prototype). */
export function ownEntries(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  return Object.fromEntries(entries);
}

/** Query keys: the operation's own, prototype names, or anything. */
export function queryKeys(declared: readonly string[]) {
  return fc.oneof(
    ...(declared.length > 0 ? [{ weight: 3, arbitrary: fc.constantFrom(...declared) }] : []),
    { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
    { weight: 2, arbitrary: hostileString },
  );
}

/** A request body: valid-looking JSON, anything, or things JSON cannot hold. */
export const hostileBody = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES, 'name', 'email', 'packageId', 'userId'), hostileString), hostileValue, { maxKeys: 5 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2, withBigInt: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true }) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/** A value the rule accepts (mostly): a number in range, a boolean, one of the enum, or a non-empty string, which may be hostile. */
export function fittingValue(rule: ParamRule) {
  if (rule.enum !== undefined) return fc.constantFrom(...rule.enum);
  const options = rule.types.map((type) => {
    switch (type) {
      case 'integer':
        return fc.integer({ min: rule.minimum ?? 0, max: Math.min(rule.maximum ?? 1_000_000, 1_000_000) });
      case 'number':
        return fc.double({ min: rule.minimum ?? 0, max: rule.maximum ?? 1_000_000, noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'string':
        return hostileString.filter((text) => text !== '' && text !== '.' && text !== '..');
    }
  });
  const one = fc.oneof(...options);
  return rule.array === true ? fc.array(one, { minLength: 1, maxLength: 3 }) : one;
}
