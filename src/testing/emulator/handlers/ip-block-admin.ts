import type { Route } from '../../../generated/operations';
import { created, invalid, noContent, notFound, ok } from '../answers';
import { paginate } from '../paginate';
import { presentFirewallRuleset, presentIpBlock } from '../present/catalog';
import { intToIpv4, ipv4ToInt } from '../state/ip-pool';
import type { IpBlockRecord } from '../state/records';
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

/** Reads the fields the emulator keeps for a block (the reference does not list them). */
function readBlockFields(ctx: HandlerContext, creating: boolean) {
  const reader = new BodyReader(ctx.body);
  const name = reader.string('name', { required: creating, max: 150 });
  const type = reader.integer('type', { min: 4, max: 6 }) ?? 4;
  const needsAddressing = creating && type === 4;
  const gateway = reader.string('gateway', { required: needsAddressing });
  const netmask = reader.string('netmask', { required: needsAddressing });
  const enabled = reader.boolean('enabled');
  if (type !== 4 && type !== 6) reader.reject('The type field must be 4 or 6.');
  if (gateway !== undefined && type === 4 && ipv4ToInt(gateway) === undefined) reader.reject('The gateway field must be a valid IPv4 address.');
  const prefix = netmask === undefined ? undefined : prefixOf(netmask);
  if (netmask !== undefined && prefix === undefined) reader.reject('The netmask field must be a valid IPv4 netmask.');
  reader.finish();
  return { name, type: type as 4 | 6, gateway, netmask, prefix, enabled };
}

export const ipBlockAdminHandlers = {
  'POST /connectivity/ipblocks': (ctx) => {
    const fields = readBlockFields(ctx, true);
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
      enabled: fields.enabled ?? true,
      created: ctx.now,
      updated: ctx.now,
    };
    ctx.store.ipBlocks.set(id, block);
    return created({ data: presentIpBlock(block) });
  },

  'PUT /connectivity/ipblocks/{blockId}': (ctx) => {
    const block = requireBlock(ctx);
    const fields = readBlockFields(ctx, false);
    if (fields.name !== undefined) block.name = fields.name;
    if (fields.gateway !== undefined) block.gateway = fields.gateway;
    if (fields.netmask !== undefined) block.netmask = fields.netmask;
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
    const addresses = block.type === 4 ? block.ranges.flatMap((range) => Array.from({ length: range.end - range.start + 1 }, (_, i) => range.start + i)) : [];
    return ok(
      paginate(addresses, ctx.query, ctx.pageUrl, (address) => ({
        address: intToIpv4(address),
        serverId: block.assigned.get(address) ?? null,
        rdns: block.rdns.get(address) ?? null,
      })),
    );
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
