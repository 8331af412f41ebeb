import { answerHeaders, deliver, METHOD_NOT_ALLOWED, type DeliveryOutcome, type WebhookHandlerOptions, type WebhookHandlers } from './dispatch';
import type { WebhookReceiver } from './receiver';

/**
 * Turns a receiver and handlers into a Web fetch handler, `(request) => Promise<Response>`, for
 * Hono, Next.js route handlers, Bun, Deno and Workers. Answers 200 `{ ok: true }` when accepted,
 * 200 `{ ok: true, duplicate: true }` for a repeat, 401 or 400 `{ ok: false, reason }` when
 * verification fails, 500 when a handler throws (the panel retries), 405 for anything but POST.
 *
 * @example
 * ```ts
 * // app/api/virtfusion/route.ts (Next.js)
 * const receiver = createWebhookReceiver({ token: process.env.VIRTFUSION_WEBHOOK_TOKEN! });
 * export const POST = toFetchHandler(receiver, {
 *   'server.build': async (event) => markBuilt(event.data.server.id),
 *   '*': (event) => console.log('unhandled', event.event),
 * });
 * ```
 */
export function toFetchHandler(
  receiver: WebhookReceiver,
  handlers: WebhookHandlers,
  options: WebhookHandlerOptions = {},
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'POST') return toResponse(METHOD_NOT_ALLOWED);
    return toResponse(await deliver(receiver, handlers, request, options));
  };
}

function toResponse(outcome: DeliveryOutcome): Response {
  return new Response(JSON.stringify(outcome.body), { status: outcome.status, headers: answerHeaders(outcome) });
}
