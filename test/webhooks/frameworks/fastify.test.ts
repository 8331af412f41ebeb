import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createSignedWebhookReceiver, createWebhookReceiver, toFastifyHandler, type WebhookReceiver } from '../../../src/webhooks/index';
import { NOW, TOKEN } from '../fixtures';
import { answerOf, panelDelivery, rawBodyRejection, recordingHandlers, relayedDelivery, RELAY_SECRET, VF_SECRET } from './helpers';

let app: FastifyInstance | undefined;

async function listen(instance: FastifyInstance): Promise<string> {
  app = instance;
  return `${await instance.listen({ port: 0, host: '127.0.0.1' })}/webhooks/virtfusion`;
}

afterEach(async () => {
  await app?.close();
});

/** The documented setup: a buffer parser for application/json in the webhook route's own plugin. */
function withRawRoute(instance: FastifyInstance, receiver: WebhookReceiver, handlers: ReturnType<typeof recordingHandlers>['handlers']): FastifyInstance {
  void instance.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.post('/webhooks/virtfusion', toFastifyHandler(receiver, handlers));
  });
  return instance;
}

describe('toFastifyHandler on a real Fastify 5 server', () => {
  it('accepts a delivery through a buffer parser scoped to the route, while the rest of the app still parses JSON', async () => {
    const { seen, handlers } = recordingHandlers();
    const instance = withRawRoute(Fastify(), createWebhookReceiver({ token: TOKEN, now: NOW }), handlers);
    instance.post('/echo', async (request) => request.body);
    const url = await listen(instance);
    expect(await answerOf(await fetch(panelDelivery(url, 1)))).toEqual([200, { ok: true }]);
    expect(await answerOf(await fetch(panelDelivery(url, 1)))).toEqual([200, { ok: true, duplicate: true }]);
    expect(await answerOf(await fetch(panelDelivery(url, 2, { token: 'forged' })))).toEqual([401, { ok: false, reason: 'bad_token' }]);
    const echo = await fetch(url.replace('/webhooks/virtfusion', '/echo'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(await echo.json()).toEqual({ a: 1 });
    expect(seen).toEqual(['build 42 #1']);
  });

  it("rejects a body Fastify's default JSON parser already parsed with 400 parsed_body and the fix", async () => {
    const { seen, handlers } = recordingHandlers();
    const instance = Fastify();
    instance.post('/webhooks/virtfusion', toFastifyHandler(createWebhookReceiver({ token: TOKEN, now: NOW }), handlers));
    const url = await listen(instance);
    expect(await answerOf(await fetch(panelDelivery(url, 3)))).toEqual(rawBodyRejection('parsed_body', "parseAs: 'buffer'"));
    expect(seen).toEqual([]);
  });

  it('answers 405 to anything but POST', async () => {
    const instance = Fastify();
    instance.get('/webhooks/virtfusion', toFastifyHandler(createWebhookReceiver({ token: TOKEN, now: NOW }), () => undefined));
    const response = await fetch(await listen(instance));
    expect([response.status, response.headers.get('allow'), await response.json()]).toEqual([405, 'POST', { ok: false, reason: 'method_not_allowed' }]);
  });

  it.each(['standard-webhooks', 'x-vf-signature'] as const)('%s: accepts the raw body, rejects a re-serialised one with 400 bad_signature', async (scheme) => {
    const { seen, handlers } = recordingHandlers();
    const receiver = createSignedWebhookReceiver({ scheme, secret: scheme === 'standard-webhooks' ? RELAY_SECRET : VF_SECRET, now: NOW });
    const instance = withRawRoute(Fastify(), receiver, handlers);
    // The classic mistake: the default parser, then JSON.stringify(request.body) for verification.
    instance.post('/parsed/webhooks/virtfusion', { preHandler: async (request) => void (request.body = JSON.stringify(request.body)) }, toFastifyHandler(receiver, handlers));
    const url = await listen(instance);
    expect(await answerOf(await fetch(await relayedDelivery(url, 6, scheme)))).toEqual([200, { ok: true }]);
    expect(await answerOf(await fetch(await relayedDelivery(url.replace('/webhooks', '/parsed/webhooks'), 7, scheme)))).toEqual(rawBodyRejection('bad_signature', 'raw body'));
    expect(seen).toEqual(['build 42 #6']);
  });
});
