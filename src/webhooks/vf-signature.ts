import { equalBytes, hmacSha256 } from './crypto';
import { fromHex, toHex, utf8 } from './encoding';
import { WebhookVerificationError } from './errors';
import { bodyText, readHeader, readRawBody, resolveMaxBodyBytes, type WebhookInput } from './input';
import { parseJson } from './parse-event';
import { rawKey, secretList, type WebhookSecret } from './secrets';
import { scrubbingSecrets, secretTexts } from './scrub';

/**
 * The header of the `X-VF-Signature` scheme.
 *
 * @example
 * ```ts
 * headers.set(VF_SIGNATURE_HEADER, await signVfSignature(body, secret));
 * ```
 */
export const VF_SIGNATURE_HEADER = 'X-VF-Signature';

/**
 * The `X-VF-Signature` value for a body: lower-case hex HMAC-SHA256 of the raw body under a shared
 * secret (text is used as its UTF-8 bytes; there is no `whsec_` decoding in this scheme). For
 * compatibility with panels that already use this header; it signs no timestamp, so it gives no
 * replay protection: prefer {@link signWebhook} for new systems.
 *
 * @example
 * ```ts
 * const body = JSON.stringify(payload);
 * await fetch(target, { method: 'POST', body, headers: { 'X-VF-Signature': await signVfSignature(body, secret) } });
 * ```
 */
export async function signVfSignature(body: string | Uint8Array, secret: WebhookSecret): Promise<string> {
  return toHex(await hmacSha256(rawKey(secret), typeof body === 'string' ? utf8(body) : body));
}

/** Options of {@link verifyVfSignature}. */
export interface VerifyVfSignatureOptions {
  /** The shared secret, or several while rotating. */
  secret: WebhookSecret | readonly WebhookSecret[];
  /** The largest body accepted, in bytes. Default 1 MiB. */
  maxBodyBytes?: number | undefined;
}

/** A request whose `X-VF-Signature` checked out. */
export interface VerifiedVfSignature {
  /** The raw body text. */
  body: string;
  /** The body parsed as JSON. */
  payload: unknown;
}

/**
 * Verifies `X-VF-Signature` (hex HMAC-SHA256 of the raw body; an optional `sha256=` prefix and
 * upper-case hex are accepted) in constant time, then parses the body as JSON. Failures are
 * {@link WebhookVerificationError}s: `missing_signature`, `bad_signature`, `bad_json`. Nothing
 * here guards against replays; de-duplicate on an id inside the payload.
 *
 * @example
 * ```ts
 * const { payload } = await verifyVfSignature(request, { secret: process.env.VF_SIGNING_SECRET! });
 * ```
 */
export async function verifyVfSignature(input: WebhookInput, options: VerifyVfSignatureOptions): Promise<VerifiedVfSignature> {
  const secrets = secretList(options.secret);
  return scrubbingSecrets(secretTexts(secrets), () => verifyVf(input, secrets, options));
}

async function verifyVf(input: WebhookInput, secrets: readonly WebhookSecret[], options: VerifyVfSignatureOptions): Promise<VerifiedVfSignature> {
  const keys = secrets.map(rawKey);
  const body = await readRawBody(input, resolveMaxBodyBytes(options.maxBodyBytes));
  const header = readHeader(input.headers, VF_SIGNATURE_HEADER);
  if (header === undefined || header.trim() === '') {
    throw new WebhookVerificationError('missing_signature', { detail: `The request has no ${VF_SIGNATURE_HEADER} header.`, header: VF_SIGNATURE_HEADER });
  }
  const given = fromHex(header.trim().replace(/^sha256=/i, ''));
  const expected = await Promise.all(keys.map((key) => hmacSha256(key, body)));
  let matched = false;
  for (const signature of expected) matched = (given !== undefined && equalBytes(signature, given)) || matched;
  if (!matched) {
    throw new WebhookVerificationError('bad_signature', {
      detail: given === undefined ? `${VF_SIGNATURE_HEADER} is not hexadecimal.` : `${VF_SIGNATURE_HEADER} does not match a configured secret.`,
      header: VF_SIGNATURE_HEADER,
    });
  }
  const text = bodyText(body);
  return { body: text, payload: parseJson(text) };
}
