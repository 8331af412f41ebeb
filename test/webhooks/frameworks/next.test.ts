// Next.js calls an App Router route handler's POST with a NextRequest; this test does the same
// with the real NextRequest of next/server rather than booting a Next server (a build per test run).
// Next.js (about 310 MB) is not a devDependency: scripts/install-next.sh puts it in .cache/next for
// the full suite (npm test); without it this file skips with one line saying so.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSignedWebhookReceiver, createWebhookReceiver, toNextRouteHandler } from '../../../src/webhooks/index';
import { NOW, TOKEN } from '../fixtures';
import { answerOf, panelDelivery, rawBodyRejection, recordingHandlers, relayedDelivery, RELAY_SECRET } from './helpers';

const URL_ = 'http://receiver.test/api/webhooks/virtfusion';

type NextRequestClass = new (input: string, init?: RequestInit) => Request;

async function loadNextRequest(): Promise<NextRequestClass | undefined> {
  const scratch = fileURLToPath(new URL('../../../.cache/next/package.json', import.meta.url));
  let entry: string;
  try {
    entry = createRequire(scratch).resolve('next/server');
  } catch {
    console.info('next.test.ts: skipped, Next.js is not in .cache/next (bash scripts/install-next.sh installs it; npm test does)');
    return undefined;
  }
  return ((await import(pathToFileURL(entry).href)) as { NextRequest: NextRequestClass }).NextRequest;
}

const NextRequest = (await loadNextRequest()) as NextRequestClass;
type NextRequest = Request;

async function nextRequest(request: Request | Promise<Request>): Promise<NextRequest> {
  const source = await request;
  return new NextRequest(source.url, { method: source.method, headers: source.headers, body: await source.arrayBuffer() });
}

describe.skipIf(NextRequest === undefined)('toNextRouteHandler as a Next.js App Router POST', () => {
  it('accepts a delivery, a repeat as a duplicate, and rejects a forged token', async () => {
    const { seen, handlers } = recordingHandlers();
    const POST = toNextRouteHandler(createWebhookReceiver({ token: TOKEN, now: NOW }), handlers);
    expect(await answerOf(await POST(await nextRequest(panelDelivery(URL_, 1))))).toEqual([200, { ok: true }]);
    expect(await answerOf(await POST(await nextRequest(panelDelivery(URL_, 1))))).toEqual([200, { ok: true, duplicate: true }]);
    expect(await answerOf(await POST(await nextRequest(panelDelivery(URL_, 2, { token: 'forged' }))))).toEqual([401, { ok: false, reason: 'bad_token' }]);
    expect(seen).toEqual(['build 42 #1']);
  });

  it('rejects a request whose body was read first with 400 body_consumed and the fix', async () => {
    const { seen, handlers } = recordingHandlers();
    const POST = toNextRouteHandler(createWebhookReceiver({ token: TOKEN, now: NOW }), handlers);
    const request = await nextRequest(panelDelivery(URL_, 3));
    await request.json();
    expect(await answerOf(await POST(request))).toEqual(rawBodyRejection('body_consumed', 'raw body'));
    expect(seen).toEqual([]);
  });

  it('Standard Webhooks: accepts the raw body, rejects a re-serialised one with 400 bad_signature', async () => {
    const { seen, handlers } = recordingHandlers();
    const POST = toNextRouteHandler(createSignedWebhookReceiver({ scheme: 'standard-webhooks', secret: RELAY_SECRET, now: NOW }), handlers);
    expect(await answerOf(await POST(await nextRequest(relayedDelivery(URL_, 6, 'standard-webhooks'))))).toEqual([200, { ok: true }]);
    const relayed = await nextRequest(relayedDelivery(URL_, 7, 'standard-webhooks'));
    const rebuilt = new NextRequest(relayed.url, { method: 'POST', headers: relayed.headers, body: JSON.stringify(await relayed.json()) });
    expect(await answerOf(await POST(rebuilt))).toEqual(rawBodyRejection('bad_signature', 'raw body'));
    expect(seen).toEqual(['build 42 #6']);
  });
});
