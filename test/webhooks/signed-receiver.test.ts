import { describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from '../../src/index';
import { createSignedWebhookReceiver, toFetchHandler, type WebhookEventHandler } from '../../src/webhooks/index';
import { NOW } from './fixtures';
import { relayedDelivery, RELAY_SECRET, VF_SECRET } from './frameworks/helpers';

const URL_ = 'https://receiver.example/relay';

describe('createSignedWebhookReceiver', () => {
  it.each([
    ['standard-webhooks', RELAY_SECRET],
    ['x-vf-signature', VF_SECRET],
  ] as const)('%s: parses the relayed VirtFusion delivery and drops a repeat of the same delivery id', async (scheme, secret) => {
    const handler = vi.fn<WebhookEventHandler>();
    const handle = toFetchHandler(createSignedWebhookReceiver({ scheme, secret, now: NOW }), handler);
    expect((await handle(await relayedDelivery(URL_, 11, scheme))).status).toBe(200);
    expect(await (await handle(await relayedDelivery(URL_, 11, scheme))).json()).toEqual({ ok: true, duplicate: true });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0]?.[0]).toMatchObject({ known: true, event: 'server.build', hookEventId: '11', data: { server: { id: 42 } } });
  });

  it('rejects a wrong secret with 400 bad_signature, and a stale Standard Webhooks timestamp with 401 stale', async () => {
    const wrong = toFetchHandler(createSignedWebhookReceiver({ scheme: 'x-vf-signature', secret: 'another-secret', now: NOW }), vi.fn<WebhookEventHandler>());
    expect((await wrong(await relayedDelivery(URL_, 12, 'x-vf-signature'))).status).toBe(400);
    const late = toFetchHandler(createSignedWebhookReceiver({ scheme: 'standard-webhooks', secret: RELAY_SECRET, now: NOW + 3_600_000 }), vi.fn<WebhookEventHandler>());
    const response = await late(await relayedDelivery(URL_, 13, 'standard-webhooks'));
    expect([response.status, await response.json()]).toEqual([401, { ok: false, reason: 'stale' }]);
  });

  it('refuses an unknown scheme with a ConfigurationError', () => {
    expect(() => createSignedWebhookReceiver({ scheme: 'hmac' as never, secret: 'x' })).toThrow(ConfigurationError);
  });
});
