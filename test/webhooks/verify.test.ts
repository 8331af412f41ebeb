import { describe, expect, it } from 'vitest';
import { ConfigurationError, VirtFusionError } from '../../src/index';
import { isWebhookVerificationError, verifyWebhook, WebhookVerificationError } from '../../src/webhooks/index';
import { CREATED, delivery, NOW, partsOf, rejection, TOKEN, TOKEN_BASE64 } from './fixtures';

const options = { token: TOKEN, now: NOW };

describe('verifyWebhook: a genuine delivery', () => {
  it('returns the typed event with the envelope fields as strings', async () => {
    const event = await verifyWebhook(delivery('server.boot', { server: { id: 42, name: 'web-1' } }), options);
    expect(event).toEqual({
      known: true,
      event: 'server.boot',
      eventId: 7,
      created: CREATED,
      hookId: '7',
      hookEventId: '9001',
      eventStatus: 'success',
      controlDomain: 'panel.example',
      controlName: 'VirtFusion',
      controlSupportLink: 'https://panel.example/support',
      data: { errors: [], server: { id: 42, name: 'web-1' } },
    });
  });

  it('accepts { headers, body } with a plain header record, a Headers object, text or bytes', async () => {
    const { headers, body } = await partsOf(delivery('server.boot', { server: { id: 1 } }));
    const upperCased = Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toUpperCase(), value]));
    const bytes = new TextEncoder().encode(body);
    const inputs = [
      { headers, body },
      { headers: upperCased, body: bytes },
      { headers: new Headers(headers), body: bytes.buffer },
      { headers: { ...headers, 'x-virtfusion-event': ['server.boot'] }, body: new DataView(bytes.buffer) },
    ];
    for (const input of inputs) expect((await verifyWebhook(input, options)).hookEventId).toBe('9001');
  });

  it('accepts any of several tokens (rotation), and a Date or a function as now', async () => {
    const rotated = { token: ['old-token-123', TOKEN], now: () => new Date(NOW) };
    expect((await verifyWebhook(delivery('server.boot', { server: { id: 1 } }), rotated)).event).toBe('server.boot');
    const withNew = delivery('server.boot', { server: { id: 1 } }, { token: 'old-token-123' });
    expect((await verifyWebhook(withNew, { token: ['old-token-123', TOKEN], now: new Date(NOW) })).event).toBe('server.boot');
  });

  it('accepts the scheme name in any case and surrounding spaces', async () => {
    const { headers, body } = await partsOf(delivery('server.boot', { server: { id: 1 } }));
    const event = await verifyWebhook({ headers: { ...headers, authorization: `  bearer   ${TOKEN_BASE64} ` }, body }, options);
    expect(event.event).toBe('server.boot');
  });

  it('accepts a delivery exactly at the tolerance edge in both directions, and any age with tolerance Infinity', async () => {
    const request = () => delivery('server.boot', { server: { id: 1 } });
    expect((await verifyWebhook(request(), { token: TOKEN, now: NOW + 300_000 })).event).toBe('server.boot');
    expect((await verifyWebhook(request(), { token: TOKEN, now: NOW - 300_000 })).event).toBe('server.boot');
    expect((await verifyWebhook(request(), { token: TOKEN, now: NOW + 86_400_000 * 365, tolerance: Infinity })).event).toBe('server.boot');
  });

  it('skips the status comparison when the header is absent', async () => {
    const { headers, body } = await partsOf(delivery('server.boot', { server: { id: 1 } }, { eventStatus: 'fail' }));
    delete headers['x-virtfusion-event-status'];
    expect((await verifyWebhook({ headers, body }, options)).eventStatus).toBe('fail');
  });

  it('accepts a timestamp with an offset instead of Z', async () => {
    const request = delivery('server.boot', { server: { id: 1 } }, { created: '2024-11-05T11:11:12.123456+01:00' });
    expect((await verifyWebhook(request, options)).created).toBe('2024-11-05T11:11:12.123456+01:00');
  });
});

