import { ConfigurationError } from './errors';

/** Checks a token's form without ever putting the token into the message. */
export function assertUsableToken(token: unknown, source: string): asserts token is string {
  if (typeof token !== 'string' || token.trim() === '') {
    throw new ConfigurationError({ message: `${source} is missing: pass the API token made in the panel under Configuration → API.` });
  }
  if (/^bearer\s/i.test(token)) {
    throw new ConfigurationError({ message: `${source} starts with "Bearer ": give the bare token; the SDK adds the scheme itself.` });
  }
  // Control characters or spaces would corrupt (or inject into) the Authorization header.
  if (/[\s\u0000-\u001f\u007f]/.test(token)) {
    throw new ConfigurationError({ message: `${source} contains whitespace or control characters; copy the token again without them.` });
  }
  // A header carries bytes: fetch refuses any character above U+00FF (a pasted zero-width space, a smart quote).
  const wide = /[^\u0000-\u00ff]/u.exec(token);
  if (wide !== null) {
    const codePoint = wide[0].codePointAt(0)!;
    const name = CHARACTER_NAMES[codePoint];
    throw new ConfigurationError({
      message: `${source} contains U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}${name ? ` (${name})` : ''} at character ${wide.index + 1} of ${token.length}, which an HTTP header cannot carry; copy the token again from the panel (Configuration → API), without it.`,
    });
  }
}

/** Characters that slip into pasted tokens, by code point. */
const CHARACTER_NAMES: Record<number, string> = {
  0x200b: 'zero-width space',
  0x200c: 'zero-width non-joiner',
  0x200d: 'zero-width joiner',
  0x2060: 'word joiner',
  0xfeff: 'byte order mark',
  0x2018: 'left single quotation mark',
  0x2019: 'right single quotation mark',
  0x201c: 'left double quotation mark',
  0x201d: 'right double quotation mark',
  0x2013: 'en dash',
  0x2014: 'em dash',
  0x2026: 'horizontal ellipsis',
};

const SALT = 'virtfusion-sdk:';

type NodeCrypto = { createHash(algorithm: string): { update(data: string): { digest(encoding: 'hex'): string } } };

function nodeCrypto(): NodeCrypto | undefined {
  const processLike = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return processLike?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
}

/**
 * A short, stable, non-reversible id for a token: safe in cache keys, limiter keys and logs.
 * Synchronous on Node (so the first request costs no extra turn of the event loop); Web Crypto elsewhere.
 */
export function fingerprintToken(token: string): string | Promise<string> {
  const crypto_ = nodeCrypto();
  if (crypto_ !== undefined) return crypto_.createHash('sha256').update(SALT + token).digest('hex').slice(0, 32);
  return crypto.subtle.digest('SHA-256', new TextEncoder().encode(SALT + token)).then((digest) =>
    Array.from(new Uint8Array(digest).slice(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join(''),
  );
}
