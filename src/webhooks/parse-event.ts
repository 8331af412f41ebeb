import { expandDottedKeys, isRecord } from './dotted-keys';
import { WebhookVerificationError } from './errors';
import { isWebhookEventName, WEBHOOK_EVENTS } from './event-names';
import { eventDataShape } from './event-schemas';
import type { AnyKnownWebhookEvent, WebhookDataIssue, WebhookEvent, WebhookEventEnvelope } from './event-types';

/**
 * Parses a delivery's body into a typed {@link WebhookEvent}, without authenticating anything: for
 * bodies already verified (by {@link verifyWebhook}, a queue, a relay's signature), or stored ones.
 * `body` is the JSON text or the value it parses to. Dotted data keys (`ipv6.block`) are expanded
 * into nested objects (`data.ipv6.block`). An undocumented event, or a documented one whose data
 * has another shape, becomes a generic event (`known: false`); only a body that is not a
 * delivery at all fails, with a {@link WebhookVerificationError} (`bad_json` or `bad_payload`).
 *
 * @example
 * ```ts
 * const event = parseWebhookEvent(await queue.next());
 * if (event.known && event.event === 'server.build') console.log('built', event.data.server.id);
 * ```
 */
export function parseWebhookEvent(body: unknown): WebhookEvent {
  const json = typeof body === 'string' ? parseJson(body) : body;
  if (!isRecord(json)) throw badPayload('The body is not a JSON object.');
  const { event, data } = json;
  if (typeof event !== 'string' || event === '') throw badPayload('The body has no `event` name.');
  const envelope: WebhookEventEnvelope = {
    created: optionalString(json.created),
    hookId: requiredId(json.hookId, 'hookId'),
    hookEventId: requiredId(json.hookEventId, 'hookEventId'),
    eventStatus: optionalString(json.eventStatus),
    controlDomain: optionalString(json.controlDomain),
    controlName: optionalString(json.controlName),
    controlSupportLink: optionalString(json.controlSupportLink),
  };
  const expanded = expandDottedKeys(dataRecord(data));

  if (!isWebhookEventName(event)) return { ...envelope, known: false, event, eventId: undefined, data: expanded, issues: [] };
  const issues: WebhookDataIssue[] = [];
  const checked = eventDataShape(event)(expanded, [], issues);
  if (issues.length > 0) return { ...envelope, known: false, event, eventId: WEBHOOK_EVENTS[event], data: expanded, issues };
  // The shape table pairs each name with its data type, which TypeScript cannot follow through an index.
  return { ...envelope, known: true, event, eventId: WEBHOOK_EVENTS[event], data: checked } as AnyKnownWebhookEvent;
}

/** Parses JSON text, turning a syntax error into a `bad_json` verification error. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') throw new WebhookVerificationError('bad_json', { detail: 'The body is empty.' });
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new WebhookVerificationError('bad_json', { detail: 'The body is not valid JSON.', cause: error });
  }
}

function dataRecord(data: unknown): Record<string, unknown> {
  if (data === undefined || data === null || (Array.isArray(data) && data.length === 0)) return {};
  if (!isRecord(data)) throw badPayload('The body\'s `data` is not an object.');
  return data;
}

function requiredId(value: unknown, field: string): string {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw badPayload(`The body has no \`${field}\`.`);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function badPayload(detail: string): WebhookVerificationError {
  return new WebhookVerificationError('bad_payload', { detail });
}
