// The checks every runtime runs against the BUILT package, imported by name as a user would.
// Web APIs only (no Node types in this folder's tsconfig): the same module runs on Node, Bun,
// Deno and in a Worker.
import { ExtRelationId, InputValidationError, NotFoundError, rateLimit, retry, VirtFusion } from 'virtfusion-sdk';
import {
  createTestDelivery,
  createWebhookReceiver,
  signWebhook,
  toFetchHandler,
  verifySignedWebhook,
  verifyWebhook,
  WebhookVerificationError,
} from 'virtfusion-sdk/webhooks';

import type { CheckId, CheckResult, SmokeConfig } from '../check-names';

export type { CheckResult, SmokeConfig };

function assert(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(what);
}

function same(actual: unknown, expected: unknown, what: string): void {
  assert(JSON.stringify(actual) === JSON.stringify(expected), `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but it resolved');
}

/** Runs every check in order; one failing does not stop the others. */
export async function runChecks(config: SmokeConfig): Promise<CheckResult[]> {
  const vf = new VirtFusion({
    url: config.emulatorUrl,
    token: config.emulatorToken,
    middleware: [retry(), rateLimit({ perMinute: 6000 })],
  });
  const results: CheckResult[] = [];
  const check = async (id: CheckId, body: () => Promise<void>) => {
    try {
      await body();
      results.push({ id, ok: true });
    } catch (error) {
      results.push({ id, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  };

  try {
    await check('connect', async () => {
      same(await vf.connect(), true, 'connect()');
    });

    await check('paging', async () => {
      const first = await vf.servers.list({ results: 2 });
      same([first.data.length, first.lastPage, first.total], [2, 3, 5], 'first page [rows, lastPage, total]');
      let pages = 0;
      for await (const page of vf.servers.list({ results: 2 }).pages()) pages += page.data.length > 0 ? 1 : 0;
      same(pages, 3, 'pages');
      const ids: number[] = [];
      for await (const server of vf.servers.list({ results: 2 })) ids.push(server.id);
      same(ids, [1, 2, 3, 4, 5], 'ids across pages');
    });

    await check('get', async () => {
      const server = await vf.servers.get(3);
      same(server.id, 3, 'id');
      assert(typeof server.name === 'string' && server.name !== '', 'the server has a name');
    });

    await check('build', async () => {
      const pkg = (await vf.packages.list()).find((p) => p.enabled);
      const group = (await vf.hypervisors.groups.list().toArray({ limit: 50 })).find((g) => g.enabled);
      assert(pkg !== undefined && group !== undefined, 'an enabled package and hypervisor group');
      const template = (await vf.media.templates(pkg.id)).flatMap((g) => g.templates)[0];
      assert(template !== undefined, 'a template');
      const user = await vf.users.ensure({ extRelationId: ExtRelationId(77001), name: 'Runtime Smoke', email: 'smoke@example.com' });
      const created = await vf.servers.create({ packageId: pkg.id, userId: user.id, hypervisorId: group.id });
      await vf.servers.build(created.id, { operatingSystemId: template.id, name: 'smoke', hostname: 'smoke.example.net' });
      const states: string[] = [];
      const built = await vf.servers.waitForBuild(created.id, { interval: 50, timeout: 20_000, onProgress: (p) => void states.push(p.state) });
      same([built.id, states.at(-1)], [created.id, 'complete'], '[id, last state]');
    });

    await check('typedError', async () => {
      const missing = await failureOf(vf.servers.get(987654));
      assert(missing instanceof NotFoundError, `a NotFoundError, got ${String(missing)}`);
      same([missing.code, missing.status], ['not_found', 404], '[code, status]');
      assert(!missing.message.includes(config.emulatorToken), 'the token stays out of the message');
      const bad = await failureOf(vf.request('GET /servers/{serverId}', { path: { serverId: '../users' as unknown as number } }));
      assert(bad instanceof InputValidationError, `an InputValidationError, got ${String(bad)}`);
    });
  } finally {
    await vf.close();
  }

  const token = config.webhookToken;
  await check('webhookVerify', async () => {
    const delivery = createTestDelivery('server.assign.ipv4', { server: { id: 42 }, 'ipv4.ip': '203.0.113.7' }, { token, hookEventId: 5 });
    const event = await verifyWebhook(delivery, { token });
    assert(event.known && event.event === 'server.assign.ipv4', `a typed server.assign.ipv4 event, got ${event.event}`);
    same([event.hookEventId, event.data.server.id, event.data.ipv4.ip], ['5', 42, '203.0.113.7'], '[hookEventId, server, ip]');
  });

  await check('webhookForged', async () => {
    const forged = await failureOf(verifyWebhook(createTestDelivery('server.boot', { server: { id: 1 } }, { token: 'forged-token' }), { token }));
    assert(forged instanceof WebhookVerificationError, `a WebhookVerificationError, got ${String(forged)}`);
    same([forged.reason, forged.status], ['bad_token', 401], '[reason, status]');
    assert(!forged.message.includes(token) && !forged.message.includes(btoa(token)), 'the token stays out of the message');
  });

  await check('signed', async () => {
    // The test vector of the Standard Webhooks specification.
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = '{"test": 2432232314}';
    const headers = await signWebhook({ id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: 1614265330, body, secret });
    same(headers['webhook-signature'], 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=', 'signature');
    const verified = await verifySignedWebhook({ headers, body }, { secret, now: 1614265330 * 1000 });
    same(verified.payload, { test: 2432232314 }, 'payload');
    const reserialised = await failureOf(verifySignedWebhook({ headers, body: JSON.stringify(JSON.parse(body)) }, { secret, now: 1614265330 * 1000 }));
    assert(reserialised instanceof WebhookVerificationError && reserialised.reason === 'bad_signature', 'a re-serialised body fails the signature');
  });

  await check('fetchHandler', async () => {
    const handle = toFetchHandler(createWebhookReceiver({ token }), () => undefined);
    const send = async (request: Request) => {
      const response = await handle(request);
      return [response.status, await response.json()];
    };
    same(await send(createTestDelivery('server.boot', { server: { id: 1 } }, { token, hookEventId: 9 })), [200, { ok: true }], 'first');
    same(await send(createTestDelivery('server.boot', { server: { id: 1 } }, { token, hookEventId: 9 })), [200, { ok: true, duplicate: true }], 'repeat');
    same(await send(createTestDelivery('server.boot', { server: { id: 1 } }, { token: 'nope' })), [401, { ok: false, reason: 'bad_token' }], 'forged');
  });

  return results;
}
