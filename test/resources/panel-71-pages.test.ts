import { describe, expect, it, vi } from 'vitest';
import { HypervisorId, HypervisorNetworkId, VirtFusion, type Route } from '../../src/index';
import { PANEL, TOKEN, recordingFetch } from '../helpers/recording-fetch';
import { refusal } from '../helpers/refusal';

// One block per row of issue 23, each from the facts of the vendor's 7.1 reference page it
// names: what goes on the wire, and what the SDK refuses before sending because the page does.

function client(answer: () => Response = () => new Response(null, { status: 204 })) {
  const { fetch, requests } = recordingFetch(answer);
  const logger = { warn: vi.fn(), error: vi.fn() };
  return { vf: new VirtFusion({ url: PANEL, token: TOKEN, fetch, validate: 'strict', middleware: [], logger }), requests, logger };
}


const sent = (requests: ReturnType<typeof client>['requests'], index = 0) => {
  const request = requests[index]!;
  return { method: request.method, path: request.url.pathname + request.url.search, body: request.body === '' ? undefined : JSON.parse(request.body) };
};

describe('createServerDisk (docs.virtfusion.com/api/createServerDisk)', () => {
  it('sends qos.readBytes and qos.writeBytes, a null storagePointId, and the format, io and cache choices', async () => {
    const { vf, requests } = client();
    const body = { sizeGb: 100, storagePointId: null, filesystem: 'xfs', format: 'raw', bus: 'virtio-scsi-single', cache: 'none', io: 'io_uring', qos: { readIops: 500, readBytes: 104_857_600, writeBytes: 0 } } as const;
    await vf.servers.disks.create(1, body);
    expect(sent(requests)).toEqual({ method: 'POST', path: '/api/v1/servers/1/disks', body });
  });

  it.each([
    ['format', { format: 'vmdk' }],
    ['io', { io: 'aio' }],
    ['cache', { cache: 'writearound' }],
    ['bus', { bus: 'ide' }],
    ['filesystem', { filesystem: 'zfs' }],
  ])('refuses a %s the page does not list, before sending', async (field, extra) => {
    const { vf, requests } = client();
    const error = await refusal(vf.servers.disks.create(1, { sizeGb: 10, ...extra } as never));
    expect(error.issues.map((i) => i.path.join('.'))).toEqual([`body.${field}`]);
    expect(requests).toHaveLength(0);
  });

  it('refuses a limit above 99 999 999 999 999 and a field the page does not list', async () => {
    const { vf, requests } = client();
    const tooHigh = await refusal(vf.servers.disks.create(1, { sizeGb: 10, qos: { readIops: 100_000_000_000_000 } }));
    expect(tooHigh.issues[0]!.path).toEqual(['body', 'qos', 'readIops']);
    const unknown = await refusal(vf.servers.disks.create(1, { sizeGb: 10, sizeGB: 20 } as never));
    expect(unknown.message).toMatch(/sizeGB/);
    expect(requests).toHaveLength(0);
  });
});

describe('the 0.1 QoS keys readBytesSec and writeBytesSec', () => {
  it('are sent as readBytes and writeBytes, with one deprecation warning a key however often they are used', async () => {
    const { vf, requests, logger } = client();
    await vf.servers.disks.create(1, { sizeGb: 10, qos: { readBytesSec: 1000, writeBytesSec: 2000 } });
    await vf.servers.disks.update(1, 'b', { qos: { readBytesSec: 3000 } });
    await vf.request('PUT /servers/{serverId}/disks/{diskRef}', { path: { serverId: 1, diskRef: 'b' }, body: { qos: { readBytesSec: 4000 } } as never });
    expect(requests.map((r) => JSON.parse(r.body).qos)).toEqual([{ readBytes: 1000, writeBytes: 2000 }, { readBytes: 3000 }, { readBytes: 4000 }]);
    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(logger.warn.mock.calls.map(([details]) => details)).toEqual([
      { route: 'POST /servers/{serverId}/disks', deprecated: 'qos.readBytesSec' },
      { route: 'POST /servers/{serverId}/disks', deprecated: 'qos.writeBytesSec' },
    ]);
    expect(logger.warn.mock.calls[0]![1]).toBe(
      'qos.readBytesSec is deprecated: the panel\'s reference names it qos.readBytes, which the SDK now sends. Rename it; qos.readBytesSec is refused from virtfusion-sdk 0.3.0.',
    );
  });

  it('given beside the new name, is refused rather than one of the two picked', async () => {
    const { vf, requests } = client();
    const error = await refusal(vf.servers.disks.update(1, 'b', { qos: { readBytes: 1, readBytesSec: 2 } }));
    expect(error.message).toMatch(/readBytesSec/);
    expect(requests).toHaveLength(0);
  });
});

