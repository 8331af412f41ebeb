import { answerHeaders, deliver, INTERNAL_ERROR, METHOD_NOT_ALLOWED, rejected, report, type DeliveryOutcome, type WebhookHandlerOptions, type WebhookHandlers } from './dispatch';
import { asBytes, concatBytes, utf8 } from './encoding';
import { WebhookVerificationError } from './errors';
import { tooLarge, type RawWebhookBody } from './input';
import type { WebhookReceiver } from './receiver';

/**
 * What {@link toNodeHandler} needs of a request: Node's `IncomingMessage` and Express's `Request`
 * both fit. The body is read from the stream, or taken from `body` when a raw-body parser
 * (`express.raw`, `express.text`) already read it.
 */
export interface NodeWebhookRequest extends AsyncIterable<unknown> {
  method?: string | undefined;
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  body?: unknown;
  readableEnded?: boolean | undefined;
}

/** What {@link toNodeHandler} needs of a response: Node's `ServerResponse` and Express's `Response` fit. */
export interface NodeWebhookResponse {
  statusCode: number;
  headersSent?: boolean | undefined;
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
}

/**
 * Turns a receiver and handlers into a Node `http` request listener that is also an Express
 * middleware. It reads the raw body from the request stream itself, so mount it before
 * `express.json()` (or on a route with `express.raw({ type: 'application/json' })`): a body that
 * a JSON parser already turned into an object fails with the `parsed_body` reason and a 400 whose
 * `message` names the fix.
 * Status codes are those of {@link toFetchHandler}. It always answers and calls `next` only with
 * an error that kept it from answering.
 *
 * @example
 * ```ts
 * const receiver = createWebhookReceiver({ token: process.env.VIRTFUSION_WEBHOOK_TOKEN! });
 * app.post('/webhooks/virtfusion', toNodeHandler(receiver, {
 *   'server.suspend': (event) => suspendLocally(event.data.server.id),
 * }));
 * app.use(express.json()); // after the webhook route
 * ```
 */
export function toNodeHandler(
  receiver: WebhookReceiver,
  handlers: WebhookHandlers,
  options: WebhookHandlerOptions = {},
): (req: NodeWebhookRequest, res: NodeWebhookResponse, next?: (error?: unknown) => void) => Promise<void> {
  return async (req, res, next) => {
    const outcome = await nodeDeliveryOutcome(receiver, handlers, req, options);
    try {
      send(res, outcome);
    } catch (error) {
      if (next === undefined) report(options, error);
      else next(error);
    }
  };
}

/**
 * The answer to one delivery arriving as a Node-style request: reads the raw body (or takes a
 * raw-body parser's result from `req.body`), verifies, runs the handler. Never throws.
 */
export async function nodeDeliveryOutcome(
  receiver: WebhookReceiver,
  handlers: WebhookHandlers,
  req: NodeWebhookRequest,
  options: WebhookHandlerOptions,
): Promise<DeliveryOutcome> {
  if (req.method !== undefined && req.method.toUpperCase() !== 'POST') return METHOD_NOT_ALLOWED;
  let body: RawWebhookBody | undefined;
  try {
    body = await rawBodyOf(req, receiver.maxBodyBytes);
  } catch (error) {
    if (error instanceof WebhookVerificationError) return rejected(error, options);
    // Reading the stream failed (the client went away): never an unhandled rejection in a listener.
    report(options, error);
    return INTERNAL_ERROR;
  }
  return deliver(receiver, handlers, { headers: req.headers, body }, options);
}

async function rawBodyOf(req: NodeWebhookRequest, maxBytes: number): Promise<RawWebhookBody | undefined> {
  // A raw-body parser's result is used as is; anything else already parsed is handed on so that
  // verification names the `parsed_body` mistake.
  if (req.body !== undefined) return req.body as RawWebhookBody;
  if (req.readableEnded === true) {
    throw new WebhookVerificationError('body_consumed', { detail: 'The request stream was already read to its end.' });
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of req) {
    const bytes = typeof chunk === 'string' ? utf8(chunk) : chunk instanceof ArrayBuffer || ArrayBuffer.isView(chunk) ? asBytes(chunk) : undefined;
    if (bytes === undefined) continue;
    total += bytes.byteLength;
    // Past the limit the rest is drained and dropped, so the connection can still carry the 413.
    if (total <= maxBytes) chunks.push(bytes);
  }
  if (total > maxBytes) throw tooLarge(maxBytes);
  return concatBytes(...chunks);
}

function send(res: NodeWebhookResponse, outcome: DeliveryOutcome): void {
  if (res.headersSent === true) return;
  res.statusCode = outcome.status;
  for (const [name, value] of Object.entries(answerHeaders(outcome))) res.setHeader(name, value);
  res.end(JSON.stringify(outcome.body));
}
