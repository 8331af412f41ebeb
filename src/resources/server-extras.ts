import type { components } from '../generated/openapi';
import type { Invoker, ResourceCallOptions } from './invoker';

type Schemas = components['schemas'];
/** A disk, by id or by drive letter (`a` is the primary drive). */
export type DiskRef = number | string;

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

  /** @since 7.1.0 */
  async create(serverId: number, body: Schemas['UncapturedRequest'], options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('POST /servers/{serverId}/disks', { ...options, path: { serverId }, body });
  }

  /** @since 7.1.0 */
  async get(serverId: number, diskRef: DiskRef, options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('GET /servers/{serverId}/disks/{diskRef}', { ...options, path: { serverId, diskRef } });
  }

  /** @since 7.1.0 */
  async update(serverId: number, diskRef: DiskRef, body: Schemas['UncapturedRequest'], options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('PUT /servers/{serverId}/disks/{diskRef}', { ...options, path: { serverId, diskRef }, body });
  }

  /** @since 7.1.0 */
  async delete(serverId: number, diskRef: DiskRef, options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('DELETE /servers/{serverId}/disks/{diskRef}', { ...options, path: { serverId, diskRef } });
  }
}

/** Rescue mode (panel 7.1 and later). */
export class ServerRescue {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  /** @since 7.1.0 */
  async get(serverId: number, options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('GET /servers/{serverId}/rescue', { ...options, path: { serverId } });
  }

  /** Enters or leaves rescue mode, as `body` says. @since 7.1.0 */
  async set(serverId: number, body?: Schemas['UncapturedRequest'], options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('POST /servers/{serverId}/rescue', { ...options, path: { serverId }, ...(body === undefined ? {} : { body }) });
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
