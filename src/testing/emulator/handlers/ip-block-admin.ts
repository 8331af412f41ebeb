import type { Route } from '../../../generated/operations';
import { created, invalid, noContent, notFound, ok } from '../answers';
import { paginate } from '../paginate';
import { presentFirewallRuleset, presentIpBlock } from '../present/catalog';
import { intToIpv4, ipv4ToInt } from '../state/ip-pool';
import type { IpBlockRecord } from '../state/records';
import { queryBoolean, queryInteger, queryString } from '../query';
import { BodyReader } from './body';
import { idParam, type Handler, type HandlerContext } from './context';

function requireBlock(ctx: HandlerContext): IpBlockRecord {
  const block = ctx.store.ipBlocks.get(idParam(ctx, 'blockId'));
  if (block === undefined) throw notFound('ip block not found');
  return block;
}

/** Prefix length of a dotted netmask, or undefined when the mask is not contiguous. */
function prefixOf(netmask: string): number | undefined {
  const value = ipv4ToInt(netmask);
  if (value === undefined) return undefined;
  const bits = value.toString(2).padStart(32, '0');
  return /^1*0*$/.test(bits) ? bits.indexOf('0') === -1 ? 32 : bits.indexOf('0') : undefined;
}

const TYPES: Record<string, 4 | 6> = { '4': 4, '6': 6, ipv4: 4, ipv6: 6 };

/** The block's `type`: 4 or 6, or the words `ipv4` and `ipv6`. */
function readType(reader: BodyReader, required: boolean): 4 | 6 | undefined {
  const given = reader.raw('type');
  if (given === undefined || given === null) {
    if (required) reader.reject('The type field is required.');
    return undefined;
  }
  const type = typeof given === 'number' || typeof given === 'string' ? TYPES[String(given)] : undefined;
  if (type === undefined) reader.reject('The type field must be 4 or 6 (or ipv4, ipv6).');
  return type;
}

/**
 * Reads a block's settings as the createIPBlock page gives them: the names and nesting of the
 * block's GET answer (`ipv4.gateway`, `ipv4.netmask`). The flat `gateway` and `netmask` of earlier
 * emulator versions are still read.
 */
function readBlockFields(ctx: HandlerContext, block: IpBlockRecord | undefined) {
  const reader = new BodyReader(ctx.body);
  const name = reader.string('name', { required: block === undefined, max: 100 });
  if (name !== undefined && name.length < 3) reader.reject('The name field must be at least 3 characters.');
  const type = readType(reader, block === undefined) ?? block?.type ?? 4;
  const nested = reader.raw('ipv4');
  const v4 = new BodyReader(nested ?? {});
  const gateway = v4.string('gateway') ?? reader.string('gateway');
  const netmask = v4.string('netmask') ?? reader.string('netmask');
  for (const error of v4.errors) reader.reject(error.replace(/^The /, 'The ipv4.'));
  const enabled = reader.boolean('enabled');
  if (gateway !== undefined && type === 4 && ipv4ToInt(gateway) === undefined) reader.reject('The ipv4.gateway field must be a valid IPv4 address.');
  const prefix = netmask === undefined ? undefined : prefixOf(netmask);
  if (netmask !== undefined && prefix === undefined) reader.reject('The ipv4.netmask field must be a valid IPv4 netmask.');
  // Only an enabled IPv4 block hands out addresses, so only it needs its netmask.
  const willBeEnabled = enabled ?? block?.enabled ?? false;
  if (type === 4 && willBeEnabled && (netmask ?? block?.netmask ?? undefined) === undefined) reader.reject('An enabled IPv4 block needs ipv4.netmask.');
  reader.finish();
  return { name, type, gateway, netmask, prefix, enabled };
}

/** The `reserved`, `assigned` and `serverId` filters of a block's address lists. */
function readAddressFilters(ctx: HandlerContext): { reserved?: boolean; assigned?: boolean; serverId?: number } {
  return {
    reserved: queryBoolean(ctx.query, 'reserved'),
    assigned: queryBoolean(ctx.query, 'assigned'),
    serverId: queryInteger(ctx.query, 'serverId', 1, Number.MAX_SAFE_INTEGER),
  };
}

/** Which server holds each subnet carved from the block (the emulator keeps no reservations). */
function ipv6Holders(ctx: HandlerContext, block: IpBlockRecord): Map<string, number> {
  const holders = new Map<string, number>();
  for (const server of ctx.store.servers.values()) {
    for (const nic of [server.primary, server.secondary]) {
      for (const record of nic?.ipv6 ?? []) if (record.blockId === block.id) holders.set(record.subnet, server.id);
    }
  }
  return holders;
}