describe('updateServerDisk (docs.virtfusion.com/api/updateServerDisk)', () => {
  it('sends io, enabled and the documented QoS names with apply', async () => {
    const { vf, requests } = client();
    await vf.servers.disks.update(1, 'b', { io: 'native', enabled: false, qos: { writeBytes: 5_000_000, readIops: null }, apply: true });
    expect(sent(requests)).toEqual({ method: 'PUT', path: '/api/v1/servers/1/disks/b', body: { io: 'native', enabled: false, qos: { writeBytes: 5_000_000, readIops: null }, apply: true } });
  });

  it('refuses an empty change and an IO mode the page does not list', async () => {
    const { vf, requests } = client();
    expect((await refusal(vf.servers.disks.update(1, 'b', {}))).issues).toEqual([{ path: ['body'], message: 'must hold at least one field' }]);
    expect((await refusal(vf.servers.disks.update(1, 'b', { io: 'posix' } as never))).issues[0]!.path).toEqual(['body', 'io']);
    expect(requests).toHaveLength(0);
  });
});

/** A Laravel page as the panel sends it, with every paginator field. */
const laravelPage = (path: string, data: unknown[]) => () =>
  Response.json({
    current_page: 1,
    data,
    first_page_url: `${PANEL}/api/v1${path}?page=1`,
    from: data.length === 0 ? null : 1,
    last_page: 1,
    last_page_url: `${PANEL}/api/v1${path}?page=1`,
    links: [],
    next_page_url: null,
    path: `${PANEL}/api/v1${path}`,
    per_page: 20,
    prev_page_url: null,
    to: data.length === 0 ? null : data.length,
    total: data.length,
  });

describe('listIPBlockIPv4 (docs.virtfusion.com/api/listIPBlockIPv4)', () => {
  const page = laravelPage('/connectivity/ipblocks/10/ipv4', []);

  it('sends the address, reserved, assigned and serverId filters', async () => {
    const { vf, requests } = client(page);
    await vf.ipBlocks.ipv4(10, { address: '192.0.2.7', reserved: true, assigned: false, serverId: 5 }).then((p) => p);
    expect(sent(requests).path).toBe('/api/v1/connectivity/ipblocks/10/ipv4?address=192.0.2.7&reserved=true&assigned=false&serverId=5&page=1');
  });

  it('refuses an address that is not IPv4 and a server id below 1', async () => {
    const { vf, requests } = client(page);
    const error = await refusal(vf.request('GET /connectivity/ipblocks/{blockId}/ipv4', { path: { blockId: 10 }, query: { address: 'not-an-ip', serverId: 0 } }));
    expect(error.issues.map((i) => i.path.join('.')).sort()).toEqual(['query.address', 'query.serverId']);
    expect(requests).toHaveLength(0);
  });
});

