import { expect } from 'vitest';
import { signVfSignature, signWebhook, type WebhookHandlerMap } from '../../../src/webhooks/index';
import { delivery, NOW, TOKEN, TOKEN_BASE64 } from '../fixtures';

/** The relay's signing secret (Standard Webhooks form) and the X-VF-Signature shared secret. */
export const RELAY_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const VF_SECRET = 'vf-signature-shared-secret';

/** Handlers that record what they saw, by delivery id. */
export function recordingHandlers(): { seen: string[]; handlers: WebhookHandlerMap } {
  const seen: string[] = [];
  return {
    seen,
    handlers: {
      'server.build': (event) => void seen.push(`build ${event.data.server.id} #${event.hookEventId}`),
      '*': (event) => void seen.push(`${event.event} #${event.hookEventId}`),
    },
  };
}

/** A panel delivery for `url`, built by createTestDelivery. */
export function panelDelivery(url: string, hookEventId: number, options: { token?: string } = {}): Request {
  return delivery('server.build', { server: { id: 42 } }, { url, hookEventId, token: options.token ?? TOKEN });
}

/**
 * A delivery as a PHP relay forwards it: the panel's body as json_encode writes it (slashes
 * escaped, so a parse-and-stringify changes the bytes), signed with `scheme`.
 */
export async function relayedDelivery(url: string, hookEventId: number, scheme: 'standard-webhooks' | 'x-vf-signature'): Promise<Request> {
  const text = await delivery('server.build', { server: { id: 42 } }, { hookEventId }).text();
  const body = text.replaceAll('/', '\\/');
  const signature: Record<string, string> =
    scheme === 'standard-webhooks'
      ? await signWebhook({ id: `msg_${hookEventId}`, timestamp: Math.floor(NOW / 1000), body, secret: RELAY_SECRET })
      : { 'x-vf-signature': await signVfSignature(body, VF_SECRET) };
  return new Request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signature }, body });
}

/** The answer's status and JSON body, checked free of the token. */
export async function answerOf(response: Response): Promise<[number, Record<string, unknown>]> {
  const text = await response.text();
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(TOKEN_BASE64);
  return [response.status, JSON.parse(text) as Record<string, unknown>];
}

/** What a rejected wiring mistake must look like: 400, the reason, and the raw-body fix in `message`. */
export function rawBodyRejection(reason: 'parsed_body' | 'body_consumed' | 'bad_signature', fix: string): [number, Record<string, unknown>] {
  return [400, { ok: false, reason, message: expect.stringContaining(fix) as unknown as string }];
}
