// A smoke test of the webhooks module on a runtime other than Node (run it with Bun); no test framework.
import {
  createTestDelivery,
  createWebhookReceiver,
  signWebhook,
  toFetchHandler,
  verifySignedWebhook,
  verifyWebhook,
  WebhookVerificationError,
} from '../../src/webhooks/index';

const token = 'smoke-token-4242';
const results: { name: string; error?: unknown }[] = [];

async function check(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
    results.push({ name });
  } catch (error) {
    results.push({ name, error });
  }
}

function assertEqual(actual: unknown, expected: unknown, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.reason;
    throw error;
  }
  throw new Error('expected a WebhookVerificationError, but it verified');
}

await check('a delivery from createTestDelivery verifies to its typed event', async () => {
  const event = await verifyWebhook(createTestDelivery('server.assign.ipv4', { server: { id: 42 }, 'ipv4.ip': '203.0.113.7' }, { token, hookEventId: 5 }), { token });
  assertEqual([event.known, event.event, event.hookEventId, event.data], [true, 'server.assign.ipv4', '5', { errors: [], server: { id: 42 }, ipv4: { ip: '203.0.113.7' } }], 'event');
});

await check('a wrong token fails with bad_token, without the token in the message', async () => {
  const request = createTestDelivery('server.boot', { server: { id: 1 } }, { token: 'forged-token' });
  try {
    await verifyWebhook(request, { token });
    throw new Error('verified a forged token');
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    assertEqual(error.reason, 'bad_token', 'reason');
    if (error.message.includes(token) || error.message.includes(btoa(token))) throw new Error('the token leaked into the message');
  }
});

await check('a missing Authorization header fails with missing_auth', async () => {
  assertEqual(await reasonOf(verifyWebhook(createTestDelivery('server.boot', { server: { id: 1 } }), { token })), 'missing_auth', 'reason');
});

await check('a stale delivery fails with stale', async () => {
  const request = createTestDelivery('server.boot', { server: { id: 1 } }, { token, created: new Date(Date.now() - 10 * 60_000) });
  assertEqual(await reasonOf(verifyWebhook(request, { token })), 'stale', 'reason');
});

await check('Standard Webhooks: the specification test vector signs and verifies', async () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const headers = await signWebhook({ id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: 1614265330, body: '{"test": 2432232314}', secret });
  assertEqual(headers['webhook-signature'], 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=', 'signature');
  const verified = await verifySignedWebhook({ headers, body: '{"test": 2432232314}' }, { secret, now: 1614265330 * 1000 });
  assertEqual(verified.payload, { test: 2432232314 }, 'payload');
  const tampered = verifySignedWebhook({ headers, body: '{"test": 2432232315}' }, { secret, now: 1614265330 * 1000 });
  assertEqual(await reasonOf(tampered), 'bad_signature', 'reason');
});

await check('the fetch handler answers 200, then 200 duplicate, then 401', async () => {
  const handle = toFetchHandler(createWebhookReceiver({ token }), () => undefined);
  const send = async (request: Request) => {
    const response = await handle(request);
    return [response.status, await response.json()];
  };
  assertEqual(await send(createTestDelivery('server.boot', { server: { id: 1 } }, { token, hookEventId: 9 })), [200, { ok: true }], 'first');
  assertEqual(await send(createTestDelivery('server.boot', { server: { id: 1 } }, { token, hookEventId: 9 })), [200, { ok: true, duplicate: true }], 'repeat');
  assertEqual(await send(createTestDelivery('server.boot', { server: { id: 1 } }, { token: 'nope' })), [401, { ok: false, reason: 'bad_token' }], 'forged');
});

const failed = results.filter((result) => 'error' in result);
for (const result of failed) console.error(`FAIL ${result.name}:`, result.error);
console.log(`webhooks runtime smoke: ${results.length - failed.length} passed, ${failed.length} failed`);
if (failed.length > 0) process.exit(1);
