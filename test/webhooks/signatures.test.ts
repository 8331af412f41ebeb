import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/index';
import { parseWebhookEvent, signVfSignature, signWebhook, verifySignedWebhook, verifyVfSignature } from '../../src/webhooks/index';
import { assertNoSecret, rejection } from './fixtures';

// The public test vector of the Standard Webhooks specification and its reference libraries.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const VECTOR_NOW = VECTOR.timestamp * 1000;

function vectorHeaders(signature = VECTOR.signature, timestamp = String(VECTOR.timestamp)): Record<string, string> {
  return { 'webhook-id': VECTOR.id, 'webhook-timestamp': timestamp, 'webhook-signature': signature };
}

describe('Standard Webhooks', () => {
  it('signs the specification test vector to its expected signature', async () => {
    const headers = await signWebhook({ id: VECTOR.id, timestamp: VECTOR.timestamp, body: VECTOR.body, secret: VECTOR.secret });
    expect(headers).toEqual(vectorHeaders());
    const fromDate = await signWebhook({ id: VECTOR.id, timestamp: new Date(VECTOR_NOW + 999), body: new TextEncoder().encode(VECTOR.body), secret: VECTOR.secret });
    expect(fromDate['webhook-signature']).toBe(VECTOR.signature);
  });

  it('verifies the test vector, from a Request and from { headers, body }', async () => {
    const expected = { id: VECTOR.id, timestamp: VECTOR.timestamp, body: VECTOR.body, payload: { test: 2432232314 } };
    const request = new Request('https://relay.example/in', { method: 'POST', headers: vectorHeaders(), body: VECTOR.body });
    expect(await verifySignedWebhook(request, { secret: VECTOR.secret, now: VECTOR_NOW })).toEqual(expected);
    expect(await verifySignedWebhook({ headers: vectorHeaders(), body: VECTOR.body }, { secrets: [VECTOR.secret], now: VECTOR_NOW })).toEqual(expected);
  });

  it('accepts the key as raw bytes, and a raw text secret as its UTF-8 bytes', async () => {
    const key = Uint8Array.from(atob('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'), (char) => char.charCodeAt(0));
    expect((await signWebhook({ id: VECTOR.id, timestamp: VECTOR.timestamp, body: VECTOR.body, secret: key }))['webhook-signature']).toBe(VECTOR.signature);
    const raw = await signWebhook({ id: 'msg_1', timestamp: VECTOR.timestamp, body: '{}', secret: 'plain-shared-secret' });
    const utf8 = await signWebhook({ id: 'msg_1', timestamp: VECTOR.timestamp, body: '{}', secret: new TextEncoder().encode('plain-shared-secret') });
    expect(raw['webhook-signature']).toBe(utf8['webhook-signature']);
    expect(raw['webhook-signature']).not.toBe(VECTOR.signature);
    await expect(verifySignedWebhook({ headers: raw, body: '{}' }, { secret: 'plain-shared-secret', now: VECTOR_NOW })).resolves.toMatchObject({ id: 'msg_1' });
  });

  it('rotation: signs once per secret, and any listed signature matching any secret verifies', async () => {
    const headers = await signWebhook({ id: 'msg_rot', timestamp: VECTOR.timestamp, body: '{"a":1}', secret: ['old-secret-1', VECTOR.secret] });
    const signatures = headers['webhook-signature'].split(' ');
    expect(signatures).toHaveLength(2);
    expect(signatures.every((signature) => /^v1,[A-Za-z0-9+/]{43}=$/.test(signature))).toBe(true);
    for (const secret of ['old-secret-1', VECTOR.secret]) {
      await expect(verifySignedWebhook({ headers, body: '{"a":1}' }, { secret, now: VECTOR_NOW })).resolves.toMatchObject({ payload: { a: 1 } });
    }
    const mixed = vectorHeaders(`v1a,c29tZXRoaW5nIGVsc2U= v1,bm90LXRoaXMtb25l ${VECTOR.signature}`);
    await expect(verifySignedWebhook({ headers: mixed, body: VECTOR.body }, { secret: ['whsec_AAAA', VECTOR.secret], now: VECTOR_NOW })).resolves.toMatchObject({ id: VECTOR.id });
  });

  it('generates an id and uses the current time when none is given', async () => {
    const before = Math.floor(Date.now() / 1000);
    const headers = await signWebhook({ body: '{}', secret: VECTOR.secret });
    expect(headers['webhook-id']).toMatch(/^msg_[0-9a-f-]{36}$/);
    expect(Number(headers['webhook-timestamp'])).toBeGreaterThanOrEqual(before);
    expect(Number(headers['webhook-timestamp'])).toBeLessThanOrEqual(before + 2);
    await expect(verifySignedWebhook({ headers, body: '{}' }, { secret: VECTOR.secret })).resolves.toMatchObject({ payload: {} });
  });

  it('missing_header without webhook-id or webhook-timestamp; missing_signature without webhook-signature', async () => {
    for (const name of ['webhook-id', 'webhook-timestamp']) {
      const headers = vectorHeaders();
      delete headers[name];
      const error = await rejection(verifySignedWebhook({ headers, body: VECTOR.body }, { secret: VECTOR.secret, now: VECTOR_NOW }), 'missing_header');
      expect([error.status, error.header]).toEqual([400, name]);
    }
    const headers = vectorHeaders();
    delete headers['webhook-signature'];
    const error = await rejection(verifySignedWebhook({ headers, body: VECTOR.body }, { secret: VECTOR.secret, now: VECTOR_NOW }), 'missing_signature');
    expect([error.status, error.header]).toEqual([400, 'webhook-signature']);
  });

  it.each([
    ['a changed body', vectorHeaders(), '{"test": 2432232315}'],
    ['a changed id', { ...vectorHeaders(), 'webhook-id': 'msg_other' }, VECTOR.body],
    ['a changed timestamp', vectorHeaders(VECTOR.signature, String(VECTOR.timestamp + 1)), VECTOR.body],
    ['a truncated signature', vectorHeaders(VECTOR.signature.slice(0, -2)), VECTOR.body],
    ['no v1 signature', vectorHeaders('v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='), VECTOR.body],
    ['a signature that is not base64', vectorHeaders('v1,!!!'), VECTOR.body],
  ])('bad_signature (400) for %s', async (_case, headers, body) => {
    const error = await rejection(verifySignedWebhook({ headers, body }, { secret: VECTOR.secret, now: VECTOR_NOW + 1000 }), 'bad_signature');
    expect(error.status).toBe(400);
    assertNoSecret(error, [VECTOR.secret, 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw']);
  });

  it('bad_signature under a wrong secret, with the secret absent from the error', async () => {
    const error = await rejection(verifySignedWebhook({ headers: vectorHeaders(), body: VECTOR.body }, { secret: 'whsec_c2VjcmV0LXdyb25n', now: VECTOR_NOW }), 'bad_signature');
    expect(error.message).toContain('No signature in webhook-signature matches a configured secret.');
    assertNoSecret(error, ['whsec_c2VjcmV0LXdyb25n', 'c2VjcmV0LXdyb25n']);
  });

  it('stale and future one second beyond five minutes, accepted at exactly five minutes', async () => {
    const input = () => ({ headers: vectorHeaders(), body: VECTOR.body });
    await expect(verifySignedWebhook(input(), { secret: VECTOR.secret, now: VECTOR_NOW + 300_000 })).resolves.toMatchObject({ id: VECTOR.id });
    await expect(verifySignedWebhook(input(), { secret: VECTOR.secret, now: VECTOR_NOW - 300_000 })).resolves.toMatchObject({ id: VECTOR.id });
    const stale = await rejection(verifySignedWebhook(input(), { secret: VECTOR.secret, now: VECTOR_NOW + 301_000 }), 'stale');
    expect(stale.message).toContain('webhook-timestamp is 301 s old');
    const future = await rejection(verifySignedWebhook(input(), { secret: VECTOR.secret, now: VECTOR_NOW - 301_000 }), 'future');
    expect(future.message).toContain('webhook-timestamp is 301 s in the future');
    await rejection(verifySignedWebhook(input(), { secret: VECTOR.secret, now: VECTOR_NOW + 11_000, tolerance: 10 }), 'stale');
  });

  it('bad_timestamp for a signed timestamp that is not unix seconds', async () => {
    const headers = await signWebhook({ id: 'msg_ts', timestamp: VECTOR.timestamp, body: '{}', secret: VECTOR.secret });
    // Re-sign with a malformed timestamp: the signature is right, the timestamp is not a number.
    const key = Uint8Array.from(atob('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'), (char) => char.charCodeAt(0));
    const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, new TextEncoder().encode('msg_ts.16142e5.{}')));
    const signature = `v1,${btoa(String.fromCharCode(...mac))}`;
    const error = await rejection(
      verifySignedWebhook({ headers: { ...headers, 'webhook-timestamp': '16142e5', 'webhook-signature': signature }, body: '{}' }, { secret: VECTOR.secret, now: VECTOR_NOW }),
      'bad_timestamp',
    );
    expect(error.status).toBe(400);
  });

  it('bad_json for a correctly signed body that is not JSON; parsed_body for an object', async () => {
    const headers = await signWebhook({ id: 'msg_txt', timestamp: VECTOR.timestamp, body: 'hello', secret: VECTOR.secret });
    await rejection(verifySignedWebhook({ headers, body: 'hello' }, { secret: VECTOR.secret, now: VECTOR_NOW }), 'bad_json');
    await rejection(verifySignedWebhook({ headers, body: { hello: 1 } as never }, { secret: VECTOR.secret, now: VECTOR_NOW }), 'parsed_body');
  });

  it('a relayed VirtFusion delivery parses with parseWebhookEvent', async () => {
    const body = JSON.stringify({ event: 'server.boot', hookId: 1, hookEventId: 2, data: { errors: [], server: { id: 3 } } });
    const headers = await signWebhook({ id: 'msg_vf', body, secret: VECTOR.secret });
    const { payload } = await verifySignedWebhook({ headers, body }, { secret: VECTOR.secret });
    expect(parseWebhookEvent(payload)).toMatchObject({ known: true, event: 'server.boot', data: { server: { id: 3 } } });
  });

  it.each([
    [{ body: '{}', secret: [] }],
    [{ body: '{}', secret: '' }],
    [{ body: '{}', secret: 'whsec_' }],
    [{ body: '{}', secret: 'whsec_not base64!' }],
    [{ body: '{}', secret: VECTOR.secret, id: 'has space' }],
    [{ body: '{}', secret: VECTOR.secret, timestamp: 1.5 }],
  ])('signWebhook(%j) is a ConfigurationError', async (options) => {
    await expect(signWebhook(options as never)).rejects.toBeInstanceOf(ConfigurationError);
  });

  it('verifySignedWebhook without a secret is a ConfigurationError', async () => {
    await expect(verifySignedWebhook({ headers: vectorHeaders(), body: VECTOR.body }, {})).rejects.toBeInstanceOf(ConfigurationError);
  });
});

