/** What the inspector shows in place of a secret. */
export const MASK = '••••••';

/** Keys whose values are secrets wherever they appear (passwords, tokens, credentials). */
const SECRET_KEY = /password|secret|token|authorization|api[-_]?key/i;

/**
 * A copy of `value` without secrets: values under secret-looking keys become {@link MASK}, and every
 * occurrence of a known secret (the API tokens, webhook tokens) inside a string is masked too.
 */
export function maskSecrets(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return maskText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, secrets));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && (typeof item === 'string' || typeof item === 'number') && item !== '' ? maskValue(item) : maskSecrets(item, secrets);
  }
  return out;
}

/** The scheme of a credential stays readable (`Bearer ••••••`); the rest goes. */
function maskValue(value: string | number): string {
  const scheme = typeof value === 'string' ? /^(Bearer|Basic)\s+/i.exec(value) : null;
  return scheme ? `${scheme[1]} ${MASK}` : MASK;
}

function maskText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(MASK);
  return out;
}
