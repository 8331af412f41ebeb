import type { EmulatorStore } from './store';
import type { GroupRecord, HypervisorRecord } from './records';

/** Nodes of a group that accept new servers: enabled, commissioned and not in maintenance. */
export function eligibleHypervisors(store: EmulatorStore, group: GroupRecord): HypervisorRecord[] {
  return [...store.hypervisors.values()].filter((hv) => hv.groupId === group.id && hv.enabled && !hv.maintenance && hv.commissioned === 3);
}

/** Whether a node has a network that servers of this network profile (0: the default) can use. */
export function usesNetworkProfile(hv: HypervisorRecord, profile: number): boolean {
  return hv.networks.some((network) => network.networkProfile === profile);
}

/** Picks the node for a new server, round-robin over the eligible ones (with the network profile, when given). */
export function pickHypervisor(store: EmulatorStore, group: GroupRecord, profile?: number): HypervisorRecord | undefined {
  const candidates = eligibleHypervisors(store, group).filter((hv) => profile === undefined || usesNetworkProfile(hv, profile));
  if (candidates.length === 0) return undefined;
  const chosen = candidates[group.nextPlacement % candidates.length]!;
  group.nextPlacement += 1;
  return chosen;
}

export interface HypervisorUsage {
  servers: number;
  memory: number;
  cpuCores: number;
  storage: number;
}

/** What the servers on each node take, summed in one pass. */
export function hypervisorUsage(store: EmulatorStore): Map<number, HypervisorUsage> {
  const usage = new Map<number, HypervisorUsage>();
  for (const hv of store.hypervisors.keys()) usage.set(hv, { servers: 0, memory: 0, cpuCores: 0, storage: 0 });
  for (const server of store.servers.values()) {
    const entry = usage.get(server.hypervisorId);
    if (entry === undefined) continue;
    entry.servers += 1;
    entry.memory += server.memory;
    entry.cpuCores += server.cpuCores;
    entry.storage += server.disks.reduce((sum, disk) => sum + disk.capacity, 0);
  }
  return usage;
}
