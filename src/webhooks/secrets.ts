import { ConfigurationError } from '../core/errors';
import { fromBase64, utf8 } from './encoding';

/**
 * A shared HMAC secret: text or raw key bytes. For Standard Webhooks, text starting with `whsec_`
 * is the base64 of the key (the standard's format); any other text is used as its UTF-8 bytes.
 */
export type WebhookSecret = string | Uint8Array;

const STANDARD_PREFIX = 'whsec_';

/** The HMAC key of a Standard Webhooks secret: `whsec_` + base64, other text as UTF-8, or bytes. */
export function standardWebhookKey(secret: WebhookSecret): Uint8Array {
  if (typeof secret === 'string' && secret.startsWith(STANDARD_PREFIX)) {
    const key = fromBase64(secret.slice(STANDARD_PREFIX.length));
    if (key === undefined || key.byteLength === 0) {
      throw new ConfigurationError({ message: 'A `whsec_` secret must be followed by the base64 of a non-empty key.' });
    }
    return key;
  }
  return rawKey(secret);
}

/** The HMAC key of a plain secret: text as its UTF-8 bytes, or the bytes themselves. */
export function rawKey(secret: WebhookSecret): Uint8Array {
  const key = typeof secret === 'string' ? utf8(secret) : secret;
  if (!(key instanceof Uint8Array) || key.byteLength === 0) {
    throw new ConfigurationError({ message: 'A webhook secret must be a non-empty string or Uint8Array.' });
  }
  return key;
}

/** One secret or several (while rotating) as a non-empty list. */
export function secretList(secret: WebhookSecret | readonly WebhookSecret[] | undefined): readonly WebhookSecret[] {
  const list = secret === undefined ? [] : typeof secret === 'string' || secret instanceof Uint8Array ? [secret] : secret;
  if (list.length === 0) throw new ConfigurationError({ message: 'No webhook secret given: pass `secret` (or several as `secrets`).' });
  return list;
}
