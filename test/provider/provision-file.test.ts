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

// Seeded emulator: groups 1 Default, 2 London, 3 Frankfurt; hypervisors 3 (lon-hv01, group 2),
// 4 (lon-hv02, group 2, maintenance), 5 (fra-hv01, group 3); packages 1 Starter (1024 MB, 25 GB,
// 1 core), 2 Standard (2048, 50, 2), 3 Performance (8192, 160, 4); template 46 Debian 12.

/** A request as talis's `infra create -f` reads it today (its create.json_example, for VirtFusion). */
const CURRENT = [
  {
    owner_id: 1,
    project_name: 'bench',
    name: 'validator',
    provider: 'virtfusion',
    number_of_instances: 3,
    provision: true,
    region: 'London',
    memory: 8192,
    cpu: 4,
    image: 'debian-12',
    tags: ['talis', 'bench'],
    ssh_key_name: 'ops',
    payload_path: '/root/payload.sh',
    execute_payload: true,
    volumes: [{ name: 'talis-volume', size_gb: 120, mount_point: '/mnt/data' }],
  },
];

interface ServerRecord {
  name: string;
  hostname: string;
  settings: { resources: Record<string, number> };
  storage: { capacity: number }[];
  sshKeys: unknown[];
}

const record = (id: string) => emu.state.server(Number(id)) as unknown as ServerRecord;
const createBodies = () => emu.requests().filter((r) => r.route === 'POST /servers' && r.status === 201).map((r) => r.body as Record<string, unknown>);
const posts = () => emu.requests().filter((r) => r.route === 'POST /servers');

