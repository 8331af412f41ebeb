import { ConfigurationError } from '../core/errors';
import { asBytes, concatBytes, decodeUtf8, utf8 } from './encoding';
import { WebhookVerificationError } from './errors';

/**
 * Request headers as a Web `Headers` object or a plain record (such as Node's `req.headers`,
 * whose names are lower-case and whose repeated headers are arrays). Names match case-insensitively.
 */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** The raw body, exactly as it arrived: text, or bytes. */
export type RawWebhookBody = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/**
 * A delivery to verify: a Web `Request`, or its headers and raw body. Give the body exactly as it
 * arrived; a parsed object fails with the `parsed_body` reason.
 *
 * @example
 * ```ts
 * // Fastify with a raw-body content parser, or any framework that exposes the raw text:
 * await verifyWebhook({ headers: req.headers, body: req.rawBody }, { token });
 * ```
 */
export type WebhookInput = Request | { headers: WebhookHeaders; body: RawWebhookBody | null | undefined };

/** 1 MiB: far above any VirtFusion delivery, far below what could exhaust memory. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Checks a `maxBodyBytes` option, defaulting to {@link DEFAULT_MAX_BODY_BYTES}. */
export function resolveMaxBodyBytes(maxBodyBytes: number | undefined): number {
  const bytes = maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(bytes) || bytes <= 0) {
    throw new ConfigurationError({ message: '`maxBodyBytes` must be a positive whole number of bytes.' });
  }
  return bytes;
}

/** Reads one header case-insensitively; repeated headers are joined the way `Headers` joins them. */
export function readHeader(headers: WebhookHeaders, name: string): string | undefined {
  if (isHeaders(headers)) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    if (typeof value === 'string') values.push(value);
    else if (Array.isArray(value)) values.push(...value.filter((item): item is string => typeof item === 'string'));
  }
  return values.length === 0 ? undefined : values.join(', ');
}

/** Reads a header that must be present and non-blank, else fails with `missing_header`. */
export function requireHeader(headers: WebhookHeaders, name: string): string {
  const value = readHeader(headers, name);
  if (value === undefined || value.trim() === '') {
    throw new WebhookVerificationError('missing_header', { detail: `The request has no ${name} header.`, header: name });
  }
  return value;
}

// Duck-typed rather than `instanceof`, so that a Headers or Request from another realm or a
// polyfill is recognised too.
function isHeaders(headers: WebhookHeaders): headers is Headers {
  return typeof (headers as { get?: unknown }).get === 'function';
}

function isRequest(input: WebhookInput): input is Request {
  const candidate = input as Partial<Request>;
  return typeof candidate.bodyUsed === 'boolean' && typeof candidate.arrayBuffer === 'function';
}

/** Reads the raw body of a delivery, enforcing the size limit and the raw-body rules. */
export async function readRawBody(input: WebhookInput, maxBytes: number): Promise<Uint8Array> {
  return isRequest(input) ? readRequestBody(input, maxBytes) : bodyBytes(input.body, maxBytes);
}

/** The body's text; bytes that are not UTF-8 fail as `bad_json`, since JSON is UTF-8. */
export function bodyText(bytes: Uint8Array): string {
  const text = decodeUtf8(bytes);
  if (text === undefined) throw new WebhookVerificationError('bad_json', { detail: 'The body is not valid UTF-8.' });
  return text;
}

function bodyBytes(body: unknown, maxBytes: number): Uint8Array {
  let bytes: Uint8Array;
  if (body === undefined || body === null) bytes = new Uint8Array(0);
  else if (typeof body === 'string') bytes = utf8(body);
  else if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) bytes = asBytes(body);
  else {
    throw new WebhookVerificationError('parsed_body', {
      detail: `The body was given as ${Array.isArray(body) ? 'an array' : typeof body === 'object' ? 'an object' : `a ${typeof body}`}, not as the raw text or bytes.`,
    });
  }
  if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
  return bytes;
}

async function readRequestBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (request.bodyUsed || request.body?.locked === true) {
    throw new WebhookVerificationError('body_consumed', { detail: 'The Request body was already read.' });
  }
  if (request.body === null) return new Uint8Array(0);
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);

  if (typeof request.body.getReader !== 'function') {
    const whole = new Uint8Array(await request.arrayBuffer());
    if (whole.byteLength > maxBytes) throw tooLarge(maxBytes);
    return whole;
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return concatBytes(...chunks);
}

/** The error for a body over the limit. */
export function tooLarge(maxBytes: number): WebhookVerificationError {
  return new WebhookVerificationError('body_too_large', { detail: `The body is larger than maxBodyBytes (${maxBytes} bytes).` });
}
