import { once } from 'node:events';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { InputValidationError, VirtFusion, rateLimit } from '../../src/index';
import { busiestWindow } from '../middleware/helpers/windows';
import { watchServers, type ServerChangeEvent, type ServerWatch } from '../../src/fleet';
import { createManualClock, startEmulator, type Emulator } from '../../src/testing';
import { createWebhookReceiver, toNodeHandler } from '../../src/webhooks';
import { emulatorClient } from './helpers';

const BUILD_MS = 30_000;
const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

async function emulator(options: Parameters<typeof startEmulator>[0] = {}): Promise<Emulator> {
  const emu = await startEmulator({ seed: { servers: 0, users: 1 }, clock: createManualClock(), buildDuration: BUILD_MS, taskDuration: 1_000, ...options });
  cleanup.push(() => emu.stop());
  return emu;
}

/** Pulls events one at a time from a watch. */
function reader(watch: ServerWatch) {
  const iterator = watch[Symbol.asyncIterator]();
  cleanup.push(() => iterator.return?.());
  return {
    next: async (): Promise<ServerChangeEvent> => {
      const { value, done } = await iterator.next();
      if (done) throw new Error('the watch ended');
      return value;
    },
    /** Asks for a pass now, then reads the next event. */
    refreshed: async (): Promise<ServerChangeEvent> => {
      watch.refresh();
      const { value, done } = await iterator.next();
      if (done) throw new Error('the watch ended');
      return value;
    },
  };
}

async function newServer(vf: VirtFusion): Promise<number> {
  const user = (await vf.users.get(1001 as never)) as { id: number };
  const server = await vf.servers.create({ packageId: 1, userId: user.id as never, hypervisorId: 1 as never });
  return server.id;
}

const brief = (event: ServerChangeEvent) => {
  switch (event.type) {
    case 'stateChanged':
    case 'powerChanged':
      return `${event.type} ${event.from}->${event.to} (${event.source})`;
    default:
      return `${event.type} (${event.source})`;
  }
};

