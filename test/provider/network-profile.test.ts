import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/testing';
import { bareClient, emulator, FIXTURE, provider, serversCreated, failure } from './helpers';

let emu: Emulator;
afterEach(async () => {
  await emu?.stop();
});

// Region 3 (Frankfurt) has one eligible node, hypervisor 5 (fra-hv01).
const FRANKFURT = { ...FIXTURE, regionId: '3', owner: '9101' };
const profileOf = (id: string) => (emu.state.server(Number(id)) as { network: { interfaces: { networkProfile: number }[] } }).network.interfaces[0]!.networkProfile;
const bodies = () => emu.requests().filter((r) => r.route === 'POST /servers').map((r) => ({ dryRun: r.query.dryRun === 'true', profile: (r.body as { networkProfile?: number }).networkProfile, status: r.status }));


describe('network profile selection', () => {
  it("uses the package's profile when the group's nodes use it", async () => {
    emu = await emulator();
    emu.state.setHypervisorNetworkProfile(5, 4);
    emu.state.setPackageNetworkProfile(1, 4);
    const instance = await provider(emu).createInstance({ ...FRANKFURT, name: 'pkg-profile' });
    expect(profileOf(instance.id)).toBe(4);
    // No dry run first: the real create goes out at once.
    expect(bodies()).toEqual([{ dryRun: false, profile: undefined, status: 201 }]);
  });

  it('falls back to a profile that servers in the group use', async () => {
    emu = await emulator();
    emu.state.setHypervisorNetworkProfile(5, 7);
    const vf = bareClient(emu);
    const userId = await provider(emu).resolveOwner('9101');
    await vf.servers.create({ packageId: 2, userId, hypervisorId: 3, networkProfile: 7 } as never);
    emu.clearRequests();
    const fallback = provider(emu);
    const instance = await fallback.createInstance({ ...FRANKFURT, name: 'fallback' });
    expect(profileOf(instance.id)).toBe(7);
    // The real create is refused (and creates nothing), a dry run finds the profile, the create is sent again with it.
    expect(bodies()).toEqual([
      { dryRun: false, profile: undefined, status: 422 },
      { dryRun: true, profile: 7, status: 200 },
      { dryRun: false, profile: 7, status: 201 },
    ]);
    expect(serversCreated(emu)).toBe(1);
    // The choice is kept for the catalogue period: the next create sends it straight away.
    emu.clearRequests();
    await fallback.createInstance({ ...FRANKFURT, name: 'fallback-2' });
    expect(bodies()).toEqual([{ dryRun: false, profile: 7, status: 201 }]);
  });

  it("takes the caller's profile, and only it", async () => {
    emu = await emulator();
    emu.state.setHypervisorNetworkProfile(5, 7);
    const instance = await provider(emu).createInstance({ ...FRANKFURT, name: 'chosen', providerOptions: { networkProfile: 7 } });
    expect(profileOf(instance.id)).toBe(7);
    const error = await failure(() => provider(emu).createInstance({ ...FRANKFURT, name: 'wrong', providerOptions: { networkProfile: 3 } }));
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.field).toBe('networkProfile');
    expect(error.message).toContain('Tried profile 3 [caller]: "Invalid network profile. The specified profile is not in use"');
    expect(error.message).toContain('not a hypervisor network (bridge) id');
    expect(serversCreated(emu)).toBe(1);
  });

  it('fails with every attempt named when no profile works, creating nothing', async () => {
    emu = await emulator();
    emu.state.setHypervisorNetworkProfile(5, 9);
    const error = await failure(() => provider(emu).createInstance({ ...FRANKFURT, name: 'nowhere' }));
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.field).toBe('networkProfile');
    const inGroup = emu.state.serverIds().filter((id) => (emu.state.server(id) as { hypervisorId: number }).hypervisorId === 5).length;
    expect(inGroup).toBeGreaterThan(0);
    expect(error.message).toBe(
      'No network profile works in region 3 (Frankfurt) for plan 1 (Starter). ' +
        "Tried the package's profile (0, the default) [package]: \"Invalid network profile. The specified profile is not in use\". " +
        `No other profile is in use in the group (read ${inGroup} server(s) on its nodes; profiles seen: 0). Give one with providerOptions.networkProfile.`,
    );
    expect(serversCreated(emu)).toBe(0);
  });
});