describe("provisionFile with talis's current file (an array of instance requests)", () => {
  it('creates number_of_instances servers with its memory, cpu and first volume, notes what it does not apply, and a second run creates nothing', async () => {
    emu = await emulator();
    const p = provider(emu);
    await p.importSshKey('9701', { name: 'ops', publicKey: KEY });
    const first = await provisionFile(p, JSON.stringify(CURRENT), { owner: '9701' });
    expect(first.instances.map((i) => [i.name, i.status, i.created])).toEqual([
      ['validator-1', 'running', true],
      ['validator-2', 'running', true],
      ['validator-3', 'running', true],
    ]);
    for (const instance of first.instances) expect(instance.ipv4).toHaveLength(1);
    // 8192 MB, 4 cores, 120 GB: the smallest plan that takes them is Performance (3), and the values are sent as they are.
    expect(createBodies()).toEqual(Array.from({ length: 3 }, () => expect.objectContaining({ packageId: 3, hypervisorId: 2, memory: 8192, cpuCores: 4, storage: 120 })));
    expect(createBodies()[0]).not.toHaveProperty('additionalStorage1Enable');
    const server = record(first.instances[0]!.id);
    expect(server).toMatchObject({ name: 'validator-1', hostname: 'validator-1' });
    expect(server.settings.resources).toMatchObject({ memory: 8192, cpuCores: 4, storage: 120 });
    expect(server.storage.map((d) => d.capacity)).toEqual([120]);
    expect(server.sshKeys).toHaveLength(1);
    expect(first.notes).toEqual([
      '[0].tags: VirtFusion servers carry no tags; not applied.',
      '[0].provision: talis runs its Ansible playbook after the create; this tool does not: run it against the returned addresses.',
      '[0].payload_path: talis copies this script to the servers during its Ansible run; not done here.',
      '[0].execute_payload: talis runs the payload during its Ansible run; not done here.',
      "[0].volumes[0].mount_point: talis's Ansible run formats and mounts its volumes; here the disks are attached unformatted and unmounted.",
      '[0].volumes[0].name: VirtFusion disks carry no names; not applied.',
      `[0].owner_id: talis's own user id, not a panel user; the servers belong to options.owner ("9701").`,
      "[0].project_name: talis's project; VirtFusion has no projects (each server's name is its key); not applied.",
    ]);

    emu.clearRequests();
    const second = await provisionFile(p, CURRENT, { owner: '9701' });
    expect(second.instances.map((i) => [i.id, i.created])).toEqual(first.instances.map((i) => [i.id, false]));
    expect(posts()).toEqual([]);
  });

  it('names a single instance as talis does (no -1), and several <name>-1…; one note per field for the whole file', async () => {
    emu = await emulator();
    const p = provider(emu);
    const file = [
      { project_name: 'p', name: 'solo', provider: 'virtfusion', region: '2', size: 'Starter', image: '46', tags: ['a'], volumes: [{ size_gb: 20 }] },
      { project_name: 'p', name: 'pair', provider: 'virtfusion', number_of_instances: 2, region: '2', size: 's-2vcpu-2gb', image: '46', tags: ['b'], volumes: [{ size_gb: 30 }] },
    ];
    const result = await provisionFile(p, file, { owner: '9702' });
    expect(result.instances.map((i) => i.name)).toEqual(['solo', 'pair-1', 'pair-2']);
    // `size` names a plan, or is a DigitalOcean size whose cores and memory are asked for.
    expect(createBodies().map((b) => [b.packageId, b.memory, b.cpuCores, b.storage])).toEqual([
      [1, undefined, undefined, 20],
      [2, 2048, 2, 30],
      [2, 2048, 2, 30],
    ]);
    expect(result.notes.filter((n) => n.includes('tags'))).toEqual(['[0].tags, [1].tags: VirtFusion servers carry no tags; not applied.']);
  });

  it('makes a ximera entry (talis\'s VirtFusion provider): image is a template id, ssh_key_name may be a key id, the region comes from options.regionId', async () => {
    emu = await emulator();
    const p = provider(emu);
    const key = await p.importSshKey('9703', { name: 'deploy', publicKey: KEY });
    const ximera = [
      {
        name: 'test-hostname',
        owner_id: 1,
        project_name: 'smuu',
        provider: 'ximera',
        number_of_instances: 1,
        provision: true,
        region: 'nyc1',
        memory: 2048,
        cpu: 2,
        image: '46',
        tags: ['talis', 'dev', 'testing'],
        ssh_key_name: key.id,
        volumes: [{ name: 'talis-volume', size_gb: 30, mount_point: '/mnt/data' }],
      },
    ];
    const result = await provisionFile(p, ximera, { owner: '9703', regionId: '3' });
    expect(result.instances.map((i) => i.name)).toEqual(['test-hostname']);
    expect(createBodies()).toEqual([expect.objectContaining({ packageId: 2, hypervisorId: 3, memory: 2048, cpuCores: 2, storage: 30 })]);
    expect(emu.requests().find((r) => r.route === 'POST /servers/{serverId}/build')!.body).toMatchObject({ operatingSystemId: 46, sshKeys: [Number(key.id)] });
    expect(result.notes).toContain(
      '[0].region: names no hypervisor group of this panel; the servers go to region 3 (Frankfurt) from options.regionId (--region), as talis takes its group from its environment.',
    );
  });

  it('refuses a file with an entry for another provider, naming it; skipOtherProviders makes the rest and notes the skipped entries', async () => {
    emu = await emulator();
    const p = provider(emu);
    const mixed = [
      { project_name: 'mix', name: 'vf', provider: 'virtfusion', region: 'London', image: '46', memory: 1024, cpu: 1, volumes: [{ size_gb: 20 }] },
      { project_name: 'mix', name: 'droplet', provider: 'do', region: 'nyc1', size: 's-1vcpu-1gb', image: 'ubuntu-22-04-x64', volumes: [{ size_gb: 15 }] },
      { project_name: 'mix', name: 'droplet-b', provider: 'do', region: 'nyc3', size: 's-1vcpu-1gb', image: 'ubuntu-22-04-x64', volumes: [{ size_gb: 15 }] },
    ];
    const refused = await failure(() => provisionFile(p, mixed, { owner: '9704' }));
    expect([refused.code, refused.field]).toEqual(['VALIDATION_ERROR', '[1].provider']);
    expect(refused.message).toBe('talis file [1].provider: entry [1] is for provider "do", not virtfusion or ximera; pass skipOtherProviders (CLI --skip-other-providers) to skip such entries.');
    expect(posts()).toEqual([]);

    const made = await provisionFile(p, mixed, { owner: '9704', skipOtherProviders: true });
    expect(made.instances.map((i) => i.name)).toEqual(['vf']);
    expect(serversCreated(emu)).toBe(1);
    expect(made.notes).toContain('[1], [2]: provider "do": skipped (skipOtherProviders); talis makes these with its own do provider.');
  });

  it('names the servers of an entry without a name after its project_name, stably, so a second run finds them', async () => {
    emu = await emulator();
    const p = provider(emu);
    // talis's own CLI test writes entries like this one: no name (talis would add a random suffix).
    const file = [{ project_name: 'test-project', number_of_instances: 2, provider: 'virtfusion', region: 'London', size: 's-1vcpu-1gb', image: '46', volumes: [{ size_gb: 10 }] }];
    const first = await provisionFile(p, file, { owner: '9710' });
    expect(first.instances.map((i) => i.name)).toEqual(['test-project-1', 'test-project-2']);
    expect(first.notes).toContain(
      '[0].name: none given: the servers are named after project_name (numbered when several); talis adds a random suffix instead, which would make a second run create them again.',
    );
    const second = await provisionFile(p, file, { owner: '9710' });
    expect(second.instances.map((i) => [i.id, i.created])).toEqual(first.instances.map((i) => [i.id, false]));
    expect(serversCreated(emu)).toBe(2);
  });

  it('reads an image by name as talis writes it (ubuntu-22-04-x64) and leaves out the data a talis answer carries', async () => {
    emu = await emulator();
    const file = [{ project_name: 'p', name: 'u', provider: 'virtfusion', region: 'London', image: 'ubuntu-22-04-x64', memory: 1024, cpu: 1, volumes: [{ size_gb: 25 }], public_ip: '203.0.113.9', colour: 'blue' }];
    const result = await provisionFile(provider(emu), file, { owner: '9705' });
    expect(emu.requests().find((r) => r.route === 'POST /servers/{serverId}/build')!.body).toMatchObject({ operatingSystemId: 31 });
    expect(result.notes).toEqual(
      expect.arrayContaining(['[0].public_ip: set by the talis server, not read from a request; ignored.', "[0].colour: not a field of talis's instance request; ignored."]),
    );
  });
});

