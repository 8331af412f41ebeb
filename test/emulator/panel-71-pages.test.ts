import { describe, expect, it } from 'vitest';
import { emulatorPerTest } from './helpers';

// The emulator keeps and refuses what the vendor's 7.1 reference pages say the panel does, for
// each row of issue 23.

const { emu, json } = emulatorPerTest();

describe('server disks (createServerDisk, updateServerDisk)', () => {
  it('keeps the format, cache, IO mode and byte limits it is given, as the panel does', async () => {
    const made = await json('POST', '/servers/1/disks', { sizeGb: 20, storagePointId: null, format: 'raw', cache: 'none', io: 'native', filesystem: 'ext3', qos: { readBytes: 1_048_576, writeBytes: 0 } });
    expect(made.status).toBe(201);
    expect(made.body.data).toMatchObject({ type: 'raw', cache: 'none', io: 'native', filesystem: 'ext3', bytes: { read: 1_048_576, write: null }, profile: 1 });
    const drive = made.body.data.drive as string;
    const changed = await json('PUT', `/servers/1/disks/${drive}`, { io: 'io_uring', cache: 'default', enabled: false, qos: { writeBytes: 2_000_000 }, apply: true });
    expect(changed.body.data).toMatchObject({ io: 'io_uring', cache: null, enabled: false, bytes: { read: 1_048_576, write: 2_000_000 } });
    expect((await json('GET', `/servers/1/disks/${drive}`)).body.data).toMatchObject({ type: 'raw', io: 'io_uring', enabled: false });
  });

  it('refuses the 0.1 key names, apply without qos, disabling the primary disk and an empty change', async () => {
    expect(await json('POST', '/servers/1/disks', { sizeGb: 20, qos: { readBytesSec: 5 } })).toMatchObject({ status: 422, body: { errors: ['The qos.read bytes sec field is not allowed.'] } });
    expect(await json('PUT', '/servers/1/disks/a', { apply: true })).toMatchObject({ status: 422, body: { errors: ['The apply field is only allowed together with qos.'] } });
    expect(await json('PUT', '/servers/1/disks/a', { enabled: false })).toMatchObject({ status: 422, body: { errors: ['The primary disk cannot be enabled or disabled.'] } });
    expect(await json('PUT', '/servers/1/disks/a', {})).toMatchObject({ status: 422, body: { errors: ['Send at least one setting to change.'] } });
  });

  it('holds up to sixteen disks a server', async () => {
    const before = (await json('GET', '/servers/1/disks')).body.data.length as number;
    for (let count = before; count < 16; count += 1) expect((await json('POST', '/servers/1/disks', { sizeGb: 1 })).status).toBe(201);
    expect(await json('POST', '/servers/1/disks', { sizeGb: 1 })).toMatchObject({ status: 422, body: { errors: ['A server can have at most 16 disks.'] } });
  });
});

describe('IP blocks (listIPBlockIPv4, listIPBlockIPv6, addIPv4Range, createIPBlock)', () => {
  it('filters a block\'s IPv4 addresses by address, assignment, reservation and server', async () => {
    const first = (await json('GET', '/connectivity/ipblocks/1/ipv4', undefined, { results: 200 })).body;
    const all = first.data as { address: string; serverId: number | null }[];
    const held = all.find((a) => a.serverId !== null)!;
    expect((await json('GET', '/connectivity/ipblocks/1/ipv4', undefined, { address: held.address })).body.data).toEqual([held]);
    expect((await json('GET', '/connectivity/ipblocks/1/ipv4', undefined, { address: '203.0.113.250' })).body.data).toEqual([]);
    expect((await json('GET', '/connectivity/ipblocks/1/ipv4', undefined, { serverId: held.serverId!, results: 200 })).body.data.every((a: { serverId: number }) => a.serverId === held.serverId)).toBe(true);
    const free = (await json('GET', '/connectivity/ipblocks/1/ipv4', undefined, { assigned: false })).body.total as number;
    const taken = (await json('GET', '/connectivity/ipblocks/1/ipv4', undefined, { assigned: true })).body.total as number;
    expect(taken).toBeGreaterThan(0);
    expect(free + taken).toBe(first.total);
    expect((await json('GET', '/connectivity/ipblocks/1/ipv4', undefined, { reserved: true })).body.data).toEqual([]);
    expect(await json('GET', '/connectivity/ipblocks/1/ipv4', undefined, { assigned: 'maybe' })).toMatchObject({ status: 422 });
  });

  it('lists the subnets carved from an IPv6 block with the server holding each', async () => {
    const server = (await json('POST', '/servers', { packageId: 2, userId: 1, hypervisorId: 1, ipv6: true })).body.data.id as number;
    await json('POST', `/servers/${server}/build`, { operatingSystemId: 46 });
    emu().advance(120_000);
    const v6 = ((await json('GET', '/connectivity/ipblocks')).body.data as { id: number; type: number }[]).find((b) => b.type === 6)!;
    const assigned = (await json('GET', `/connectivity/ipblocks/${v6.id}/ipv6`, undefined, { assigned: true })).body.data as { subnet: string; serverId: number }[];
    const holders = assigned.map((s) => s.serverId);
    expect(assigned.every((s) => /^2001:db8:100:[0-9a-f]+::$/.test(s.subnet))).toBe(true);
    expect((await json('GET', `/connectivity/ipblocks/${v6.id}/ipv6`, undefined, { serverId: holders[0] ?? 1 })).body.data).toEqual(assigned.filter((s) => s.serverId === (holders[0] ?? 1)));
    expect((await json('GET', '/connectivity/ipblocks/1/ipv6')).body.data).toEqual([]);
  });

  it('adds a network by address and prefix, with or without its network and broadcast addresses', async () => {
    const made = await json('POST', '/connectivity/ipblocks', { name: 'Lab /24', type: 4, enabled: true, ipv4: { gateway: '198.18.0.1', netmask: '255.255.255.0' } });
    const id = made.body.data.id as number;
    expect((await json('POST', `/connectivity/ipblocks/${id}/ipv4`, { type: 'cidr', address: '198.18.0.77', prefix: 28, hostsOnly: true })).status).toBe(204);
    const listed = (await json('GET', `/connectivity/ipblocks/${id}/ipv4`)).body.data.map((a: { address: string }) => a.address);
    expect(listed).toEqual(Array.from({ length: 14 }, (_, i) => `198.18.0.${65 + i}`));
    expect((await json('POST', `/connectivity/ipblocks/${id}/ipv4`, { type: 'cidr', address: '198.18.0.128', prefix: 30 })).status).toBe(204);
    expect((await json('GET', `/connectivity/ipblocks/${id}/ipv4`, undefined, { address: '198.18.0.128' })).body.data).toHaveLength(1);
    expect(await json('POST', `/connectivity/ipblocks/${id}/ipv4`, { type: 'cidr', address: '198.18.0.0', prefix: 31 })).toMatchObject({ status: 422, body: { errors: ['The prefix field must be between 16 and 30.'] } });
  });

  it('creates a block from a name and a type, and wants a netmask only for an enabled IPv4 block', async () => {
    const bare = await json('POST', '/connectivity/ipblocks', { name: 'Later', type: 'ipv4' });
    expect(bare).toMatchObject({ status: 201, body: { data: { name: 'Later', type: 4, enabled: false, ipv4: { netmask: null } } } });
    expect((await json('POST', '/connectivity/ipblocks', { name: 'Six', type: 6 })).body.data).toMatchObject({ type: 6 });
    expect(await json('POST', '/connectivity/ipblocks', { name: 'Live', type: 4, enabled: true })).toMatchObject({ status: 422, body: { errors: ['An enabled IPv4 block needs ipv4.netmask.'] } });
    expect(await json('POST', '/connectivity/ipblocks', { name: 'ab', type: 5 })).toMatchObject({
      status: 422,
      body: { errors: ['The name field must be at least 3 characters.', 'The type field must be 4 or 6 (or ipv4, ipv6).'] },
    });
    const id = bare.body.data.id as number;
    expect((await json('PUT', `/connectivity/ipblocks/${id}`, { enabled: true, ipv4: { netmask: '255.255.255.0' } })).body.data).toMatchObject({ enabled: true, ipv4: { netmask: '255.255.255.0' } });
  });
});

