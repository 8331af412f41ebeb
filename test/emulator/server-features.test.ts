import { describe, expect, it } from 'vitest';
import { createManualClock, startEmulator } from '../../src/testing';
import { emulatorPerTest, raw } from './helpers';

// State behind the operations the contract test only checks for shape.

const { emu, json } = emulatorPerTest();

const ipv4Of = (serverId: number): string[] =>
  (emu().state.server(serverId) as any).network.interfaces[0].ipv4.map((ip: { address: string }) => ip.address);

describe('server features with state', () => {
  it('issues login tokens whose endpoint_complete is a path on the panel', async () => {
    const { body } = await json('POST', '/users/1001/authenticationTokens');
    const { tokens, endpoint, endpoint_complete, expiry } = body.data.authentication;
    expect(endpoint).toBe('/token_authenticate');
    expect(endpoint_complete).toBe(`/token_authenticate/?1=${tokens['1']}&2=${tokens['2']}`);
    expect(tokens['1']).toMatch(/^[A-Za-z0-9]{100}$/);
    expect(expiry).toEqual({ ttl: 60, expires: '2025-01-20T12:01:00.000000Z' });
    expect((await json('POST', '/users/1001/serverAuthenticationTokens/1')).status).toBe(200);
    expect(await json('POST', '/users/1001/serverAuthenticationTokens/2')).toMatchObject({ status: 404, body: { msg: 'server not found' } });
  });

  it('turns VNC on once, with a queue item, and shows it everywhere', async () => {
    const first = await json('POST', '/servers/2/vnc', { action: 'enable' });
    expect(first.body.data).toMatchObject({ queueId: 1, vnc: { enabled: true, ip: '10.10.0.13', port: 5902 } });
    expect(first.body.data.vnc.wss.url).toBe(`/vnc/?token=${first.body.data.vnc.wss.token}`);
    expect((await json('POST', '/servers/2/vnc', { action: 'enable' })).body.data.queueId).toBeNull();
    expect((await json('GET', '/servers/2/vnc')).body.data.vnc.enabled).toBe(true);
    expect(emu().state.server(2)?.vnc).toEqual({ ip: '10.10.0.13', port: 5902, enabled: true });
  });

  it('applies enabled firewall rulesets and refuses disabled ones', async () => {
    expect((await json('POST', '/servers/1/firewall/primary/rules', { rulesets: [1, 2] })).status).toBe(201);
    expect((await json('POST', '/servers/1/firewall/primary/enable')).status).toBe(200);
    const { body } = await json('GET', '/servers/1/firewall/primary');
    expect(body.data.enabled).toBe(true);
    expect(body.data.rules.map((r: { rulesetId: number; destinationPort: string }) => `${r.rulesetId}:${r.destinationPort}`)).toEqual(['1:80', '2:22', '1:443']);
    expect(await json('POST', '/servers/1/firewall/primary/rules', { rulesets: [4] })).toMatchObject({ status: 422, body: { errors: ['Invalid or disabled firewall ruleset'] } });
    expect((await json('GET', '/servers/1/firewall/secondary')).status).toBe(404);
  });

  it('moves specific IPv4 addresses between the pool and servers', async () => {
    const free = emu().state.freeIpv4(1);
    const wanted = free[free.length - 1]!;
    expect((await json('POST', '/servers/1/ipv4', { interface: 'primary', ip: [wanted] })).status).toBe(204);
    expect(ipv4Of(1)).toContain(wanted);
    expect(await json('POST', '/servers/4/ipv4', { interface: 'primary', ip: [wanted] })).toMatchObject({ status: 422, body: { errors: [`The address ${wanted} is not free in the server's IP blocks.`] } });
    expect(await json('POST', '/servers/2/ipv4', { interface: 'primary', ip: ['192.0.2.77'] })).toMatchObject({ status: 422 });
    expect((await json('PUT', '/connectivity/ipv4/rdns', { address: wanted, ptr: 'mail.example.net.' })).status).toBe(204);
    const address = (emu().state.server(1) as any).network.interfaces[0].ipv4.find((ip: { address: string }) => ip.address === wanted);
    expect(address.rdns).toBe('mail.example.net');
    expect((await json('DELETE', '/servers/1/ipv4', { interface: 'primary', ip: [wanted] })).status).toBe(204);
    expect(emu().state.freeIpv4(1)).toContain(wanted);
    const added = await json('POST', '/servers/1/ipv4Qty', { interface: 'primary', quantity: 2 });
    expect(added.body).toEqual({ data: free.slice(0, 2) });
    expect(ipv4Of(1)).toEqual([ipv4Of(1)[0], ...free.slice(0, 2)]);
  });

  it('grows disks, refuses to shrink them or remove the primary one, and adds new ones', async () => {
    expect((await json('PUT', '/servers/1/modify/storage', { drive: 'a', size: 40 })).status).toBe(201);
    expect(emu().state.server(1)).toMatchObject({ settings: { resources: { storage: 40 } } });
    expect(await json('PUT', '/servers/1/modify/storage', { drive: 'a', size: 10 })).toMatchObject({ status: 422 });
    expect(await json('PUT', '/servers/1/modify/storage', { drive: 'z', size: 10 })).toMatchObject({ status: 404, body: { msg: 'disk not found' } });
    const added = await json('POST', '/servers/1/disks', { sizeGb: 100, bus: 'virtio' });
    expect(added.body.data).toMatchObject({ drive: 'b', capacity: 100, bus: 'virtio', primary: false });
    expect((await json('GET', '/servers/1/disks/b')).body.data.id).toBe(added.body.data.id);
    expect(await json('DELETE', '/servers/1/disks/a')).toMatchObject({ status: 422, body: { errors: ['The primary disk cannot be removed.'] } });
    expect(await json('DELETE', `/servers/1/disks/${added.body.data.id}`)).toMatchObject({ status: 422, body: { errors: ['The disk is active; send confirm: true to remove it.'] } });
    expect((await json('DELETE', `/servers/1/disks/${added.body.data.id}`, { confirm: true })).status).toBe(204);
    expect((await json('GET', '/servers/1/disks')).body.data.map((d: { drive: string }) => d.drive)).toEqual(['a']);
  });

  it('starts a rescue session on a chosen image and shows its login', async () => {
    expect((await json('GET', '/servers/1/rescue')).body.data).toMatchObject({ active: false, image: null, login: null, images: [{ id: 1 }, { id: 2 }] });
    expect((await json('POST', '/servers/1/rescue', { imageId: 2, sendMail: false })).body.data).toEqual({ active: true, imageId: 2, emailed: false, queueId: 1 });
    const { body } = await json('GET', '/servers/1/rescue');
    expect(body.data).toMatchObject({ active: true, image: { id: 2, name: 'Finnix 126' }, login: { username: 'root' } });
    expect(body.data.login.password).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(await json('POST', '/servers/1/rescue', {})).toMatchObject({ status: 422, body: { errors: ['A rescue session is already active on this server.'] } });
    expect(await json('POST', '/servers/2/rescue', { imageId: 9 })).toMatchObject({ status: 422, body: { errors: ['The selected image id is invalid.'] } });
    expect(await json('POST', '/servers/2/rescue', { action: 'enable' })).toMatchObject({ status: 422, body: { errors: ['The action field is not allowed.'] } });
  });

  it('adds traffic blocks to available months only', async () => {
    expect((await json('POST', '/servers/1/traffic/blocks', { month: 2, amount: 100 })).status).toBe(201);
    const { body } = await json('GET', '/servers/1/traffic/blocks');
    expect(body.data.assigned).toEqual([
      { id: 1, current: false, traffic: 100, month: 2, start: body.data.available.months['2'].start, end: body.data.available.months['2'].end, added: '2025-01-20T12:00:00.000000Z' },
    ]);
    expect(body.data.available.total).toBe(12);
    expect(await json('POST', '/servers/1/traffic/blocks', { month: 13, amount: 1 })).toMatchObject({ status: 422, body: { errors: ['The selected month is not available.'] } });
    expect((await json('DELETE', '/servers/1/traffic/blocks/1')).status).toBe(204);
    expect((await json('DELETE', '/servers/1/traffic/blocks/1')).status).toBe(404);
  });

  it('suspends every server of a resource pack', async () => {
    const pack = await json('GET', '/selfService/resourcePack/1', undefined, { withServers: true });
    const ids = pack.body.data.servers.map((s: { id: number }) => s.id);
    expect(ids).toEqual([2]);
    expect(pack.body.data.used.servers).toBe(1);
    await json('POST', '/selfService/resourcePackServers/1/suspend');
    expect(emu().state.server(2)?.suspended).toBe(true);
    await json('POST', '/selfService/resourcePackServers/1/unsuspend');
    expect(emu().state.server(2)?.suspended).toBe(false);
    expect(await json('DELETE', '/selfService/resourcePack/1')).toMatchObject({ status: 422 });
    expect((await json('DELETE', '/selfService/resourcePack/1', undefined, { disable: true })).status).toBe(204);
    expect((await json('GET', '/selfService/resourcePack/1')).body.data.enabled).toBe(false);
  });

  it('keeps one primary network per hypervisor', async () => {
    const created = await json('POST', '/compute/hypervisors/1/networks', { name: 'public9', bridge: 'br9', type: 'simpleBridge', primary: true });
    expect(created.status).toBe(201);
    const { body } = await json('GET', '/compute/hypervisors/1/networks');
    expect(body.data.map((n: { bridge: string; primary: boolean }) => [n.bridge, n.primary])).toEqual([
      ['br0', false],
      ['br9', true],
    ]);
    expect(await json('POST', '/compute/hypervisors/1/networks', { mtu: 1500 })).toMatchObject({
      status: 422,
      body: { errors: ['The name field is required.', 'The bridge field is required.', 'The type field is required.'] },
    });
  });
});

describe('older panels', () => {
  it('answer a package change with 204 when asked to', async () => {
    const old = await startEmulator({ clock: createManualClock(), packageChangeStatus: 204 });
    try {
      const answer = await raw(old, 'PUT', '/servers/1/package/3', { body: { memory: true } });
      expect([answer.status, answer.text]).toEqual([204, '']);
      expect(old.state.server(1)).toMatchObject({ settings: { resources: { memory: 8192 } } });
    } finally {
      await old.stop();
    }
  });
});
