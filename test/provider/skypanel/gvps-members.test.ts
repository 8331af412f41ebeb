import { afterEach, describe, expect, it } from 'vitest';
import { NOT_SUPPORTED_BY_VIRTFUSION, toSkyPanelProvider } from '../../../src/provider';
import type { Emulator } from '../../../src/testing';
import { emulator, FIXTURE, provider } from '../helpers';
import { createMemoryProvider } from '../memory-provider';
import { skyFailure } from './helpers';

let emu: Emulator;
afterEach(async () => {
  await emu?.stop();
});

async function panelWithServer() {
  emu = await emulator();
  const service = toSkyPanelProvider(provider(emu), { owner: '9601', until: 'running' });
  const server = await service.createInstance({ label: 'net-1', type: FIXTURE.planId, region: FIXTURE.regionId, image: FIXTURE.imageId, rootPassword: 'x' });
  emu.clearRequests();
  return { service, server };
}

const wire = () => emu.requests().filter((r) => r.method !== 'GET').map((r) => ({ method: r.method, path: r.path.replace(/^\/api\/v1/, ''), body: r.body }));

describe('the gvps-cloud fork’s IP members on VirtFusion', () => {
  it('lists the addresses of every server of the panel, paged', async () => {
    const { service, server } = await panelWithServer();
    const page = await service.listIPs(1, 100);
    expect(page).toMatchObject({ pages: 1, total: page.data.length });
    const ipv4 = page.data.find((ip) => ip.type === 'ipv4' && ip.instanceId === server.id)!;
    expect(ipv4).toEqual({ address: server.ipv4[0], gateway: expect.any(String), subnetMask: expect.any(String), prefix: expect.any(Number), type: 'ipv4', public: true, rdns: null, instanceId: server.id, region: '2' });
    expect(await service.getIPAddress(server.ipv4[0]!)).toEqual(ipv4);
    expect((await service.listIPs(2, 100)).data).toEqual([]);
    expect(await skyFailure(() => service.listIPs(0))).toMatchObject({ code: 'VALIDATION_ERROR', field: 'page' });
    expect(await skyFailure(() => service.getIPAddress('203.0.113.250'))).toMatchObject({ code: 'NOT_FOUND', response: { status: 404 } });
  });

  it('allocates a public IPv4, removes it, and sets its reverse DNS', async () => {
    const { service, server } = await panelWithServer();
    const added = await service.allocateIP({ instanceId: server.id, public: true, type: 'ipv4' });
    expect(added).toMatchObject({ type: 'ipv4', instanceId: server.id, public: true });
    expect(added.address).not.toBe(server.ipv4[0]);
    const named = await service.updateIPReverseDNS(added.address, 'mail.example.com');
    expect(named.rdns).toBe('mail.example.com');
    await service.updateIPReverseDNS(added.address, null);
    await service.deleteIPAddress(server.id, added.address);
    expect(wire()).toEqual([
      { method: 'POST', path: `/servers/${server.id}/ipv4Qty`, body: { interface: 'primary', quantity: 1 } },
      { method: 'PUT', path: '/connectivity/ipv4/rdns', body: { address: added.address, ptr: 'mail.example.com' } },
      { method: 'PUT', path: '/connectivity/ipv4/rdns', body: { address: added.address, ptr: null } },
      { method: 'DELETE', path: `/servers/${server.id}/ipv4`, body: { ip: [added.address] } },
    ]);
  });

  it('refuses what VirtFusion cannot do with NOT_SUPPORTED (400), before sending anything', async () => {
    const { service, server } = await panelWithServer();
    expect(await skyFailure(() => service.allocateIP({ instanceId: server.id, public: true, type: 'ipv6' }))).toMatchObject({ code: 'NOT_SUPPORTED', response: { status: 400 } });
    expect(await skyFailure(() => service.allocateIP({ instanceId: server.id, public: false, type: 'ipv4' }))).toMatchObject({ code: 'NOT_SUPPORTED' });
    expect(await skyFailure(() => service.updateIPReverseDNS('2001:db8::1', 'x.example.com'))).toMatchObject({ code: 'NOT_SUPPORTED' });
    expect(await skyFailure(() => service.allocateIP({ instanceId: '1/../2', public: true, type: 'ipv4' }))).toMatchObject({ code: 'VALIDATION_ERROR', field: 'instanceId' });
    expect(wire()).toEqual([]);
  });

  it('lists IPv6 subnets as ranges', async () => {
    const { service } = await panelWithServer();
    const ranges = await service.listIPv6Ranges();
    for (const range of ranges) expect(range).toMatchObject({ instanceId: expect.any(String), instanceIds: [range.instanceId], routeTarget: null, created: '' });
    type Record = { network: { interfaces: Array<{ ipv6: Array<{ subnet: string; cidr: number }> }> } };
    const subnets = emu.state.serverIds().flatMap((id) => (emu.state.server(id) as Record).network.interfaces.flatMap((nic) => nic.ipv6.map((s) => `${s.subnet}/${s.cidr} ${id}`)));
    expect(subnets.length).toBeGreaterThan(0);
    expect(ranges.map((r) => `${r.range}/${r.prefixLength} ${r.instanceId}`)).toEqual(subnets);
  });
});