describe('watchServers', () => {
  it('a server built, powered off, suspended and deleted gives exactly those events in order; a snapshot resumes without repeats', async () => {
    const emu = await emulator();
    const vf = emulatorClient(emu);
    const controller = new AbortController();
    cleanup.push(() => controller.abort());
    let serverId = 0;
    const watch = watchServers({ client: vf, interval: 3_600_000, signal: controller.signal, serverIds: () => (serverId ? [serverId] : []) });
    const events = reader(watch);

    serverId = await newServer(vf);
    const created = await events.next(); // the first pass, started at once, finds the new server
    expect(created).toMatchObject({ type: 'created', serverId, initial: true, source: 'poll', server: { state: 'allocated' } });

    await vf.servers.build(serverId, { operatingSystemId: 46, hostname: 'watched.example.net' });
    emu.advance(BUILD_MS);
    const built = await events.refreshed();
    await vf.servers.power.poweroff(serverId);
    emu.advance(1_000);
    const poweredOff = await events.refreshed();
    await vf.servers.suspend(serverId);
    const suspended = await events.refreshed();
    const snapshot = watch.snapshot();
    await vf.servers.delete(serverId);
    const deleted = await events.refreshed();

    expect([created, built, poweredOff, suspended, deleted].map(brief)).toEqual([
      'created (poll)',
      'stateChanged allocated->complete (poll)',
      'powerChanged running->stopped (poll)',
      'suspended (poll)',
      'deleted (poll)',
    ]);
    expect(built.server).toMatchObject({ hostname: 'watched.example.net', state: 'complete' });
    expect(deleted.server).toMatchObject({ id: serverId, suspended: true, power: 'stopped' });
    // The deletion was confirmed by the panel before it was announced.
    expect(emu.requests().filter((r) => r.path === `/api/v1/servers/${serverId}` && r.method === 'GET' && r.status === 404 && r.query.remoteState === undefined)).toHaveLength(1);

    // A new process resuming from the snapshot taken after "suspended" hears only of the deletion.
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    const resumed = reader(watchServers({ client: vf, interval: 3_600_000, signal: controller.signal, since: snapshot }));
    const next = await resumed.next();
    expect(brief(next)).toBe('deleted (poll)');
    expect(next.serverId).toBe(serverId);
    // And nothing more: the next pass is quiet, the one after sees a new server only.
    const another = await newServer(vf);
    const after = await resumed.refreshed();
    expect(after).toMatchObject({ type: 'created', serverId: another, initial: false });
  }, 30_000);

  it('announces package (resources) and address changes, each once', async () => {
    const emu = await emulator();
    const vf = emulatorClient(emu);
    const controller = new AbortController();
    cleanup.push(() => controller.abort());
    const serverId = await newServer(vf);
    const watch = watchServers({ client: vf, interval: 3_600_000, signal: controller.signal });
    const events = reader(watch);
    const created = await events.next();
    const address = created.server.addresses.find((a) => !a.includes(':'))!;
    expect(address).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

    await vf.servers.modify.memory(serverId, created.server.resources.memory! * 2);
    const resized = await events.refreshed();
    expect(resized).toMatchObject({ type: 'packageChanged', from: { memory: created.server.resources.memory }, to: { memory: created.server.resources.memory! * 2 } });
    await vf.servers.ipv4.remove(serverId, { ip: [address] });
    const readdressed = await events.refreshed();
    expect(readdressed).toMatchObject({ type: 'addressesChanged', removed: [address], added: [] });
    // A quiet pass, then a change: the change is the next event, so the quiet pass announced nothing.
    watch.refresh();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await vf.servers.suspend(serverId);
    expect((await events.refreshed()).type).toBe('suspended');
  });

  it('merges webhook deliveries: a change seen by a webhook first is not announced again by polling', async () => {
    const clock = createManualClock();
    const receiver = createWebhookReceiver({ token: 'hook-secret', now: () => clock.now() });
    const hooks: HttpServer = createServer(toNodeHandler(receiver, () => undefined));
    hooks.listen(0, '127.0.0.1');
    await once(hooks, 'listening');
    cleanup.push(() => new Promise((resolve) => hooks.close(resolve)));
    const emu = await emulator({ clock, webhooks: [{ url: `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hooks`, token: 'hook-secret' }] });
    const vf = emulatorClient(emu);
    const controller = new AbortController();
    cleanup.push(() => controller.abort());
    const serverId = await newServer(vf);
    await vf.servers.build(serverId, { operatingSystemId: 46 });
    emu.advance(BUILD_MS);
    await emu.webhooksSettled();

    const watch = watchServers({ client: vf, interval: 3_600_000, signal: controller.signal, webhooks: receiver });
    const events = reader(watch);
    expect(await events.next()).toMatchObject({ type: 'created', serverId, initial: true });

    await vf.servers.suspend(serverId);
    await emu.webhooksSettled();
    const fromHook = await events.next();
    expect(brief(fromHook)).toBe('suspended (webhook)');
    await vf.servers.power.poweroff(serverId);
    emu.advance(1_000);
    await emu.webhooksSettled();
    expect(brief(await events.next())).toBe('powerChanged undefined->stopped (webhook)');
    // Polling now reads the same state: nothing to announce. The unsuspend after it is new.
    watch.refresh();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await vf.servers.unsuspend(serverId);
    await emu.webhooksSettled();
    expect(brief(await events.refreshed())).toBe('unsuspended (webhook)');
  }, 30_000);

  it('waits the interval between passes, and stops cleanly on abort', async () => {
    const emu = await emulator({ clock: undefined });
    const vf = emulatorClient(emu);
    const controller = new AbortController();
    const watch = watchServers({ client: vf, interval: 150, signal: controller.signal });
    const seen: ServerChangeEvent[] = [];
    const done = (async () => {
      for await (const event of watch) seen.push(event);
    })();
    await new Promise((resolve) => setTimeout(resolve, 500));
    controller.abort();
    await expect(done).resolves.toBeUndefined();
    const passes = emu.requests().filter((r) => r.route === 'GET /servers');
    // Started at 0 ms, then one every 150 ms after the previous ended: 3 or 4 in 500 ms.
    expect(passes.length).toBeGreaterThanOrEqual(3);
    expect(passes.length).toBeLessThanOrEqual(4);
    const countAfterAbort = emu.requests().length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(emu.requests()).toHaveLength(countAfterAbort);
    expect(seen).toEqual([]);
  });

  it("polls within the client's rate limit", async () => {
    const emu = await emulator({ clock: undefined, seed: { servers: 3, users: 1 } });
    const limiter = rateLimit({ limit: 4, windowMs: 1_000 });
    const vf = new VirtFusion({ url: emu.url, token: emu.token, middleware: [limiter] });
    cleanup.push(() => vf.close());
    const controller = new AbortController();
    // Each pass is 1 list + 3 power reads; with a 1 ms interval only the limiter holds it back.
    const watch = watchServers({ client: vf, interval: 1, signal: controller.signal, serverIds: emu.state.serverIds() });
    const done = (async () => {
      for await (const _ of watch);
    })();
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    controller.abort();
    await done;
    const times = emu.requests().map((r) => r.time);
    expect(times.length).toBeGreaterThanOrEqual(8);
    expect(busiestWindow(times, 900)).toBeLessThanOrEqual(4);
  });

  it('refuses bad options before any request', async () => {
    const emu = await emulator();
    const vf = emulatorClient(emu);
    for (const [options, message] of [
      [{ client: vf, interval: 0 }, 'Invalid input: interval: must be a positive number of milliseconds, got 0'],
      [{ client: vf, interval: -5 }, 'Invalid input: interval: must be a positive number of milliseconds, got -5'],
      [{ client: vf }, 'Invalid input: interval: must be a positive number of milliseconds, got undefined'],
      [{ client: vf, interval: 10, since: { servers: [] } }, 'Invalid input: since: must be a snapshot taken with watch.snapshot() (version 1)'],
      [{ client: {}, interval: 10 }, 'Invalid input: client: must be a VirtFusion client'],
    ] as const) {
      expect(() => watchServers(options as never)).toThrow(InputValidationError);
      expect(() => watchServers(options as never)).toThrow(message);
    }
    expect(emu.requests()).toEqual([]);
  });
});