describe('addIPv4Range (docs.virtfusion.com/api/addIPv4Range)', () => {
  it('sends the network form: any address in it, a prefix of 16 to 30, hostsOnly', async () => {
    const { vf, requests } = client();
    await vf.ipBlocks.addIpv4Range(1, { type: 'cidr', address: '192.168.10.0', prefix: 24, hostsOnly: true });
    await vf.ipBlocks.addIpv4Range(1, { type: 'range', start: '192.168.4.200', end: '192.168.5.20' });
    expect(requests.map((r) => JSON.parse(r.body))).toEqual([
      { type: 'cidr', address: '192.168.10.0', prefix: 24, hostsOnly: true },
      { type: 'range', start: '192.168.4.200', end: '192.168.5.20' },
    ]);
  });

  it.each([
    ['a prefix of 15', { type: 'cidr', address: '192.168.0.0', prefix: 15 }],
    ['a prefix of 31', { type: 'cidr', address: '192.168.0.0', prefix: 31 }],
    ['a network without its prefix', { type: 'cidr', address: '192.168.0.0' }],
    ['the two forms mixed', { type: 'range', start: '192.168.0.1', end: '192.168.0.9', prefix: 24 }],
  ])('refuses %s, before sending', async (_, body) => {
    const { vf, requests } = client();
    await refusal(vf.ipBlocks.addIpv4Range(1, body as never));
    expect(requests).toHaveLength(0);
  });
});

describe('createIPBlock (docs.virtfusion.com/api/createIPBlock)', () => {
  it('takes a name and a type alone, and the settings nested as the block GET nests them', async () => {
    const { vf, requests } = client(() => Response.json({ data: { id: 9 } }, { status: 201 }));
    await vf.ipBlocks.create({ name: 'Lab', type: 4 });
    await vf.ipBlocks.create({ name: 'Public FRA', type: 4, enabled: true, dhcp: 0, rdnsType: 'automatic', ipv4: { gateway: '198.51.100.1', netmask: '255.255.255.0' } });
    expect(requests.map((r) => JSON.parse(r.body))).toEqual([
      { name: 'Lab', type: 4 },
      { name: 'Public FRA', type: 4, enabled: true, dhcp: 0, rdnsType: 'automatic', ipv4: { gateway: '198.51.100.1', netmask: '255.255.255.0' } },
    ]);
  });

  it('refuses a block without a type, a name under three characters, and a network profile above 20', async () => {
    const { vf, requests } = client();
    const error = await refusal(vf.request('POST /connectivity/ipblocks', { body: { name: 'ab', networkProfile: 21 } as never }));
    expect(error.issues.map((i) => i.path.join('.')).sort()).toEqual(['body.name', 'body.networkProfile', 'body.type']);
    expect(requests).toHaveLength(0);
  });
});

describe('the routes the SDK lacked', () => {
  it('updateServerInterfaceVlan and deleteServerInterfaceVlan: the VLAN entry by id, nativeMode and trunk', async () => {
    const { vf, requests } = client();
    await vf.servers.interfaces.updateVlan(1, 'primary', 12, { trunk: 1, nativeMode: 2 });
    await vf.servers.interfaces.removeVlan(1, '1234567890', 12);
    expect(requests.map((r) => [r.method, r.url.pathname, r.body])).toEqual([
      ['PUT', '/api/v1/servers/1/interfaces/primary/vlans/12', '{"trunk":1,"nativeMode":2}'],
      ['DELETE', '/api/v1/servers/1/interfaces/1234567890/vlans/12', ''],
    ]);
    const error = await refusal(vf.servers.interfaces.updateVlan(1, 'primary', 12, { trunk: 3 } as never));
    expect(error.issues[0]!.path).toEqual(['body', 'trunk']);
    expect((await refusal(vf.servers.interfaces.updateVlan(1, 'primary', 12, {}))).issues).toEqual([{ path: ['body'], message: 'must hold at least one field' }]);
    expect(requests).toHaveLength(2);
  });

  it('listIPBlockIPv6: paged subnets filtered by subnet, assignment, reservation and server', async () => {
    const { vf, requests } = client(laravelPage('/connectivity/ipblocks/4/ipv6', [{ subnet: '2001:db8:100:1::' }]));
    const subnets = await vf.ipBlocks.ipv6(4, { subnet: '2001:db8:100:1::', assigned: true }).toArray({ limit: 10 });
    expect(subnets).toEqual([{ subnet: '2001:db8:100:1::' }]);
    expect(sent(requests).path).toBe('/api/v1/connectivity/ipblocks/4/ipv6?subnet=2001%3Adb8%3A100%3A1%3A%3A&assigned=true&results=200&page=1');
  });

  it('listNetworkFilterComponents: GET /compute/networkFilters/components', async () => {
    const { vf, requests } = client(() => Response.json({ data: ['ipv4'] }));
    expect(await vf.hypervisors.networks.filterComponents()).toEqual({ data: ['ipv4'] });
    expect(sent(requests)).toEqual({ method: 'GET', path: '/api/v1/compute/networkFilters/components', body: undefined });
  });
});

