import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS, type Route } from '../../src/generated/operations';
import { createManualClock, startEmulator, type Emulator } from '../../src/testing';
import { loadContract, raw, type RawCall } from './helpers';

// For every operation of openapi/virtfusion.yaml: set up what it needs, call it on the wire, and
// check the status against the documented success statuses and the body against the schema.

interface Fixture {
  emu: Emulator;
  userId: number;
  serverId: number;
  ip: string;
  /** A new server for `userId`, built and complete unless `built` is false. */
  freshServer(built?: boolean): Promise<number>;
  post(path: string, body?: unknown, query?: RawCall['query']): Promise<any>;
  /** The ten-digit tag of the main server's primary interface. */
  tag(): Promise<string>;
}

interface Call extends RawCall {
  path?: Record<string, string | number>;
}

const USER_EXT = 7001;
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8 contract@test';

const CASES: { [R in Route]: (fx: Fixture) => Promise<Call> | Call } = {
  'GET /backups/server/{serverId}': () => ({ path: { serverId: 1 } }),
  'GET /compute/hypervisors': () => ({ query: { results: 3 } }),
  'GET /compute/hypervisors/groups': () => ({}),
  'GET /compute/hypervisors/groups/{hypervisorGroupId}': () => ({ path: { hypervisorGroupId: 1 } }),
  'GET /compute/hypervisors/groups/{hypervisorGroupId}/resources': () => ({ path: { hypervisorGroupId: 3 } }),
  'GET /compute/hypervisors/{hypervisorId}': () => ({ path: { hypervisorId: 5 } }),
  'POST /compute/hypervisors/{hypervisorId}/networkFilters/regenerate': () => ({ path: { hypervisorId: 1 } }),
  'GET /compute/networkFilters/components': () => ({}),
  'GET /compute/hypervisors/{hypervisorId}/networks': () => ({ path: { hypervisorId: 2 } }),
  'POST /compute/hypervisors/{hypervisorId}/networks': () => ({ path: { hypervisorId: 3 }, body: { name: 'public2', bridge: 'br2', type: 'simpleBridge', mtu: 1500 } }),
  'GET /compute/hypervisors/{hypervisorId}/networks/{networkId}': async (fx) => {
    const { data } = await fx.post('/compute/hypervisors/3/networks', { name: 'storage', bridge: 'br5', type: 'lvBridgeOVS' });
    return { path: { hypervisorId: 3, networkId: data.id } };
  },
  'PUT /compute/hypervisors/{hypervisorId}/networks/{networkId}': async (fx) => {
    const { data } = await fx.post('/compute/hypervisors/3/networks', { name: 'private3', bridge: 'br3', type: 'simpleBridge', mtu: 9000 });
    return { path: { hypervisorId: 3, networkId: data.id }, body: { mtu: null, ipBlockGroupId: null } };
  },
  'DELETE /compute/hypervisors/{hypervisorId}/networks/{networkId}': async (fx) => {
    const { data } = await fx.post('/compute/hypervisors/3/networks', { name: 'private4', bridge: 'br4', type: 'simpleBridge' });
    return { path: { hypervisorId: 3, networkId: data.id } };
  },
  'GET /compute/hypervisors/{hypervisorId}/storage': () => ({ path: { hypervisorId: 5 } }),
  'PUT /compute/hypervisors/{hypervisorId}': () => ({ path: { hypervisorId: 5 }, body: { maintenance: true, maxServers: 50, diskCacheType: 'none' } }),
  'GET /compute/hypervisors/{hypervisorId}/metrics': () => ({ path: { hypervisorId: 1 }, query: { minutes: 60 } }),
  'GET /compute/hypervisors/{hypervisorId}/ipblocks': async (fx) => {
    await fx.post('/compute/hypervisors/2/ipblocks', { blockId: 2 });
    return { path: { hypervisorId: 2 } };
  },
  'POST /compute/hypervisors/{hypervisorId}/ipblocks': () => ({ path: { hypervisorId: 4 }, body: { blockId: 1, networkId: null } }),
  'PUT /compute/hypervisors/{hypervisorId}/ipblocks/order': async (fx) => {
    await fx.post('/compute/hypervisors/6/ipblocks', { blockId: 1 });
    await fx.post('/compute/hypervisors/6/ipblocks', { blockId: 2 });
    return { path: { hypervisorId: 6 }, body: { order: [2, 1] } };
  },
  'PUT /compute/hypervisors/{hypervisorId}/ipblocks/{blockId}': async (fx) => {
    await fx.post('/compute/hypervisors/1/ipblocks', { blockId: 3 });
    return { path: { hypervisorId: 1, blockId: 3 }, body: { networkId: 1 } };
  },
  'DELETE /compute/hypervisors/{hypervisorId}/ipblocks/{blockId}': async (fx) => {
    await fx.post('/compute/hypervisors/1/ipblocks', { blockId: 1 });
    return { path: { hypervisorId: 1, blockId: 1 } };
  },
  'GET /connect': () => ({}),
  'GET /connectivity/ipblocks': () => ({}),
  'GET /connectivity/ipblocks/{blockId}': () => ({ path: { blockId: 4 } }),
  'POST /connectivity/ipblocks': () => ({ body: { name: 'Contract block', type: 4, enabled: true, ipv4: { gateway: '203.0.113.1', netmask: '255.255.255.0' } } }),
  'PUT /connectivity/ipblocks/{blockId}': () => ({ path: { blockId: 2 }, body: { name: 'Renamed block' } }),
  'DELETE /connectivity/ipblocks/{blockId}': async (fx) => {
    const { data } = await fx.post('/connectivity/ipblocks', { name: 'Short lived', type: 4 });
    return { path: { blockId: data.id }, body: { confirm: true } };
  },
  'GET /connectivity/ipblocks/{blockId}/ipv4': () => ({ path: { blockId: 1 }, query: { results: 5, page: 2, assigned: false, reserved: false } }),
  'GET /connectivity/ipblocks/{blockId}/ipv6': () => ({ path: { blockId: 4 }, query: { results: 5, assigned: false } }),
  'GET /connectivity/ipblocks/{blockId}/hypervisors': async (fx) => {
    await fx.post('/compute/hypervisors/3/ipblocks', { blockId: 2, networkId: null });
    return { path: { blockId: 2 } };
  },
  'GET /firewall/rulesets/{rulesetId}': () => ({ path: { rulesetId: 1 } }),
  'POST /connectivity/ipblocks/{blockId}/ipv4': () => ({ path: { blockId: 1 }, body: { type: 'range', start: '192.0.2.251', end: '192.0.2.254' } }),
  'PUT /connectivity/ipv4/rdns': (fx) => ({ body: { address: fx.ip, ptr: 'contract.example.net' } }),
  'GET /dns/services/{serviceId}': () => ({ path: { serviceId: 1 } }),
  'GET /firewall/rulesets': () => ({ query: { results: 2, page: 2 } }),
  'GET /media/iso/{isoId}': () => ({ path: { isoId: 1 } }),
  'GET /media/templates/fromServerPackageSpec/{serverPackageId}': () => ({ path: { serverPackageId: 4 } }),
  'GET /packages': () => ({}),
  'GET /packages/{packageId}': () => ({ path: { packageId: 2 } }),
  'DELETE /packages/{packageId}': () => ({ path: { packageId: 5 }, body: { confirm: true } }),
  'GET /queue/{queueId}': async (fx) => {
    const { data } = await fx.post(`/servers/${fx.serverId}/power/restart`);
    return { path: { queueId: data.queueId } };
  },
  'PUT /selfService/access/byUserExtRelationId/{extRelationId}': () => ({ path: { extRelationId: USER_EXT }, body: { syncToProfiles: true } }),
  'POST /selfService/credit/byUserExtRelationId/{extRelationId}': () => ({ path: { extRelationId: USER_EXT }, body: { tokens: 150.5, reference_1: 42, reference_2: 'order 42' } }),
  'DELETE /selfService/credit/{creditId}': async (fx) => {
    const { data } = await fx.post(`/selfService/credit/byUserExtRelationId/${USER_EXT}`, { tokens: 5 });
    return { path: { creditId: data.id } };
  },
  'GET /selfService/currencies': () => ({}),
  'POST /selfService/hourlyGroupProfile/byUserExtRelationId/{extRelationId}': () => ({ path: { extRelationId: USER_EXT }, body: { profileId: 2 } }),
  'DELETE /selfService/hourlyGroupProfile/{profileId}/byUserExtRelationId/{extRelationId}': async (fx) => {
    await fx.post(`/selfService/hourlyGroupProfile/byUserExtRelationId/${USER_EXT}`, { profileId: 1 });
    return { path: { profileId: 1, extRelationId: USER_EXT } };
  },
  'PUT /selfService/hourlyResourcePack/byUserExtRelationId/{extRelationId}': () => ({ path: { extRelationId: USER_EXT }, body: { packId: 1 } }),
  'GET /selfService/hourlyStats/byUserExtRelationId/{extRelationId}': () => ({ path: { extRelationId: USER_EXT }, query: { period: ['2025-01-01'], range: 'm' } }),
  'GET /selfService/report/byUserExtRelationId/{extRelationId}': () => ({ path: { extRelationId: USER_EXT }, query: { period: 1, currency: 'EUR' } }),
  'POST /selfService/resourceGroupProfile/byUserExtRelationId/{extRelationId}': () => ({ path: { extRelationId: USER_EXT }, body: { profileId: 2 } }),
  'DELETE /selfService/resourceGroupProfile/{profileId}/byUserExtRelationId/{extRelationId}': async (fx) => {
    await fx.post(`/selfService/resourceGroupProfile/byUserExtRelationId/${USER_EXT}`, { profileId: 1 });
    return { path: { profileId: 1, extRelationId: USER_EXT } };
  },
  'POST /selfService/resourcePack/byUserExtRelationId/{extRelationId}': () => ({ path: { extRelationId: USER_EXT }, body: { packId: 2, enabled: true } }),
  'GET /selfService/resourcePack/{packId}': () => ({ path: { packId: 1 }, query: { withServers: true } }),
  'PUT /selfService/resourcePack/{packId}': () => ({ path: { packId: 1 }, body: { enabled: true } }),
  'DELETE /selfService/resourcePack/{packId}': async (fx) => {
    const { data } = await fx.post(`/selfService/resourcePack/byUserExtRelationId/${USER_EXT}`, { packId: 1 });
    return { path: { packId: data.id } };
  },
  'DELETE /selfService/resourcePackServers/{packId}': () => ({ path: { packId: 1 }, query: { delay: 60 } }),
  'POST /selfService/resourcePackServers/{packId}/suspend': () => ({ path: { packId: 1 } }),
  'POST /selfService/resourcePackServers/{packId}/unsuspend': () => ({ path: { packId: 1 } }),
  'GET /selfService/usage/byUserExtRelationId/{extRelationId}': () => ({ path: { extRelationId: 1001 }, query: { period: ['2025-01-01', '2024-12-01'], range: 'm' } }),
  'GET /servers': () => ({ query: { type: 'full', results: 3, hypervisorId: [1, 2, 3] } }),
  'POST /servers': (fx) => ({ body: { packageId: 1, userId: fx.userId, hypervisorId: 2, ipv4: 2, additionalStorage1Enable: true, additionalStorage1Capacity: 20 } }),
  'GET /servers/user/{userId}': (fx) => ({ path: { userId: fx.userId } }),
  'GET /servers/{serverId}': (fx) => ({ path: { serverId: fx.serverId }, query: { remoteState: true } }),
  'DELETE /servers/{serverId}': async (fx) => ({ path: { serverId: await fx.freshServer() }, query: { delay: 0 } }),
  'PUT /servers/{serverId}/backupManager/access': (fx) => ({ path: { serverId: fx.serverId }, body: { type: 'view_restore' } }),
  'PUT /servers/{serverId}/backups/plan/{planId}': (fx) => ({ path: { serverId: fx.serverId, planId: 2 } }),
  'POST /servers/{serverId}/build': async (fx) => ({
    path: { serverId: await fx.freshServer(false) },
    body: { operatingSystemId: 52, name: 'contract', hostname: 'contract.example.net', vnc: false, ipv6: true, email: false, swap: 512 },
  }),
  'POST /servers/{serverId}/customXML': (fx) => ({ path: { serverId: fx.serverId }, body: { devices: '<watchdog model="i6300esb"/>', devicesEnabled: true } }),
  'GET /servers/{serverId}/disks': (fx) => ({ path: { serverId: fx.serverId } }),
  'POST /servers/{serverId}/disks': (fx) => ({ path: { serverId: fx.serverId }, body: { sizeGb: 100, storagePointId: null, format: 'raw', bus: 'virtio-scsi', cache: 'none', io: 'native', qos: { readIops: 500, readBytes: 1_048_576 } } }),
  'GET /servers/{serverId}/disks/{diskRef}': (fx) => ({ path: { serverId: fx.serverId, diskRef: 'a' } }),
  'PUT /servers/{serverId}/disks/{diskRef}': (fx) => ({ path: { serverId: fx.serverId, diskRef: 'a' }, body: { sizeGb: 60, qos: { readIops: 500, writeIops: 500 }, apply: true } }),
  'DELETE /servers/{serverId}/disks/{diskRef}': async (fx) => {
    const { data } = await fx.post(`/servers/${fx.serverId}/disks`, { sizeGb: 10 });
    return { path: { serverId: fx.serverId, diskRef: data.id }, body: { confirm: true } };
  },
  'GET /servers/{serverId}/firewall/{interface}': (fx) => ({ path: { serverId: fx.serverId, interface: 'primary' } }),
  'POST /servers/{serverId}/firewall/{interface}/disable': (fx) => ({ path: { serverId: fx.serverId, interface: 'primary' }, query: { sync: true } }),
  'POST /servers/{serverId}/firewall/{interface}/enable': (fx) => ({ path: { serverId: fx.serverId, interface: 'primary' } }),
  'POST /servers/{serverId}/firewall/{interface}/rules': (fx) => ({
    path: { serverId: fx.serverId, interface: 'primary' },
    body: { protocol: 'tcp', direction: 'in', action: 'allow', ipType: 4, destinationPort: '22', sourceAddress: '203.0.113.0/24', apply: true },
  }),
  'GET /servers/{serverId}/firewall/{interface}/rules': async (fx) => ({ path: { serverId: fx.serverId, interface: await fx.tag() } }),
  'PUT /servers/{serverId}/firewall/{interface}/rules/{ruleId}': async (fx) => {
    const { data } = await fx.post(`/servers/${fx.serverId}/firewall/primary/rules`, { protocol: 'udp', direction: 'in', action: 'allow', ipType: 4, destinationPort: '53' });
    return { path: { serverId: fx.serverId, interface: 'primary', ruleId: data.id }, body: { enabled: false, apply: true } };
  },
  'DELETE /servers/{serverId}/firewall/{interface}/rules/{ruleId}': async (fx) => {
    const { data } = await fx.post(`/servers/${fx.serverId}/firewall/primary/rules`, { protocol: 'all', direction: 'in', action: 'deny', ipType: 4, priority: 500 });
    return { path: { serverId: fx.serverId, interface: 'primary', ruleId: data.id }, body: { apply: true } };
  },
  'POST /servers/{serverId}/firewall/{interface}/rulesets': (fx) => ({ path: { serverId: fx.serverId, interface: 'primary' }, body: { rulesetId: 1 } }),
  'POST /servers/{serverId}/firewall/{interface}/apply': (fx) => ({ path: { serverId: fx.serverId, interface: 'primary' } }),
  'GET /servers/{serverId}/firewall/{interface}/counters': (fx) => ({ path: { serverId: fx.serverId, interface: 'primary' } }),
  'GET /servers/{serverId}/interfaces': (fx) => ({ path: { serverId: fx.serverId } }),
  'GET /servers/{serverId}/interfaces/{interface}': async (fx) => ({ path: { serverId: fx.serverId, interface: await fx.tag() } }),
  'GET /servers/{serverId}/interfaces/{interface}/vlans': async (fx) => {
    await fx.post(`/servers/${fx.serverId}/interfaces/primary/vlans`, { vlanId: 30 });
    return { path: { serverId: fx.serverId, interface: 'primary' } };
  },
  'PUT /servers/{serverId}/interfaces/{interface}': async (fx) => ({ path: { serverId: fx.serverId, interface: await fx.tag() }, body: { driver: 1, processQueues: 1000, inAverage: 12_500, apply: true } }),
  'POST /servers/{serverId}/interfaces/{interface}/vlans': (fx) => ({ path: { serverId: fx.serverId, interface: 'primary' }, body: { vlanId: 20, nativeMode: 1 } }),
  'PUT /servers/{serverId}/interfaces/{interface}/vlans/{vlanId}': async (fx) => {
    const { data } = await fx.post(`/servers/${fx.serverId}/interfaces/primary/vlans`, { vlanId: 40 });
    return { path: { serverId: fx.serverId, interface: 'primary', vlanId: data.id }, body: { trunk: 1, nativeMode: 2 } };
  },
  'DELETE /servers/{serverId}/interfaces/{interface}/vlans/{vlanId}': async (fx) => {
    const { data } = await fx.post(`/servers/${fx.serverId}/interfaces/primary/vlans`, { vlanId: 41 });
    return { path: { serverId: fx.serverId, interface: 'primary', vlanId: data.id } };
  },
  'GET /servers/{serverId}/hypervisorAssets/available': () => ({ path: { serverId: 1 } }),
  'POST /servers/{serverId}/hypervisorAssets/{assetId}': () => ({ path: { serverId: 1, assetId: 1 } }),
  'POST /servers/{serverId}/ipv4': (fx) => ({ path: { serverId: fx.serverId }, body: { interface: 'primary', ip: [fx.emu.state.freeIpv4(1).at(-1)!] } }),
  'DELETE /servers/{serverId}/ipv4': (fx) => ({ path: { serverId: fx.serverId }, body: { interface: 'primary', ip: [fx.ip] } }),
  'POST /servers/{serverId}/ipv4Qty': (fx) => ({ path: { serverId: fx.serverId }, body: { interface: 'primary', quantity: 2 } }),
  'PUT /servers/{serverId}/modify/cpuCores': (fx) => ({ path: { serverId: fx.serverId }, body: { cores: 3 } }),
  'PUT /servers/{serverId}/modify/cpuThrottle': (fx) => ({ path: { serverId: fx.serverId }, query: { sync: true }, body: { percent: 20 } }),
  'PUT /servers/{serverId}/modify/memory': (fx) => ({ path: { serverId: fx.serverId }, body: { memory: 3072 } }),
  'PUT /servers/{serverId}/modify/name': (fx) => ({ path: { serverId: fx.serverId }, body: { name: 'renamed' } }),
  'PUT /servers/{serverId}/modify/storage': (fx) => ({ path: { serverId: fx.serverId }, body: { drive: 'a', size: 80 } }),
  'PUT /servers/{serverId}/modify/traffic': (fx) => ({ path: { serverId: fx.serverId }, body: { traffic: 3000 } }),
  'POST /servers/{serverId}/networkWhitelist': (fx) => ({ path: { serverId: fx.serverId }, body: { interface: 'primary', ip: '198.51.100.7', cidr: 32 } }),
  'DELETE /servers/{serverId}/networkWhitelist': async (fx) => {
    await fx.post(`/servers/${fx.serverId}/networkWhitelist`, { interface: 'primary', ip: '2001:db8:ffff::1', cidr: 128 });
    return { path: { serverId: fx.serverId }, body: { interface: 'primary', ip: '2001:db8:ffff::1' } };
  },
  'PUT /servers/{serverId}/owner/{newOwnerId}': async (fx) => ({ path: { serverId: await fx.freshServer(), newOwnerId: 3 } }),
  'PUT /servers/{serverId}/package/{packageId}': (fx) => ({ path: { serverId: fx.serverId, packageId: 3 }, body: { cpu: true, memory: true, primaryDiskSize: true, primaryNetworkTraffic: true } }),
  'POST /servers/{serverId}/power/boot': (fx) => ({ path: { serverId: fx.serverId } }),
  'POST /servers/{serverId}/power/poweroff': (fx) => ({ path: { serverId: fx.serverId } }),
  'POST /servers/{serverId}/power/restart': (fx) => ({ path: { serverId: fx.serverId } }),
  'POST /servers/{serverId}/power/shutdown': (fx) => ({ path: { serverId: fx.serverId } }),
  'GET /servers/{serverId}/rescue': (fx) => ({ path: { serverId: fx.serverId } }),
  'POST /servers/{serverId}/rescue': async (fx) => ({ path: { serverId: await fx.freshServer() }, body: { imageId: 1, sendMail: false } }),
  'POST /servers/{serverId}/resetPassword': (fx) => ({ path: { serverId: fx.serverId }, body: { user: 'root', sendMail: false } }),
  'POST /servers/{serverId}/suspend': (fx) => ({ path: { serverId: fx.serverId } }),
  'GET /servers/{serverId}/templates': (fx) => ({ path: { serverId: fx.serverId } }),
  'GET /servers/{serverId}/traffic': () => ({ path: { serverId: 1 } }),
  'GET /servers/{serverId}/traffic/blocks': async (fx) => {
    await fx.post(`/servers/${fx.serverId}/traffic/blocks`, { month: 1, amount: 50 });
    return { path: { serverId: fx.serverId } };
  },
  'POST /servers/{serverId}/traffic/blocks': (fx) => ({ path: { serverId: fx.serverId }, body: { month: 2, amount: 100 } }),
  'DELETE /servers/{serverId}/traffic/blocks/{blockId}': async (fx) => {
    await fx.post(`/servers/${fx.serverId}/traffic/blocks`, { month: 3, amount: 10 });
    const answer = await raw(fx.emu, 'GET', `/servers/${fx.serverId}/traffic/blocks`);
    const blocks = (answer.json as { data: { assigned: { id: number }[] } }).data.assigned;
    return { path: { serverId: fx.serverId, blockId: blocks.at(-1)!.id } };
  },
  'POST /servers/{serverId}/unsuspend': (fx) => ({ path: { serverId: fx.serverId } }),
  'GET /servers/{serverId}/vnc': (fx) => ({ path: { serverId: fx.serverId } }),
  'POST /servers/{serverId}/vnc': (fx) => ({ path: { serverId: fx.serverId }, body: { action: 'enable' } }),
  'POST /ssh_keys': (fx) => ({ body: { userId: fx.userId, name: 'contract key', publicKey: KEY } }),
  'GET /ssh_keys/user/{userId}': () => ({ path: { userId: 2 } }),
  'GET /ssh_keys/{keyId}': () => ({ path: { keyId: 1 } }),
  'DELETE /ssh_keys/{keyId}': () => ({ path: { keyId: 2 } }),
  'GET /status': () => ({}),
  'POST /users': () => ({ body: { name: 'Contract Two', email: 'contract.two@example.org', extRelationId: 7002, relStr: 'contract-two', selfService: 3, selfServiceHourlyGroupProfiles: [1] } }),
  'POST /users/{extRelationId}/authenticationTokens': () => ({ path: { extRelationId: USER_EXT } }),
  'GET /users/{extRelationId}/byExtRelation': () => ({ path: { extRelationId: 'contract-one' }, query: { relStr: true } }),
  'PUT /users/{extRelationId}/byExtRelation': () => ({ path: { extRelationId: USER_EXT }, body: { name: 'Contract One', enabled: true, selfService: 1 } }),
  'DELETE /users/{extRelationId}/byExtRelation': async (fx) => {
    await fx.post('/users', { name: 'Short Lived', email: 'short.lived@example.org', extRelationId: 7999 });
    return { path: { extRelationId: 7999 } };
  },
  'POST /users/{extRelationId}/byExtRelation/resetPassword': () => ({ path: { extRelationId: USER_EXT } }),
  'POST /users/{extRelationId}/serverAuthenticationTokens/{serverId}': (fx) => ({ path: { extRelationId: USER_EXT, serverId: fx.serverId } }),
};

