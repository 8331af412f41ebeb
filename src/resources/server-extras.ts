import type { components } from '../generated/openapi';
import type { Invoker, ResourceCallOptions } from './invoker';

type Schemas = components['schemas'];
/** A disk, by id or by drive letter (`a` is the primary drive). */
export type DiskRef = number | string;
/** Options of removing a disk. */
export interface DeleteDiskOptions extends ResourceCallOptions {
  /** Required by the panel to remove an active disk (one the running server uses). */
  confirm?: boolean;
}
/** How to start a rescue session. */
export type StartRescueInput = Schemas['StartRescueRequest'];

/** A disk's IOPS and bandwidth limits; 0 or null is no limit. */
export type DiskQosInput = Schemas['DiskQos'] & {
  /** @deprecated Renamed `readBytes`, the panel's name, which the SDK sends instead. Refused from 0.3.0. */
  readBytesSec?: number | null;
  /** @deprecated Renamed `writeBytes`, the panel's name, which the SDK sends instead. Refused from 0.3.0. */
  writeBytesSec?: number | null;
};
/** A disk to add: `sizeGb`, and optionally storage point, filesystem, format, bus, cache, IO mode and QoS. */
export type CreateDiskInput = Omit<Schemas['CreateDiskRequest'], 'qos'> & { qos?: DiskQosInput };
/** Changes to a disk: bus, cache, IO mode, QoS (with `apply`), `enabled`, or a larger `sizeGb`. */
export type UpdateDiskInput = Omit<Schemas['UpdateDiskRequest'], 'qos'> & { qos?: DiskQosInput };

/** A server's disks (panel 7.1 and later; the answer shapes were not captured, so they are open). */
export class ServerDisks {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  /** @since 7.1.0 */
  async list(serverId: number, options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('GET /servers/{serverId}/disks', { ...options, path: { serverId } });
  }

  /**
   * Adds a disk (up to sixteen a server); it is created at the server's next power change.
   * @since 7.1.0
   *
   * @example
   * ```ts
   * await vf.servers.disks.create(42, { sizeGb: 100, format: 'raw', cache: 'none', io: 'native', qos: { readBytes: 104_857_600 } });
   * ```
   */
  async create(serverId: number, body: CreateDiskInput, options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('POST /servers/{serverId}/disks', { ...options, path: { serverId }, body: body as Schemas['CreateDiskRequest'] });
  }

  /** @since 7.1.0 */
  async get(serverId: number, diskRef: DiskRef, options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('GET /servers/{serverId}/disks/{diskRef}', { ...options, path: { serverId, diskRef } });
  }

  /**
   * Changes a disk's bus, cache, IO mode, QoS or `enabled`, or grows it; `apply: true` pushes a QoS
   * change to the running server. QoS limits left out keep their value. @since 7.1.0
   */
  async update(serverId: number, diskRef: DiskRef, body: UpdateDiskInput, options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('PUT /servers/{serverId}/disks/{diskRef}', { ...options, path: { serverId, diskRef }, body: body as Schemas['UpdateDiskRequest'] });
  }

  /** Removes a disk; an active one (the running server uses it) needs `{ confirm: true }`. @since 7.1.0 */
  async delete(serverId: number, diskRef: DiskRef, options: DeleteDiskOptions = {}): Promise<unknown> {
    const { confirm, ...call } = options;
    return this.#invoker.call('DELETE /servers/{serverId}/disks/{diskRef}', { ...call, path: { serverId, diskRef }, ...(confirm === undefined ? {} : { body: { confirm } }) });
  }
}

/**
 * Rescue sessions (panel 7.1 and later). The vendor's reference documents starting a session and
 * reading its state; it documents no call that ends one.
 */
export class ServerRescue {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  /** Whether a session is active, its image and login, and the images the server can boot. @since 7.1.0 */
  async get(serverId: number, options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('GET /servers/{serverId}/rescue', { ...options, path: { serverId } });
  }

  /**
   * Starts a rescue session: the server restarts into the image (the first one the panel lists
   * unless `imageId` is given), and the login is emailed to the owner unless `sendMail` is false.
   * @since 7.1.0
   */
  async start(serverId: number, input?: StartRescueInput, options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('POST /servers/{serverId}/rescue', { ...options, path: { serverId }, ...(input === undefined ? {} : { body: input }) });
  }
}

/** Hypervisor assets (GPUs and other passthrough devices) for a server (panel 7.1 and later). */
export class ServerHypervisorAssets {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  /** Assets on the server's hypervisor that can be attached. @since 7.1.0 */
  async available(serverId: number, options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('GET /servers/{serverId}/hypervisorAssets/available', { ...options, path: { serverId } });
  }

  /** Attaches an asset. @since 7.1.0 */
  async attach(serverId: number, assetId: number, options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('POST /servers/{serverId}/hypervisorAssets/{assetId}', { ...options, path: { serverId, assetId } });
  }
}
