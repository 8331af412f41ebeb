// A Cloudflare Worker module, run by workerd: GET /checks runs the shared checks inside the
// Worker; POST /webhooks/virtfusion receives deliveries through toFetchHandler, and GET /received
// lists the events its handler saw.
import { createWebhookReceiver, toFetchHandler } from 'virtfusion-sdk/webhooks';
import { runChecks } from './checks';

interface Env {
  EMULATOR_URL: string;
  EMULATOR_TOKEN: string;
  WEBHOOK_TOKEN: string;
}

const received: { event: string; hookEventId: string; serverId?: number }[] = [];
let handleWebhook: ((request: Request) => Promise<Response>) | undefined;

function webhookHandler(env: Env): (request: Request) => Promise<Response> {
  handleWebhook ??= toFetchHandler(createWebhookReceiver({ token: env.WEBHOOK_TOKEN }), {
    'server.build': (event) => void received.push({ event: event.event, hookEventId: event.hookEventId, serverId: event.data.server.id }),
    '*': (event) => void received.push({ event: event.event, hookEventId: event.hookEventId }),
  });
  return handleWebhook;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === '/webhooks/virtfusion') return webhookHandler(env)(request);
    if (pathname === '/checks') {
      return Response.json(await runChecks({ emulatorUrl: env.EMULATOR_URL, emulatorToken: env.EMULATOR_TOKEN, webhookToken: env.WEBHOOK_TOKEN }));
    }
    if (pathname === '/received') return Response.json(received);
    return new Response('not found', { status: 404 });
  },
};
