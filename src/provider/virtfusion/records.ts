import type { HypervisorGroup, OsTemplate, Package, SshKey as VfSshKey, TemplateGroup } from '../../resources/models';
import type { Image, Instance, Plan, Region, SshKey } from '../types';
import { list, num, object, str, type Json } from './json';
import { instanceStatus, type StateHints } from './state-map';

/** Every IPv4 address of every interface (public and private), primary interface first. */
export function serverAddresses(server: Json): { ipv4: string[]; ipv6: string[] } {
  const network = object(server.network);
  const interfaces = [...list(network.interfaces), ...list(network.secondaryInterfaces)].map(object);
  const ipv4: string[] = [];
  const ipv6: string[] = [];
  for (const nic of interfaces) {
    for (const ip of list(nic.ipv4).map(object)) {
      const address = str(ip.address);
      if (address && !ipv4.includes(address)) ipv4.push(address);
    }
    for (const subnet of list(nic.ipv6).map(object)) {
      const addresses = list(subnet.addresses).map((a) => (typeof a === 'string' ? a : str(object(a).address)));
      const usable = addresses.filter((a): a is string => a !== undefined);
      if (usable.length > 0) ipv6.push(...usable.filter((a) => !ipv6.includes(a)));
      else if (str(subnet.subnet)) ipv6.push(`${String(subnet.subnet)}/${String(subnet.cidr ?? 64)}`);
    }
  }
  return { ipv4, ipv6 };
}

/** What the provider remembers of a server that the record does not say. */
export interface KnownServer extends StateHints {
  /** A restart this provider queued. */
  rebootQueueId?: number | undefined;
  planId?: string | undefined;
  regionId?: string | undefined;
  /** The template it was built with (an owner-list overview does not say). */
  imageId?: string | undefined;
  /** When the panel created it, from the create's answer (an owner-list overview does not say). */
  createdAt?: string | undefined;
}

/** A full server record or a `listByUser` overview as a neutral {@link Instance}. */
export function toInstance(record: unknown, known: KnownServer = {}): Instance {
  const server = object(record);
  const settings = object(server.settings);
  const resources = object(Object.keys(object(settings.resources)).length > 0 ? settings.resources : server.resources);
  const hypervisor = object(server.hypervisor);
  const groupId = num(hypervisor.groupId);
  const templateId = num(settings.osTemplateInstallId);
  const created = str(server.created);
  return {
    id: String(server.id),
    name: typeof server.name === 'string' ? server.name : '',
    status: instanceStatus(server, known),
    hostname: str(server.hostname),
    ...serverAddresses(server),
    planId: known.planId,
    imageId: templateId !== undefined && templateId > 0 ? String(templateId) : known.imageId,
    regionId: known.regionId ?? (groupId === undefined ? undefined : String(groupId)),
    specs: {
      vcpus: num(resources.cpuCores) ?? num(object(server.cpu).cores),
      memoryMb: num(resources.memory),
      diskGb: num(resources.storage),
      transferGb: num(resources.traffic),
    },
    createdAt: created === undefined || Number.isNaN(Date.parse(created)) ? known.createdAt : new Date(Date.parse(created)).toISOString(),
    raw: record,
  };
}

export function toPlan(pkg: Package, regionIds: string[]): Plan {
  return {
    id: String(pkg.id),
    name: pkg.name,
    vcpus: pkg.cpuCores,
    memoryMb: pkg.memory,
    diskGb: pkg.primaryStorage,
    transferGb: pkg.traffic,
    regionIds,
    raw: pkg,
  };
}

function slugOf(template: OsTemplate): string {
  const version = (template.version ?? '').split(/[\s(]/)[0] ?? '';
  return [template.name, version, template.variant ?? '']
    .join(' ')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function toImages(groups: TemplateGroup[]): Image[] {
  return groups.flatMap((group) =>
    group.templates.map((template) => ({
      id: String(template.id),
      name: [template.name, template.version, template.variant].filter((part) => typeof part === 'string' && part !== '').join(' '),
      slug: slugOf(template),
      distribution: group.name,
      version: template.version ?? undefined,
      description: template.description ?? undefined,
      minDiskGb: undefined,
      public: true,
      raw: template,
    })),
  );
}

export function toRegion(group: HypervisorGroup): Region {
  return {
    id: String(group.id),
    name: group.label ?? group.name,
    description: group.description ?? undefined,
    country: undefined,
    available: group.enabled,
    raw: group,
  };
}

export function toSshKey(key: VfSshKey): SshKey {
  return { id: String(key.id), name: key.name, publicKey: key.publicKey };
}