describe('what the pages refuse, the SDK refuses before sending', () => {
  const cases: [string, Route, Record<string, unknown>, string][] = [
    ['updateHypervisor: a field the page does not list', 'PUT /compute/hypervisors/{hypervisorId}', { path: { hypervisorId: 1 }, body: { maintenance: true, ipAddress: '10.0.0.1' } }, 'ipAddress'],
    ['updateServerInterface: processQueues 500', 'PUT /servers/{serverId}/interfaces/{interface}', { path: { serverId: 1, interface: 'primary' }, body: { processQueues: 500 } }, 'processQueues'],
    ['deletePackage: confirm false', 'DELETE /packages/{packageId}', { path: { packageId: 7 }, body: { confirm: false } }, 'confirm'],
    ['rebindHypervisorIPBlock: a null network', 'PUT /compute/hypervisors/{hypervisorId}/ipblocks/{blockId}', { path: { hypervisorId: 1, blockId: 10 }, body: { networkId: null } }, 'networkId'],
  ];

  it.each(cases)('%s', async (_, route, options, field) => {
    const { vf, requests } = client();
    const error = await refusal(vf.request(route, options as never));
    expect(error.message).toContain(field);
    expect(requests).toHaveLength(0);
  });

  it('still sends what the pages accept: processQueues 1 to 40, 1000 or null; confirm true; a network id', async () => {
    const { vf, requests } = client();
    for (const processQueues of [1, 40, 1000, null]) await vf.servers.interfaces.update(1, 'primary', { processQueues });
    await vf.packages.delete(7, { confirm: true });
    await vf.hypervisors.ipBlocks.rebind(HypervisorId(1), 10, HypervisorNetworkId(2));
    await vf.hypervisors.update(HypervisorId(1), { maintenance: true });
    expect(requests.map((r) => r.body)).toEqual([
      '{"processQueues":1}',
      '{"processQueues":40}',
      '{"processQueues":1000}',
      '{"processQueues":null}',
      '{"confirm":true}',
      '{"networkId":2}',
      '{"maintenance":true}',
    ]);
    for (const processQueues of [0, 41, 999, 1001]) await refusal(vf.servers.interfaces.update(1, 'primary', { processQueues } as never));
    expect(requests).toHaveLength(7);
  });
});

describe('old request forms real integrations send', () => {
  it('takes a numeric string for an integer path id and sends it as a number', async () => {
    const { vf, requests } = client(() => Response.json({ data: {} }));
    await vf.request('GET /servers/{serverId}', { path: { serverId: '42' as never } });
    await vf.request('GET /servers/{serverId}', { path: { serverId: '0042' as never } });
    expect(requests.map((r) => r.url.pathname)).toEqual(['/api/v1/servers/42', '/api/v1/servers/42']);
  });

  it.each(['4.2', '42abc', ' 42', '', '-3', '99999999999999999999'])('refuses %j for an integer path id', async (id) => {
    const { vf, requests } = client();
    const error = await refusal(vf.request('GET /servers/{serverId}', { path: { serverId: id as never } }));
    expect(error.issues[0]!.path).toEqual(['path', 'serverId']);
    expect(requests).toHaveLength(0);
  });

  it('refuses a body-less VNC toggle (no page documents one), naming the current form', async () => {
    const { vf, requests } = client();
    const error = await refusal(vf.request('POST /servers/{serverId}/vnc', { path: { serverId: 1 } } as never));
    expect(error.issues).toEqual([{ path: ['body'], message: 'is required by POST /servers/{serverId}/vnc: send { action }' }]);
    expect(requests).toHaveLength(0);
  });
});
