import type { Route } from '../../../generated/operations';
import { created, invalid, noContent, notFound, ok } from '../answers';
import { presentHypervisor } from '../present/hypervisors';
import { createRandom } from '../random';
import { hypervisorUsage } from '../state/placement';
import type { HypervisorRecord } from '../state/records';
import { queryInteger } from '../query';
import { MINUTE } from '../time';
import { BodyReader } from './body';
import { idParam, type Handler, type HandlerContext } from './context';
import { requireHypervisor } from './hypervisors';

/**
 * The emulator's stand-in list of native network filter (v2) component keys. The reference page
 * describes the answer only in words; these keys are the emulator's own, not the panel's.
 */
const NETWORK_FILTER_COMPONENTS = ['arp', 'ipv4', 'ipv6', 'dhcp', 'ra', 'mac'] as const;

const DAY_MINUTES = 24 * 60;
const BUCKETS_OVER_A_DAY = 288;

/** The network a block should use on a node: one of its networks, or null for the primary one. */
function readNetworkId(reader: BodyReader, hv: HypervisorRecord, required: boolean): number | null | undefined {
  if (reader.isNull('networkId')) return null;
  const networkId = reader.integer('networkId', { required, min: 1 });
  if (networkId !== undefined && !hv.networks.some((n) => n.id === networkId)) reader.reject('The selected network id is not a network of this hypervisor.');
  return networkId;
}

function requireBinding(ctx: HandlerContext, hv: HypervisorRecord) {
  const binding = hv.ipBlocks.find((b) => b.blockId === idParam(ctx, 'blockId'));
  if (binding === undefined) throw notFound('ip block is not bound to this hypervisor');
  return binding;
}

function presentBinding(ctx: HandlerContext, hv: HypervisorRecord) {
  return hv.ipBlocks.map((b, index) => ({ blockId: b.blockId, name: ctx.store.ipBlocks.get(b.blockId)?.name ?? '', networkId: b.networkId, order: index + 1 }));
}

