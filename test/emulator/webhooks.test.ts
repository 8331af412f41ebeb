import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, startEmulator, WEBHOOK_USER_AGENT, type Emulator } from '../../src/testing';
import { verifyWebhook } from '../../src/webhooks';
import { raw } from './helpers';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

interface Receiver {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** A webhook receiver on 127.0.0.1 that answers the given statuses in turn, then 204. */
async function receiver(statuses: number[] = []): Promise<Receiver> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(statuses.shift() ?? 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/virtfusion`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function start(emuOptions: Parameters<typeof startEmulator>[0]): Promise<Emulator> {
  const emu = await startEmulator({ clock: createManualClock(), buildDuration: 30_000, ...emuOptions });
  cleanup.push(() => emu.stop());
  return emu;
}

describe('webhook deliveries', () => {
  it('delivers lifecycle events in the VirtFusion format, retrying after the receiver fails', async () => {
    const hooks = await receiver([500]);
    cleanup.push(hooks.close);
    const emu = await start({ webhooks: [{ url: hooks.url, token: 'hook-secret', backoffMs: 20 }] });

    const user = await raw(emu, 'POST', '/users', { body: { name: 'Hook Test', email: 'hook@example.org', extRelationId: 8080 } });
    const userId = (user.json as { data: { id: number } }).data.id;
    await raw(emu, 'PUT', '/users/8080/byExtRelation', { body: { name: 'Hook Tested' } });
    const created = await raw(emu, 'POST', '/servers', { body: { packageId: 1, userId, hypervisorId: 1 } });
    const serverId = (created.json as { data: { id: number } }).data.id;
    await raw(emu, 'POST', `/servers/${serverId}/build`, { body: { operatingSystemId: 46 } });
    emu.advance(30_000);
    await raw(emu, 'POST', `/servers/${serverId}/suspend`);
    await raw(emu, 'POST', `/servers/${serverId}/unsuspend`);
    await raw(emu, 'POST', `/servers/${serverId}/power/restart`);
    emu.advance(1_000);
    await raw(emu, 'DELETE', `/servers/${serverId}`);
    await raw(emu, 'DELETE', '/users/8080/byExtRelation');
    await emu.webhooksSettled();

    const deliveries = emu.deliveries();
    expect(deliveries.map((d) => [d.id, d.event, d.state, d.attempts.map((a) => a.status)])).toEqual([
      [1, 'user.create', 'delivered', [500, 204]],
      [2, 'user.modify', 'delivered', [204]],
      [3, 'server.create', 'delivered', [204]],
      [4, 'server.build', 'delivered', [204]],
      [5, 'server.suspend', 'delivered', [204]],
      [6, 'server.unsuspend', 'delivered', [204]],
      [7, 'server.restart', 'delivered', [204]],
      [8, 'server.destroy', 'delivered', [204]],
      [9, 'user.delete', 'delivered', [204]],
    ]);

    expect(hooks.received).toHaveLength(10);
    // Deliveries run side by side, as the panel's queue workers do: find them by delivery id.
    const byId = (id: string) => hooks.received.filter((r) => r.headers['x-virtfusion-hook-event'] === id);
    const [failed, retried] = byId('1');
    expect(byId('1')).toHaveLength(2);
    expect(retried!.body).toBe(failed!.body);
    expect(retried!.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': WEBHOOK_USER_AGENT,
      authorization: `Bearer ${Buffer.from('hook-secret').toString('base64')}`,
      'x-virtfusion-hook': '1',
      'x-virtfusion-created': '2025-01-20T12:00:00.000000Z',
      'x-virtfusion-event': 'user.create',
      'x-virtfusion-event-status': 'success',
    });
    expect(WEBHOOK_USER_AGENT).toMatch(/^VirtFusion-Hookshot\/\S+$/);

    const modify = JSON.parse(byId('2')[0]!.body) as Record<string, any>;
    expect(modify.data.user).toMatchObject({ before: { name: 'Hook Test' }, after: { name: 'Hook Tested' } });
    const build = JSON.parse(byId('4')[0]!.body) as Record<string, any>;
    expect(build).toMatchObject({
      event: 'server.build',
      created: '2025-01-20T12:00:30.000000Z',
      hookId: 1,
      hookEventId: 4,
      eventStatus: 'success',
      controlDomain: new URL(emu.url).host,
      controlName: 'VirtFusion Emulator',
      data: { errors: [], server: { id: serverId, state: 'complete', commissionStatus: 3, ownerId: userId } },
    });
    expect(Object.keys(build).sort()).toEqual(['controlDomain', 'controlName', 'controlSupportLink', 'created', 'data', 'event', 'eventStatus', 'hookEventId', 'hookId']);

    for (const delivery of hooks.received.filter((r) => r !== failed)) {
      const request = new Request(hooks.url, { method: 'POST', headers: delivery.headers as Record<string, string>, body: delivery.body });
      const event = await verifyWebhook(request, { token: 'hook-secret', now: () => emu.clock.now() });
      expect(event.event).toBe(delivery.headers['x-virtfusion-event']);
      expect(event.known).toBe(true);
    }
  });

  it('sends only the chosen events to a receiver, and stops retrying after maxAttempts', async () => {
    const picky = await receiver();
    const broken = await receiver([503, 503, 503, 503]);
    cleanup.push(picky.close, broken.close);
    const emu = await start({
      webhooks: [
        { url: picky.url, events: ['server.suspend'] },
        { url: broken.url, token: 't', events: ['server.suspend'], maxAttempts: 3, backoffMs: 10 },
      ],
    });
    await raw(emu, 'POST', '/servers/1/suspend');
    await raw(emu, 'POST', '/servers/1/unsuspend');
    await emu.webhooksSettled();
    expect(picky.received.map((r) => r.headers['x-virtfusion-event'])).toEqual(['server.suspend']);
    expect(picky.received[0]!.headers.authorization).toBeUndefined();
    expect(broken.received).toHaveLength(3);
    expect(emu.deliveries().map((d) => [d.hookId, d.state, d.attempts.map((a) => a.status)])).toEqual([
      [1, 'delivered', [204]],
      [2, 'failed', [503, 503, 503]],
    ]);
  });

  it('records connection errors as failed attempts', async () => {
    const gone = await receiver();
    await gone.close();
    const emu = await start({ webhooks: [{ url: gone.url, maxAttempts: 2, backoffMs: 10 }] });
    await raw(emu, 'POST', '/servers/1/suspend');
    await emu.webhooksSettled();
    const [delivery] = emu.deliveries();
    expect(delivery).toMatchObject({ event: 'server.suspend', state: 'failed' });
    expect(delivery!.attempts.map((a) => a.error)).toEqual(['ECONNREFUSED', 'ECONNREFUSED']);
  });
});
