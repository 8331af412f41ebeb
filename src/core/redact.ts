const REDACTED = '[REDACTED]';

/** Replaces every occurrence of each secret (and its base64 form) in a text. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of [secret, encodeBase64(secret)]) out = out.split(form).join(REDACTED);
  }
  return out;
}

/** Applies `redactText` to every string inside a parsed JSON value. */
export function redactValue<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === 'string') return redactText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactValue(item, secrets)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = redactValue(item, secrets);
    return out as T;
  }
  return value;
}

/** A URL without user name, password or fragment, safe to put in an error. */
export function redactUrl(url: URL | string): string {
  const copy = new URL(String(url));
  copy.username = '';
  copy.password = '';
  copy.hash = '';
  return copy.href;
}

function encodeBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
