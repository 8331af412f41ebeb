import { toBase64, utf8 } from './encoding';
import type { WebhookEventName } from './event-names';
import type { WebhookEventStatus } from './event-types';
import { VIRTFUSION_HEADERS } from './verify';

/** Options of {@link createTestDelivery}. */
export interface TestDeliveryOptions {
  /** The webhook's token; sent as `Authorization: Bearer base64(token)`. Without it, no Authorization header. */
  token?: string | undefined;
  /** When the delivery was created: a `Date` (written with microseconds, as the panel does) or the exact header text. Default: now. */
  created?: Date | string | undefined;
  /** The webhook's id. Default 1. */
  hookId?: number | string | undefined;
  /** The delivery's id. Default: a random positive integer. */
  hookEventId?: number | string | undefined;
  /** Default `'success'`. */
  eventStatus?: WebhookEventStatus | undefined;
  /** Where the request goes. Default `https://receiver.example/webhooks/virtfusion`. */
  url?: string | URL | undefined;
  /** Default `panel.example`. */
  controlDomain?: string | undefined;
  /** Default `VirtFusion`. */
  controlName?: string | undefined;
  /** Default `https://panel.example/support`. */
  controlSupportLink?: string | undefined;
  /** Default `VirtFusion-Hookshot/virtfusion-sdk-test`. */
  userAgent?: string | undefined;
}

/**
 * Builds a webhook delivery exactly as the panel sends it: a POST `Request` with a JSON body
 * `{event, created, hookId, hookEventId, eventStatus, controlDomain, controlName,
 * controlSupportLink, data: {errors: [], …}}`, the five `X-VirtFusion-*` headers, a
 * `VirtFusion-Hookshot` user agent and, given a token, `Authorization: Bearer base64(token)`.
 * `data` is sent as given, so both the nested (`{ ipv4: { ip } }`) and the dotted
 * (`{ 'ipv4.ip': ip }`) forms can be tested.
 *
 * @example
 * ```ts
 * const request = createTestDelivery('server.boot', { server: { id: 42 } }, { token: 'test-token' });
 * const response = await handler(request);
 * expect(response.status).toBe(200);
 * ```
 */
export function createTestDelivery(
  event: WebhookEventName | (string & {}),
  data: Record<string, unknown> = {},
  options: TestDeliveryOptions = {},
): Request {
  const created = typeof options.created === 'string' ? options.created : formatCreated(options.created ?? new Date());
  const hookId = options.hookId ?? 1;
  const hookEventId = options.hookEventId ?? randomDeliveryId();
  const eventStatus = options.eventStatus ?? 'success';
  const body = {
    event,
    created,
    hookId,
    hookEventId,
    eventStatus,
    controlDomain: options.controlDomain ?? 'panel.example',
    controlName: options.controlName ?? 'VirtFusion',
    controlSupportLink: options.controlSupportLink ?? 'https://panel.example/support',
    data: { errors: [], ...data },
  };
  const headers = new Headers({
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'User-Agent': options.userAgent ?? 'VirtFusion-Hookshot/virtfusion-sdk-test',
    [VIRTFUSION_HEADERS.hook]: String(hookId),
    [VIRTFUSION_HEADERS.created]: created,
    [VIRTFUSION_HEADERS.hookEvent]: String(hookEventId),
    [VIRTFUSION_HEADERS.event]: event,
    [VIRTFUSION_HEADERS.eventStatus]: eventStatus,
  });
  if (options.token !== undefined) headers.set('Authorization', `Bearer ${toBase64(utf8(options.token))}`);
  return new Request(options.url ?? 'https://receiver.example/webhooks/virtfusion', {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
}

/** `2024-11-05T10:11:12.123456Z`: ISO-8601 in UTC with six fraction digits, the panel's form. */
function formatCreated(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function randomDeliveryId(): number {
  const [value = 0] = crypto.getRandomValues(new Uint32Array(1));
  return (value % 2_000_000_000) + 1;
}
