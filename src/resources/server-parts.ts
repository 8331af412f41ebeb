import type { components } from '../generated/openapi';
import type { Invoker, ResourceCallOptions } from './invoker';
import { unwrap, unwrapOptional } from './unwrap';

type Schemas = components['schemas'];
/** The queue id a power action answers with; follow it with `vf.queue.wait()`. */
export interface QueuedAction {
  queueId: number;
}

/**
 * Power actions. Each queues a task on the hypervisor and resolves with its queue id.
 *
 * @example
 * ```ts
 * const { queueId } = await vf.servers.power.restart(42);
 * await vf.queue.wait(queueId);
 * ```
 */
export class ServerPower {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  /** Starts a stopped server. */
  async boot(serverId: number, options: ResourceCallOptions = {}): Promise<QueuedAction> {
    return unwrap(await this.#invoker.call('POST /servers/{serverId}/power/boot', { ...options, path: { serverId } }), 'POST /servers/{serverId}/power/boot');
  }

  /** Asks the guest to shut down cleanly. */
  async shutdown(serverId: number, options: ResourceCallOptions = {}): Promise<QueuedAction> {
    return unwrap(await this.#invoker.call('POST /servers/{serverId}/power/shutdown', { ...options, path: { serverId } }), 'POST /servers/{serverId}/power/shutdown');
  }

  /** Restarts the guest. */
  async restart(serverId: number, options: ResourceCallOptions = {}): Promise<QueuedAction> {
    return unwrap(await this.#invoker.call('POST /servers/{serverId}/power/restart', { ...options, path: { serverId } }), 'POST /servers/{serverId}/power/restart');
  }

  /** Cuts power at once (a hard stop). */
  async poweroff(serverId: number, options: ResourceCallOptions = {}): Promise<QueuedAction> {
    return unwrap(await this.#invoker.call('POST /servers/{serverId}/power/poweroff', { ...options, path: { serverId } }), 'POST /servers/{serverId}/power/poweroff');
  }
}

/**
 * Changes to a running server's resources. The panel answers 201 with no body; these resolve
 * with nothing when it succeeded.
 *
 * @example
 * ```ts
 * await vf.servers.modify.memory(42, 4096);
 * ```
 */
export class ServerModify {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  /** Renames the server. */
  async name(serverId: number, name: string, options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('PUT /servers/{serverId}/modify/name', { ...options, path: { serverId }, body: { name } });
  }

  /** Sets the memory in MB. */
  async memory(serverId: number, memory: number, options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('PUT /servers/{serverId}/modify/memory', { ...options, path: { serverId }, body: { memory } });
  }

  /** Sets the number of CPU cores. */
  async cpuCores(serverId: number, cores: number, options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('PUT /servers/{serverId}/modify/cpuCores', { ...options, path: { serverId }, body: { cores } });
  }

  /** Sets the monthly traffic allowance in GB (0 for unlimited). */
  async traffic(serverId: number, traffic: number, options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('PUT /servers/{serverId}/modify/traffic', { ...options, path: { serverId }, body: { traffic } });
  }

  /** Throttles the CPU by `percent` (0 removes the throttle). */
  async cpuThrottle(serverId: number, percent: number, options: ResourceCallOptions & { sync?: boolean } = {}): Promise<void> {
    const { sync, ...call } = options;
    await this.#invoker.call('PUT /servers/{serverId}/modify/cpuThrottle', { ...call, path: { serverId }, query: { sync }, body: { percent } });
  }

  /**
   * Grows a disk to `body.size` GB; a smaller size is refused. `body.drive` (a drive letter,
   * panel 7.1 and later) picks the disk; without it the panel resizes the primary drive.
   */
  async storage(serverId: number, body: Schemas['ModifyStorageRequest'], options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('PUT /servers/{serverId}/modify/storage', { ...options, path: { serverId }, body });
  }
}

/** VNC console access. */
export class ServerVnc {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  /** Connection details under `vnc`. The `enabled` flag is unreliable on panel 7. */
  async get(serverId: number, options: ResourceCallOptions = {}) {
    return unwrap(await this.#invoker.call('GET /servers/{serverId}/vnc', { ...options, path: { serverId } }), 'GET /servers/{serverId}/vnc');
  }

  /** Turns VNC on. */
  async enable(serverId: number, options: ResourceCallOptions = {}) {
    return unwrapOptional(await this.#invoker.call('POST /servers/{serverId}/vnc', { ...options, path: { serverId }, body: { action: 'enable' } }));
  }

  /** Turns VNC off. */
  async disable(serverId: number, options: ResourceCallOptions = {}) {
    return unwrapOptional(await this.#invoker.call('POST /servers/{serverId}/vnc', { ...options, path: { serverId }, body: { action: 'disable' } }));
  }
}

/** Extra traffic blocks added to a server's allowance. */
export class ServerTrafficBlocks {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  /** The blocks assigned, and what can still be bought. */
  async list(serverId: number, options: ResourceCallOptions = {}) {
    return unwrap(await this.#invoker.call('GET /servers/{serverId}/traffic/blocks', { ...options, path: { serverId } }), 'GET /servers/{serverId}/traffic/blocks');
  }

  async add(serverId: number, body: Schemas['AddTrafficBlockRequest'], options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('POST /servers/{serverId}/traffic/blocks', { ...options, path: { serverId }, body });
  }

  async remove(serverId: number, blockId: number, options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('DELETE /servers/{serverId}/traffic/blocks/{blockId}', { ...options, path: { serverId, blockId } });
  }
}

/** Traffic statistics and blocks. */
export class ServerTraffic {
  readonly #invoker: Invoker;
  readonly blocks: ServerTrafficBlocks;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
    this.blocks = new ServerTrafficBlocks(invoker);
  }

  /** Monthly traffic: rx, tx and total in bytes, the limit in GB. */
  async get(serverId: number, options: ResourceCallOptions = {}): Promise<Schemas['ServerTrafficResponse']['data']> {
    return unwrap(await this.#invoker.call('GET /servers/{serverId}/traffic', { ...options, path: { serverId } }), 'GET /servers/{serverId}/traffic');
  }
}

/** Backup plan and backup-manager access of a server. Listing backups is `vf.backups.list()`. */
export class ServerBackups {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  /** Assigns a backup plan (0 removes it). */
  async setPlan(serverId: number, planId: number, options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('PUT /servers/{serverId}/backups/plan/{planId}', { ...options, path: { serverId, planId } });
  }

  /** Grants or revokes the owner's access to the backup manager. */
  async managerAccess(serverId: number, body: Schemas['BackupManagerAccessRequest'], options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('PUT /servers/{serverId}/backupManager/access', { ...options, path: { serverId }, body });
  }
}

/** IPv4 addresses of a server. */
export class ServerIpv4 {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  /** Adds the given addresses (to the primary interface unless `body.interface` says otherwise). */
  async add(serverId: number, body: Schemas['Ipv4AddressesRequest'], options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('POST /servers/{serverId}/ipv4', { ...options, path: { serverId }, body });
  }

  /** Removes the given addresses. */
  async remove(serverId: number, body: Schemas['Ipv4AddressesRequest'], options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('DELETE /servers/{serverId}/ipv4', { ...options, path: { serverId }, body });
  }

  /** Adds `quantity` free addresses from the server's blocks. */
  async addQuantity(serverId: number, body: Schemas['AddIpv4QuantityRequest'], options: ResourceCallOptions = {}) {
    return unwrapOptional(await this.#invoker.call('POST /servers/{serverId}/ipv4Qty', { ...options, path: { serverId }, body }));
  }
}

/** The network whitelist (extra addresses allowed on an interface). */
export class ServerWhitelist {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  async add(serverId: number, body: Schemas['AddWhitelistEntryRequest'], options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('POST /servers/{serverId}/networkWhitelist', { ...options, path: { serverId }, body });
  }

  async remove(serverId: number, body: Schemas['RemoveWhitelistEntryRequest'], options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('DELETE /servers/{serverId}/networkWhitelist', { ...options, path: { serverId }, body });
  }
}
