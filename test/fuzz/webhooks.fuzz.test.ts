import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isConfigurationError } from '../../src/index';
import { createTestDelivery, isWebhookVerificationError, verifyWebhook, WEBHOOK_EVENT_NAMES } from '../../src/webhooks/index';
import { leaksIn, renderingsOf, secretForms } from '../helpers/leaks';
import { hostileString, PROTOTYPE_NAMES } from './arbitraries';
import { check } from './wire';

const NOW = Date.UTC(2024, 10, 5, 10, 11, 12, 123);
const CREATED = '2024-11-05T10:11:12.123456Z';
const HEADERS = ['authorization', 'x-virtfusion-hook', 'x-virtfusion-created', 'x-virtfusion-hook-event', 'x-virtfusion-event', 'x-virtfusion-event-status', 'content-type'];

/** A webhook secret with a distinctive core (so a match in a message is no coincidence), of any form around it. */
const secret = fc.tuple(hostileString, fc.constantFrom('hQ4mZ8rT2w', 'hQ4m-ключ-Z8rT2w'), hostileString).map((parts) => parts.join(''));

/** A header value that may carry the secret in any form, or be anything at all. */
function headerValue(forms: readonly string[]) {
  const form = fc.constantFrom(...forms);
  return fc.oneof(
    hostileString,
    form,
    form.map((f) => `Bearer ${f}`),
    form.map((f) => `Basic ${f}`),
    fc.tuple(hostileString, form, hostileString).map((parts) => parts.join('')),
    fc.array(fc.oneof(form, hostileString), { minLength: 1, maxLength: 3 }),
  );
}

function delivery(key: string) {
  const forms = secretForms(key);
  const genuine = createTestDelivery('server.boot', { server: { id: 1 } }, { token: key, created: CREATED, hookId: 7, hookEventId: 9001 });
  return fc.record({
    genuine: fc.constant(genuine),
    /** Headers replaced (or added) on top of the genuine ones. */
    overrides: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...HEADERS), fc.constantFrom(...PROTOTYPE_NAMES), hostileString), headerValue(forms)), { maxLength: 4 }),
    body: fc.oneof(
      fc.constant(undefined),
      fc.constantFrom(...forms).map((f) => `{"event":"server.boot","token":"${f}"`),
      fc.record({ event: fc.oneof(fc.constantFrom(...WEBHOOK_EVENT_NAMES), hostileString), data: fc.jsonValue({ maxDepth: 2 }), leak: fc.constantFrom(...forms) }).map((v) => JSON.stringify(v)),
      hostileString,
      fc.uint8Array({ maxLength: 64 }),
    ),
  });
}

describe('fuzz: webhook deliveries whose headers and bodies carry the secret', () => {
  it('reject with a typed error that holds the secret in no form, and accept only the genuine credential', async () => {
    const seen = { accepted: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(secret.chain((key) => fc.tuple(fc.constant(key), delivery(key))), async ([key, { genuine, overrides, body }]) => {
        const headers: Record<string, string | string[]> = Object.fromEntries(genuine.headers);
        for (const [name, value] of overrides) headers[name.toLowerCase()] = value;
        const rawBody = body ?? (await genuine.clone().text());
        const outcome = await verifyWebhook({ headers, body: rawBody }, { token: key, now: () => NOW }).then(
          () => undefined,
          (error: unknown) => error,
        );
        const authorization = headers.authorization;
        const genuineAuthorization = genuine.headers.get('authorization');
        if (outcome === undefined) seen.accepted += 1;
        else seen.rejected += 1;
        if (outcome === undefined) {
          check(authorization === genuineAuthorization, `verified with Authorization ${JSON.stringify(authorization)}`);
          return;
        }
        check(isWebhookVerificationError(outcome) || isConfigurationError(outcome), `untyped throw: ${String(outcome)}`);
        const leaks = leaksIn(renderingsOf(outcome), secretForms(key));
        check(leaks.length === 0, `the secret is in the error's ${leaks.join(', ')}: ${(outcome as Error).message}`);
      }),
      { numRuns: 1_500 },
    );
    // Both sides of the property were exercised: genuine deliveries pass, tampered ones fail.
    expect(seen.accepted).toBeGreaterThan(20);
    expect(seen.rejected).toBeGreaterThan(500);
  }, 30_000);
});