describe('the gvps-cloud fork’s disk members on VirtFusion', () => {
  it('lists, adds, grows and removes disks, in MB on the panel’s side and GB on the wire', async () => {
    const { service, server } = await panelWithServer();
    const [primary] = await service.listDisks(server.id);
    expect(primary).toMatchObject({ id: expect.any(Number), status: 'ready', size: 25 * 1024, filesystem: 'raw' });
    expect(Date.parse(primary!.created)).not.toBeNaN();
    const added = await service.createDisk(server.id, { label: 'data', size: 10 * 1024, filesystem: 'ext4' });
    expect(added).toMatchObject({ size: 10 * 1024, filesystem: 'ext4' });
    expect(await service.getDisk(server.id, added.id)).toEqual(added);
    await service.resizeDisk(server.id, added.id, 20 * 1024 + 1);
    expect((await service.getDisk(server.id, added.id)).size).toBe(21 * 1024);
    await service.deleteDisk(server.id, added.id);
    expect((await service.listDisks(server.id)).map((d) => d.id)).toEqual([primary!.id]);
    expect(wire()).toEqual([
      { method: 'POST', path: `/servers/${server.id}/disks`, body: { sizeGb: 10, filesystem: 'ext4' } },
      { method: 'PUT', path: `/servers/${server.id}/disks/${added.id}`, body: { sizeGb: 21 } },
      { method: 'DELETE', path: `/servers/${server.id}/disks/${added.id}`, body: { confirm: true } },
    ]);
  });

  it('refuses an image on a new disk, and an unknown disk', async () => {
    const { service, server } = await panelWithServer();
    expect(await skyFailure(() => service.createDisk(server.id, { label: 'os', size: 1024, image: 'linode/debian12' }))).toMatchObject({ code: 'NOT_SUPPORTED' });
    expect(await skyFailure(() => service.getDisk(server.id, 999))).toMatchObject({ code: 'NOT_FOUND', field: 'diskId' });
    expect(await skyFailure(() => service.createDisk(server.id, { label: 'swap', size: 1024, filesystem: 'swap' }))).toMatchObject({ code: 'NOT_SUPPORTED', field: 'createDisk filesystem' });
    expect(await skyFailure(() => service.resizeDisk(server.id, 1.5, 1024))).toMatchObject({ code: 'VALIDATION_ERROR', field: 'diskId' });
    expect(wire()).toEqual([]);
  });
});

describe('members without a faithful VirtFusion meaning', () => {
  it('each rejects with NOT_SUPPORTED, status 400, naming itself and why, sending nothing', async () => {
    const { service } = await panelWithServer();
    const members = Object.keys(NOT_SUPPORTED_BY_VIRTFUSION) as Array<keyof typeof NOT_SUPPORTED_BY_VIRTFUSION>;
    expect(members).toHaveLength(34);
    for (const member of members) {
      const error = await skyFailure(() => service[member](1, 'x'));
      expect(error).toMatchObject({ code: 'NOT_SUPPORTED', field: member, provider: 'virtfusion', response: { status: 400 } });
      expect(error.message).toContain(NOT_SUPPORTED_BY_VIRTFUSION[member]);
    }
    expect(emu.requests()).toEqual([]);
  });

  it('for another provider, the VirtFusion-only members are NOT_SUPPORTED too', async () => {
    const service = toSkyPanelProvider(createMemoryProvider(), { owner: 'acct-1' });
    expect(await skyFailure(() => service.listIPs())).toMatchObject({ code: 'NOT_SUPPORTED', field: 'listIPs', provider: 'memory' });
    expect(await skyFailure(() => service.listDisks('1'))).toMatchObject({ code: 'NOT_SUPPORTED', field: 'listDisks' });
  });
});
