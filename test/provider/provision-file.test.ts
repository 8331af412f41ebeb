import { afterEach, describe, expect, it } from 'vitest';
import { provisionFile } from '../../src/provider';
import type { Emulator } from '../../src/testing';
import { createMemoryProvider } from './memory-provider';
import { emulator, provider, serversCreated, failure } from './helpers';

let emu: Emulator;
afterEach(async () => {
  await emu?.stop();
});

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq2mN7XoVgDg0fG4bN1eHk3Yw0kK2mP5sQvR8tU9wXy ops@example';

const TALIS = {
  project_name: 'celestia-bench',
  instances: [
    {
      name: 'validator',
      provider: 'virtfusion',
      number_of_instances: 3,
      provision: true,
      hypervisor_group: 'London',
      resources: { memory: 2048, disk: 40, cpu: 2 },
      template: 'debian-12',
      ssh_key_name: 'ops',
      network: { public_ip: true, bandwidth: 1000 },
      volumes: [{ name: 'data', size_gb: 20, mount_point: '/data' }],
    },
  ],
};


describe('provisionFile with a talis request file', () => {
  it('creates 3 instances, and a second run creates nothing', async () => {
    emu = await emulator();
    const p = provider(emu);
    await p.importSshKey('9701', { name: 'ops', publicKey: KEY });
    const first = await provisionFile(p, JSON.stringify(TALIS), { owner: '9701' });
    expect(first.instances.map((i) => [i.name, i.status, i.created])).toEqual([
      ['validator-1', 'running', true],
      ['validator-2', 'running', true],
      ['validator-3', 'running', true],
    ]);
    for (const instance of first.instances) expect(instance.ipv4).toHaveLength(1);
    expect(first.notes).toEqual([
      'instances[0].provision: running a provisioning playbook is not part of this tool; run it on the returned addresses.',
      "instances[0].network.bandwidth: ignored; the plan's network speed applies.",
      'instances[0].volumes[].mount_point: ignored; extra disks are attached unformatted.',
    ]);
    const second = await provisionFile(p, TALIS, { owner: '9701' });
    expect(second.instances.map((i) => i.id)).toEqual(first.instances.map((i) => i.id));
    expect(second.instances.every((i) => !i.created)).toBe(true);
    expect(serversCreated(emu)).toBe(3);

    const record = emu.state.server(Number(first.instances[0]!.id)) as { name: string; hostname: string; settings: { resources: Record<string, number> }; storage: { capacity: number }[]; sshKeys: unknown[] };
    expect(record.name).toBe('validator-1');
    expect(record.hostname).toBe('validator-1');
    expect(record.settings.resources).toMatchObject({ memory: 2048, storage: 40, cpuCores: 2 });
    expect(record.storage.map((d) => d.capacity)).toEqual([40, 20]);
    expect(record.sshKeys).toHaveLength(1);
    // The smallest plan that covers the resources: Standard (2048 MB, 50 GB, 2 cores).
    expect(emu.requests().find((r) => r.route === 'POST /servers' && r.status === 201)!.body).toMatchObject({ packageId: 2, hypervisorId: 2, memory: 2048, storage: 40, cpuCores: 2 });
  });

  it('reads hypervisor_id as a group id, or as a hypervisor whose group is used', async () => {
    emu = await emulator();
    const p = provider(emu);
    const asGroup = { project_name: 'x', instances: [{ name: 'g', hypervisor_id: 3, template: 46, resources: { memory: 512 } }] };
    const asNode = { project_name: 'x', instances: [{ name: 'n', hypervisor_id: 6, template: 46, resources: { memory: 512 } }] };
    const [g] = (await provisionFile(p, asGroup, { owner: '9702' })).instances;
    const [n] = (await provisionFile(p, asNode, { owner: '9702' })).instances;
    const creates = emu.requests().filter((r) => r.route === 'POST /servers' && r.status === 201).map((r) => (r.body as { hypervisorId: number }).hypervisorId);
    expect(creates).toEqual([3, 3]);
    expect(g!.name).toBe('g-1');
    expect(n!.name).toBe('n-1');
  });

  it.each([
    ['not JSON', '{"project_name": ', '$'],
    ['no instances', { project_name: 'x', instances: [] }, 'instances'],
    ['a count of zero', { project_name: 'x', instances: [{ name: 'a', number_of_instances: 0, template: 46, hypervisor_group: 2 }] }, 'instances[0].number_of_instances'],
    ['a bad memory value', { project_name: 'x', instances: [{ name: 'a', template: 46, hypervisor_group: 2, resources: { memory: '2G' } }] }, 'instances[0].resources.memory'],
    ['no region', { project_name: 'x', instances: [{ name: 'a', template: 46 }] }, 'instances[0]'],
    ['an unknown group', { project_name: 'x', instances: [{ name: 'a', template: 46, hypervisor_group: 'Mars' }] }, 'instances[0].hypervisor_group'],
    ['an unknown hypervisor', { project_name: 'x', instances: [{ name: 'a', template: 46, hypervisor_id: 77 }] }, 'instances[0].hypervisor_id'],
    ['a template nobody has', { project_name: 'x', instances: [{ name: 'a', template: 'plan9', hypervisor_group: 2 }] }, 'instances[0].template'],
    ['an ambiguous template', { project_name: 'x', instances: [{ name: 'a', template: 'ubuntu', hypervisor_group: 2 }] }, 'instances[0].template'],
    ['a missing ssh key', { project_name: 'x', instances: [{ name: 'a', template: 46, hypervisor_group: 2, ssh_key_name: 'nope' }] }, 'instances[0].ssh_key_name'],
    ['resources no plan has', { project_name: 'x', instances: [{ name: 'a', template: 46, hypervisor_group: 2, resources: { memory: 1_000_000 } }] }, 'instances[0].resources'],
    ['another provider', { project_name: 'x', instances: [{ name: 'a', provider: 'digitalocean', template: 46, hypervisor_group: 2 }] }, 'instances[0].provider'],
    ['a second entry broken', { project_name: 'x', instances: [{ name: 'a', template: 46, hypervisor_group: 2 }, { name: 'b', template: 46, hypervisor_group: 2, volumes: [{ name: 'v', size_gb: -1 }] }] }, 'instances[1].volumes[0].size_gb'],
  ])('a malformed file (%s) names the JSON path and creates nothing', async (_label, file, field) => {
    emu = await emulator();
    const error = await failure(() => provisionFile(provider(emu), file, { owner: '9703' }));
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.field).toBe(field);
    expect(error.message).toContain(field === '$' ? 'not JSON' : field);
    expect(emu.requests().filter((r) => r.route === 'POST /servers')).toHaveLength(0);
  });
});

describe('provisionFile with our own format', () => {
  it('creates each entry once, on any provider', async () => {
    const memory = createMemoryProvider({ transitionMs: 1 });
    const file = [
      { name: 'api-1', planId: 'small', imageId: 'debian-12', regionId: 'ams' },
      { name: 'api-2', planId: 'small', imageId: 'debian-12', regionId: 'nyc', owner: 'acct-2' },
    ];
    const first = await provisionFile(memory, file, { owner: 'acct-1' });
    const second = await provisionFile(memory, JSON.stringify(file), { owner: 'acct-1' });
    expect(second.instances.map((i) => i.id)).toEqual(first.instances.map((i) => i.id));
    expect(first.instances.map((i) => i.created)).toEqual([true, true]);
    expect(second.instances.map((i) => i.created)).toEqual([false, false]);
    expect((await memory.findInstance({ name: 'api-2', owner: 'acct-2' }))?.regionId).toBe('nyc');
  });

  it('names the path of a bad entry', async () => {
    const error = await failure(() => provisionFile(createMemoryProvider(), [{ name: 'a', planId: 'small', imageId: 'debian-12', regionId: 'ams' }, { name: 'b', planId: 7 }], { owner: 'x' }));
    expect(error.field).toBe('[1].planId');
  });
});
