import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LockedError, NotFoundError, type VirtFusion } from '../../src/index';
import { createManualClock, MANUAL_CLOCK_START, startEmulator, type Emulator } from '../../src/testing';
import { raw, sdkFor } from './helpers';

const BUILD_MS = 60_000;
let emu: Emulator;
let vf: VirtFusion;

beforeEach(async () => {
  emu = await startEmulator({ clock: createManualClock(), buildDuration: BUILD_MS, taskDuration: 2_000 });
  vf = await sdkFor(emu);
});

afterEach(async () => {
  await emu.stop();
});

/** The internal id of seeded user 1001. */
async function ownerId(): Promise<number> {
  return (await vf.request('GET /users/{extRelationId}/byExtRelation', { path: { extRelationId: 1001 } })).data.id;
}

describe('server lifecycle through the SDK', () => {
  it('creates allocated, builds through queued, completes after buildDuration on the clock', async () => {
    const userId = await ownerId();
    const firstFree = emu.state.freeIpv4(1)[0];
    const created = (await vf.request('POST /servers', { body: { packageId: 2, userId, hypervisorId: 1 } })).data;
    expect(created).toMatchObject({ id: 7, state: 'allocated', commissionStatus: 0, ownerId: userId, built: null });
    expect(created.network?.interfaces?.[0]?.ipv4?.map((ip) => ip.address)).toEqual([firstFree]);
    expect(emu.state.freeIpv4(1)).not.toContain(firstFree);

    const build = (await vf.request('POST /servers/{serverId}/build', { path: { serverId: 7 }, body: { operatingSystemId: 46, name: 'web-9', hostname: 'web-9.example.net' } })).data;
    expect(build).toMatchObject({ state: 'queued', commissionStatus: 1, name: 'web-9', hostname: 'web-9.example.net' });
    expect(build.settings?.decryptedPassword).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(build.settings?.osTemplateInstallId).toBe(46);

    emu.advance(BUILD_MS / 2);
    const halfway = (await vf.request('GET /servers/{serverId}', { path: { serverId: 7 } })).data;
    expect(halfway).toMatchObject({ state: 'queued', commissionStatus: 1, built: null });
    expect(halfway.settings).not.toHaveProperty('decryptedPassword');

    const second = vf.request('POST /servers/{serverId}/build', { path: { serverId: 7 }, body: { operatingSystemId: 46 } });
    await expect(second).rejects.toBeInstanceOf(LockedError);
    await expect(second).rejects.toMatchObject({ status: 423, body: { msg: 'server is locked while a build is in progress' } });

    emu.advance(BUILD_MS / 2);
    const done = (await vf.request('GET /servers/{serverId}', { path: { serverId: 7 }, query: { remoteState: true } })).data;
    expect(done).toMatchObject({ state: 'complete', commissionStatus: 3, built: '2025-01-20T12:01:00+00:00', remoteState: { state: 'running', running: true } });

    const rebuild = (await vf.request('POST /servers/{serverId}/build', { path: { serverId: 7 }, body: { operatingSystemId: 31 } })).data;
    expect(rebuild).toMatchObject({ state: 'queued', commissionStatus: 1 });
    expect(rebuild.settings?.decryptedPassword).not.toBe(build.settings?.decryptedPassword);

    expect(emu.requests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /api/v1/users/1001/byExtRelation 200',
      'POST /api/v1/servers 201',
      'POST /api/v1/servers/7/build 200',
      'GET /api/v1/servers/7 200',
      'POST /api/v1/servers/7/build 423',
      'GET /api/v1/servers/7 200',
      'POST /api/v1/servers/7/build 200',
    ]);
    expect(emu.requests()[1]).toMatchObject({ route: 'POST /servers', query: {}, body: { packageId: 2, userId, hypervisorId: 1 }, time: MANUAL_CLOCK_START });
  });

  it('takes IPv4 addresses from the group blocks and returns them on delete', async () => {
    const userId = await ownerId();
    const before = emu.state.counts();
    const expected = emu.state.freeIpv4(2).slice(0, 3);
    const server = (await vf.request('POST /servers', { body: { packageId: 1, userId, hypervisorId: 2, ipv4: 3 } })).data;
    const addresses = server.network?.interfaces?.[0]?.ipv4?.map((ip) => ip.address);
    expect(addresses).toEqual(expected);
    expect(addresses?.every((a) => a.startsWith('198.51.100.'))).toBe(true);
    expect(emu.state.counts()).toMatchObject({ ipv4Free: before.ipv4Free - 3, ipv4Assigned: before.ipv4Assigned + 3, servers: before.servers + 1 });
    expect(emu.state.assignedIpv4()[expected[0]!]).toBe(server.id);

    await expect(vf.request('DELETE /servers/{serverId}', { path: { serverId: server.id } })).resolves.toBeUndefined();
    expect(emu.state.counts()).toEqual(before);
    expect(emu.state.freeIpv4(2).slice(0, 3)).toEqual(expected);
    await expect(vf.request('GET /servers/{serverId}', { path: { serverId: server.id } })).rejects.toMatchObject({ status: 404, body: { msg: 'server not found' } });
  });

  it('honours the delete delay on the clock, then answers 404', async () => {
    const ip = emu.state.server(1)?.network as { interfaces: { ipv4: { address: string }[] }[] };
    const address = ip.interfaces[0]!.ipv4[0]!.address;
    await vf.request('DELETE /servers/{serverId}', { path: { serverId: 1 }, query: { delay: 10 } });
    const pending = (await vf.request('GET /servers/{serverId}', { path: { serverId: 1 } })).data;
    expect(pending.tasks?.active).toBe(true);
    emu.advance(9 * 60_000);
    await expect(vf.request('GET /servers/{serverId}', { path: { serverId: 1 } })).resolves.toMatchObject({ data: { id: 1 } });
    expect(emu.state.assignedIpv4()[address]).toBe(1);
    emu.advance(60_000);
    await expect(vf.request('GET /servers/{serverId}', { path: { serverId: 1 } })).rejects.toBeInstanceOf(NotFoundError);
    expect(emu.state.assignedIpv4()[address]).toBeUndefined();
    expect(emu.state.freeIpv4(1)).toContain(address);
    await expect(vf.request('DELETE /servers/{serverId}', { path: { serverId: 1 } })).rejects.toMatchObject({ status: 404 });
  });

  it('refuses to delete while building (423) and rejects a delay out of range (422 msg)', async () => {
    const userId = await ownerId();
    const { data } = await vf.request('POST /servers', { body: { packageId: 2, userId, hypervisorId: 1 } });
    await vf.request('POST /servers/{serverId}/build', { path: { serverId: data.id }, body: { operatingSystemId: 46 } });
    await expect(vf.request('DELETE /servers/{serverId}', { path: { serverId: data.id } })).rejects.toMatchObject({ status: 423 });
    const answer = await raw(emu, 'DELETE', '/servers/2', { query: { delay: 50_000 } });
    expect(answer.status).toBe(422);
    expect(answer.json).toEqual({ msg: 'The delay field must be between 0 and 43800.' });
  });

  it('follows a power action through its queue item', async () => {
    const { data } = await vf.request('POST /servers/{serverId}/power/shutdown', { path: { serverId: 1 } });
    expect(data.queueId).toBe(1);
    expect((await vf.request('GET /queue/{queueId}', { path: { queueId: 1 } })).data).toMatchObject({ progress: 0, finished: null, failed: false, action: 'shutdown_server', serverId: 1 });
    emu.advance(1_000);
    expect((await vf.request('GET /queue/{queueId}', { path: { queueId: 1 } })).data).toMatchObject({ progress: 50, finished: null });
    emu.advance(1_000);
    expect((await vf.request('GET /queue/{queueId}', { path: { queueId: 1 } })).data).toMatchObject({ progress: 100, finished: '2025-01-20T12:00:02+00:00' });
    expect((await vf.request('GET /servers/{serverId}', { path: { serverId: 1 }, query: { remoteState: true } })).data.remoteState).toMatchObject({ state: 'shutoff' });
    await expect(vf.request('GET /queue/{queueId}', { path: { queueId: 99 } })).rejects.toMatchObject({ status: 404, body: { msg: 'queue item not found' } });
  });

  it('validates a dry run without creating anything', async () => {
    const userId = await ownerId();
    const before = emu.state.counts();
    const answer = await raw(emu, 'POST', '/servers', { query: { dryRun: true }, body: { packageId: 2, userId, hypervisorId: 1 } });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ data: { dryRun: true, valid: true, packageId: 2, userId, hypervisorGroupId: 1, hypervisorId: 1, ipv4: 1 } });
    expect(emu.state.counts()).toEqual(before);
    const refused = await raw(emu, 'POST', '/servers', { query: { dryRun: true }, body: { packageId: 5, userId, hypervisorId: 4 } });
    expect(refused.status).toBe(422);
    expect(refused.json).toEqual({ errors: ['Invalid or disabled package', 'Invalid or disabled hypervisor group'] });
  });

  it('suspends, unsuspends, modifies (201, empty) and changes package (200 info)', async () => {
    await expect(vf.request('POST /servers/{serverId}/suspend', { path: { serverId: 2 } })).resolves.toBeUndefined();
    expect(emu.state.server(2)?.suspended).toBe(true);
    await vf.request('POST /servers/{serverId}/unsuspend', { path: { serverId: 2 } });
    expect(emu.state.server(2)?.suspended).toBe(false);

    const rename = await raw(emu, 'PUT', '/servers/2/modify/name', { body: { name: 'db-primary' } });
    expect([rename.status, rename.text]).toEqual([201, '']);
    await vf.request('PUT /servers/{serverId}/modify/memory', { path: { serverId: 2 }, body: { memory: 4096 } });
    await vf.request('PUT /servers/{serverId}/modify/cpuCores', { path: { serverId: 2 }, body: { cores: 3 } });
    expect(emu.state.server(2)).toMatchObject({ name: 'db-primary', cpu: { cores: 3 }, settings: { resources: { memory: 4096, cpuCores: 3 } } });

    const change = await vf.request('PUT /servers/{serverId}/package/{packageId}', { path: { serverId: 2, packageId: 3 }, body: { cpu: true, memory: true, primaryDiskSize: true, primaryNetworkInboundSpeed: true } });
    expect(change).toEqual({ info: ['primary network speed inbound not updated. It matches the current value'] });
    expect(emu.state.server(2)).toMatchObject({ cpu: { cores: 4 }, settings: { resources: { memory: 8192, storage: 160 } } });
  });

  it('reflects servers in the hypervisor group resources', async () => {
    const read = async () => (await raw(emu, 'GET', '/compute/hypervisors/groups/3/resources')).json as { data: { hypervisor: { id: number }; resources: { memory: { allocated: number }; servers: { allocated: number }; network: { total: { ipv4: { free: number } } } } }[] };
    const before = await read();
    const node = before.data.find((entry) => entry.hypervisor.id === 5)!;
    const userId = await ownerId();
    await vf.request('POST /servers', { body: { packageId: 3, userId, hypervisorId: 3, ipv4: 2 } });
    const after = (await read()).data.find((entry) => entry.hypervisor.id === 5)!;
    expect(after.resources.servers.allocated).toBe(node.resources.servers.allocated + 1);
    expect(after.resources.memory.allocated).toBe(node.resources.memory.allocated + 8192);
    expect(after.resources.network.total.ipv4.free).toBe(node.resources.network.total.ipv4.free - 2);
  });
});