export const hypervisorSettingsHandlers = {
  'PUT /compute/hypervisors/{hypervisorId}': (ctx) => {
    const hv = requireHypervisor(ctx);
    const reader = new BodyReader(ctx.body);
    const name = reader.string('name', { max: 150 });
    const maintenance = reader.boolean('maintenance');
    const enabled = reader.boolean('enabled');
    const groupId = reader.integer('groupId', { min: 1 });
    const maxServers = reader.integer('maxServers', { min: 0, max: 9999 });
    const maxCpu = reader.integer('maxCpu', { min: 0, max: 9999 });
    const maxMemory = reader.integer('maxMemory', { min: 0, max: 99_999_999 });
    const nfType = reader.integer('nfType', { min: 0, max: 5 });
    const extra = {
      prohibit: reader.boolean('prohibit'),
      licenseType: reader.integer('licenseType', { min: 1, max: 7 }),
      diskType: reader.string('diskType', { oneOf: ['inherit', 'qcow2', 'raw'] }),
      diskCacheType: reader.string('diskCacheType', { oneOf: ['inherit', 'none', 'writethrough', 'writeback', 'directsync', 'unsafe'] }),
      backupStorageType: reader.integer('backupStorageType', { min: 0 }),
    };
    if (name !== undefined && name.length < 3) reader.reject('The name field must be at least 3 characters.');
    if (groupId !== undefined && !ctx.store.groups.has(groupId)) reader.reject('The selected group id is invalid.');
    reader.rejectUnknown();
    reader.finish();
    Object.assign(
      hv,
      Object.fromEntries(Object.entries({ name, maintenance, enabled, groupId, maxServers, maxCpu, maxMemory, nfType }).filter(([, v]) => v !== undefined)),
    );
    for (const [key, value] of Object.entries(extra)) if (value !== undefined) hv.settings[key] = value;
    hv.updated = ctx.now;
    return ok({ data: presentHypervisor(ctx.store, hv) });
  },

  'GET /compute/hypervisors/{hypervisorId}/metrics': (ctx) => {
    const hv = requireHypervisor(ctx);
    const minutes = queryInteger(ctx.query, 'minutes', 1, 40_320) ?? 30;
    const usage = hypervisorUsage(ctx.store).get(hv.id);
    const memoryShare = hv.maxMemory > 0 ? Math.min(100, ((usage?.memory ?? 0) / hv.maxMemory) * 100) : 0;
    const buckets = minutes > DAY_MINUTES ? BUCKETS_OVER_A_DAY : minutes;
    const step = (minutes * MINUTE) / buckets;
    const series = Array.from({ length: buckets }, (_, i) => {
      const at = ctx.now - (buckets - 1 - i) * step;
      const random = createRandom(`${hv.id}/${Math.floor(at / MINUTE)}`);
      return {
        time: new Date(at).toISOString(),
        cpu: random.int(5, 60),
        memory: Math.round(memoryShare),
        load: [random.int(0, 400) / 100, random.int(0, 300) / 100, random.int(0, 200) / 100],
        filesystem: Math.min(100, Math.round(((usage?.storage ?? 0) / Math.max(1, hv.localStorageGb)) * 100)),
      };
    });
    return ok({ data: { hypervisorId: hv.id, minutes, averaged: minutes > DAY_MINUTES, series } });
  },

  'GET /compute/networkFilters/components': () => ok({ data: [...NETWORK_FILTER_COMPONENTS] }),

  'GET /compute/hypervisors/{hypervisorId}/ipblocks': (ctx) => ok({ data: presentBinding(ctx, requireHypervisor(ctx)) }),

  'POST /compute/hypervisors/{hypervisorId}/ipblocks': (ctx) => {
    const hv = requireHypervisor(ctx);
    const reader = new BodyReader(ctx.body);
    const blockId = reader.integer('blockId', { required: true, min: 1 });
    const networkId = readNetworkId(reader, hv, false);
    if (blockId !== undefined && !ctx.store.ipBlocks.has(blockId)) reader.reject('The selected block id is invalid.');
    if (blockId !== undefined && hv.ipBlocks.some((b) => b.blockId === blockId)) reader.reject('The IP block is already bound to this hypervisor.');
    reader.finish();
    hv.ipBlocks.push({ blockId: blockId!, networkId: networkId ?? null });
    hv.updated = ctx.now;
    return created({ data: presentBinding(ctx, hv) });
  },

  'PUT /compute/hypervisors/{hypervisorId}/ipblocks/order': (ctx) => {
    const hv = requireHypervisor(ctx);
    const reader = new BodyReader(ctx.body);
    const order = reader.integerList('order', { required: true, min: 1, minItems: 1 });
    reader.finish();
    const bound = hv.ipBlocks.map((b) => b.blockId);
    if (order!.length !== bound.length || new Set(order).size !== order!.length || order!.some((id) => !bound.includes(id))) {
      throw invalid('The order must list every IP block bound to this hypervisor exactly once.');
    }
    hv.ipBlocks = order!.map((id) => hv.ipBlocks.find((b) => b.blockId === id)!);
    hv.updated = ctx.now;
    return ok({ data: presentBinding(ctx, hv) });
  },

  'PUT /compute/hypervisors/{hypervisorId}/ipblocks/{blockId}': (ctx) => {
    const hv = requireHypervisor(ctx);
    const binding = requireBinding(ctx, hv);
    const reader = new BodyReader(ctx.body);
    // The rebind page requires a network id; null (the primary network) is only for binding.
    const refusedNull = reader.isNull('networkId') && reader.raw('networkId') === null;
    if (refusedNull) reader.reject('The network id field is required.');
    const networkId = readNetworkId(reader, hv, !refusedNull);
    reader.rejectUnknown();
    reader.finish();
    binding.networkId = networkId ?? null;
    hv.updated = ctx.now;
    return ok({ data: presentBinding(ctx, hv) });
  },

  'DELETE /compute/hypervisors/{hypervisorId}/ipblocks/{blockId}': (ctx) => {
    const hv = requireHypervisor(ctx);
    const binding = requireBinding(ctx, hv);
    hv.ipBlocks = hv.ipBlocks.filter((b) => b !== binding);
    hv.updated = ctx.now;
    return noContent();
  },
} satisfies Partial<Record<Route, Handler>>;
