import type { Route } from '../../../generated/operations';
import { ok } from '../answers';
import type { InterfaceRecord, ServerRecord } from '../state/records';
import { requireInterface, requireServer, type Handler } from './context';

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
    ipFilter: false,
    portIsolated: false,
    dhcpV4: false,
    dhcpV6: false,
    inAverage: server.networkSpeedIn,
    outAverage: server.networkSpeedOut,
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

  'GET /servers/{serverId}/interfaces/{interface}/vlans': (ctx) => {
    const server = requireServer(ctx);
    return ok({ data: requireInterface(ctx, server).vlans.map((vlan) => ({ ...vlan })) });
  },
} satisfies Partial<Record<Route, Handler>>;