describe('verifyWebhook: every failure has its reason, status and no token', () => {
  it('missing_auth (401) when no Authorization header arrives', async () => {
    const request = delivery('server.boot', { server: { id: 1 } }, { token: undefined });
    const error = await rejection(verifyWebhook(request, options), 'missing_auth');
    expect(error.status).toBe(401);
    expect(error.header).toBe('Authorization');
    expect(error.message).toContain('proxy');
    expect(error).toBeInstanceOf(VirtFusionError);
    expect(isWebhookVerificationError(error)).toBe(true);
  });

  it('bad_token (401) for another token, another scheme, or a token sent without base64', async () => {
    const wrong = await rejection(verifyWebhook(delivery('server.boot', {}, { token: 'someone-else' }), options), 'bad_token');
    expect(wrong.status).toBe(401);
    expect(wrong.message).toContain('does not carry any configured token');

    const { headers, body } = await partsOf(delivery('server.boot', { server: { id: 1 } }));
    const basic = await rejection(verifyWebhook({ headers: { ...headers, authorization: `Basic ${TOKEN_BASE64}` }, body }, options), 'bad_token');
    expect(basic.message).toContain('not of the form `Bearer <credential>`');

    const raw = await rejection(verifyWebhook({ headers: { ...headers, authorization: `Bearer ${TOKEN}` }, body }, options), 'bad_token');
    expect(raw.message).toContain('rather than its base64 form');

    // The user pasted the base64 form as `token`: the panel's header then equals the configured value.
    const preEncoded = await rejection(verifyWebhook({ headers, body }, { token: TOKEN_BASE64, now: NOW }), 'bad_token');
    expect(preEncoded.message).toContain('rather than its base64 form');
  });

  it.each(['X-VirtFusion-Event', 'X-VirtFusion-Hook', 'X-VirtFusion-Hook-Event', 'X-VirtFusion-Created'])(
    'missing_header (400) without %s',
    async (name) => {
      const { headers, body } = await partsOf(delivery('server.boot', { server: { id: 1 } }));
      delete headers[name.toLowerCase()];
      const error = await rejection(verifyWebhook({ headers, body }, options), 'missing_header');
      expect([error.status, error.header]).toEqual([400, name]);
    },
  );

  it.each(['yesterday', '2024-11-05 10:11:12', '2024-13-05T10:11:12Z', '2024-02-30T10:11:12Z', '2024-11-05T24:00:00Z', '1730801472'])(
    'bad_timestamp (400) for X-VirtFusion-Created %j',
    async (created) => {
      const error = await rejection(verifyWebhook(delivery('server.boot', { server: { id: 1 } }, { created }), options), 'bad_timestamp');
      expect(error.status).toBe(400);
    },
  );

  it('stale (401) one millisecond past the tolerance, with the age and the clock hint', async () => {
    const error = await rejection(verifyWebhook(delivery('server.boot', {}), { token: TOKEN, now: NOW + 300_001 }), 'stale');
    expect(error.status).toBe(401);
    expect(error.message).toContain('is 300 s old, beyond the 300 s tolerance');
    expect(error.message).toContain('NTP');
  });

  it('future (401) beyond the tolerance the other way, and a custom tolerance in seconds', async () => {
    const error = await rejection(verifyWebhook(delivery('server.boot', {}), { token: TOKEN, now: NOW - 61_000, tolerance: 60 }), 'future');
    expect(error.message).toContain('is 61 s in the future, beyond the 60 s tolerance');
    await expect(verifyWebhook(delivery('server.boot', { server: { id: 1 } }), { token: TOKEN, now: NOW - 59_000, tolerance: 60 })).resolves.toMatchObject({
      event: 'server.boot',
    });
  });

  it.each([
    ['x-virtfusion-event', 'server.build', 'event'],
    ['x-virtfusion-hook', '8', 'hookId'],
    ['x-virtfusion-hook-event', '9002', 'hookEventId'],
    ['x-virtfusion-event-status', 'fail', 'eventStatus'],
  ])('header_mismatch (400) when %s says %s but the body disagrees', async (name, value, field) => {
    const { headers, body } = await partsOf(delivery('server.boot', { server: { id: 1 } }));
    const error = await rejection(verifyWebhook({ headers: { ...headers, [name]: value }, body }, options), 'header_mismatch');
    expect(error.status).toBe(400);
    expect(error.message).toContain(`body's \`${field}\``);
  });

  it('bad_json (400) for a body that is not JSON, is empty, or is not UTF-8, naming the raw-body fix', async () => {
    const { headers } = await partsOf(delivery('server.boot', {}));
    const notJson = await rejection(verifyWebhook({ headers, body: '[object Object]' }, options), 'bad_json');
    expect(notJson.status).toBe(400);
    expect(notJson.message).toContain('express.raw');
    expect((await rejection(verifyWebhook({ headers, body: '' }, options), 'bad_json')).message).toContain('The body is empty.');
    expect((await rejection(verifyWebhook({ headers, body: undefined }, options), 'bad_json')).message).toContain('The body is empty.');
    const latin1 = new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d]);
    expect((await rejection(verifyWebhook({ headers, body: latin1 }, options), 'bad_json')).message).toContain('not valid UTF-8');
  });

  it.each([
    ['[]', 'not a JSON object'],
    ['{"hookId":7,"hookEventId":9001}', 'no `event` name'],
    ['{"event":"server.boot","hookEventId":9001}', 'no `hookId`'],
    ['{"event":"server.boot","hookId":7}', 'no `hookEventId`'],
    ['{"event":"server.boot","hookId":7,"hookEventId":9001,"data":"x"}', '`data` is not an object'],
  ])('bad_payload (400) for %s', async (body, detail) => {
    const { headers } = await partsOf(delivery('server.boot', {}));
    const error = await rejection(verifyWebhook({ headers, body }, options), 'bad_payload');
    expect(error.status).toBe(400);
    expect(error.message).toContain(detail);
  });

  it('body_too_large (413) over maxBodyBytes, for a Request and for raw input', async () => {
    const request = delivery('server.boot', { server: { id: 1 }, padding: 'x'.repeat(2000) });
    const error = await rejection(verifyWebhook(request, { ...options, maxBodyBytes: 1000 }), 'body_too_large');
    expect(error.status).toBe(413);
    const { headers, body } = await partsOf(delivery('server.boot', { padding: 'x'.repeat(2000) }));
    await rejection(verifyWebhook({ headers, body }, { ...options, maxBodyBytes: 1000 }), 'body_too_large');
  });

  it('body_consumed (400) when the Request was read before verification', async () => {
    const request = delivery('server.boot', { server: { id: 1 } });
    await request.json();
    const error = await rejection(verifyWebhook(request, options), 'body_consumed');
    expect(error.status).toBe(400);
    expect(error.message).toContain('request.clone()');
  });

  it('parsed_body (400) when a framework handed over an object', async () => {
    const request = delivery('server.boot', { server: { id: 1 } });
    const { headers } = await partsOf(request.clone());
    const parsed = (await request.json()) as Record<string, unknown>;
    const error = await rejection(verifyWebhook({ headers, body: parsed as never }, options), 'parsed_body');
    expect(error.status).toBe(400);
    expect(error.message).toContain('The body was given as an object');
    expect(error.message).toContain('before express.json()');
  });

  it('checks the token before anything the sender controls beyond the body', async () => {
    const { headers, body } = await partsOf(delivery('server.boot', {}, { token: 'wrong-token-1' }));
    delete headers['x-virtfusion-created'];
    await rejection(verifyWebhook({ headers, body: '{' }, options), 'bad_token');
    await rejection(verifyWebhook({ headers, body }, options), 'bad_token');
  });

  it('serialises to the panel-style envelope without the token', async () => {
    const error = await rejection(verifyWebhook(delivery('server.boot', {}, { token: 'nope-nope' }), options), 'bad_token');
    expect(error.toJSON().error).toMatchObject({ code: 'webhook_verification_failed', statusCode: 401, details: { reason: 'bad_token', header: 'Authorization' }, retryable: false });
    expect(error).toBeInstanceOf(WebhookVerificationError);
  });
});

