import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/testing';
import { provisionFile } from '../../src/provider';
import { emulator, failure, FIXTURE, provider } from './helpers';

let emu: Emulator;
afterEach(async () => {
  await emu?.stop();
});

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq2mN7XoVgDg0fG4bN1eHk3Yw0kK2mP5sQvR8tU9wXy laptop';

describe('the VirtFusion provider beyond the conformance suite', () => {
  it('imports a key once, lists it, and builds with it', async () => {
    emu = await emulator();
    const p = provider(emu);
    const key = await p.importSshKey('9801', { name: 'laptop', publicKey: KEY });
    const again = await p.importSshKey('9801', { name: 'other name', publicKey: `${KEY.split(' ').slice(0, 2).join(' ')} another-comment` });
    expect(again).toEqual(key);
    expect(await p.listSshKeys('9801')).toEqual([key]);
    expect(emu.requests().filter((r) => r.route === 'POST /ssh_keys')).toHaveLength(1);
    expect((await failure(() => p.importSshKey('9801', { name: 'x', publicKey: 'not a key' }))).field).toBe('publicKey');
    const instance = await p.createInstance({ ...FIXTURE, name: 'keyed', owner: '9801', sshKeyIds: [key.id] });
    expect(emu.requests().find((r) => r.route === 'POST /servers/{serverId}/build')!.body).toMatchObject({ sshKeys: [Number(key.id)] });
    expect(instance.status).toBe('running');
  });

  it('lists every server without an owner, paging through them, and finds one by name', async () => {
    emu = await emulator({ seed: { servers: 450, users: 3 } });
    const p = provider(emu);
    const ids: string[] = [];
    for await (const instance of p.listInstances()) ids.push(instance.id);
    expect(ids).toHaveLength(450);
    expect(new Set(ids).size).toBe(450);
    expect(emu.requests().filter((r) => r.route === 'GET /servers').map((r) => r.query.page)).toEqual(['1', '2', '3']);
    const last = emu.state.server(Number(ids.at(-1)))!;
    expect((await p.findInstance({ name: String(last.name) }))?.id).toBe(ids.at(-1));
    expect(await p.findInstance({ name: 'no-such-server' })).toBeUndefined();
  });

  it('resizes to another plan', async () => {
    emu = await emulator();
    const p = provider(emu);
    const instance = await p.createInstance({ ...FIXTURE, name: 'grow', owner: '9802' });
    const resized = await p.resizeInstance(instance.id, '3');
    expect(resized.planId).toBe('3');
    expect(emu.requests().filter((r) => r.route === 'PUT /servers/{serverId}/package/{packageId}').map((r) => r.path)).toEqual([`/api/v1/servers/${instance.id}/package/3`]);
    expect((await failure(() => p.resizeInstance(instance.id, '99'))).field).toBe('planId');
  });

  it('advertises only what it does: no chosen root password', () => {
    expect(provider({ url: 'http://127.0.0.1:1', token: 'x'.repeat(30) } as Emulator).features).toEqual({
      createInstance: ['ssh_key', 'hostname', 'generates_password', 'custom_resources'],
      actions: ['boot', 'shutdown', 'reboot', 'poweroff', 'suspend', 'unsuspend', 'reinstall'],
      resize: true,
      sshKeys: true,
      createUntil: ['running', 'accepted'],
      nameConflicts: true,
    });
  });

  it('creates a talis instance without IPv4 when public_ip is false', async () => {
    emu = await emulator();
    const file = { project_name: 'p', instances: [{ name: 'private', hypervisor_group: 2, template: 'debian-12', network: { public_ip: false } }] };
    const [instance] = (await provisionFile(provider(emu), file, { owner: '9803', planId: '1' })).instances;
    expect(instance!.ipv4).toEqual([]);
    expect(emu.requests().find((r) => r.route === 'POST /servers' && r.status === 201)!.body).toMatchObject({ ipv4: 0, packageId: 1 });
  });
});