describe('X-VF-Signature', () => {
  // HMAC-SHA256("vf-shared-secret", '{"event":"server.boot"}'), computed independently with openssl.
  const SECRET = 'vf-shared-secret';
  const BODY = '{"event":"server.boot"}';
  const HEX = 'da119129a7589a1ec136a3e6778fe099f390d1a23f16191b8abf75e5c8302c6f';

  it('signs as lower-case hex HMAC-SHA256 of the raw body', async () => {
    const signature = await signVfSignature(BODY, SECRET);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(signature).toBe(HEX);
    expect(await signVfSignature(new TextEncoder().encode(BODY), new TextEncoder().encode(SECRET))).toBe(HEX);
  });

  it('verifies lower-case, upper-case and sha256=-prefixed signatures, and any of several secrets', async () => {
    for (const header of [HEX, HEX.toUpperCase(), `sha256=${HEX}`]) {
      const request = new Request('https://receiver.example/', { method: 'POST', headers: { 'X-VF-Signature': header }, body: BODY });
      expect(await verifyVfSignature(request, { secret: SECRET })).toEqual({ body: BODY, payload: { event: 'server.boot' } });
    }
    await expect(verifyVfSignature({ headers: { 'x-vf-signature': HEX }, body: BODY }, { secret: ['older-secret', SECRET] })).resolves.toMatchObject({ body: BODY });
  });

  it('missing_signature, bad_signature, bad_json', async () => {
    const missing = await rejection(verifyVfSignature({ headers: {}, body: BODY }, { secret: SECRET }), 'missing_signature');
    expect([missing.status, missing.header]).toEqual([400, 'X-VF-Signature']);
    const changed = await rejection(verifyVfSignature({ headers: { 'x-vf-signature': HEX }, body: `${BODY} ` }, { secret: SECRET }), 'bad_signature');
    expect(changed.message).toContain('does not match a configured secret');
    assertNoSecret(changed, [SECRET]);
    const notHex = await rejection(verifyVfSignature({ headers: { 'x-vf-signature': 'zz' }, body: BODY }, { secret: SECRET }), 'bad_signature');
    expect(notHex.message).toContain('is not hexadecimal');
    await rejection(verifyVfSignature({ headers: { 'x-vf-signature': HEX.slice(0, 62) }, body: BODY }, { secret: SECRET }), 'bad_signature');
    const text = 'plain text';
    await rejection(verifyVfSignature({ headers: { 'x-vf-signature': await signVfSignature(text, SECRET) }, body: text }, { secret: SECRET }), 'bad_json');
  });
});