describe('users, keys and self service', () => {
  it('finds users by extRelationId and relStr, and refuses a duplicate email with 409', async () => {
    const created = (await vf.request('POST /users', { body: { name: 'Ada Example', email: 'ada@example.org', extRelationId: 5001, relStr: 'crm-ada' } })).data;
    expect(created).toMatchObject({ id: 7, extRelationId: 5001, relStr: 'crm-ada', admin: false, suspended: false });
    expect(created.password).toMatch(/^[A-Za-z0-9]{30}$/);
    expect((await vf.request('GET /users/{extRelationId}/byExtRelation', { path: { extRelationId: 'crm-ada' }, query: { relStr: true } })).data.id).toBe(7);
    expect((await vf.request('GET /users/{extRelationId}/byExtRelation', { path: { extRelationId: 5001 } })).data).not.toHaveProperty('password');
    await expect(vf.request('GET /users/{extRelationId}/byExtRelation', { path: { extRelationId: 'crm-ada' } })).rejects.toMatchObject({ status: 404, body: { msg: 'user not found' } });
    await expect(vf.request('POST /users', { body: { name: 'Other', email: 'ADA@example.org' } })).rejects.toMatchObject({ status: 409, body: { msg: 'a user with this email address already exists' } });
    const change = await vf.request('PUT /users/{extRelationId}/byExtRelation', { path: { extRelationId: 5001 }, body: { name: 'Ada E.', enabled: false } });
    expect(change).toEqual({ data: { name: 'Ada E.', email: 'ada@example.org', selfService: 0, enabled: false } });
    await vf.request('DELETE /users/{extRelationId}/byExtRelation', { path: { extRelationId: 5001 } });
    expect(emu.state.user(5001)).toBeUndefined();
  });

  it('stores ssh keys that a build accepts by id', async () => {
    const userId = await ownerId();
    const key = (await vf.request('POST /ssh_keys', { body: { userId, name: 'ci', publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG1pbmVtaW5lbWluZW1pbmVtaW5lbWluZW1pbmVtaW5l ci@example' } })).data;
    expect(key).toEqual({ id: 7, name: 'ci', type: 'OpenSSH', createdAt: '2025-01-20T12:00:00.000000Z' });
    const keys = (await vf.request('GET /ssh_keys/user/{userId}', { path: { userId } })).data;
    expect(keys.map((k) => k.id)).toEqual([1, 2, 7]);
    const { data: server } = await vf.request('POST /servers', { body: { packageId: 1, userId, hypervisorId: 1 } });
    const built = (await vf.request('POST /servers/{serverId}/build', { path: { serverId: server.id }, body: { operatingSystemId: 46, sshKeys: [7] } })).data;
    expect(built.sshKeys?.map((k) => k.id)).toEqual([7]);
    const foreign = await raw(emu, 'POST', `/servers/${server.id}/build`, { body: { operatingSystemId: 46, sshKeys: [3] } });
    expect(foreign.status).toBe(423);
    emu.advance(BUILD_MS);
    const refused = await raw(emu, 'POST', `/servers/${server.id}/build`, { body: { operatingSystemId: 46, sshKeys: [3] } });
    expect([refused.status, refused.json]).toEqual([422, { msg: 'Invalid SSH key' }]);
  });

  it('adds and cancels credit, and reports it in the hourly statistics', async () => {
    const credit = (await vf.request('POST /selfService/credit/byUserExtRelationId/{extRelationId}', { path: { extRelationId: 1001 }, body: { tokens: 500 } })).data;
    expect(credit).toEqual({ id: 2 });
    const stats = (await vf.request('GET /selfService/hourlyStats/byUserExtRelationId/{extRelationId}', { path: { extRelationId: 1001 } })).data;
    expect(stats.credit?.value).toBe(3000);
    expect(stats.period).toBe('January 2025');
    await vf.request('DELETE /selfService/credit/{creditId}', { path: { creditId: 2 } });
    expect((await vf.request('GET /selfService/hourlyStats/byUserExtRelationId/{extRelationId}', { path: { extRelationId: 1001 } })).data.credit?.value).toBe(2500);
    await expect(vf.request('DELETE /selfService/credit/{creditId}', { path: { creditId: 2 } })).rejects.toMatchObject({ status: 404 });
  });
});
