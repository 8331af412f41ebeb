import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Express } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createSignedWebhookReceiver, createWebhookReceiver, toExpressHandler } from '../../../src/webhooks/index';
import { NOW, TOKEN } from '../fixtures';
import { answerOf, panelDelivery, rawBodyRejection, recordingHandlers, relayedDelivery, RELAY_SECRET, VF_SECRET } from './helpers';

let server: Server | undefined;

async function listen(app: Express): Promise<string> {
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server?.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/virtfusion`;
}

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe('toExpressHandler on a real Express 5 server', () => {
  it('accepts a delivery when mounted before express.json(), and a repeat as a duplicate', async () => {
    const { seen, handlers } = recordingHandlers();
    const app = express();
    app.post('/webhooks/virtfusion', toExpressHandler(createWebhookReceiver({ token: TOKEN, now: NOW }), handlers));
    app.use(express.json());
    const url = await listen(app);
    expect(await answerOf(await fetch(panelDelivery(url, 1)))).toEqual([200, { ok: true }]);
    expect(await answerOf(await fetch(panelDelivery(url, 1)))).toEqual([200, { ok: true, duplicate: true }]);
    expect(await answerOf(await fetch(panelDelivery(url, 2, { token: 'forged' })))).toEqual([401, { ok: false, reason: 'bad_token' }]);
    expect(seen).toEqual(['build 42 #1']);
  });

  it('accepts the raw bytes express.raw() leaves in req.body', async () => {
    const { seen, handlers } = recordingHandlers();
    const app = express();
    app.post('/webhooks/virtfusion', express.raw({ type: 'application/json' }), toExpressHandler(createWebhookReceiver({ token: TOKEN, now: NOW }), handlers));
    app.use(express.json());
    const url = await listen(app);
    expect(await answerOf(await fetch(panelDelivery(url, 3)))).toEqual([200, { ok: true }]);
    expect(seen).toEqual(['build 42 #3']);
  });

  it('rejects a body express.json() already parsed with 400 parsed_body and the fix, never running the handler', async () => {
    const { seen, handlers } = recordingHandlers();
    const app = express();
    app.use(express.json());
    app.post('/webhooks/virtfusion', toExpressHandler(createWebhookReceiver({ token: TOKEN, now: NOW }), handlers));
    const url = await listen(app);
    expect(await answerOf(await fetch(panelDelivery(url, 4)))).toEqual(rawBodyRejection('parsed_body', "express.raw({ type: 'application/json' })"));
    expect(seen).toEqual([]);
  });

  it('rejects a stream another middleware drained with 400 body_consumed and the fix', async () => {
    const { seen, handlers } = recordingHandlers();
    const app = express();
    app.use(async (req, _res, next) => {
      for await (const _chunk of req) {
        // read and dropped, as a logging middleware might
      }
      next();
    });
    app.post('/webhooks/virtfusion', toExpressHandler(createWebhookReceiver({ token: TOKEN, now: NOW }), handlers));
    const url = await listen(app);
    expect(await answerOf(await fetch(panelDelivery(url, 5)))).toEqual(rawBodyRejection('body_consumed', 'raw body'));
    expect(seen).toEqual([]);
  });

  it.each(['standard-webhooks', 'x-vf-signature'] as const)('%s: accepts the raw body, rejects a re-serialised one with 400 bad_signature and the fix', async (scheme) => {
    const { seen, handlers } = recordingHandlers();
    const receiver = createSignedWebhookReceiver({ scheme, secret: scheme === 'standard-webhooks' ? RELAY_SECRET : VF_SECRET, now: NOW });
    const app = express();
    app.post('/raw/webhooks/virtfusion', express.raw({ type: 'application/json' }), toExpressHandler(receiver, handlers));
    // The classic mistake: parse, then hand verification JSON.stringify(req.body).
    app.post('/webhooks/virtfusion', express.json(), (req, _res, next) => {
      req.body = JSON.stringify(req.body);
      next();
    }, toExpressHandler(receiver, handlers));
    const url = await listen(app);
    expect(await answerOf(await fetch(await relayedDelivery(url.replace('/webhooks', '/raw/webhooks'), 6, scheme)))).toEqual([200, { ok: true }]);
    expect(await answerOf(await fetch(await relayedDelivery(url, 7, scheme)))).toEqual(rawBodyRejection('bad_signature', 'raw body'));
    expect(seen).toEqual(['build 42 #6']);
  });
});
