import { expect } from 'vitest';
import { createTestDelivery, WebhookVerificationError, type TestDeliveryOptions, type WebhookVerificationReason } from '../../src/webhooks/index';

/** The token configured on the webhook in the panel (a secret: it must never leak into errors). */
export const TOKEN = 'vf-hook-token-5a1f3c9e7b2d';
/** What the panel puts after `Bearer `. */
export const TOKEN_BASE64 = btoa(TOKEN);
/** The fixed "now" of these tests, 2024-11-05T10:11:12.123Z. */
export const NOW = Date.UTC(2024, 10, 5, 10, 11, 12, 123);
/** The panel's form of {@link NOW}. */
export const CREATED = '2024-11-05T10:11:12.123456Z';

/** A delivery from the panel at {@link NOW}, signed with {@link TOKEN}. */
export function delivery(event: string, data: Record<string, unknown> = {}, options: TestDeliveryOptions = {}): Request {
  return createTestDelivery(event, data, { token: TOKEN, created: CREATED, hookId: 7, hookEventId: 9001, ...options });
}

/** A request's headers (as a lower-case record) and raw body, for tampering with. */
export async function partsOf(request: Request): Promise<{ headers: Record<string, string>; body: string }> {
  return { headers: Object.fromEntries(request.headers), body: await request.text() };
}

/** Awaits a rejection and checks it is a WebhookVerificationError with `reason`, free of any token. */
export async function rejection(promise: Promise<unknown>, reason: WebhookVerificationReason): Promise<WebhookVerificationError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WebhookVerificationError);
  const verificationError = error as WebhookVerificationError;
  expect(verificationError.reason).toBe(reason);
  expect(verificationError.code).toBe('webhook_verification_failed');
  assertNoSecret(verificationError);
  return verificationError;
}

/** Fails if the token, its base64, or any of `extra` appears anywhere in the error. */
export function assertNoSecret(error: WebhookVerificationError, extra: string[] = []): void {
  const everything = [error.message, String(error.stack), JSON.stringify(error), JSON.stringify(error.toJSON()), JSON.stringify({ ...error })].join('\n');
  for (const secret of [TOKEN, TOKEN_BASE64, ...extra]) expect(everything).not.toContain(secret);
}
