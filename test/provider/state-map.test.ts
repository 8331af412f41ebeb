import { afterEach, describe, expect, it } from 'vitest';
import { instanceStatus, type InstanceStatus } from '../../src/provider';
import type { Emulator } from '../../src/testing';
import { bareClient, emulator, FIXTURE, provider } from './helpers';

describe('the VirtFusion state map (docs/provider.md)', () => {
  it.each<[string, Parameters<typeof instanceStatus>[0], Parameters<typeof instanceStatus>[1], InstanceStatus]>([
    ['allocated, never built', { state: 'allocated', commissionStatus: 0, suspended: false }, {}, 'provisioning'],
    ['build queued', { state: 'queued', commissionStatus: 1 }, {}, 'provisioning'],
    ['built, no remote state', { state: 'complete', commissionStatus: 3 }, {}, 'running'],
    ['built, the provider stopped it', { state: 'complete', commissionStatus: 3 }, { power: 'stopped' }, 'stopped'],
    ['built, remote running', { state: 'complete', commissionStatus: 3, remoteState: { state: 'running', running: true } }, { power: 'stopped' }, 'running'],
    ['built, remote shutoff', { state: 'complete', commissionStatus: 3, remoteState: { state: 'shutoff', running: false } }, {}, 'stopped'],
    ['built, remote paused', { state: 'complete', commissionStatus: 3, remoteState: { state: 'paused' } }, {}, 'stopped'],
    ['built, remote crashed', { state: 'complete', commissionStatus: 3, remoteState: { state: 'crashed' } }, {}, 'error'],
    ['built, only `running: false`', { state: 'complete', commissionStatus: 3, remoteState: { running: false } }, {}, 'stopped'],
    ['built, no remote state (false)', { state: 'complete', commissionStatus: 3, remoteState: false }, {}, 'running'],
    ['restart under way', { state: 'complete', commissionStatus: 3, remoteState: { state: 'running' } }, { rebooting: true }, 'rebooting'],
    ['suspended', { state: 'complete', commissionStatus: 3, suspended: true }, {}, 'suspended'],
    ['suspended before its build', { state: 'allocated', commissionStatus: 0, suspended: true }, {}, 'suspended'],
    ['build failed', { state: 'queued', commissionStatus: 1, buildFailed: true }, {}, 'error'],
    ['state failed', { state: 'failed' }, {}, 'error'],
    ['suspended and failed', { state: 'queued', buildFailed: true, suspended: true }, {}, 'error'],
    ['deletion pending', { state: 'complete', commissionStatus: 3, suspended: true }, { pendingDeletion: true }, 'terminating'],
    ['commission status as a string', { state: 'something-new', commissionStatus: '3' }, {}, 'running'],
    ['unknown state', { state: 'migrating', commissionStatus: 7 }, {}, 'unknown'],
    ['empty record', {}, {}, 'unknown'],
  ])('%s → %s', (_label, server, hints, expected) => {
    expect(instanceStatus(server, hints)).toBe(expected);
  });
});

describe('every state the emulator can produce, read through getInstance', () => {
  let emu: Emulator;
  afterEach(async () => {
    await emu?.stop();
  });

  it('provisioning, running, stopped, rebooting, suspended, error, terminating, gone', async () => {
    emu = await emulator({ buildDuration: 500, taskDuration: 400 });
    const p = provider(emu, { destroyDelayMinutes: 60 });
    const vf = bareClient(emu);
    const input = { ...FIXTURE, owner: '9001' };
    const answered = (route: string) => emu.requests().some((r) => r.route === route && r.status > 0);
    const until = async (ready: () => boolean) => {
      while (!ready()) await new Promise((r) => setTimeout(r, 5));
    };

    const created = p.createInstance({ ...input, name: 'states-1' });
    await until(() => answered('POST /servers/{serverId}/build'));
    const building = emu.state.serverIds().find((id) => emu.state.server(id)?.name === 'states-1')!;
    expect((await p.getInstance(String(building)))?.status).toBe('provisioning');
    const instance = await created;
    const userId = await p.resolveOwner('9001');
    expect((await p.getInstance(instance.id))?.status).toBe('running');

    const allocated = await vf.servers.create({ packageId: 1, userId, hypervisorId: 2 } as never);
    expect((await p.getInstance(String(allocated.id)))?.status).toBe('provisioning');

    await p.performAction(instance.id, 'shutdown');
    expect((await p.getInstance(instance.id))?.status).toBe('stopped');
    await p.performAction(instance.id, 'boot');

    emu.clearRequests();
    const rebooting = p.performAction(instance.id, 'reboot');
    // The provider reads the queue only after noting the restart.
    await until(() => answered('GET /queue/{queueId}'));
    expect((await p.getInstance(instance.id))?.status).toBe('rebooting');
    await rebooting;
    expect((await p.getInstance(instance.id))?.status).toBe('running');

    await p.performAction(instance.id, 'suspend');
    expect((await p.getInstance(instance.id))?.status).toBe('suspended');
    await p.performAction(instance.id, 'unsuspend');

    await vf.servers.build(allocated.id, { operatingSystemId: 46 });
    emu.state.failBuild(allocated.id);
    expect((await p.getInstance(String(allocated.id)))?.status).toBe('error');

    await p.destroyInstance(instance.id);
    expect((await p.getInstance(instance.id))?.status).toBe('terminating');
    expect(emu.state.server(Number(instance.id))).toBeDefined();
    expect(await p.getInstance('999999')).toBeUndefined();
  });

  it('reads the addresses of every interface', async () => {
    emu = await emulator();
    const p = provider(emu);
    const instance = await p.createInstance({ ...FIXTURE, name: 'addr', owner: '9002', providerOptions: { ipv4: 2, ipv6: true } });
    const record = emu.state.server(Number(instance.id)) as { network: { interfaces: { ipv4: { address: string }[]; ipv6: { subnet: string; cidr: number }[] }[] } };
    const nic = record.network.interfaces[0]!;
    expect(instance.ipv4).toEqual(nic.ipv4.map((ip) => ip.address));
    expect(instance.ipv4).toHaveLength(2);
    expect(instance.ipv6).toEqual(nic.ipv6.map((s) => `${s.subnet}/${s.cidr}`));
    expect(instance.ipv6).toHaveLength(1);
  });
});
