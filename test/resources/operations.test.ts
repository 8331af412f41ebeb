import { describe, expect, it } from 'vitest';
import {
  ExtRelationId,
  HypervisorGroupId,
  HypervisorId,
  HypervisorNetworkId,
  OPERATIONS,
  UserId,
  VirtFusion,
  type Route,
} from '../../src/index';
import { PANEL, TOKEN, recordingFetch } from '../helpers/recording-fetch';

interface Case {
  route: Route;
  call: (vf: VirtFusion) => Promise<unknown>;
  /** Path and query as sent, after /api/v1. */
  url: string;
  body?: unknown;
  status?: number;
  answer?: unknown;
  result?: unknown;
}

const one = { data: { id: 7, name: 'x' } };
const page = { current_page: 1, data: [{ id: 7 }], last_page: 1, per_page: 200, total: 1 };
const pageResult = { data: [{ id: 7 }], currentPage: 1, lastPage: 1, perPage: 200, total: 1 };
const ext = ExtRelationId(1042);
const empty = { status: 204, answer: undefined, result: undefined };
const created = { status: 201, answer: undefined, result: undefined };

const cases: Case[] = [
  { route: 'GET /connect', call: (vf) => vf.connect(), url: '/connect', answer: [], result: true },
  { route: 'GET /status', call: (vf) => vf.status(), url: '/status', answer: { ok: true }, result: { ok: true } },
  // hypervisors
  { route: 'GET /compute/hypervisors', call: (vf) => vf.hypervisors.list().then((p) => p), url: '/compute/hypervisors?page=1', answer: page, result: pageResult },
  { route: 'GET /compute/hypervisors/{hypervisorId}', call: (vf) => vf.hypervisors.get(HypervisorId(3)), url: '/compute/hypervisors/3', answer: one, result: one.data },
  { route: 'GET /compute/hypervisors/{hypervisorId}/storage', call: (vf) => vf.hypervisors.storage(HypervisorId(3)), url: '/compute/hypervisors/3/storage', answer: { data: [] }, result: { data: [] } },
  { route: 'PUT /compute/hypervisors/{hypervisorId}', call: (vf) => vf.hypervisors.update(HypervisorId(3), { maintenance: true, maxServers: 40 }), url: '/compute/hypervisors/3', body: { maintenance: true, maxServers: 40 }, answer: one, result: one.data },
  { route: 'GET /compute/hypervisors/{hypervisorId}/metrics', call: (vf) => vf.hypervisors.metrics(HypervisorId(3), { minutes: 60 }), url: '/compute/hypervisors/3/metrics?minutes=60', answer: { data: { series: [] } }, result: { series: [] } },
  { route: 'GET /compute/hypervisors/{hypervisorId}/ipblocks', call: (vf) => vf.hypervisors.ipBlocks.list(HypervisorId(3)), url: '/compute/hypervisors/3/ipblocks', answer: { data: [{ blockId: 10 }] }, result: [{ blockId: 10 }] },
  { route: 'POST /compute/hypervisors/{hypervisorId}/ipblocks', call: (vf) => vf.hypervisors.ipBlocks.bind(HypervisorId(3), 10, { networkId: HypervisorNetworkId(2) }), url: '/compute/hypervisors/3/ipblocks', body: { blockId: 10, networkId: 2 }, ...created },
  { route: 'PUT /compute/hypervisors/{hypervisorId}/ipblocks/order', call: (vf) => vf.hypervisors.ipBlocks.order(HypervisorId(3), [11, 10]), url: '/compute/hypervisors/3/ipblocks/order', body: { order: [11, 10] }, ...empty },
  { route: 'PUT /compute/hypervisors/{hypervisorId}/ipblocks/{blockId}', call: (vf) => vf.hypervisors.ipBlocks.rebind(HypervisorId(3), 10, HypervisorNetworkId(2)), url: '/compute/hypervisors/3/ipblocks/10', body: { networkId: 2 }, ...empty },
  { route: 'DELETE /compute/hypervisors/{hypervisorId}/ipblocks/{blockId}', call: (vf) => vf.hypervisors.ipBlocks.unbind(HypervisorId(3), 10), url: '/compute/hypervisors/3/ipblocks/10', ...empty },
  { route: 'GET /compute/hypervisors/{hypervisorId}/networks/{networkId}', call: (vf) => vf.hypervisors.networks.get(HypervisorId(3), HypervisorNetworkId(9)), url: '/compute/hypervisors/3/networks/9', answer: one, result: one.data },
  { route: 'GET /compute/hypervisors/{hypervisorId}/networks', call: (vf) => vf.hypervisors.networks.list(HypervisorId(3)), url: '/compute/hypervisors/3/networks', answer: { data: [] }, result: { data: [] } },
  { route: 'POST /compute/hypervisors/{hypervisorId}/networks', call: (vf) => vf.hypervisors.networks.create(HypervisorId(3), { name: 'public2', bridge: 'br1', type: 'simpleBridge' }), url: '/compute/hypervisors/3/networks', body: { name: 'public2', bridge: 'br1', type: 'simpleBridge' }, ...created },
  { route: 'PUT /compute/hypervisors/{hypervisorId}/networks/{networkId}', call: (vf) => vf.hypervisors.networks.update(HypervisorId(3), HypervisorNetworkId(9), { mtu: 9000 }), url: '/compute/hypervisors/3/networks/9', body: { mtu: 9000 }, ...empty },
  { route: 'DELETE /compute/hypervisors/{hypervisorId}/networks/{networkId}', call: (vf) => vf.hypervisors.networks.delete(HypervisorId(3), HypervisorNetworkId(9)), url: '/compute/hypervisors/3/networks/9', ...empty },
  { route: 'GET /compute/networkFilters/components', call: (vf) => vf.hypervisors.networks.filterComponents(), url: '/compute/networkFilters/components', answer: { data: ['arp'] }, result: { data: ['arp'] } },
  { route: 'POST /compute/hypervisors/{hypervisorId}/networkFilters/regenerate', call: (vf) => vf.hypervisors.networks.regenerateFilters(HypervisorId(3)), url: '/compute/hypervisors/3/networkFilters/regenerate', ...empty },
  { route: 'GET /compute/hypervisors/groups', call: (vf) => vf.hypervisors.groups.list({ results: 50 }).then((p) => p), url: '/compute/hypervisors/groups?results=50&page=1', answer: page, result: pageResult },
  { route: 'GET /compute/hypervisors/groups/{hypervisorGroupId}', call: (vf) => vf.hypervisors.groups.get(HypervisorGroupId(2)), url: '/compute/hypervisors/groups/2', answer: one, result: one.data },
  { route: 'GET /compute/hypervisors/groups/{hypervisorGroupId}/resources', call: (vf) => vf.hypervisors.groups.resources(HypervisorGroupId(2)).then((p) => p), url: '/compute/hypervisors/groups/2/resources?page=1', answer: page, result: pageResult },
  // connectivity, dns, media, packages, queue, backups, firewall rulesets
  { route: 'GET /connectivity/ipblocks', call: (vf) => vf.ipBlocks.list().then((p) => p), url: '/connectivity/ipblocks?page=1', answer: page, result: pageResult },
  { route: 'GET /connectivity/ipblocks/{blockId}', call: (vf) => vf.ipBlocks.get(4), url: '/connectivity/ipblocks/4', answer: one, result: one.data },
  { route: 'POST /connectivity/ipblocks', call: (vf) => vf.ipBlocks.create({ name: 'Public 3', type: 4 }), url: '/connectivity/ipblocks', body: { name: 'Public 3', type: 4 }, status: 201, answer: one, result: one.data },
  { route: 'GET /connectivity/ipblocks/{blockId}/ipv6', call: (vf) => vf.ipBlocks.ipv6(5, { assigned: true, serverId: 42 }).then((p) => p), url: '/connectivity/ipblocks/5/ipv6?assigned=true&serverId=42&page=1', answer: page, result: pageResult },
  { route: 'PUT /connectivity/ipblocks/{blockId}', call: (vf) => vf.ipBlocks.update(4, { name: 'Renamed' }), url: '/connectivity/ipblocks/4', body: { name: 'Renamed' }, ...empty },
  { route: 'DELETE /connectivity/ipblocks/{blockId}', call: (vf) => vf.ipBlocks.delete(4), url: '/connectivity/ipblocks/4', body: { confirm: true }, ...empty },
  { route: 'GET /connectivity/ipblocks/{blockId}/ipv4', call: (vf) => vf.ipBlocks.ipv4(4, { results: 50, address: '192.0.2.10', reserved: false, assigned: true, serverId: 42 }).then((p) => p), url: '/connectivity/ipblocks/4/ipv4?address=192.0.2.10&reserved=false&assigned=true&serverId=42&results=50&page=1', answer: page, result: pageResult },
  { route: 'GET /connectivity/ipblocks/{blockId}/hypervisors', call: (vf) => vf.ipBlocks.hypervisors(4), url: '/connectivity/ipblocks/4/hypervisors', answer: { data: [{ hypervisorId: 3 }] }, result: [{ hypervisorId: 3 }] },
  { route: 'POST /connectivity/ipblocks/{blockId}/ipv4', call: (vf) => vf.ipBlocks.addIpv4Range(4, { type: 'range', start: '192.0.2.10', end: '192.0.2.20' }), url: '/connectivity/ipblocks/4/ipv4', body: { type: 'range', start: '192.0.2.10', end: '192.0.2.20' }, ...empty },
  { route: 'PUT /connectivity/ipv4/rdns', call: (vf) => vf.ipBlocks.setReverseDns({ address: '192.0.2.10', ptr: 'web-1.example.net' }), url: '/connectivity/ipv4/rdns', body: { address: '192.0.2.10', ptr: 'web-1.example.net' }, ...empty },
  { route: 'GET /firewall/rulesets', call: (vf) => vf.firewallRulesets.list().then((p) => p), url: '/firewall/rulesets?page=1', answer: page, result: pageResult },
  { route: 'GET /firewall/rulesets/{rulesetId}', call: (vf) => vf.firewallRulesets.get(7), url: '/firewall/rulesets/7', answer: one, result: one.data },
  { route: 'GET /dns/services/{serviceId}', call: (vf) => vf.dns.get(5), url: '/dns/services/5', answer: one, result: one.data },
  { route: 'GET /media/iso/{isoId}', call: (vf) => vf.media.iso(6), url: '/media/iso/6', answer: one, result: one.data },
  { route: 'GET /media/templates/fromServerPackageSpec/{serverPackageId}', call: (vf) => vf.media.templates(1), url: '/media/templates/fromServerPackageSpec/1', answer: { data: [] }, result: [] },
  { route: 'GET /packages', call: (vf) => vf.packages.list(), url: '/packages', answer: { data: [{ id: 1 }] }, result: [{ id: 1 }] },
  { route: 'GET /packages/{packageId}', call: (vf) => vf.packages.get(1), url: '/packages/1', answer: one, result: one.data },
  { route: 'DELETE /packages/{packageId}', call: (vf) => vf.packages.delete(1, { confirm: true }), url: '/packages/1', body: { confirm: true }, ...empty },
  { route: 'GET /queue/{queueId}', call: (vf) => vf.queue.get(88), url: '/queue/88', answer: one, result: one.data },
  { route: 'GET /backups/server/{serverId}', call: (vf) => vf.backups.list(42), url: '/backups/server/42', answer: { data: [] }, result: [] },
  // ssh keys
  { route: 'POST /ssh_keys', call: (vf) => vf.sshKeys.create({ userId: UserId(11), name: 'laptop', publicKey: 'ssh-ed25519 AAAA' }), url: '/ssh_keys', body: { userId: 11, name: 'laptop', publicKey: 'ssh-ed25519 AAAA' }, status: 201, answer: one, result: one.data },
  { route: 'GET /ssh_keys/{keyId}', call: (vf) => vf.sshKeys.get(3), url: '/ssh_keys/3', answer: one, result: one.data },
  { route: 'DELETE /ssh_keys/{keyId}', call: (vf) => vf.sshKeys.delete(3), url: '/ssh_keys/3', ...empty },
  { route: 'GET /ssh_keys/user/{userId}', call: (vf) => vf.sshKeys.listByUser(UserId(11)), url: '/ssh_keys/user/11', answer: { data: [] }, result: [] },
  // users
  { route: 'POST /users', call: (vf) => vf.users.create({ name: 'Ada', email: 'ada@example.com', extRelationId: ext }), url: '/users', body: { name: 'Ada', email: 'ada@example.com', extRelationId: 1042 }, status: 201, answer: one, result: one.data },
  { route: 'GET /users/{extRelationId}/byExtRelation', call: (vf) => vf.users.get(ext), url: '/users/1042/byExtRelation', answer: one, result: one.data },
  { route: 'PUT /users/{extRelationId}/byExtRelation', call: (vf) => vf.users.update('acme-7', { name: 'Ada L.' }), url: '/users/acme-7/byExtRelation?relStr=true', body: { name: 'Ada L.' }, status: 201, answer: { data: { name: 'Ada L.' } }, result: { name: 'Ada L.' } },
  { route: 'DELETE /users/{extRelationId}/byExtRelation', call: (vf) => vf.users.delete(ext), url: '/users/1042/byExtRelation', ...empty },
  { route: 'POST /users/{extRelationId}/byExtRelation/resetPassword', call: (vf) => vf.users.resetPassword(ext), url: '/users/1042/byExtRelation/resetPassword', status: 201, answer: { data: { password: 'p' } }, result: { password: 'p' } },
  { route: 'POST /users/{extRelationId}/authenticationTokens', call: (vf) => vf.users.loginTokens(ext), url: '/users/1042/authenticationTokens', answer: { data: { authentication: { endpoint_complete: '/token/a' } } }, result: { authentication: { endpoint_complete: '/token/a' } } },
  { route: 'POST /users/{extRelationId}/serverAuthenticationTokens/{serverId}', call: (vf) => vf.users.loginUrl(ext, { serverId: 42 }), url: '/users/1042/serverAuthenticationTokens/42', answer: { data: { authentication: { endpoint_complete: '/token/b?x=1' } } }, result: 'https://panel.example.com/token/b?x=1' },
  // self service
  { route: 'GET /selfService/currencies', call: (vf) => vf.billing.currencies(), url: '/selfService/currencies', answer: { data: [] }, result: [] },
  { route: 'POST /selfService/credit/byUserExtRelationId/{extRelationId}', call: (vf) => vf.billing.credit.add(ext, { tokens: 25 }), url: '/selfService/credit/byUserExtRelationId/1042', body: { tokens: 25 }, status: 201, answer: one, result: one.data },
  { route: 'DELETE /selfService/credit/{creditId}', call: (vf) => vf.billing.credit.cancel(31), url: '/selfService/credit/31', ...empty },
  { route: 'POST /selfService/hourlyGroupProfile/byUserExtRelationId/{extRelationId}', call: (vf) => vf.billing.hourlyGroupProfiles.add(ext, 2), url: '/selfService/hourlyGroupProfile/byUserExtRelationId/1042', body: { profileId: 2 }, ...empty },
  { route: 'DELETE /selfService/hourlyGroupProfile/{profileId}/byUserExtRelationId/{extRelationId}', call: (vf) => vf.billing.hourlyGroupProfiles.remove(ext, 2), url: '/selfService/hourlyGroupProfile/2/byUserExtRelationId/1042', ...empty },
  { route: 'POST /selfService/resourceGroupProfile/byUserExtRelationId/{extRelationId}', call: (vf) => vf.billing.resourceGroupProfiles.add(ext, 3), url: '/selfService/resourceGroupProfile/byUserExtRelationId/1042', body: { profileId: 3 }, ...empty },
  { route: 'DELETE /selfService/resourceGroupProfile/{profileId}/byUserExtRelationId/{extRelationId}', call: (vf) => vf.billing.resourceGroupProfiles.remove(ext, 3), url: '/selfService/resourceGroupProfile/3/byUserExtRelationId/1042', ...empty },
  { route: 'POST /selfService/resourcePack/byUserExtRelationId/{extRelationId}', call: (vf) => vf.billing.resourcePacks.add(ext, { packId: 4 }), url: '/selfService/resourcePack/byUserExtRelationId/1042', body: { packId: 4 }, status: 201, answer: one, result: one.data },
  { route: 'GET /selfService/resourcePack/{packId}', call: (vf) => vf.billing.resourcePacks.get(4, { withServers: true }), url: '/selfService/resourcePack/4?withServers=true', answer: one, result: one.data },
  { route: 'PUT /selfService/resourcePack/{packId}', call: (vf) => vf.billing.resourcePacks.update(4, { enabled: false }), url: '/selfService/resourcePack/4', body: { enabled: false }, ...empty },
  { route: 'DELETE /selfService/resourcePack/{packId}', call: (vf) => vf.billing.resourcePacks.delete(4, { disable: true }), url: '/selfService/resourcePack/4?disable=true', ...empty },
  { route: 'DELETE /selfService/resourcePackServers/{packId}', call: (vf) => vf.billing.resourcePacks.deleteServers(4, { delay: 60 }), url: '/selfService/resourcePackServers/4?delay=60', ...empty },
  { route: 'POST /selfService/resourcePackServers/{packId}/suspend', call: (vf) => vf.billing.resourcePacks.suspendServers(4), url: '/selfService/resourcePackServers/4/suspend', ...empty },
  { route: 'POST /selfService/resourcePackServers/{packId}/unsuspend', call: (vf) => vf.billing.resourcePacks.unsuspendServers(4), url: '/selfService/resourcePackServers/4/unsuspend', ...empty },
  { route: 'PUT /selfService/hourlyResourcePack/byUserExtRelationId/{extRelationId}', call: (vf) => vf.billing.setHourlyResourcePack(ext, 5), url: '/selfService/hourlyResourcePack/byUserExtRelationId/1042', body: { packId: 5 }, ...empty },
  { route: 'PUT /selfService/access/byUserExtRelationId/{extRelationId}', call: (vf) => vf.billing.syncAccess(ext, { syncToProfiles: true }), url: '/selfService/access/byUserExtRelationId/1042', body: { syncToProfiles: true }, ...empty },
  { route: 'GET /selfService/hourlyStats/byUserExtRelationId/{extRelationId}', call: (vf) => vf.billing.hourlyStats(ext, { period: ['2026-10-01', '2026-10-31'] }), url: '/selfService/hourlyStats/byUserExtRelationId/1042?period%5B%5D=2026-10-01&period%5B%5D=2026-10-31', answer: one, result: one.data },
  { route: 'GET /selfService/report/byUserExtRelationId/{extRelationId}', call: (vf) => vf.billing.report('acme-7', { currency: 'EUR' }), url: '/selfService/report/byUserExtRelationId/acme-7?currency=EUR&relStr=true', answer: one, result: one.data },
  { route: 'GET /selfService/usage/byUserExtRelationId/{extRelationId}', call: (vf) => vf.billing.usage(ext, { range: 'm' }), url: '/selfService/usage/byUserExtRelationId/1042?range=m', answer: one, result: one.data },
  // servers
  { route: 'GET /servers', call: (vf) => vf.servers.list({ hypervisorId: [HypervisorId(1), HypervisorId(2)], type: 'full' }).then((p) => p), url: '/servers?type=full&hypervisorId%5B%5D=1&hypervisorId%5B%5D=2&page=1', answer: page, result: pageResult },
  { route: 'POST /servers', call: (vf) => vf.servers.create({ packageId: 1, userId: UserId(11), hypervisorId: HypervisorGroupId(2) }), url: '/servers', body: { packageId: 1, userId: 11, hypervisorId: 2 }, status: 201, answer: one, result: one.data },
  { route: 'GET /servers/user/{userId}', call: (vf) => vf.servers.listByUser(UserId(11)), url: '/servers/user/11', answer: { data: [] }, result: [] },
  { route: 'GET /servers/{serverId}', call: (vf) => vf.servers.get(42, { remoteState: true }), url: '/servers/42?remoteState=true', answer: one, result: one.data },
  { route: 'DELETE /servers/{serverId}', call: (vf) => vf.servers.delete(42, { delay: 0 }), url: '/servers/42?delay=0', ...empty },
  { route: 'POST /servers/{serverId}/build', call: (vf) => vf.servers.build(42, { operatingSystemId: 28, hostname: 'web-1', sshKeys: [3] }), url: '/servers/42/build', body: { operatingSystemId: 28, hostname: 'web-1', sshKeys: [3] }, answer: one, result: one.data },
  { route: 'POST /servers/{serverId}/power/boot', call: (vf) => vf.servers.power.boot(42), url: '/servers/42/power/boot', answer: { data: { queueId: 5 } }, result: { queueId: 5 } },
  { route: 'POST /servers/{serverId}/power/shutdown', call: (vf) => vf.servers.power.shutdown(42), url: '/servers/42/power/shutdown', answer: { data: { queueId: 5 } }, result: { queueId: 5 } },
  { route: 'POST /servers/{serverId}/power/restart', call: (vf) => vf.servers.power.restart(42), url: '/servers/42/power/restart', answer: { data: { queueId: 5 } }, result: { queueId: 5 } },
  { route: 'POST /servers/{serverId}/power/poweroff', call: (vf) => vf.servers.power.poweroff(42), url: '/servers/42/power/poweroff', answer: { data: { queueId: 5 } }, result: { queueId: 5 } },
  { route: 'POST /servers/{serverId}/suspend', call: (vf) => vf.servers.suspend(42), url: '/servers/42/suspend', ...empty },
  { route: 'POST /servers/{serverId}/unsuspend', call: (vf) => vf.servers.unsuspend(42), url: '/servers/42/unsuspend', ...empty },
  { route: 'PUT /servers/{serverId}/modify/name', call: (vf) => vf.servers.modify.name(42, 'web-2'), url: '/servers/42/modify/name', body: { name: 'web-2' }, ...created },
  { route: 'PUT /servers/{serverId}/modify/memory', call: (vf) => vf.servers.modify.memory(42, 4096), url: '/servers/42/modify/memory', body: { memory: 4096 }, ...created },
  { route: 'PUT /servers/{serverId}/modify/cpuCores', call: (vf) => vf.servers.modify.cpuCores(42, 4), url: '/servers/42/modify/cpuCores', body: { cores: 4 }, ...created },
  { route: 'PUT /servers/{serverId}/modify/traffic', call: (vf) => vf.servers.modify.traffic(42, 2000), url: '/servers/42/modify/traffic', body: { traffic: 2000 }, ...created },
  { route: 'PUT /servers/{serverId}/modify/cpuThrottle', call: (vf) => vf.servers.modify.cpuThrottle(42, 50, { sync: true }), url: '/servers/42/modify/cpuThrottle?sync=true', body: { percent: 50 }, ...created },
  { route: 'PUT /servers/{serverId}/modify/storage', call: (vf) => vf.servers.modify.storage(42, { drive: 'a', size: 80 }), url: '/servers/42/modify/storage', body: { drive: 'a', size: 80 }, ...empty },
  { route: 'PUT /servers/{serverId}/package/{packageId}', call: (vf) => vf.servers.changePackage(42, 2), url: '/servers/42/package/2', answer: { info: ['memory not updated'] }, result: { info: ['memory not updated'] } },
  { route: 'PUT /servers/{serverId}/owner/{newOwnerId}', call: (vf) => vf.servers.changeOwner(42, UserId(12)), url: '/servers/42/owner/12', ...created },
  { route: 'PUT /servers/{serverId}/backups/plan/{planId}', call: (vf) => vf.servers.backups.setPlan(42, 0), url: '/servers/42/backups/plan/0', ...created },
  { route: 'PUT /servers/{serverId}/backupManager/access', call: (vf) => vf.servers.backups.managerAccess(42, { type: 'view_restore' }), url: '/servers/42/backupManager/access', body: { type: 'view_restore' }, ...created },
  { route: 'POST /servers/{serverId}/resetPassword', call: (vf) => vf.servers.resetPassword(42, { user: 'root', sendMail: false }), url: '/servers/42/resetPassword', body: { user: 'root', sendMail: false }, answer: { data: { expectedPassword: 'x' } }, result: { expectedPassword: 'x' } },
  { route: 'GET /servers/{serverId}/templates', call: (vf) => vf.servers.templates(42), url: '/servers/42/templates', answer: { data: [] }, result: [] },
  { route: 'GET /servers/{serverId}/vnc', call: (vf) => vf.servers.vnc.get(42), url: '/servers/42/vnc', answer: { data: { vnc: { port: 5901 } } }, result: { vnc: { port: 5901 } } },
  { route: 'POST /servers/{serverId}/vnc', call: (vf) => vf.servers.vnc.enable(42), url: '/servers/42/vnc', body: { action: 'enable' }, answer: { data: { vnc: { port: 5901 } } }, result: { vnc: { port: 5901 } } },
  { route: 'POST /servers/{serverId}/customXML', call: (vf) => vf.servers.customXml(42, { cpuTune: '<cputune/>', cpuTuneEnabled: true }), url: '/servers/42/customXML', body: { cpuTune: '<cputune/>', cpuTuneEnabled: true }, status: 200, answer: undefined, result: undefined },
  { route: 'GET /servers/{serverId}/traffic', call: (vf) => vf.servers.traffic.get(42), url: '/servers/42/traffic', answer: { data: { monthly: [] } }, result: { monthly: [] } },
  { route: 'GET /servers/{serverId}/traffic/blocks', call: (vf) => vf.servers.traffic.blocks.list(42), url: '/servers/42/traffic/blocks', answer: { data: { assigned: [] } }, result: { assigned: [] } },
  { route: 'POST /servers/{serverId}/traffic/blocks', call: (vf) => vf.servers.traffic.blocks.add(42, { month: 11, amount: 100 }), url: '/servers/42/traffic/blocks', body: { month: 11, amount: 100 }, ...created },
  { route: 'DELETE /servers/{serverId}/traffic/blocks/{blockId}', call: (vf) => vf.servers.traffic.blocks.remove(42, 8), url: '/servers/42/traffic/blocks/8', ...empty },
  { route: 'POST /servers/{serverId}/ipv4Qty', call: (vf) => vf.servers.ipv4.addQuantity(42, { interface: 'primary', quantity: 2 }), url: '/servers/42/ipv4Qty', body: { interface: 'primary', quantity: 2 }, answer: { data: { added: 2 } }, result: { added: 2 } },
  { route: 'POST /servers/{serverId}/ipv4', call: (vf) => vf.servers.ipv4.add(42, { interface: 'primary', ip: ['192.0.2.5'] }), url: '/servers/42/ipv4', body: { interface: 'primary', ip: ['192.0.2.5'] }, ...empty },
  { route: 'DELETE /servers/{serverId}/ipv4', call: (vf) => vf.servers.ipv4.remove(42, { interface: 'primary', ip: ['192.0.2.5'] }), url: '/servers/42/ipv4', body: { interface: 'primary', ip: ['192.0.2.5'] }, ...empty },
  { route: 'POST /servers/{serverId}/networkWhitelist', call: (vf) => vf.servers.whitelist.add(42, { interface: 'primary', ip: '192.0.2.9', cidr: 32 }), url: '/servers/42/networkWhitelist', body: { interface: 'primary', ip: '192.0.2.9', cidr: 32 }, ...created },
  { route: 'DELETE /servers/{serverId}/networkWhitelist', call: (vf) => vf.servers.whitelist.remove(42, { interface: 'primary', ip: '192.0.2.9' }), url: '/servers/42/networkWhitelist', body: { interface: 'primary', ip: '192.0.2.9' }, ...empty },
  { route: 'GET /servers/{serverId}/firewall/{interface}', call: (vf) => vf.servers.firewall.get(42, 'primary'), url: '/servers/42/firewall/primary', answer: { data: { enabled: true } }, result: { enabled: true } },
  { route: 'POST /servers/{serverId}/firewall/{interface}/enable', call: (vf) => vf.servers.firewall.enable(42, 'secondary'), url: '/servers/42/firewall/secondary/enable', answer: {}, result: undefined },
  { route: 'POST /servers/{serverId}/firewall/{interface}/disable', call: (vf) => vf.servers.firewall.disable(42, 'primary', { sync: true }), url: '/servers/42/firewall/primary/disable?sync=true', answer: {}, result: undefined },
  { route: 'POST /servers/{serverId}/firewall/{interface}/rules', call: (vf) => vf.servers.firewall.applyRulesets(42, 'primary', { rulesets: [1, 2] }), url: '/servers/42/firewall/primary/rules', body: { rulesets: [1, 2] }, ...created },
  { route: 'GET /servers/{serverId}/firewall/{interface}/rules', call: (vf) => vf.servers.firewall.rules(42, '1234567890'), url: '/servers/42/firewall/1234567890/rules', answer: { data: [{ id: 5 }] }, result: [{ id: 5 }] },
  { route: 'PUT /servers/{serverId}/firewall/{interface}/rules/{ruleId}', call: (vf) => vf.servers.firewall.setRuleEnabled(42, 'primary', 5, false, { apply: true }), url: '/servers/42/firewall/primary/rules/5', body: { enabled: false, apply: true }, answer: { data: { id: 5, enabled: false } }, result: { id: 5, enabled: false } },
  { route: 'DELETE /servers/{serverId}/firewall/{interface}/rules/{ruleId}', call: (vf) => vf.servers.firewall.deleteRule(42, 'secondary', 5), url: '/servers/42/firewall/secondary/rules/5', ...empty },
  { route: 'POST /servers/{serverId}/firewall/{interface}/rulesets', call: (vf) => vf.servers.firewall.attachRuleset(42, 'primary', 7, { apply: true }), url: '/servers/42/firewall/primary/rulesets', body: { rulesetId: 7, apply: true }, ...created },
  { route: 'POST /servers/{serverId}/firewall/{interface}/apply', call: (vf) => vf.servers.firewall.apply(42, 'primary'), url: '/servers/42/firewall/primary/apply', answer: { data: { applied: true } }, result: { applied: true } },
  { route: 'GET /servers/{serverId}/firewall/{interface}/counters', call: (vf) => vf.servers.firewall.counters(42, 'primary'), url: '/servers/42/firewall/primary/counters', answer: { data: { rules: [] } }, result: { rules: [] } },
  { route: 'GET /servers/{serverId}/interfaces', call: (vf) => vf.servers.interfaces.list(42), url: '/servers/42/interfaces', answer: { data: [{ tag: '1234567890' }] }, result: [{ tag: '1234567890' }] },
  { route: 'GET /servers/{serverId}/interfaces/{interface}', call: (vf) => vf.servers.interfaces.get(42, '1234567890'), url: '/servers/42/interfaces/1234567890', answer: { data: { tag: '1234567890' } }, result: { tag: '1234567890' } },
  { route: 'PUT /servers/{serverId}/interfaces/{interface}', call: (vf) => vf.servers.interfaces.update(42, 'secondary', { inAverage: 12_500, portIsolated: true, apply: true }), url: '/servers/42/interfaces/secondary', body: { inAverage: 12_500, portIsolated: true, apply: true }, ...empty },
  { route: 'PUT /servers/{serverId}/interfaces/{interface}/vlans/{vlanId}', call: (vf) => vf.servers.interfaces.updateVlan(42, 'primary', 12, { trunk: 1, nativeMode: 2 }), url: '/servers/42/interfaces/primary/vlans/12', body: { trunk: 1, nativeMode: 2 }, ...empty },
  { route: 'DELETE /servers/{serverId}/interfaces/{interface}/vlans/{vlanId}', call: (vf) => vf.servers.interfaces.removeVlan(42, 'primary', 12), url: '/servers/42/interfaces/primary/vlans/12', ...empty },
  { route: 'POST /servers/{serverId}/interfaces/{interface}/vlans', call: (vf) => vf.servers.interfaces.addVlan(42, '1234567890', { vlanId: 20 }), url: '/servers/42/interfaces/1234567890/vlans', body: { vlanId: 20 }, ...created },
  { route: 'GET /servers/{serverId}/interfaces/{interface}/vlans', call: (vf) => vf.servers.interfaces.vlans(42, 'primary'), url: '/servers/42/interfaces/primary/vlans', answer: { data: [{ vlanId: 20 }] }, result: [{ vlanId: 20 }] },
  { route: 'GET /servers/{serverId}/disks', call: (vf) => vf.servers.disks.list(42), url: '/servers/42/disks', answer: { data: [] }, result: { data: [] } },
  { route: 'POST /servers/{serverId}/disks', call: (vf) => vf.servers.disks.create(42, { sizeGb: 20 }), url: '/servers/42/disks', body: { sizeGb: 20 }, ...created },
  { route: 'GET /servers/{serverId}/disks/{diskRef}', call: (vf) => vf.servers.disks.get(42, 'b'), url: '/servers/42/disks/b', answer: { data: {} }, result: { data: {} } },
  { route: 'PUT /servers/{serverId}/disks/{diskRef}', call: (vf) => vf.servers.disks.update(42, 2, { sizeGb: 30 }), url: '/servers/42/disks/2', body: { sizeGb: 30 }, ...empty },
  { route: 'DELETE /servers/{serverId}/disks/{diskRef}', call: (vf) => vf.servers.disks.delete(42, 'b', { confirm: true }), url: '/servers/42/disks/b', body: { confirm: true }, ...empty },
  { route: 'GET /servers/{serverId}/rescue', call: (vf) => vf.servers.rescue.get(42), url: '/servers/42/rescue', answer: { data: {} }, result: { data: {} } },
  { route: 'POST /servers/{serverId}/rescue', call: (vf) => vf.servers.rescue.start(42, { imageId: 2, sendMail: false }), url: '/servers/42/rescue', body: { imageId: 2, sendMail: false }, answer: { data: { active: true } }, result: { data: { active: true } } },
  { route: 'GET /servers/{serverId}/hypervisorAssets/available', call: (vf) => vf.servers.hypervisorAssets.available(42), url: '/servers/42/hypervisorAssets/available', answer: { data: [] }, result: { data: [] } },
  { route: 'POST /servers/{serverId}/hypervisorAssets/{assetId}', call: (vf) => vf.servers.hypervisorAssets.attach(42, 6), url: '/servers/42/hypervisorAssets/6', ...empty },
];

describe('every operation through its resource method', () => {
  it('covers every operation of the document exactly once', () => {
    expect(cases.map((c) => c.route).sort()).toEqual(Object.keys(OPERATIONS).sort());
  });

  it.each(cases.map((c) => [c.route, c] as const))('%s', async (_route, c) => {
    const status = c.status ?? 200;
    const { fetch, requests } = recordingFetch(() =>
      c.answer === undefined ? new Response(null, { status }) : Response.json(c.answer, { status }),
    );
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, validate: 'off' });
    const result = await c.call(vf);
    expect(requests).toHaveLength(1);
    const sent = requests[0]!;
    expect(`${sent.method} ${sent.url.pathname.replace('/api/v1', '')}${sent.url.search}`).toBe(`${OPERATIONS[c.route].method} ${c.url}`);
    expect(sent.body === '' ? undefined : JSON.parse(sent.body)).toEqual(c.body);
    expect(sent.headers.get('content-type')).toBe(c.body === undefined ? null : 'application/json');
    expect(result).toEqual(c.result);
  });
});