export const ipBlockAdminHandlers = {
  'POST /connectivity/ipblocks': (ctx) => {
    const fields = readBlockFields(ctx, undefined);
    const id = ctx.store.nextId('ipBlock');
    const prefix = fields.prefix ?? (fields.type === 4 ? 32 : 48);
    const gateway = fields.gateway === undefined ? undefined : ipv4ToInt(fields.gateway);
    const block: IpBlockRecord = {
      id,
      type: fields.type,
      name: fields.name!,
      gateway: fields.gateway ?? null,
      netmask: fields.netmask ?? null,
      network: gateway === undefined ? 0 : Number((BigInt(gateway) >> BigInt(32 - prefix)) << BigInt(32 - prefix)),
      prefix,
      resolvers: [null, null],
      ranges: [],
      assigned: new Map(),
      rdns: new Map(),
      networkProfile: 0,
      rdnsType: 0,
      dhcp: 1,
      enabled: fields.enabled ?? false,
      created: ctx.now,
      updated: ctx.now,
    };
    ctx.store.ipBlocks.set(id, block);
    return created({ data: presentIpBlock(block) });
  },

  'PUT /connectivity/ipblocks/{blockId}': (ctx) => {
    const block = requireBlock(ctx);
    const fields = readBlockFields(ctx, block);
    if (fields.name !== undefined) block.name = fields.name;
    if (fields.gateway !== undefined) block.gateway = fields.gateway;
    if (fields.netmask !== undefined && fields.prefix !== undefined) {
      block.netmask = fields.netmask;
      block.prefix = fields.prefix;
    }
    if (fields.enabled !== undefined) block.enabled = fields.enabled;
    block.updated = ctx.now;
    return ok({ data: presentIpBlock(block) });
  },

  'DELETE /connectivity/ipblocks/{blockId}': (ctx) => {
    const block = requireBlock(ctx);
    const reader = new BodyReader(ctx.body);
    const confirm = reader.boolean('confirm', { required: true });
    reader.finish();
    if (confirm !== true) throw invalid('The confirm field must be true.');
    if (block.assigned.size > 0 || (block.ipv6?.assigned ?? 0) > 0) throw invalid('The IP block still has assigned addresses.');
    ctx.store.ipBlocks.delete(block.id);
    for (const group of ctx.store.groups.values()) group.ipBlockIds = group.ipBlockIds.filter((id) => id !== block.id);
    for (const hv of ctx.store.hypervisors.values()) hv.ipBlocks = hv.ipBlocks.filter((b) => b.blockId !== block.id);
    return noContent();
  },

  'GET /connectivity/ipblocks/{blockId}/ipv4': (ctx) => {
    const block = requireBlock(ctx);
    const filters = readAddressFilters(ctx);
    const exact = queryString(ctx.query, 'address');
    const wanted = exact === undefined ? undefined : ipv4ToInt(exact);
    if (exact !== undefined && wanted === undefined) throw invalid('The address field must be a valid IPv4 address.');
    const all = block.type === 4 ? block.ranges.flatMap((range) => Array.from({ length: range.end - range.start + 1 }, (_, i) => range.start + i)) : [];
    const addresses = all.filter((address) => {
      const holder = block.assigned.get(address);
      if (wanted !== undefined && address !== wanted) return false;
      if (filters.assigned !== undefined && filters.assigned !== (holder !== undefined)) return false;
      if (filters.serverId !== undefined && holder !== filters.serverId) return false;
      // The emulator keeps no reservations: every address is unreserved.
      return filters.reserved !== true;
    });
    return ok(
      paginate(addresses, ctx.query, ctx.pageUrl, (address) => ({
        address: intToIpv4(address),
        serverId: block.assigned.get(address) ?? null,
        rdns: block.rdns.get(address) ?? null,
      })),
    );
  },

  'GET /connectivity/ipblocks/{blockId}/ipv6': (ctx) => {
    const block = requireBlock(ctx);
    const filters = readAddressFilters(ctx);
    const wanted = queryString(ctx.query, 'subnet');
    const v6 = block.type === 6 ? block.ipv6 : undefined;
    const holders = ipv6Holders(ctx, block);
    // The subnets generated so far, as allocateIpv6 carves them.
    const generated = v6 === undefined ? [] : Array.from({ length: v6.nextSubnet }, (_, index) => `${v6.prefix}${index.toString(16)}::`);
    const listed = generated.filter((subnet) => {
      const holder = holders.get(subnet);
      if (wanted !== undefined && subnet !== wanted) return false;
      if (filters.assigned !== undefined && filters.assigned !== (holder !== undefined)) return false;
      if (filters.serverId !== undefined && holder !== filters.serverId) return false;
      return filters.reserved !== true;
    });
    return ok(paginate(listed, ctx.query, ctx.pageUrl, (subnet) => ({ subnet, cidr: v6!.to, serverId: holders.get(subnet) ?? null, reserved: false })));
  },

  'GET /connectivity/ipblocks/{blockId}/hypervisors': (ctx) => {
    const block = requireBlock(ctx);
    const bindings = [...ctx.store.hypervisors.values()].flatMap((hv) => {
      const index = hv.ipBlocks.findIndex((b) => b.blockId === block.id);
      return index === -1 ? [] : [{ hypervisorId: hv.id, name: hv.name, networkId: hv.ipBlocks[index]!.networkId, order: index + 1 }];
    });
    return ok({ data: bindings });
  },

  'GET /firewall/rulesets/{rulesetId}': (ctx) => {
    const ruleset = ctx.store.firewallRulesets.get(idParam(ctx, 'rulesetId'));
    if (ruleset === undefined) throw notFound('firewall ruleset not found');
    return ok({ data: presentFirewallRuleset(ruleset) });
  },
} satisfies Partial<Record<Route, Handler>>;
