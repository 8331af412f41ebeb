import { afterEach, describe, expect, it } from 'vitest';
import { createHostingLifecycle, isProviderError, type HostingService } from '../../src/provider';
import type { Emulator } from '../../src/testing';
import { bareClient, emulator } from './helpers';

let emu: Emulator;
afterEach(async () => {
  await emu?.stop();
});

const SERVICE: HostingService = {
  serviceId: 7001,
  user: { extRelationId: 4242, name: 'Ada Lovelace', email: 'ada@example.com' },
  packageId: 2,
  hypervisorGroupId: 2,
  imageId: 46,
  hostname: 'ada.example.net',
  overrides: { memory: 3072, cpuCores: 3, ipv4: 2 },
};

const count = (route: string) => emu.requests().filter((r) => r.route === route && r.status < 300 && r.query.dryRun === undefined).length;

describe('createHostingLifecycle: every method twice, nothing doubled', () => {
  it('tests the connection, creates, suspends, changes package, signs in, reads usage and terminates', async () => {
    emu = await emulator();
    const hosting = createHostingLifecycle({ client: bareClient(emu), wait: { interval: 10 } });
    expect(await hosting.testConnection()).toEqual({ ok: true });

    const account = await hosting.createAccount(SERVICE);
    const again = await hosting.createAccount(SERVICE);
    expect(account).toMatchObject({ name: 'service-7001', status: 'running', created: true });
    expect(again).toMatchObject({ serverId: account.serverId, userId: account.userId, created: false });
    expect(account.password).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(again.password).toBeUndefined();
    expect(JSON.stringify(account)).not.toContain(account.password);
    expect(count('POST /users')).toBe(1);
    expect(count('POST /servers')).toBe(1);
    expect(emu.state.user(4242)).toMatchObject({ id: account.userId, email: 'ada@example.com' });
    const server = emu.state.server(account.serverId) as { settings: { resources: { memory: number; cpuCores: number } }; network: { interfaces: { ipv4: unknown[] }[] } };
    expect(server.settings.resources).toMatchObject({ memory: 3072, cpuCores: 3 });
    expect(account.ipv4).toHaveLength(2);
    const ref = { serverId: account.serverId, extRelationId: 4242 };

    expect(await hosting.suspendAccount(ref)).toEqual({ changed: true });
    expect(await hosting.suspendAccount(ref)).toEqual({ changed: false });
    expect(emu.state.server(account.serverId)).toMatchObject({ suspended: true });
    expect(count('POST /servers/{serverId}/suspend')).toBe(1);
    expect(await hosting.unsuspendAccount(ref)).toEqual({ changed: true });
    expect(await hosting.unsuspendAccount(ref)).toEqual({ changed: false });
    expect(count('POST /servers/{serverId}/unsuspend')).toBe(1);

    await hosting.changePackage(ref, 3);
    await hosting.changePackage(ref, 3);
    expect(emu.requests().filter((r) => r.route === 'PUT /servers/{serverId}/package/{packageId}').map((r) => r.path)).toEqual([
      `/api/v1/servers/${account.serverId}/package/3`,
      `/api/v1/servers/${account.serverId}/package/3`,
    ]);

    const url = await hosting.loginUrl(ref);
    expect(url.startsWith(`${emu.url}/`)).toBe(true);

    const usage = await hosting.usage(ref);
    expect(usage).toMatchObject({ limitGb: expect.any(Number), rxBytes: expect.any(Number), txBytes: expect.any(Number) });
    expect(usage.totalBytes).toBe(usage.rxBytes + usage.txBytes);
    expect(Date.parse(`${usage.periodStart!.replace(' ', 'T')}Z`)).toBeLessThanOrEqual(Date.now());

    await hosting.terminateAccount(ref);
    await hosting.terminateAccount(ref);
    expect(emu.state.server(account.serverId)).toBeUndefined();
    expect(count('DELETE /servers/{serverId}')).toBe(1);
    expect(emu.requests().filter((r) => r.route === 'DELETE /servers/{serverId}').map((r) => r.status)).toEqual([204, 404]);
  });

  it('refuses overrides outside the allow-list and malformed services, before sending anything', async () => {
    emu = await emulator();
    const hosting = createHostingLifecycle({ client: bareClient(emu) });
    const bad = await hosting.createAccount({ ...SERVICE, overrides: { backupPlan: 1 } as never }).catch((e: unknown) => e);
    expect(isProviderError(bad) && bad.code === 'VALIDATION_ERROR' && bad.field === 'overrides.backupPlan').toBe(true);
    const noEmail = await hosting.createAccount({ ...SERVICE, user: { ...SERVICE.user, email: 'not-an-email' } }).catch((e: unknown) => e);
    expect(noEmail).toMatchObject({ code: 'VALIDATION_ERROR', field: 'user.email' });
    expect(emu.requests()).toHaveLength(0);
  });

  it('reports a failed connection without throwing, and a missing server as NOT_FOUND', async () => {
    emu = await emulator({ tokens: [{ token: 'vf-connect-only-token-000000', scopes: ['connect'] }] });
    const scoped = createHostingLifecycle({ url: emu.url, token: 'vf-connect-only-token-000000', middleware: [] });
    expect(await scoped.testConnection()).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await emu.stop();
    emu = await emulator();
    const hosting = createHostingLifecycle({ client: bareClient(emu) });
    expect(await hosting.suspendAccount({ serverId: 999_999 }).catch((e: unknown) => e)).toMatchObject({ code: 'NOT_FOUND', serverId: '999999' });
  });
});
