import type { Route } from '../../../generated/operations';
import { created, invalid, noContent, notFound, ok, type Problem } from '../answers';
import { presentServer } from '../present/servers';
import { createRandom } from '../random';
import { allocateIpv4, claimIpv4, intToIpv4, ipv4ToInt, releaseIpv4 } from '../state/ip-pool';
import type { EmulatorStore } from '../state/store';
import type { InterfaceRecord, ServerIpv4Record, ServerRecord } from '../state/records';
import { billingPeriod, isoMicros, sqlTime } from '../time';
import { BodyReader } from './body';
import { idParam, requireIdleServer, requireServer, type Handler, type HandlerContext } from './context';

const INTERFACES = ['primary', 'secondary'];
const BLOCK_MONTHS = 12;
const IPV6 = /^[0-9a-f:]+$/i;

function nicOf(server: ServerRecord, name: string | undefined, missing: (message: string) => Problem): InterfaceRecord {
  if (name === 'secondary') {
    if (server.secondary === null) throw missing('The server has no secondary interface.');
    return server.secondary;
  }
  return server.primary;
}

function groupOf(store: EmulatorStore, server: ServerRecord) {
  const group = store.groups.get(store.hypervisors.get(server.hypervisorId)?.groupId ?? 0);
  if (group === undefined) throw invalid('The server is not in a hypervisor group.');
  return group;
}

function announce(ctx: HandlerContext, server: ServerRecord, event: string, records: readonly ServerIpv4Record[]): void {
  const snapshot = presentServer(ctx.store, server, ctx.now);
  for (const record of records) {
    const block = ctx.store.ipBlocks.get(record.blockId);
    ctx.store.emit(event, { server: snapshot, ipv4: { block: { id: record.blockId, name: block?.name ?? '' }, ip: intToIpv4(record.address) } });
  }
}

function readAddresses(ctx: HandlerContext): { server: ServerRecord; nic: InterfaceRecord; addresses: number[] } {
  const server = requireIdleServer(ctx);
  const reader = new BodyReader(ctx.body);
  // Optional (production integrations remove by `ip` alone): adding goes to the primary interface,
  // removing to the interface that holds the first address.
  const given = reader.string('interface', { oneOf: INTERFACES });
  const ips = reader.stringList('ip', { required: true, minItems: 1 });
  const addresses = (ips ?? []).map((ip, index) => {
    const value = ipv4ToInt(ip);
    if (value === undefined) reader.reject(`The ip.${index} field must be a valid IPv4 address.`);
    return value ?? 0;
  });
  reader.finish();
  const holder = server.secondary?.ipv4.some((r) => r.address === addresses[0]) === true ? 'secondary' : 'primary';
  const name = given ?? (ctx.route === 'DELETE /servers/{serverId}/ipv4' ? holder : 'primary');
  return { server, nic: nicOf(server, name, (m) => invalid(m)), addresses };
}

/** Traffic of one accounting month, made up but stable for a server and a month. */
function monthTraffic(server: ServerRecord, start: number, end: number, now: number): { rx: number; tx: number } {
  if (server.built === null) return { rx: 0, tx: 0 };
  const random = createRandom(`${server.uuid}/${start}`);
  const elapsed = Math.min(1, Math.max(0, (Math.min(now, end) - Math.max(start, server.built)) / (end - start)));
  const rx = Math.round(random.int(200, 40_000) * 1_000_000 * elapsed);
  const tx = Math.round(rx * (random.int(5, 60) / 100));
  return { rx, tx };
}

