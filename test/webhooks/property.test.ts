import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseWebhookEvent,
  verifySignedWebhook,
  verifyVfSignature,
  verifyWebhook,
  WEBHOOK_EVENT_NAMES,
  WebhookVerificationError,
  type WebhookInput,
} from '../../src/webhooks/index';
import { assertNoSecret, CREATED, NOW, TOKEN, TOKEN_BASE64 } from './fixtures';

const NAMES = [
  'authorization',
  'Authorization',
  'x-virtfusion-event',
  'X-VirtFusion-Hook',
  'x-virtfusion-hook-event',
  'x-virtfusion-created',
  'x-virtfusion-event-status',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'x-vf-signature',
  'content-type',
];

const anyText = fc.string({ unit: 'binary', maxLength: 80 });
const headerValue = fc.oneof(
  anyText,
  fc.array(anyText, { maxLength: 3 }),
  fc.constantFrom(`Bearer ${TOKEN}`, 'Bearer ', 'Bearer', CREATED, 'server.boot', 'v1,', 'v1,AAAA', '0'),
  anyText.map((text) => `Bearer ${text}`),
  anyText.map((text) => `v1,${text}`),
);
const headers = fc.dictionary(fc.oneof(fc.constantFrom(...NAMES), anyText), headerValue, { maxKeys: 12 });
const body = fc.oneof(
  anyText,
  fc.uint8Array({ maxLength: 200 }),
  fc.json(),
  fc.record({
    event: fc.oneof(fc.constantFrom(...WEBHOOK_EVENT_NAMES), anyText),
    hookId: fc.oneof(fc.integer(), anyText),
    hookEventId: fc.oneof(fc.integer(), anyText),
    eventStatus: anyText,
    data: fc.jsonValue(),
  }).map((value) => JSON.stringify(value)),
);

/** Runs `verify` and returns what it threw; fails the property if it resolved or threw anything else. */
async function failure(verify: () => Promise<unknown>): Promise<WebhookVerificationError> {
  const outcome = await verify().then(
    (value: unknown) => ({ resolved: value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`verified random input: ${JSON.stringify(outcome.resolved)}`);
  if (!(outcome.error instanceof WebhookVerificationError)) throw outcome.error;
  return outcome.error;
}

describe('random headers and bodies', () => {
  it('never verify, and only ever throw WebhookVerificationError without the token (Bearer scheme)', async () => {
    await fc.assert(
      fc.asyncProperty(headers, body, async (randomHeaders, randomBody) => {
        const error = await failure(() => verifyWebhook({ headers: randomHeaders, body: randomBody } as WebhookInput, { token: TOKEN, now: NOW }));
        assertNoSecret(error);
      }),
      { numRuns: 300 },
    );
  });

  it('with a genuine Authorization and timestamp, random rest still only throws WebhookVerificationError', async () => {
    await fc.assert(
      fc.asyncProperty(headers, body, async (randomHeaders, randomBody) => {
        const input = { headers: { ...randomHeaders, authorization: `Bearer ${TOKEN_BASE64}`, 'x-virtfusion-created': CREATED }, body: randomBody };
        // Random headers almost never agree with a random body; when one does by construction, it must parse.
        const outcome = await verifyWebhook(input, { token: TOKEN, now: NOW }).then(
          (event) => ({ event }),
          (error: unknown) => ({ error }),
        );
        if ('error' in outcome) {
          expect(outcome.error).toBeInstanceOf(WebhookVerificationError);
          assertNoSecret(outcome.error as WebhookVerificationError);
        } else {
          expect(typeof outcome.event.event).toBe('string');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never verify as Standard Webhooks or X-VF-Signature, and only throw WebhookVerificationError', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    await fc.assert(
      fc.asyncProperty(headers, body, async (randomHeaders, randomBody) => {
        const input = { headers: randomHeaders, body: randomBody } as WebhookInput;
        assertNoSecret(await failure(() => verifySignedWebhook(input, { secret, now: NOW })), [secret, 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw']);
        assertNoSecret(await failure(() => verifyVfSignature({ headers: randomHeaders, body: randomBody } as WebhookInput, { secret: 'vf-secret' })), ['vf-secret']);
      }),
      { numRuns: 200 },
    );
  });

  it('parseWebhookEvent either returns an event or throws WebhookVerificationError, for any JSON', () => {
    const deliveryLike = fc.record(
      {
        event: fc.oneof(fc.constantFrom(...WEBHOOK_EVENT_NAMES), anyText, fc.jsonValue()),
        hookId: fc.oneof(fc.integer(), anyText, fc.jsonValue()),
        hookEventId: fc.oneof(fc.integer(), anyText),
        data: fc.oneof(fc.jsonValue(), fc.dictionary(fc.oneof(anyText, fc.constantFrom('ipv6.block', 'user.before', 'user', '__proto__', 'a.__proto__')), fc.jsonValue())),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), deliveryLike), (value) => {
        try {
          const event = parseWebhookEvent(value);
          expect(typeof event.event).toBe('string');
          expect(typeof event.data).toBe('object');
        } catch (error) {
          expect(error).toBeInstanceOf(WebhookVerificationError);
        }
        expect(({} as Record<string, unknown>).before).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });
});
