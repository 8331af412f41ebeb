const REDACTED = '[REDACTED]';

/** The forms in which a secret may come back: as is, and base64 (padded or not, standard or URL alphabet). */
function formsOf(secret: string): string[] {
  const base64 = encodeBase64(secret);
  const unpadded = base64.replace(/=+$/, '');
  const urlSafe = unpadded.replace(/\+/g, '-').replace(/\//g, '_');
  return [...new Set([secret, base64, unpadded, urlSafe])].filter((form) => form.length >= 4).sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of each secret (and its base64 forms) in a text. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of formsOf(secret)) if (out.includes(form)) out = out.split(form).join(REDACTED);
  }
  return out;
}

/** Applies `redactText` to every string inside a parsed JSON value, object keys included. */
export function redactValue<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === 'string') return redactText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactValue(item, secrets)) as T;
  if (value !== null && typeof value === 'object' && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[redactText(key, secrets)] = redactValue(item, secrets);
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
