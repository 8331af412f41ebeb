import { presentQueueItem } from './present/catalog';
import { presentServer } from './present/servers';
import { presentUser } from './present/users';
import { blockFree, intToIpv4 } from './state/ip-pool';
import type { EmulatorStore } from './state/store';

/** A JSON record as the API would answer it. */
export type EmulatorRecord = Record<string, unknown>;

/** How much the emulated panel holds. */
export interface EmulatorCounts {
  users: number;
  servers: number;
  sshKeys: number;
  queueItems: number;
  ipv4Free: number;
  ipv4Assigned: number;
}

/**
 * A read-mostly window on the emulated panel's memory, for assertions that the API cannot make
 * (or should not need to).
 *
 * @example
 * ```ts
 * expect(emu.state.server(7)?.state).toBe('complete');
 * expect(emu.state.freeIpv4(1)).toContain('192.0.2.20');
 * ```
 */
export interface EmulatorStateView {
  /** A server as `GET /servers/{serverId}` would answer (`data`), or undefined once deleted. */
  server(id: number): EmulatorRecord | undefined;
  serverIds(): number[];
  /** A user by `extRelationId` (a number) or `relStr` (a string), as `GET /users/{id}/byExtRelation` answers. */
  user(reference: number | string): EmulatorRecord | undefined;
  /** The internal ids of every user, the administrator (1) included. */
  userIds(): number[];
  queueItem(id: number): EmulatorRecord | undefined;
  /** Free IPv4 addresses, lowest first, of one block or of all. */
  freeIpv4(blockId?: number): string[];
  /** Assigned IPv4 addresses and the server holding each. */
  assignedIpv4(): Record<string, number>;
  counts(): EmulatorCounts;
  /** Makes `GET /status` answer 503 (false) or 200 (true). */
  setHealthy(healthy: boolean): void;
  /**
   * Puts every network of a hypervisor on a network profile (0 is the default profile). A create
   * whose profile (given, or the package's) no eligible node of the group uses is refused with
   * "Invalid network profile. The specified profile is not in use", as the panel does.
   */
  setHypervisorNetworkProfile(hypervisorId: number, profile: number): void;
  /** Sets a package's `primaryNetworkProfile` (0 is the default profile). */
  setPackageNetworkProfile(packageId: number, profile: number): void;
  /**
   * Ends the running build of a server as failed (`buildFailed: true`, the queue task failed), as
   * when the panel's installer breaks. Throws when the server is not building.
   */
  failBuild(serverId: number): void;
}

export function createStateView(current: () => EmulatorStore): EmulatorStateView {
  return {
    server(id) {
      const store = current();
      const server = store.servers.get(id);
      return server ? presentServer(store, server, store.clock.now()) : undefined;
    },
    serverIds: () => [...current().servers.keys()],
    user(reference) {
      const store = current();
      const user = store.findUser(String(reference), typeof reference === 'string');
      return user ? presentUser(user) : undefined;
    },
    userIds: () => [...current().users.keys()],
    queueItem(id) {
      const store = current();
      const item = store.queue.get(id);
      return item ? presentQueueItem(item, store.clock.now()) : undefined;
    },
    freeIpv4(blockId) {
      const out: string[] = [];
      for (const block of current().ipBlocks.values()) {
        if (block.type !== 4 || (blockId !== undefined && block.id !== blockId)) continue;
        for (const range of block.ranges) {
          for (let address = range.start; address <= range.end; address += 1) if (!block.assigned.has(address)) out.push(intToIpv4(address));
        }
      }
      return out;
    },
    assignedIpv4() {
      const out: Record<string, number> = {};
      for (const block of current().ipBlocks.values()) for (const [address, serverId] of block.assigned) out[intToIpv4(address)] = serverId;
      return out;
    },
    counts() {
      const store = current();
      const blocks = [...store.ipBlocks.values()].filter((b) => b.type === 4);
      return {
        users: store.users.size,
        servers: store.servers.size,
        sshKeys: store.sshKeys.size,
        queueItems: store.queue.size,
        ipv4Free: blocks.reduce((sum, b) => sum + blockFree(b), 0),
        ipv4Assigned: blocks.reduce((sum, b) => sum + b.assigned.size, 0),
      };
    },
    setHealthy(healthy) {
      current().healthy = healthy;
    },
    setHypervisorNetworkProfile(hypervisorId, profile) {
      const hv = current().hypervisors.get(hypervisorId);
      if (hv === undefined) throw new RangeError(`No hypervisor ${hypervisorId}`);
      for (const network of hv.networks) network.networkProfile = profile;
    },
    setPackageNetworkProfile(packageId, profile) {
      const pkg = current().packages.get(packageId);
      if (pkg === undefined) throw new RangeError(`No package ${packageId}`);
      pkg.primaryNetworkProfile = profile;
    },
    failBuild(serverId) {
      const store = current();
      const server = store.servers.get(serverId);
      if (server?.buildQueueId == null) throw new RangeError(`Server ${serverId} is not building`);
      const task = store.queue.get(server.buildQueueId);
      if (task) task.failed = true;
      server.buildQueueId = null;
      server.buildFailed = true;
      server.updated = store.clock.now();
    },
  };
}
