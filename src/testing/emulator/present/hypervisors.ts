import { groupFreeIpv4 } from '../state/ip-pool';
import type { HypervisorUsage } from '../state/placement';
import type { EmulatorStore } from '../state/store';
import type { GroupRecord, HypervisorNetworkRecord, HypervisorRecord, HypervisorStorageRecord } from '../state/records';
import { isoOffset } from '../time';

type Json = Record<string, unknown>;

export function presentGroup(group: GroupRecord): Json {
  return {
    id: group.id,
    name: group.name,
    label: group.label,
    description: group.description,
    distributionType: group.distributionType,
    enabled: group.enabled,
    default: group.isDefault,
    created: isoOffset(group.created),
    updated: isoOffset(group.updated),
  };
}

export function presentNetwork(network: HypervisorNetworkRecord): Json {
  return {
    id: network.id,
    name: network.name,
    type: network.type,
    bridge: network.bridge,
    mtu: network.mtu,
    ipBlockGroupId: network.ipBlockGroupId,
    primary: network.primary,
    default: network.isDefault,
    created: isoOffset(network.created),
    updated: isoOffset(network.updated),
  };
}

function counter(units: string, max: number, allocated: number): Json {
  return { units, max, allocated, free: max - allocated, percent: max === 0 ? null : Math.round((allocated / max) * 1000) / 10 };
}

function storageCounter(storage: HypervisorStorageRecord): Json {
  return {
    id: storage.id,
    name: storage.name,
    enabled: storage.enabled ? 1 : 0,
    path: storage.path,
    storageType: storage.storageType,
    isDatastore: storage.isDatastore,
    ...counter('GB', storage.capacityGb, 0),
  };
}

const NO_USAGE: HypervisorUsage = { servers: 0, memory: 0, cpuCores: 0, storage: 0 };

/** Capacity and allocation of a node; `ipv4Free` adds the group's free address count. */
export function presentResources(hv: HypervisorRecord, usage: HypervisorUsage | undefined, ipv4Free?: number): Json {
  const used = usage ?? NO_USAGE;
  return {
    servers: counter('#', hv.maxServers, used.servers),
    memory: counter('MB', hv.maxMemory, used.memory),
    cpuCores: counter('#', hv.maxCpu, used.cpuCores),
    localStorage: { enabled: 1, name: 'Local (Default mountpoint)', storageType: hv.localStorageType, ...counter('GB', hv.localStorageGb, used.storage) },
    otherStorage: hv.storage.map(storageCounter),
    ...(ipv4Free === undefined ? {} : { network: { total: { ipv4: { free: ipv4Free } } } }),
  };
}

export function presentHypervisor(store: EmulatorStore, hv: HypervisorRecord): Json {
  const group = store.groups.get(hv.groupId);
  return {
    id: hv.id,
    commissioned: hv.commissioned,
    ip: hv.ip,
    ipAlt: null,
    hostname: hv.hostname,
    port: hv.port,
    sshPort: hv.sshPort,
    name: hv.name,
    maintenance: hv.maintenance,
    enabled: hv.enabled,
    nfType: hv.nfType,
    group: group ? presentGroup(group) : null,
    encryptedToken: hv.encryptedToken,
    maxServers: hv.maxServers,
    maxCpu: hv.maxCpu,
    maxMemory: hv.maxMemory,
    networks: hv.networks.map(presentNetwork),
    storage: hv.storage.map((s) => ({ id: s.id, name: s.name, enabled: s.enabled, storageType: s.storageType, path: s.path, isDatastore: s.isDatastore })),
    created: isoOffset(hv.created),
    updated: isoOffset(hv.updated),
  };
}

/** A node as embedded in a server record. */
export function presentServerHypervisor(store: EmulatorStore, hv: HypervisorRecord, usage: HypervisorUsage | undefined): Json {
  const group = store.groups.get(hv.groupId);
  return {
    id: hv.id,
    ip: hv.ip,
    hostname: hv.hostname,
    port: hv.port,
    maintenance: hv.maintenance,
    groupId: hv.groupId,
    group: { name: group?.name ?? '', icon: group?.icon ?? null },
    timezone: hv.timezone,
    forceIPv6: false,
    vncListenType: 1,
    displayName: null,
    cpuSet: null,
    nfType: hv.nfType,
    backupStorageType: 2,
    defaultDiskType: 'inherit',
    defaultDiskCacheType: 'inherit',
    defaultCPU: 'inherit',
    defaultMachineType: 'inherit',
    created: isoOffset(hv.created),
    updated: isoOffset(hv.updated),
    name: hv.name,
    dataDir: hv.dataDir,
    resources: presentResources(hv, usage),
  };
}

/** One row of `GET /compute/hypervisors/groups/{id}/resources`. */
export function presentGroupResourceEntry(store: EmulatorStore, hv: HypervisorRecord, usage: HypervisorUsage | undefined): Json {
  const group = store.groups.get(hv.groupId);
  return {
    hypervisor: { id: hv.id, name: hv.name, enabled: hv.enabled, prohibit: hv.maintenance, accept: false, commissioned: hv.commissioned === 3 },
    resources: presentResources(hv, usage, group ? groupFreeIpv4(store, group) : 0),
  };
}
