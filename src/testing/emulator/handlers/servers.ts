import type { Route } from '../../../generated/operations';
import { created, invalid, locked, noContent, ok } from '../answers';
import { paginate } from '../paginate';
import { presentServer, presentServerListItem, presentServerOverview } from '../present/servers';
import { queryBoolean, queryInteger, queryList, queryString } from '../query';
import { allocateIpv4, groupFreeIpv4 } from '../state/ip-pool';
import { allocateServer, isBuilding, scheduleDeletion, startBuild } from '../state/lifecycle';
import { eligibleHypervisors, hypervisorUsage, pickHypervisor, usesNetworkProfile } from '../state/placement';
import { BodyReader } from './body';
import { requireServer, requireUserById, type Handler } from './context';

const SWAP_SIZES = [256, 512, 768, 1, 1.5, 2, 3, 4, 5, 6, 8];

export const serverHandlers = {
  'GET /servers': (ctx) => {
    const type = queryString(ctx.query, 'type') ?? 'simple';
    if (type !== 'simple' && type !== 'full') throw invalid('The selected type is invalid.');
    const filter = queryList(ctx.query, 'hypervisorId');
    if (filter.some((id) => !/^\d+$/.test(id))) throw invalid('The hypervisor id field must hold whole numbers.');
    const nodes = new Set(filter.map(Number));
    const servers = [...ctx.store.servers.values()].filter((s) => nodes.size === 0 || nodes.has(s.hypervisorId));
    if (type === 'simple') return ok(paginate(servers, ctx.query, ctx.pageUrl, presentServerListItem));
    const usage = hypervisorUsage(ctx.store);
    return ok(paginate(servers, ctx.query, ctx.pageUrl, (s) => presentServer(ctx.store, s, ctx.now, { usage })));
  },

  'POST /servers': (ctx) => {
    const { store, now } = ctx;
    const dryRun = queryBoolean(ctx.query, 'dryRun') === true;
    const reader = new BodyReader(ctx.body);
    const packageId = reader.integer('packageId', { required: true, min: 1 });
    const userId = reader.integer('userId', { required: true, min: 1 });
    const groupId = reader.integer('hypervisorId', { required: true, min: 1 });
    const ipv4 = reader.integer('ipv4', { min: 0, max: 64 }) ?? 1;
    const storage = reader.integer('storage', { min: 1 });
    const traffic = reader.integer('traffic', { min: 0 });
    const memory = reader.integer('memory', { min: 1 });
    const cpuCores = reader.integer('cpuCores', { min: 1 });
    const networkSpeedIn = reader.integer('networkSpeedInbound', { min: 0 });
    const networkSpeedOut = reader.integer('networkSpeedOutbound', { min: 0 });
    reader.integer('storageProfile', { min: 0 });
    const networkProfile = reader.integer('networkProfile', { min: 0 });
    const firewallRulesets = reader.integerList('firewallRulesets', { min: -1 });
    reader.integerList('hypervisorAssetGroups', { min: -1 });
    const extraDisks: { capacity: number; profile: number }[] = [];
    for (const n of [1, 2]) {
      const enabled = reader.boolean(`additionalStorage${n}Enable`);
      const profile = reader.integer(`additionalStorage${n}Profile`, { min: 0 }) ?? 1;
      const capacity = reader.integer(`additionalStorage${n}Capacity`, { min: 1 });
      if (enabled === true) {
        if (capacity === undefined) reader.reject(`The additional storage ${n} capacity field is required when additional storage ${n} is enabled.`);
        else extraDisks.push({ capacity, profile });
      }
    }
    reader.finish();

    const pkg = store.packages.get(packageId!);
    const owner = store.users.get(userId!);
    const group = store.groups.get(groupId!);
    if (pkg === undefined || !pkg.enabled) reader.reject('Invalid or disabled package');
    if (owner === undefined) reader.reject('Invalid user');
    if (group === undefined || !group.enabled) reader.reject('Invalid or disabled hypervisor group');
    const eligible = group ? eligibleHypervisors(store, group) : [];
    const profile = networkProfile ?? pkg?.primaryNetworkProfile ?? 0;
    const candidates = eligible.filter((hv) => usesNetworkProfile(hv, profile));
    if (group?.enabled && eligible.length > 0 && candidates.length === 0) reader.reject('Invalid network profile. The specified profile is not in use');
    const rulesets = firewallRulesets?.filter((id) => id !== -1) ?? [];
    if (rulesets.some((id) => store.firewallRulesets.get(id)?.enabled !== true)) reader.reject('Invalid or disabled firewall ruleset');
    if (group?.enabled && eligible.length === 0) reader.reject('No hypervisor in the group is accepting new servers');
    if (group?.enabled && groupFreeIpv4(store, group) < ipv4) reader.reject('Not enough free IPv4 addresses in the hypervisor group');
    reader.finish();

    if (dryRun) {
      const node = candidates[group!.nextPlacement % candidates.length]!;
      return ok({ data: { dryRun: true, valid: true, packageId: pkg!.id, userId: owner!.id, hypervisorGroupId: group!.id, hypervisorId: node.id, ipv4 } });
    }
    const hypervisor = pickHypervisor(store, group!, profile)!;
    const id = store.nextId('server');
    const addresses = allocateIpv4(store, group!, id, ipv4)!;
    const server = allocateServer(
      store,
      { owner: owner!, pkg: pkg!, hypervisor, ipv4: addresses, memory, storage, traffic, cpuCores, networkSpeedIn, networkSpeedOut, networkProfile, firewallRulesets: rulesets, extraDisks },
      now,
      id,
    );
    const record = presentServer(store, server, now);
    store.emit('server.create', { server: record, args: ctx.body as Record<string, unknown>, allocation: { hypervisorId: hypervisor.id, hypervisorGroupId: group!.id, ipv4: addresses.length } });
    return created({ data: record });
  },

  'GET /servers/user/{userId}': (ctx) => {
    const user = requireUserById(ctx, 'userId');
    return ok({ data: [...ctx.store.servers.values()].filter((s) => s.ownerId === user.id).map((s) => presentServerOverview(ctx.store, s)) });
  },

  'GET /servers/{serverId}': (ctx) => {
    const server = requireServer(ctx);
    return ok({ data: presentServer(ctx.store, server, ctx.now, { remoteState: queryBoolean(ctx.query, 'remoteState') === true }) });
  },

  'DELETE /servers/{serverId}': (ctx) => {
    const server = requireServer(ctx);
    const delay = queryInteger(ctx.query, 'delay', 0, 43_800) ?? 0;
    if (isBuilding(server)) throw locked('server is locked while a build is in progress');
    scheduleDeletion(ctx.store, server, delay, ctx.now);
    return noContent();
  },

  'POST /servers/{serverId}/build': (ctx) => {
    const { store, now } = ctx;
    const server = requireServer(ctx);
    if (isBuilding(server)) throw locked('server is locked while a build is in progress');
    const reader = new BodyReader(ctx.body);
    const templateId = reader.integer('operatingSystemId', { required: true, min: 1 });
    const name = reader.string('name', { max: 255 });
    const hostname = reader.string('hostname', { max: 253 });
    const sshKeys = reader.integerList('sshKeys', { min: 1 });
    const vnc = reader.boolean('vnc');
    const ipv6 = reader.boolean('ipv6');
    reader.boolean('email');
    const swap = reader.number('swap');
    if (swap !== undefined && !SWAP_SIZES.includes(swap)) reader.reject('The selected swap is invalid.');
    reader.finish();
    const allowed = store.packages.get(server.packageId)?.templateIds ?? [...store.templates.keys()];
    if (!allowed.includes(templateId!) || !store.templates.has(templateId!)) reader.reject('Invalid operating system template');
    if (sshKeys?.some((id) => store.sshKeys.get(id)?.userId !== server.ownerId)) reader.reject('Invalid SSH key');
    reader.finish();
    if (vnc !== undefined) server.vnc.enabled = vnc;
    const password = startBuild(store, server, { templateId: templateId!, name, hostname, sshKeyIds: sshKeys, ipv6 }, now);
    return ok({ data: presentServer(store, server, now, { password }) });
  },
} satisfies Partial<Record<Route, Handler>>;
