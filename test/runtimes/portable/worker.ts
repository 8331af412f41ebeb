// A Worker module, run by workerd: GET /checks runs the shared checks inside the Worker.
import { runChecks } from './checks';

interface Env {
  EMULATOR_URL: string;
  EMULATOR_TOKEN: string;
  WEBHOOK_TOKEN: string;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (new URL(request.url).pathname !== '/checks') return new Response('not found', { status: 404 });
    return Response.json(await runChecks({ emulatorUrl: env.EMULATOR_URL, emulatorToken: env.EMULATOR_TOKEN, webhookToken: env.WEBHOOK_TOKEN }));
  },
};