describe('VLAN entries of an interface (updateServerInterfaceVlan, deleteServerInterfaceVlan)', () => {
  it('changes nativeMode of one entry and trunk of the interface, and removes an entry', async () => {
    const first = (await json('POST', '/servers/1/interfaces/primary/vlans', { vlanId: 100 })).body.data;
    const second = (await json('POST', '/servers/1/interfaces/primary/vlans', { vlanId: 200 })).body.data;
    expect((await json('PUT', `/servers/1/interfaces/primary/vlans/${first.id}`, { nativeMode: 2, trunk: 1 })).body.data).toEqual({ id: first.id, vlanId: 100, nativeMode: 2, trunk: 1 });
    expect((await json('PUT', `/servers/1/interfaces/primary/vlans/${second.id}`, { nativeMode: 1 })).body.data).toEqual({ id: second.id, vlanId: 200, nativeMode: 1, trunk: 1 });
    expect(await json('PUT', `/servers/1/interfaces/primary/vlans/${first.id}`, {})).toMatchObject({ status: 422, body: { errors: ['Send nativeMode, trunk or both.'] } });
    expect(await json('PUT', `/servers/1/interfaces/primary/vlans/${first.id}`, { trunk: 3 })).toMatchObject({ status: 422 });
    expect((await json('DELETE', `/servers/1/interfaces/primary/vlans/${first.id}`)).status).toBe(204);
    expect((await json('GET', '/servers/1/interfaces/primary/vlans')).body.data.map((v: { vlanId: number }) => v.vlanId)).toEqual([200]);
    expect(await json('DELETE', `/servers/1/interfaces/primary/vlans/${first.id}`)).toMatchObject({ status: 404, body: { msg: 'vlan not found' } });
  });
});

describe('what the pages refuse (updateHypervisor, updateServerInterface, deletePackage, rebindHypervisorIPBlock)', () => {
  it('the emulator refuses it too', async () => {
    expect((await json('PUT', '/compute/hypervisors/1', { maintenance: true, ipAddress: '10.0.0.9' })).status).toBe(422);
    expect((await json('PUT', '/servers/1/interfaces/primary', { processQueues: 500 })).status).toBe(422);
    expect((await json('DELETE', '/packages/1', { confirm: false })).status).toBe(422);
    await json('POST', '/compute/hypervisors/1/ipblocks', { blockId: 1 });
    expect(await json('PUT', '/compute/hypervisors/1/ipblocks/1', { networkId: null })).toMatchObject({ status: 422, body: { errors: ['The network id field is required.'] } });
  });
});

describe('native network filter components (listNetworkFilterComponents)', () => {
  it('answers a list of component keys', async () => {
    const { status, body } = await json('GET', '/compute/networkFilters/components');
    expect(status).toBe(200);
    expect(body.data.every((key: unknown) => typeof key === 'string')).toBe(true);
  });
});