const contract = loadContract();
let fx: Fixture;

async function expectOk(emu: Emulator, method: string, path: string, call: RawCall): Promise<any> {
  const answer = await raw(emu, method, path, call);
  if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${answer.text}`);
  return answer.json;
}

beforeAll(async () => {
  const emu = await startEmulator({ clock: createManualClock(), buildDuration: 10_000, taskDuration: 1000 });
  const post = (path: string, body?: unknown, query?: RawCall['query']) => expectOk(emu, 'POST', path, { body, query });
  const user = await post('/users', { name: 'Contract One', email: 'contract.one@example.org', extRelationId: USER_EXT, relStr: 'contract-one' });
  const userId = user.data.id as number;
  const freshServer = async (built = true): Promise<number> => {
    const created = await post('/servers', { packageId: 2, userId, hypervisorId: 1 });
    const id = created.data.id as number;
    if (built) {
      await post(`/servers/${id}/build`, { operatingSystemId: 46 });
      emu.advance(10_000);
    }
    return id;
  };
  const serverId = await freshServer();
  const server = await expectOk(emu, 'GET', `/servers/${serverId}`, {});
  const tag = async () => (await expectOk(emu, 'GET', `/servers/${serverId}/interfaces`, {})).data[0].tag as string;
  fx = { emu, userId, serverId, ip: server.data.network.interfaces[0].ipv4[0].address, freshServer, post, tag };
});

afterAll(async () => {
  await fx.emu.stop();
});

describe('every operation answers as openapi/virtfusion.yaml documents', () => {
  const checked = new Set<Route>();

  for (const route of Object.keys(CASES) as Route[]) {
    it(route, async () => {
      const operation = OPERATIONS[route];
      const call = await CASES[route](fx);
      const path = operation.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(String(call.path?.[name])));
      const answer = await raw(fx.emu, operation.method, path, call);
      expect(operation.success, `${route} answered ${answer.status}: ${answer.text.slice(0, 300)}`).toContain(answer.status);
      const documented = contract.response(operation.method, operation.path, answer.status);
      expect(documented, `${answer.status} is not documented for ${route}`).toBeDefined();
      if (documented!.schema === undefined) {
        expect(answer.text, `${route} ${answer.status} declares no body`).toBe('');
      } else if (answer.text !== '' || !documented!.uncaptured) {
        expect(answer.json, `${route} ${answer.status} body is not JSON: ${answer.text.slice(0, 200)}`).toBeDefined();
        expect(contract.validate(documented!.schema, answer.json), route).toEqual([]);
      }
      const last = fx.emu.requests().at(-1)!;
      expect(last.route).toBe(route);
      expect(last.status).toBe(answer.status);
      checked.add(route);
    });
  }

  it('covers every operation of the document', () => {
    expect(checked.size).toBe(Object.keys(OPERATIONS).length);
    expect(Object.keys(CASES).length).toBe(Object.keys(OPERATIONS).length);
  });
});