describe('verifyWebhook: configuration mistakes fail before any delivery', () => {
  it.each([
    [{ token: '' }, 'token'],
    [{ token: [] }, 'token'],
    [{ token: TOKEN, tolerance: -1 }, 'tolerance'],
    [{ token: TOKEN, tolerance: Number.NaN }, 'tolerance'],
    [{ token: TOKEN, maxBodyBytes: 0 }, 'maxBodyBytes'],
  ])('%j is a ConfigurationError naming %s', async (bad, name) => {
    const error = await verifyWebhook(delivery('server.boot', {}), bad as never).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain(`\`${name}\``);
  });
});

describe('verifyWebhook: inputs from other realms and polyfills', () => {
  it('recognises a Headers-like object by its get() and a Request-like object by bodyUsed/arrayBuffer', async () => {
    const request = delivery('server.boot', { server: { id: 1 } });
    const { headers, body } = await partsOf(request);
    const headersLike = { get: (name: string) => headers[name.toLowerCase()] ?? null };
    expect((await verifyWebhook({ headers: headersLike as unknown as Headers, body }, options)).event).toBe('server.boot');

    const bytes = new TextEncoder().encode(body);
    const requestLike = { headers: new Headers(headers), bodyUsed: false, body: {}, arrayBuffer: async () => bytes.buffer };
    expect((await verifyWebhook(requestLike as unknown as Request, options)).event).toBe('server.boot');
    await rejection(verifyWebhook(requestLike as unknown as Request, { ...options, maxBodyBytes: 10 }), 'body_too_large');
  });
});

describe('verifyWebhook: errors never quote the token', () => {
  const places = (error: VirtFusionError) => [error.message, error.stack, JSON.stringify(error), JSON.stringify(error.toJSON())].join('\n');

  it.each([
    ['x-virtfusion-created', TOKEN, 'bad_timestamp'],
    ['x-virtfusion-created', TOKEN_BASE64, 'bad_timestamp'],
    ['x-virtfusion-event', `server.${TOKEN}`, 'header_mismatch'],
    ['x-virtfusion-hook', TOKEN_BASE64, 'header_mismatch'],
  ])('%s holding the token (%s) is quoted redacted', async (name, value, reason) => {
    const { headers, body } = await partsOf(delivery('server.boot', { server: { id: 1 } }));
    const error = await rejection(verifyWebhook({ headers: { ...headers, [name]: value }, body }, options), reason as never);
    expect(places(error)).not.toContain(TOKEN);
    expect(places(error)).not.toContain(TOKEN_BASE64);
    expect(error.message).toContain('[REDACTED]');
  });
});