describe('provisionFile with the { project_name, instances } file', () => {
  it("reads talis's VirtFusion branch: hypervisor_id is a hypervisor and wins over hypervisor_group; disk is the main disk and volumes extra disks", async () => {
    emu = await emulator();
    const p = provider(emu);
    await p.importSshKey('9706', { name: 'test', publicKey: KEY });
    const branch = {
      project_name: 'talis-1',
      owner_id: 1,
      instances: [
        {
          name: 'test-hostname',
          provider: 'virtfusion',
          number_of_instances: 1,
          region: 'hypervisor',
          size: 's-1vcpu-1gb',
          memory: 1024,
          disk: 45,
          cpu: 1,
          image: 'debian-12',
          template: 'debian-12',
          hypervisor_id: 3,
          hypervisor_group: 'Frankfurt',
          ssh_key_name: 'test',
          network: { profile_id: 0, bandwidth: 1000, firewall_rulesets: [2, 3] },
          volumes: [{ name: 'talis-volume', size_gb: 20, mount_point: '/mnt/data' }],
        },
      ],
    };
    const result = await provisionFile(p, branch, { owner: '9706' });
    expect(result.instances.map((i) => i.name)).toEqual(['test-hostname']);
    // Hypervisor 3 (lon-hv01) is in London (group 2): the create names that group, not Frankfurt.
    expect(createBodies()).toEqual([expect.objectContaining({ packageId: 2, hypervisorId: 2, memory: 1024, cpuCores: 1, storage: 45, additionalStorage1Enable: true, additionalStorage1Capacity: 20 })]);
    expect(record(result.instances[0]!.id).storage.map((d) => d.capacity)).toEqual([45, 20]);
    expect(result.notes).toEqual(
      expect.arrayContaining([
        "instances[0].hypervisor_id: the create names the hypervisor's group, and the panel picks the node in it: VirtFusion's create API takes a group, not a hypervisor.",
        "instances[0].hypervisor_group: hypervisor_id wins over hypervisor_group, as in talis's VirtFusion branch; not applied.",
        'instances[0].region: the hypervisor (or hypervisor group) of the entry decides the region; not applied.',
        "instances[0].size: ignored because memory and cpu are given, as talis's ximera provider ignores it.",
        "instances[0].network.bandwidth: ignored; the plan's network speed applies.",
        "instances[0].network.firewall_rulesets: ignored; the plan's firewall rulesets apply.",
        `owner_id: talis's own user id, not a panel user; the servers belong to options.owner ("9706").`,
      ]),
    );
  });

  it("reads the file talis read before April 2025 (its create.json_example then), noting the job's fields", async () => {
    emu = await emulator();
    const before = {
      name: 'talis-cli',
      project_name: 'talis-1',
      job_name: 'talis-cli',
      owner_id: 1,
      instances: [
        { name: 'test-hostname', provider: 'virtfusion', number_of_instances: 1, provision: true, region: 'London', size: 'Starter', image: 'debian-12', tags: ['talis', 'dev', 'testing'], volumes: [{ name: 'talis-volume', size_gb: 15, mount_point: '/mnt/data' }] },
      ],
    };
    const result = await provisionFile(provider(emu), before, { owner: '9711' });
    expect(result.instances.map((i) => i.name)).toEqual(['test-hostname']);
    expect(createBodies()).toEqual([expect.objectContaining({ packageId: 1, hypervisorId: 2, storage: 15 })]);
    expect(result.notes).toEqual(
      expect.arrayContaining([
        "project_name: talis's project; VirtFusion has no projects (each server's name is its key); not applied.",
        "name: the talis job's name; not applied (each instance's name is its key here).",
        "job_name: the talis job's name; not applied (each instance's name is its key here).",
        'instances[0].tags: VirtFusion servers carry no tags; not applied.',
      ]),
    );
  });

  it('keeps the <name>-1 server an earlier version made for a single instance instead of creating a second one', async () => {
    emu = await emulator();
    const p = provider(emu);
    await provisionFile(p, [{ name: 'solo-1', planId: '1', imageId: '46', regionId: '2' }], { owner: '9707' });
    emu.clearRequests();
    const file = { project_name: 'x', instances: [{ name: 'solo', hypervisor_group: 'London', template: 46 }] };
    const result = await provisionFile(p, file, { owner: '9707' });
    expect(result.instances.map((i) => [i.name, i.created])).toEqual([['solo-1', false]]);
    expect(posts()).toEqual([]);
    expect(result.notes).toContain('"solo": the server "solo-1" (made by an earlier version, which numbered single instances) stands for it and keeps its name.');
  });

  it('refuses a hypervisor that does not exist or is in maintenance', async () => {
    emu = await emulator();
    const p = provider(emu);
    const on = (hypervisor_id: number) => ({ project_name: 'x', instances: [{ name: 'h', hypervisor_id, template: 46 }] });
    const unknown = await failure(() => provisionFile(p, on(77), { owner: '9708' }));
    expect([unknown.field, unknown.message]).toEqual(['instances[0].hypervisor_id', expect.stringMatching(/^talis file instances\[0\]\.hypervisor_id: there is no hypervisor 77 /)]);
    const maintenance = await failure(() => provisionFile(p, on(4), { owner: '9708' }));
    expect(maintenance.message).toBe('talis file instances[0].hypervisor_id: hypervisor 4 (lon-hv02) is disabled or in maintenance.');
    expect(posts()).toEqual([]);
  });
});

