import type { Route } from '../../../generated/operations';
import { created, invalid, noContent, notFound, ok } from '../answers';
import type { InterfaceRecord, InterfaceSettings, ServerRecord } from '../state/records';
import { BodyReader } from './body';
import { idParam, requireIdleServer, requireInterface, requireServer, type Handler, type HandlerContext } from './context';

/** The hypervisor network kinds on which VLAN tags take effect. */
const VLAN_NETWORKS = ['simpleBridge', 'lvBridgeOVS'];

/** A VLAN entry of the interface, by its entry id (not the VLAN number). */
function requireVlan(ctx: HandlerContext, nic: InterfaceRecord): InterfaceRecord['vlans'][number] {
  const vlan = nic.vlans.find((entry) => entry.id === idParam(ctx, 'vlanId'));
  if (vlan === undefined) throw notFound('vlan not found');
  return vlan;
}

function readSettings(ctx: HandlerContext, server: ServerRecord): { name?: string; hypervisorNetworkId?: number; settings: InterfaceSettings } {
  const reader = new BodyReader(ctx.body);
  const name = reader.string('name', { max: 20, pattern: /^[A-Za-z0-9_-]{2,}$/, message: 'The name field must be 2 to 20 letters, digits, - or _.' });
  const hypervisorNetworkId = reader.integer('hypervisorNetworkId', { min: 1 });
  const settings: InterfaceSettings = {};
  if (reader.isNull('driver')) settings.driver = null;
  const driver = reader.integer('driver', { min: 1, max: 3 });
  if (driver !== undefined) settings.driver = driver;
  if (reader.isNull('processQueues')) settings.processQueues = null;
  const queues = reader.integer('processQueues', { min: 1, max: 1000 });
  if (queues !== undefined && queues > 40 && queues !== 1000) reader.reject('The process queues field must be 1 to 40, or 1000 for automatic.');
  else if (queues !== undefined) settings.processQueues = queues;
  for (const flag of ['ipFilter', 'portIsolated', 'dhcpV4', 'dhcpV6'] as const) {
    const value = reader.boolean(flag);
    if (value !== undefined) settings[flag] = value;
  }
  for (const limit of ['inAverage', 'outAverage'] as const) {
    const value = reader.integer(limit, { min: 0 });
    if (value !== undefined) settings[limit] = value;
  }
  reader.boolean('apply');
  const hv = ctx.store.hypervisors.get(server.hypervisorId);
  if (hypervisorNetworkId !== undefined && !hv?.networks.some((n) => n.id === hypervisorNetworkId)) reader.reject('The selected hypervisor network id is not a network of the server\'s hypervisor.');
  reader.finish();
  return { ...(name === undefined ? {} : { name }), ...(hypervisorNetworkId === undefined ? {} : { hypervisorNetworkId }), settings };
}

/** An interface as panel 7.1 lists it: the tag (a ten-digit string) is how it is addressed. */
function presentServerInterface(server: ServerRecord, nic: InterfaceRecord) {
  return {
    id: nic.id,
    tag: String(nic.tag),
    name: nic.name,
    primary: nic === server.primary,
    mac: nic.mac,
    hypervisorNetworkId: nic.hypervisorNetworkId,
    networkProfile: nic.networkProfile,
    driver: nic.settings.driver ?? null,
    processQueues: nic.settings.processQueues ?? null,
    ipFilter: nic.settings.ipFilter ?? false,
    portIsolated: nic.settings.portIsolated ?? false,
    dhcpV4: nic.settings.dhcpV4 ?? false,
    dhcpV6: nic.settings.dhcpV6 ?? false,
    inAverage: nic.settings.inAverage ?? server.networkSpeedIn,
    outAverage: nic.settings.outAverage ?? server.networkSpeedOut,
    firewallEnabled: nic.firewallEnabled,
    vlans: nic.vlans.length,
  };
}

export const serverInterfaceHandlers = {
  'GET /servers/{serverId}/interfaces': (ctx) => {
    const server = requireServer(ctx);
    const nics = [server.primary, ...(server.secondary === null ? [] : [server.secondary])];
    return ok({ data: nics.map((nic) => presentServerInterface(server, nic)) });
  },

  'GET /servers/{serverId}/interfaces/{interface}': (ctx) => {
    const server = requireServer(ctx);
    return ok({ data: presentServerInterface(server, requireInterface(ctx, server)) });
  },

  'PUT /servers/{serverId}/interfaces/{interface}': (ctx) => {
    const server = requireIdleServer(ctx);
    const nic = requireInterface(ctx, server);
    const change = readSettings(ctx, server);
    if (change.name !== undefined) nic.name = change.name;
    if (change.hypervisorNetworkId !== undefined) nic.hypervisorNetworkId = change.hypervisorNetworkId;
    nic.settings = { ...nic.settings, ...change.settings };
    server.updated = ctx.now;
    return ok({ data: presentServerInterface(server, nic) });
  },

  'GET /servers/{serverId}/interfaces/{interface}/vlans': (ctx) => {
    const server = requireServer(ctx);
    return ok({ data: requireInterface(ctx, server).vlans.map((vlan) => ({ ...vlan })) });
  },

  'POST /servers/{serverId}/interfaces/{interface}/vlans': (ctx) => {
    const server = requireServer(ctx);
    const nic = requireInterface(ctx, server);
    const reader = new BodyReader(ctx.body);
    const vlanId = reader.integer('vlanId', { required: true, min: 1, max: 4094 });
    const nativeMode = reader.integer('nativeMode', { min: 0, max: 2 }) ?? 0;
    reader.rejectUnknown();
    reader.finish();
    const network = ctx.store.hypervisors.get(server.hypervisorId)?.networks.find((n) => n.id === nic.hypervisorNetworkId);
    if (network !== undefined && !VLAN_NETWORKS.includes(network.type)) throw invalid('VLANs apply on simpleBridge and lvBridgeOVS networks only.');
    if (nic.vlans.some((vlan) => vlan.vlanId === vlanId)) throw invalid(`VLAN ${vlanId} is already tagged on this interface.`);
    const vlan = { id: ctx.store.nextId('vlan'), vlanId: vlanId!, nativeMode };
    nic.vlans.push(vlan);
    server.updated = ctx.now;
    return created({ data: { ...vlan } });
  },

  'PUT /servers/{serverId}/interfaces/{interface}/vlans/{vlanId}': (ctx) => {
    const server = requireServer(ctx);
    const nic = requireInterface(ctx, server);
    const vlan = requireVlan(ctx, nic);
    const reader = new BodyReader(ctx.body);
    const nativeMode = reader.integer('nativeMode', { min: 0, max: 2 });
    const trunk = reader.integer('trunk', { min: 0, max: 2 });
    reader.rejectUnknown();
    if (nativeMode === undefined && trunk === undefined) reader.reject('Send nativeMode, trunk or both.');
    reader.finish();
    if (nativeMode !== undefined) vlan.nativeMode = nativeMode;
    // trunk belongs to the interface: it applies to every VLAN on it.
    if (trunk !== undefined) nic.settings.trunk = trunk;
    server.updated = ctx.now;
    return ok({ data: { ...vlan, trunk: nic.settings.trunk ?? 0 } });
  },

  'DELETE /servers/{serverId}/interfaces/{interface}/vlans/{vlanId}': (ctx) => {
    const server = requireServer(ctx);
    const nic = requireInterface(ctx, server);
    const vlan = requireVlan(ctx, nic);
    nic.vlans = nic.vlans.filter((entry) => entry !== vlan);
    server.updated = ctx.now;
    return noContent();
  },
} satisfies Partial<Record<Route, Handler>>;
