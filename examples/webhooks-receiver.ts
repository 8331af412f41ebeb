/**
 * Receives a VirtFusion webhook on a plain node:http server: starts the server on 127.0.0.1 with
 * an ephemeral port, posts it a delivery built exactly as the panel builds one, prints what the
 * handler received, and exits.
 *
 *   npx tsx examples/webhooks-receiver.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestDelivery, createWebhookReceiver, toNodeHandler } from '../src/webhooks/index';

// The token set on the webhook in the panel (Configuration → Webhooks), exactly as typed there.
const token = process.env.VIRTFUSION_WEBHOOK_TOKEN ?? 'example-webhook-token';

const receiver = createWebhookReceiver({ token });
const server = createServer(
  toNodeHandler(
    receiver,
    {
      'server.assign.ipv4': (event) => {
        console.log(`server ${event.data.server.id} got IPv4 ${String(event.data.ipv4.ip)} (delivery ${event.hookEventId})`);
      },
      '*': (event) => {
        console.log(`unhandled event ${event.event}`);
      },
    },
    { onError: (error) => console.error('rejected:', error instanceof Error ? error.message : error) },
  ),
);

await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/virtfusion`;

try {
  const data = { server: { id: 42, name: 'web-1' }, 'ipv4.block': { id: 1 }, 'ipv4.ip': '203.0.113.7' };
  const first = await fetch(createTestDelivery('server.assign.ipv4', data, { token, url, hookEventId: 1001 }));
  console.log('first delivery:', first.status, await first.text());
  const repeat = await fetch(createTestDelivery('server.assign.ipv4', data, { token, url, hookEventId: 1001 }));
  console.log('same delivery again:', repeat.status, await repeat.text());
  const forged = await fetch(createTestDelivery('server.assign.ipv4', data, { token: 'guessed-token', url }));
  console.log('forged token:', forged.status, await forged.text());
} finally {
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