describe('bad input is refused before the first create', () => {
  const entry = (extra: Record<string, unknown>) => ({ project_name: 'x', name: 'a', provider: 'virtfusion', region: 'London', image: '46', ...extra });
  it.each([
    ['not JSON', '{"project_name": ', '$', 'not JSON'],
    ['neither shape (an object)', { servers: [] }, '$', "neither talis's array"],
    ['neither shape (entries with no known key)', [{ name: 'a' }], '$', "neither talis's array"],
    ['both formats in one array', [entry({}), { name: 'b', planId: '1', imageId: '46', regionId: '2' }], '$', 'a file holds one format'],
    ['an entry with no image', [entry({}), entry({ name: 'b' }), { project_name: 'x', name: 'c', provider: 'virtfusion', region: 'London' }], '[2].image', 'Invalid talis file: [2].image: every entry needs an image'],
    ['a count of zero', [entry({ number_of_instances: 0 })], '[0].number_of_instances', 'Invalid talis file: [0].number_of_instances: number_of_instances must be at least 1'],
    ['a count above the cap', [entry({ number_of_instances: 1001 })], '[0].number_of_instances', 'number_of_instances must be at most 1000'],
    ['memory no plan has', [entry({ memory: 16_384, cpu: 2 })], '[0].memory', 'no plan of region 2 has 16384 MB (the most is 8192 MB)'],
    ['cpu no plan has', [entry({ memory: 1024, cpu: 12 })], '[0].cpu', 'no plan of region 2 has 12 cores'],
    ['a first volume no plan has', [entry({ volumes: [{ size_gb: 5000 }] })], '[0].volumes[0].size_gb', 'no plan of region 2 has 5000 GB'],
    ['a string for memory', [entry({ memory: '2G' })], '[0].memory', 'memory must be a whole number'],
    ['a size that is neither a plan nor a size slug', [entry({ size: 'huge' })], '[0].size', '"huge" is neither a plan'],
    ['more volumes than disks', [entry({ volumes: [{ size_gb: 20 }, { size_gb: 5 }, { size_gb: 5 }, { size_gb: 5 }] })], '[0].volumes', 'at most two extra disks'],
    ['an unknown hypervisor group', [entry({ hypervisor_group: 'Mars' })], '[0].hypervisor_group', 'no region (hypervisor group) is called or numbered "Mars"'],
    ['a region that names no group, without options.regionId', [entry({ region: 'nyc1' })], '[0].region', 'pass the region for such entries in options.regionId (CLI --region)'],
    ['an image nobody has', [entry({ image: 'plan9' })], '[0].image', 'no image of plan 1 (Starter) is numbered or called "plan9"'],
    ['an ambiguous image', [entry({ image: 'ubuntu' })], '[0].image', '"ubuntu" names 12'],
    ['a missing ssh key', [entry({ ssh_key_name: 'nope' })], '[0].ssh_key_name', 'has no SSH key named or numbered "nope"'],
    ['two entries naming the same server', [entry({}), entry({})], '[1].name', '"a" is also a name of [0]'],
    ['an object file entry without a name', { project_name: 'x', instances: [{ hypervisor_group: 2, template: 46 }] }, 'instances[0].name', 'Invalid talis file: instances[0].name'],
  ])('%s', async (_label, file, field, message) => {
    emu = await emulator();
    const error = await failure(() => provisionFile(provider(emu), file, { owner: '9709' }));
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.field).toBe(field);
    expect(error.message).toContain(message);
    if (field !== '$') expect(error.message).toContain('talis');
    expect(posts()).toEqual([]);
  });

  it('memory or cores beyond every hypervisor of the region are refused even with a plan given', async () => {
    emu = await emulator();
    const file = [entry({ memory: 300_000, cpu: 2 })];
    const error = await failure(() => provisionFile(provider(emu), file, { owner: '9709', planId: '3' }));
    expect([error.field, error.message]).toEqual(['[0].memory', 'talis file [0].memory: 300000 MB is more than any hypervisor of region 2 holds (256000 MB).']);
    expect(posts()).toEqual([]);
  });

  it('a talis file without options.owner is refused, naming owner_id as talis\'s own', async () => {
    emu = await emulator();
    const error = await failure(() => provisionFile(provider(emu), [entry({ owner_id: 1 })]));
    expect([error.field, error.message]).toEqual(['owner', "owner: a talis file's owner_id is talis's own user, not a panel user: pass the owner of the servers in options.owner (CLI --owner)."]);
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

  it('names the path of a bad entry, without speaking of talis', async () => {
    const error = await failure(() => provisionFile(createMemoryProvider(), [{ name: 'a', planId: 'small', imageId: 'debian-12', regionId: 'ams' }, { name: 'b', planId: 7 }], { owner: 'x' }));
    expect(error.field).toBe('[1].planId');
    expect(error.message).not.toMatch(/talis/);
  });
});
