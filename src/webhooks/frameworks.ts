// Framework adapters: a few lines each over the fetch and Node handlers, typed by the shape each
// framework passes (no framework is imported, so this entry stays Web-only and dependency-free).
import { answerHeaders, type WebhookHandlerOptions, type WebhookHandlers } from './dispatch';
import { toFetchHandler } from './fetch-handler';
import { nodeDeliveryOutcome, toNodeHandler, type NodeWebhookRequest, type NodeWebhookResponse } from './node-handler';
import type { WebhookReceiver } from './receiver';

/**
 * An Express route handler (Express 4 and 5). It reads the raw body from the request stream, or
 * takes the bytes or text that `express.raw()` / `express.text()` left in `req.body`. Mount it
 * before `express.json()`, or give its route `express.raw({ type: 'application/json' })`: when
 * `express.json()` ran first, `req.body` is an object and the answer is 400 `parsed_body` with the
 * fix in `message`, never an accepted delivery.
 *
 * @example
 * ```ts
 * const app = express();
 * app.post('/webhooks/virtfusion', toExpressHandler(receiver, handlers)); // before express.json()
 * app.use(express.json());
 * ```
 */
export function toExpressHandler(
  receiver: WebhookReceiver,
  handlers: WebhookHandlers,
  options: WebhookHandlerOptions = {},
): (req: NodeWebhookRequest, res: NodeWebhookResponse, next?: (error?: unknown) => void) => Promise<void> {
  return toNodeHandler(receiver, handlers, options);
}

/** What {@link toFastifyHandler} needs of Fastify's request. */
export interface FastifyWebhookRequest {
  method: string;
  headers: NodeWebhookRequest['headers'];
  body?: unknown;
  /** The underlying `IncomingMessage`, read when no content-type parser ran. */
  raw: NodeWebhookRequest;
}

/** What {@link toFastifyHandler} needs of Fastify's reply. */
export interface FastifyWebhookReply {
  code(status: number): FastifyWebhookReply;
  headers(values: Record<string, string>): FastifyWebhookReply;
  send(payload: string): unknown;
}

/**
 * A Fastify route handler (Fastify 4 and 5). Fastify parses JSON bodies before the handler runs,
 * so register a buffer parser for `application/json` in the webhook route's own plugin (it leaves
 * the rest of the app as it is); with Fastify's default JSON parser the body arrives as an object
 * and the answer is 400 `parsed_body` with the fix in `message`.
 *
 * @example
 * ```ts
 * app.register(async (scope) => {
 *   scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
 *   scope.post('/webhooks/virtfusion', toFastifyHandler(receiver, handlers));
 * });
 * ```
 */
export function toFastifyHandler(
  receiver: WebhookReceiver,
  handlers: WebhookHandlers,
  options: WebhookHandlerOptions = {},
): (request: FastifyWebhookRequest, reply: FastifyWebhookReply) => Promise<void> {
  return async (request, reply) => {
    const req: NodeWebhookRequest = {
      method: request.method,
      headers: request.headers,
      body: request.body,
      readableEnded: request.raw.readableEnded,
      [Symbol.asyncIterator]: () => request.raw[Symbol.asyncIterator](),
    };
    const outcome = await nodeDeliveryOutcome(receiver, handlers, req, options);
    await reply.code(outcome.status).headers(answerHeaders(outcome)).send(JSON.stringify(outcome.body));
  };
}

/**
 * A Hono handler (any runtime Hono runs on). It verifies `c.req.raw`, the untouched `Request`:
 * when something read the body first (`await c.req.json()` in a middleware), the answer is 400
 * `body_consumed` with the fix in `message`.
 *
 * @example
 * ```ts
 * const app = new Hono();
 * app.post('/webhooks/virtfusion', toHonoHandler(receiver, handlers));
 * ```
 */
export function toHonoHandler(
  receiver: WebhookReceiver,
  handlers: WebhookHandlers,
  options: WebhookHandlerOptions = {},
): (c: { req: { raw: Request } }) => Promise<Response> {
  const handle = toFetchHandler(receiver, handlers, options);
  return (c) => handle(c.req.raw);
}

/**
 * A Next.js App Router route handler: export it as `POST` from `app/.../route.ts`. It works on
 * the Node.js and the Edge runtime. Do not read `request` before it (`await request.json()`):
 * the answer is then 400 `body_consumed`.
 *
 * @example
 * ```ts
 * // app/api/webhooks/virtfusion/route.ts
 * export const POST = toNextRouteHandler(receiver, handlers);
 * ```
 */
export function toNextRouteHandler(
  receiver: WebhookReceiver,
  handlers: WebhookHandlers,
  options: WebhookHandlerOptions = {},
): (request: Request) => Promise<Response> {
  return toFetchHandler(receiver, handlers, options);
}
