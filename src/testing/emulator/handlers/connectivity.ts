import type { Route } from '../../../generated/operations';
import { invalid, noContent, notFound, ok } from '../answers';
import { paginate } from '../paginate';
import { presentFirewallRuleset, presentIpBlock } from '../present/catalog';
import { inRanges, ipv4ToInt } from '../state/ip-pool';
import type { IpBlockRecord } from '../state/records';
import { BodyReader } from './body';
import { idParam, type Handler, type HandlerContext } from './context';

function requireBlock(ctx: HandlerContext): IpBlockRecord {
  const block = ctx.store.ipBlocks.get(idParam(ctx, 'blockId'));
  if (block === undefined) throw notFound('ip block not found');
  return block;
}

/**
 * The addresses of an addIPv4Range body: `{type: 'range', start, end}`, or `{type: 'cidr',
 * address, prefix (16 to 30), hostsOnly}` for the network holding `address`, whose network and
 * broadcast addresses are left out only with `hostsOnly: true`.
 */
function readIpv4Addition(ctx: HandlerContext): { start: number; end: number } {
  const reader = new BodyReader(ctx.body);
  const type = reader.string('type', { required: true, oneOf: ['range', 'cidr'] });
  if (type === 'cidr') {
    const addressText = reader.string('address', { required: true });
    const prefix = reader.integer('prefix', { required: true, min: 16, max: 30 });
    const hostsOnly = reader.boolean('hostsOnly') ?? false;
    reader.rejectUnknown();
    reader.finish();
    const address = ipv4ToInt(addressText!);
    if (address === undefined) throw invalid('The address field must be a valid IPv4 address.');
    const size = 2 ** (32 - prefix!);
    const network = address - (address % size);
    return hostsOnly ? { start: network + 1, end: network + size - 2 } : { start: network, end: network + size - 1 };
  }
  const startText = reader.string('start', { required: type === 'range' });
  const endText = reader.string('end', { required: type === 'range' });
  reader.rejectUnknown();
  reader.finish();
  const start = ipv4ToInt(startText!);
  const end = ipv4ToInt(endText!);
  if (start === undefined || end === undefined) throw invalid('The start and end fields must be IPv4 addresses.');
  if (end < start) throw invalid('The end address must not be lower than the start address.');
  return { start, end };
}

const HOSTNAME = /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\.?$/;

export const connectivityHandlers = {
  'GET /connectivity/ipblocks': (ctx) => ok(paginate([...ctx.store.ipBlocks.values()], ctx.query, ctx.pageUrl, presentIpBlock)),

  'GET /connectivity/ipblocks/{blockId}': (ctx) => ok({ data: presentIpBlock(requireBlock(ctx)) }),

  'POST /connectivity/ipblocks/{blockId}/ipv4': (ctx) => {
    const block = requireBlock(ctx);
    const { start, end } = readIpv4Addition(ctx);
    if (block.type !== 4) throw invalid('IPv4 ranges can only be added to an IPv4 block.');
    const size = 2 ** (32 - block.prefix);
    if (start < block.network || end >= block.network + size) throw invalid(`The range must lie inside ${block.name}.`);
    if (block.ranges.some((range) => start <= range.end && end >= range.start)) throw invalid('The range overlaps addresses already in the block.');
    block.ranges.push({ start, end });
    block.ranges.sort((a, b) => a.start - b.start);
    block.updated = ctx.now;
    return noContent();
  },

  'PUT /connectivity/ipv4/rdns': (ctx) => {
    const reader = new BodyReader(ctx.body);
    const addressText = reader.string('address', { required: true });
    const clear = reader.isNull('ptr');
    const ptr = reader.string('ptr', { required: !clear, max: 253, pattern: HOSTNAME, message: 'The ptr field must be a host name.' });
    reader.finish();
    const address = ipv4ToInt(addressText!);
    if (address === undefined) throw invalid('The address field must be a valid IPv4 address.');
    const block = [...ctx.store.ipBlocks.values()].find((b) => b.type === 4 && inRanges(b, address));
    if (block === undefined) throw notFound('ip address not found');
    if (clear) block.rdns.delete(address);
    else block.rdns.set(address, ptr!.replace(/\.$/, ''));
    return noContent();
  },

  'GET /firewall/rulesets': (ctx) => ok(paginate([...ctx.store.firewallRulesets.values()], ctx.query, ctx.pageUrl, presentFirewallRuleset)),
} satisfies Partial<Record<Route, Handler>>;
