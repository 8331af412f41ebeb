import type { Server } from '../resources/models';

/** The resources a server has, which its package set (the panel's record does not name the package). */
export interface ServerResources {
  memory: number | undefined;
  cpuCores: number | undefined;
  storage: number | undefined;
  traffic: number | undefined;
}

/** The fields of a panel server that fleet operations compare, read from the full server record. */
export interface ServerFacts {
  id: number;
  uuid: string;
  name: string;
  hostname: string | null;
  state: string;
  suspended: boolean;
  /** The panel's internal user id of the owner. */
  ownerId: number;
  /** The owner's `extRelationId` (your id for the user), when the record carries the owner. */
  ownerRef: number | null | undefined;
  resources: ServerResources;
  /** IPv4 addresses and IPv6 subnets (`subnet/cidr`) of every interface, sorted. */
  addresses: string[];
}

function numberOr(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

type Interface = { ipv4?: { address?: unknown }[] | null; ipv6?: { subnet?: unknown; cidr?: unknown }[] | null };

function addressesOf(server: Server): string[] {
  const network = server.network as { interfaces?: Interface[]; secondaryInterfaces?: Interface[] } | undefined;
  const out: string[] = [];
  for (const nic of [...(network?.interfaces ?? []), ...(network?.secondaryInterfaces ?? [])]) {
    for (const ip of nic.ipv4 ?? []) if (typeof ip.address === 'string') out.push(ip.address);
    for (const net of nic.ipv6 ?? []) if (typeof net.subnet === 'string') out.push(net.cidr === undefined || net.cidr === null ? net.subnet : `${net.subnet}/${String(net.cidr)}`);
  }
  return out.sort();
}

/** Reads the compared fields out of a full server record (`GET /servers?type=full` or `GET /servers/{id}`). */
export function serverFacts(server: Server): ServerFacts {
  const resources = (server.settings as { resources?: Record<string, unknown> } | undefined)?.resources ?? {};
  return {
    id: server.id,
    uuid: String(server.uuid),
    name: server.name ?? '',
    hostname: server.hostname ?? null,
    state: String(server.state),
    suspended: server.suspended === true,
    ownerId: server.ownerId,
    ownerRef: server.owner === undefined ? undefined : (server.owner.extRelationId ?? null),
    resources: {
      memory: numberOr(resources.memory),
      cpuCores: numberOr(resources.cpuCores),
      storage: numberOr(resources.storage),
      traffic: numberOr(resources.traffic),
    },
    addresses: addressesOf(server),
  };
}
