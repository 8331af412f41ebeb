/**
 * A Cloudflare Worker that receives VirtFusion webhooks. Set the webhook's URL in the panel to
 * https://<your worker>/webhooks/virtfusion and its token to the VIRTFUSION_WEBHOOK_TOKEN secret
 * (`npx wrangler secret put VIRTFUSION_WEBHOOK_TOKEN`).
 *
 * CI runs this module on workerd, the Workers runtime (test/runtimes/harness.ts), and posts it
 * deliveries built by createTestDelivery.
 */
import { createWebhookReceiver, toFetchHandler, type WebhookReceiver } from 'virtfusion-sdk/webhooks';

export interface Env {
  VIRTFUSION_WEBHOOK_TOKEN: string;
}

let receiver: WebhookReceiver | undefined;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (new URL(request.url).pathname !== '/webhooks/virtfusion') return new Response('not found', { status: 404 });
    // One receiver per isolate: its memory de-duplicates repeats that reach this isolate. Several
    // isolates run at once, so give it a shared `seen` store (a Durable Object) when a repeat must
    // never run twice.
    receiver ??= createWebhookReceiver({ token: env.VIRTFUSION_WEBHOOK_TOKEN });
    return toFetchHandler(receiver, {
      'server.build': (event) => console.log(`server ${event.data.server.id} built (delivery ${event.hookEventId})`),
      'server.suspend': (event) => console.log(`server ${event.data.server.id} suspended`),
      '*': (event) => console.log(`${event.event} not handled`),
    })(request);
  },
};
