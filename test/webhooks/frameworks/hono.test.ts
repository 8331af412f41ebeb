import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createSignedWebhookReceiver, createWebhookReceiver, toHonoHandler } from '../../../src/webhooks/index';
import { NOW, TOKEN } from '../fixtures';
import { answerOf, panelDelivery, rawBodyRejection, recordingHandlers, relayedDelivery, RELAY_SECRET, VF_SECRET } from './helpers';

const URL_ = 'http://receiver.test/webhooks/virtfusion';

describe('toHonoHandler in a real Hono app', () => {
  it('accepts a delivery, a repeat as a duplicate, and rejects a forged token', async () => {
    const { seen, handlers } = recordingHandlers();
    const app = new Hono();
    app.post('/webhooks/virtfusion', toHonoHandler(createWebhookReceiver({ token: TOKEN, now: NOW }), handlers));
    expect(await answerOf(await app.request(panelDelivery(URL_, 1)))).toEqual([200, { ok: true }]);
    expect(await answerOf(await app.request(panelDelivery(URL_, 1)))).toEqual([200, { ok: true, duplicate: true }]);
    expect(await answerOf(await app.request(panelDelivery(URL_, 2, { token: 'forged' })))).toEqual([401, { ok: false, reason: 'bad_token' }]);
    expect(seen).toEqual(['build 42 #1']);
  });

  it('rejects a body a middleware read with c.req.json() with 400 body_consumed and the fix', async () => {
    const { seen, handlers } = recordingHandlers();
    const app = new Hono();
    app.use(async (c, next) => {
      await c.req.json();
      await next();
    });
    app.post('/webhooks/virtfusion', toHonoHandler(createWebhookReceiver({ token: TOKEN, now: NOW }), handlers));
    expect(await answerOf(await app.request(panelDelivery(URL_, 3)))).toEqual(rawBodyRejection('body_consumed', 'raw body'));
    expect(seen).toEqual([]);
  });

  it.each(['standard-webhooks', 'x-vf-signature'] as const)('%s: accepts the raw body, rejects a re-serialised one with 400 bad_signature', async (scheme) => {
    const { seen, handlers } = recordingHandlers();
    const handle = toHonoHandler(createSignedWebhookReceiver({ scheme, secret: scheme === 'standard-webhooks' ? RELAY_SECRET : VF_SECRET, now: NOW }), handlers);
    const app = new Hono();
    app.post('/webhooks/virtfusion', handle);
    // The classic mistake: read the JSON, then rebuild a Request from JSON.stringify of it.
    app.post('/parsed/webhooks/virtfusion', async (c) => {
      const rebuilt = new Request(c.req.url, { method: 'POST', headers: c.req.raw.headers, body: JSON.stringify(await c.req.json()) });
      return handle({ req: { raw: rebuilt } });
    });
    expect(await answerOf(await app.request(await relayedDelivery(URL_, 6, scheme)))).toEqual([200, { ok: true }]);
    expect(await answerOf(await app.request(await relayedDelivery(URL_.replace('/webhooks', '/parsed/webhooks'), 7, scheme)))).toEqual(rawBodyRejection('bad_signature', 'raw body'));
    expect(seen).toEqual(['build 42 #6']);
  });
});
