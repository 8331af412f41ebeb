import type { Route } from '../../../generated/operations';
import { created, noContent, notFound, ok } from '../answers';
import { paginate } from '../paginate';
import { presentGroup, presentGroupResourceEntry, presentHypervisor, presentNetwork } from '../present/hypervisors';
import { queueTask } from '../state/lifecycle';
import { hypervisorUsage } from '../state/placement';
import type { GroupRecord, HypervisorNetworkRecord, HypervisorRecord } from '../state/records';
import { BodyReader } from './body';
import { idParam, type Handler, type HandlerContext } from './context';

export function requireHypervisor(ctx: HandlerContext): HypervisorRecord {
  const hv = ctx.store.hypervisors.get(idParam(ctx, 'hypervisorId'));
  if (hv === undefined) throw notFound('hypervisor not found');
  return hv;
}

function requireGroup(ctx: HandlerContext): GroupRecord {
  const group = ctx.store.groups.get(idParam(ctx, 'hypervisorGroupId'));
  if (group === undefined) throw notFound('hypervisor group not found');
  return group;
}

export function requireNetwork(ctx: HandlerContext, hv: HypervisorRecord): HypervisorNetworkRecord {
  const network = hv.networks.find((n) => n.id === idParam(ctx, 'networkId'));
  if (network === undefined) throw notFound('network not found');
  return network;
}

/** Reads the fields of a hypervisor network change; a new network must name its bridge. */
function readNetwork(ctx: HandlerContext, creating: boolean): Partial<Pick<HypervisorNetworkRecord, 'name' | 'bridge' | 'type' | 'mtu' | 'ipBlockGroupId' | 'primary' | 'isDefault'>> {
  const reader = new BodyReader(ctx.body);
  const name = reader.string('name', { required: creating, max: 100 });
  const bridge = reader.string('bridge', { required: creating, max: 15, pattern: /^[A-Za-z0-9_.-]+$/ });
  const type = reader.string('type', { required: creating, oneOf: ['simpleBridge', 'lvBridgeOVS', 'ovsBridge', 'macvtap', 'routed'] });
  const mtu = reader.integer('mtu', { min: 576, max: 9216 });
  const ipBlockGroupId = reader.integer('ipBlockGroupId', { min: 1 });
  const primary = reader.boolean('primary');
  const isDefault = reader.boolean('default');
  reader.finish();
  return {
    ...(name === undefined ? {} : { name }),
    ...(bridge === undefined ? {} : { bridge }),
    ...(type === undefined ? {} : { type }),
    // null clears the MTU and unbinds the IP block group.
    ...(mtu === undefined ? (reader.isNull('mtu') ? { mtu: null } : {}) : { mtu }),
    ...(ipBlockGroupId === undefined ? (reader.isNull('ipBlockGroupId') ? { ipBlockGroupId: null } : {}) : { ipBlockGroupId }),
    ...(primary === undefined ? {} : { primary }),
    ...(isDefault === undefined ? {} : { isDefault }),
  };
}

export const hypervisorHandlers = {
  'GET /compute/hypervisors': (ctx) => ok(paginate([...ctx.store.hypervisors.values()], ctx.query, ctx.pageUrl, (hv) => presentHypervisor(ctx.store, hv))),

  'GET /compute/hypervisors/{hypervisorId}': (ctx) => ok({ data: presentHypervisor(ctx.store, requireHypervisor(ctx)) }),

  'GET /compute/hypervisors/groups': (ctx) => ok(paginate([...ctx.store.groups.values()], ctx.query, ctx.pageUrl, presentGroup)),

  'GET /compute/hypervisors/groups/{hypervisorGroupId}': (ctx) => ok({ data: presentGroup(requireGroup(ctx)) }),

  'GET /compute/hypervisors/groups/{hypervisorGroupId}/resources': (ctx) => {
    const group = requireGroup(ctx);
    const usage = hypervisorUsage(ctx.store);
    const nodes = [...ctx.store.hypervisors.values()].filter((hv) => hv.groupId === group.id);
    return ok(paginate(nodes, ctx.query, ctx.pageUrl, (hv) => presentGroupResourceEntry(ctx.store, hv, usage.get(hv.id))));
  },

  'GET /compute/hypervisors/{hypervisorId}/networks': (ctx) => ok({ data: requireHypervisor(ctx).networks.map(presentNetwork) }),

  'POST /compute/hypervisors/{hypervisorId}/networks': (ctx) => {
    const hv = requireHypervisor(ctx);
    const fields = readNetwork(ctx, true);
    const network: HypervisorNetworkRecord = {
      id: ctx.store.nextId('network'),
      name: fields.name ?? fields.bridge ?? 'network',
      ipBlockGroupId: fields.ipBlockGroupId ?? null,
      type: fields.type ?? 'simpleBridge',
      bridge: fields.bridge ?? 'br0',
      mtu: fields.mtu ?? null,
      primary: fields.primary ?? false,
      isDefault: fields.isDefault ?? false,
      networkProfile: 0,
      created: ctx.now,
      updated: ctx.now,
    };
    if (network.primary) for (const other of hv.networks) other.primary = false;
    if (network.isDefault) for (const other of hv.networks) other.isDefault = false;
    hv.networks.push(network);
    return created({ data: presentNetwork(network) });
  },

  'GET /compute/hypervisors/{hypervisorId}/networks/{networkId}': (ctx) => ok({ data: presentNetwork(requireNetwork(ctx, requireHypervisor(ctx))) }),

  'PUT /compute/hypervisors/{hypervisorId}/networks/{networkId}': (ctx) => {
    const hv = requireHypervisor(ctx);
    const network = requireNetwork(ctx, hv);
    const fields = readNetwork(ctx, false);
    if (fields.primary) for (const other of hv.networks) other.primary = false;
    if (fields.isDefault) for (const other of hv.networks) other.isDefault = false;
    Object.assign(network, fields, { updated: ctx.now });
    return ok({ data: presentNetwork(network) });
  },

  'DELETE /compute/hypervisors/{hypervisorId}/networks/{networkId}': (ctx) => {
    const hv = requireHypervisor(ctx);
    const network = requireNetwork(ctx, hv);
    hv.networks = hv.networks.filter((n) => n !== network);
    return noContent();
  },

  'POST /compute/hypervisors/{hypervisorId}/networkFilters/regenerate': (ctx) => {
    const hv = requireHypervisor(ctx);
    const item = queueTask(ctx.store, { action: 'regenerate_network_filters', job: 'App\\Jobs\\Hypervisor\\NetworkFilters', hypervisorId: hv.id }, ctx.now);
    return ok({ data: { queueId: item.id } });
  },

  'GET /compute/hypervisors/{hypervisorId}/storage': (ctx) => {
    const hv = requireHypervisor(ctx);
    const usage = hypervisorUsage(ctx.store).get(hv.id);
    const local = { id: 0, name: 'Local (Default mountpoint)', enabled: true, storageType: hv.localStorageType, path: `${hv.dataDir}/disk`, isDatastore: false, capacity: hv.localStorageGb, allocated: usage?.storage ?? 0 };
    const others = hv.storage.map((s) => ({ id: s.id, name: s.name, enabled: s.enabled, storageType: s.storageType, path: s.path, isDatastore: s.isDatastore, capacity: s.capacityGb, allocated: 0 }));
    return ok({ data: [local, ...others].map((s) => ({ ...s, free: s.capacity - s.allocated, units: 'GB' })) });
  },
} satisfies Partial<Record<Route, Handler>>;