export const serverNetworkHandlers = {
  'POST /servers/{serverId}/ipv4Qty': (ctx) => {
    const server = requireIdleServer(ctx);
    const reader = new BodyReader(ctx.body);
    const name = reader.string('interface', { required: true, oneOf: INTERFACES });
    const quantity = reader.integer('quantity', { required: true, min: 1, max: 64 });
    reader.finish();
    const nic = nicOf(server, name, (m) => invalid(m));
    const added = allocateIpv4(ctx.store, groupOf(ctx.store, server), server.id, quantity!, nic.ipv4.length + 1);
    if (added === undefined) throw invalid('Not enough free IPv4 addresses in the hypervisor group');
    nic.ipv4.push(...added);
    server.updated = ctx.now;
    announce(ctx, server, 'server.assign.ipv4', added);
    return ok({ data: added.map((record) => intToIpv4(record.address)) });
  },

  'POST /servers/{serverId}/ipv4': (ctx) => {
    const { server, nic, addresses } = readAddresses(ctx);
    const group = groupOf(ctx.store, server);
    const taken: ServerIpv4Record[] = [];
    for (const address of addresses) {
      const record = claimIpv4(ctx.store, group, server.id, address, nic.ipv4.length + taken.length + 1);
      if (record === undefined) {
        releaseIpv4(ctx.store, taken);
        throw invalid(`The address ${intToIpv4(address)} is not free in the server's IP blocks.`);
      }
      taken.push(record);
    }
    nic.ipv4.push(...taken);
    server.updated = ctx.now;
    announce(ctx, server, 'server.assign.ipv4', taken);
    return noContent();
  },

  'DELETE /servers/{serverId}/ipv4': (ctx) => {
    const { server, nic, addresses } = readAddresses(ctx);
    const missing = addresses.find((address) => !nic.ipv4.some((r) => r.address === address));
    if (missing !== undefined) throw invalid(`The address ${intToIpv4(missing)} is not assigned to this interface.`);
    const removed = nic.ipv4.filter((r) => addresses.includes(r.address));
    releaseIpv4(ctx.store, removed);
    nic.ipv4 = nic.ipv4.filter((r) => !addresses.includes(r.address)).map((r, index) => ({ ...r, order: index + 1 }));
    server.updated = ctx.now;
    announce(ctx, server, 'server.unassign.ipv4', removed);
    return noContent();
  },

  'POST /servers/{serverId}/networkWhitelist': (ctx) => {
    const server = requireServer(ctx);
    const reader = new BodyReader(ctx.body);
    const name = reader.string('interface', { required: true, oneOf: INTERFACES });
    const ip = reader.string('ip', { required: true });
    const cidr = reader.integer('cidr', { required: true, min: 0, max: 128 });
    reader.finish();
    const nic = nicOf(server, name, (m) => invalid(m));
    const type = ipv4ToInt(ip!) !== undefined ? 4 : IPV6.test(ip!) && ip!.includes(':') ? 6 : undefined;
    if (type === undefined) throw invalid('The ip field must be an IPv4 or IPv6 address.');
    if (type === 4 && cidr! > 32) throw invalid('The cidr field must not be greater than 32 for an IPv4 address.');
    if (nic.whitelist.some((entry) => entry.ip === ip && entry.mask === cidr)) throw invalid('The address is already whitelisted on this interface.');
    nic.whitelist.push({ id: ctx.store.nextId('whitelist'), type, ip: ip!, mask: cidr! });
    server.updated = ctx.now;
    return created();
  },

  'DELETE /servers/{serverId}/networkWhitelist': (ctx) => {
    const server = requireServer(ctx);
    const reader = new BodyReader(ctx.body);
    const name = reader.string('interface', { required: true, oneOf: INTERFACES });
    const ip = reader.string('ip', { required: true });
    reader.finish();
    const nic = nicOf(server, name, (m) => invalid(m));
    if (!nic.whitelist.some((entry) => entry.ip === ip)) throw notFound('whitelist entry not found');
    nic.whitelist = nic.whitelist.filter((entry) => entry.ip !== ip);
    server.updated = ctx.now;
    return noContent();
  },

  'GET /servers/{serverId}/traffic': (ctx) => {
    const server = requireServer(ctx);
    const monthly = [1, 2, 3].flatMap((month) => {
      const { start, end } = billingPeriod(server.created, ctx.now, month - 1);
      if (end < server.created) return [];
      const { rx, tx } = monthTraffic(server, start, end, ctx.now);
      const blocks = month === 1 ? server.trafficBlocks.filter((b) => b.month === 1).map((b) => ({ id: b.id, traffic: b.traffic })) : [];
      return [{ month, start: sqlTime(start), end: sqlTime(end), rx, tx, total: rx + tx, limit: server.traffic, blocks }];
    });
    return ok({ data: { monthly } });
  },

  'GET /servers/{serverId}/traffic/blocks': (ctx) => {
    const server = requireServer(ctx);
    const period = (month: number) => {
      const { start, end } = billingPeriod(server.created, ctx.now, 1 - month);
      return { month, start: sqlTime(start), end: sqlTime(end) };
    };
    const months = Object.fromEntries(Array.from({ length: BLOCK_MONTHS }, (_, i) => [String(i + 1), period(i + 1)]));
    const assigned = server.trafficBlocks.map((block) => ({ id: block.id, current: block.month === 1, traffic: block.traffic, ...period(block.month), added: isoMicros(block.added) }));
    return ok({ data: { assigned, available: { total: BLOCK_MONTHS, current: period(1), months } } });
  },

  'POST /servers/{serverId}/traffic/blocks': (ctx) => {
    const server = requireServer(ctx);
    const reader = new BodyReader(ctx.body);
    const month = reader.integer('month', { required: true, min: 1 });
    const amount = reader.integer('amount', { required: true, min: 1 });
    reader.finish();
    if (month! > BLOCK_MONTHS) throw invalid('The selected month is not available.');
    server.trafficBlocks.push({ id: ctx.store.nextId('trafficBlock'), month: month!, traffic: amount!, added: ctx.now });
    return created();
  },

  'DELETE /servers/{serverId}/traffic/blocks/{blockId}': (ctx) => {
    const server = requireServer(ctx);
    const id = idParam(ctx, 'blockId');
    if (!server.trafficBlocks.some((b) => b.id === id)) throw notFound('traffic block not found');
    server.trafficBlocks = server.trafficBlocks.filter((b) => b.id !== id);
    return noContent();
  },
} satisfies Partial<Record<Route, Handler>>;
