import type { Server, ServerListItem } from '../../resources/models';
import type { Column } from '../table';

/** The addresses of a server, IPv4 then IPv6, from every interface. */
export function addressesOf(server: Server): string[] {
  const interfaces = [...(server.network?.interfaces ?? []), ...(server.network?.secondaryInterfaces ?? [])];
  return interfaces.flatMap((nic) => [
    ...(nic.ipv4 ?? []).map((ip) => ip.address),
    ...(nic.ipv6 ?? []).map((subnet) => (subnet.subnet ? `${subnet.subnet}/${subnet.cidr}` : undefined)),
  ]).filter((address): address is string => typeof address === 'string' && address !== '');
}

export const SERVER_LIST_COLUMNS: readonly Column<ServerListItem>[] = [
  { header: 'ID', cell: (s) => s.id },
  { header: 'NAME', cell: (s) => s.name },
  { header: 'OWNER', cell: (s) => s.owner },
  { header: 'HYPERVISOR', cell: (s) => s.hypervisorId },
  { header: 'SUSPENDED', cell: (s) => (s.suspended ? 'yes' : 'no') },
  { header: 'CREATED', cell: (s) => s.created },
];

export function serverFields(server: Server): [string, unknown][] {
  const owner = server.owner as { id?: number; name?: string; extRelationId?: number } | number | undefined;
  return [
    ['id', server.id],
    ['name', server.name],
    ['hostname', server.hostname],
    ['state', server.state],
    ['owner', typeof owner === 'object' && owner !== null ? `${owner.name ?? '?'} (user ${owner.id}, ext ${owner.extRelationId ?? '-'})` : owner],
    ['hypervisor', server.hypervisorId],
    ['cpu cores', server.cpu?.cores],
    ['addresses', addressesOf(server)],
    ['suspended', server.suspended ? 'yes' : 'no'],
    ['created', server.created],
  ];
}
