import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/testing';
import { raw } from './helpers';

let emu: Emulator;
afterEach(async () => {
  await emu?.stop();
});

const body = (extra: Record<string, unknown> = {}) => ({ packageId: 1, userId: 2, hypervisorId: 3, ...extra });
type Nic = { networkProfile: number; hypervisorNetwork: number };
const nicOf = (json: unknown) => (json as { data: { network: { interfaces: Nic[] } } }).data.network.interfaces[0]!;

describe('network profiles in the emulator', () => {
  it('refuses a profile no eligible node of the group uses, as the panel does', async () => {
    emu = await startEmulator();
    const answer = await raw(emu, 'POST', '/servers', { body: body({ networkProfile: 5 }) });
    expect(answer.status).toBe(422);
    expect(answer.json).toEqual({ errors: ['Invalid network profile. The specified profile is not in use'] });
    expect((await raw(emu, 'POST', '/servers', { body: body({ networkProfile: 5 }), query: { dryRun: true } })).status).toBe(422);
    expect(emu.state.counts().servers).toBe(6);
  });

  it('places a server on a node whose network uses the profile, and records it on the interface', async () => {
    emu = await startEmulator();
    emu.state.setHypervisorNetworkProfile(5, 5);
    const answer = await raw(emu, 'POST', '/servers', { body: body({ networkProfile: 5 }) });
    expect(answer.status).toBe(201);
    expect(nicOf(answer.json).networkProfile).toBe(5);
    expect((answer.json as { data: { hypervisorId: number } }).data.hypervisorId).toBe(5);
    // The default profile is no longer in use in the group.
    expect((await raw(emu, 'POST', '/servers', { body: body() })).status).toBe(422);
  });

  it("applies the package's profile when the body names none", async () => {
    emu = await startEmulator();
    emu.state.setHypervisorNetworkProfile(5, 8);
    emu.state.setPackageNetworkProfile(1, 8);
    const answer = await raw(emu, 'POST', '/servers', { body: body() });
    expect(answer.status).toBe(201);
    expect(nicOf(answer.json).networkProfile).toBe(8);
    expect(() => emu.state.setPackageNetworkProfile(99, 1)).toThrow(RangeError);
    expect(() => emu.state.setHypervisorNetworkProfile(99, 1)).toThrow(RangeError);
  });
});

describe('failed builds in the emulator', () => {
  it('ends a running build as failed: buildFailed, the queue task failed, no completion later', async () => {
    emu = await startEmulator({ buildDuration: 50 });
    const created = await raw(emu, 'POST', '/servers', { body: body() });
    const id = (created.json as { data: { id: number } }).data.id;
    expect(() => emu.state.failBuild(id)).toThrow('is not building');
    await raw(emu, 'POST', `/servers/${id}/build`, { body: { operatingSystemId: 46 } });
    emu.state.failBuild(id);
    await new Promise((r) => setTimeout(r, 150));
    const server = emu.state.server(id)!;
    expect(server).toMatchObject({ buildFailed: true, state: 'queued', commissionStatus: 1 });
    const failedTask = Array.from({ length: 50 }, (_, i) => emu.state.queueItem(i + 1)).find((t) => t?.action === 'build_server' && t.serverId === id);
    expect(failedTask).toMatchObject({ failed: true });
    // A new build is accepted (not locked) and can complete.
    expect((await raw(emu, 'POST', `/servers/${id}/build`, { body: { operatingSystemId: 46 } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 250));
    expect(emu.state.server(id)).toMatchObject({ buildFailed: false, state: 'complete' });
  });
});
