import type { HypervisorId, HypervisorNetworkId } from './ids';
import type { Invoker, ResourceCallOptions } from './invoker';
import type { HypervisorIpBlock } from './models';
import { unwrap, unwrapOptional } from './unwrap';

/**
 * The IP blocks a hypervisor assigns addresses from, bound to it directly (panel 7.1 and later).
 *
 * @example
 * ```ts
 * await vf.hypervisors.ipBlocks.bind(HypervisorId(1), 10, { networkId: HypervisorNetworkId(2) });
 * await vf.hypervisors.ipBlocks.order(HypervisorId(1), [11, 10]);
 * ```
 */
export class HypervisorIpBlocks {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  /** The bound blocks in allocation order, with the network each uses. @since 7.1.0 */
  async list(hypervisorId: HypervisorId, options: ResourceCallOptions = {}): Promise<HypervisorIpBlock[]> {
    return unwrap(
      await this.#invoker.call('GET /compute/hypervisors/{hypervisorId}/ipblocks', { ...options, path: { hypervisorId } }),
      'GET /compute/hypervisors/{hypervisorId}/ipblocks',
    );
  }

  /** Binds a configured block, on `networkId` or the node's primary network. @since 7.1.0 */
  async bind(hypervisorId: HypervisorId, blockId: number, options: ResourceCallOptions & { networkId?: HypervisorNetworkId | null } = {}): Promise<unknown> {
    const { networkId, ...call } = options;
    const body = networkId === undefined ? { blockId } : { blockId, networkId };
    return unwrapOptional(await this.#invoker.call('POST /compute/hypervisors/{hypervisorId}/ipblocks', { ...call, path: { hypervisorId }, body }));
  }

  /** Sets the allocation order: addresses come from the first block with free ones. @since 7.1.0 */
  async order(hypervisorId: HypervisorId, blockIds: readonly number[], options: ResourceCallOptions = {}): Promise<unknown> {
    return unwrapOptional(
      await this.#invoker.call('PUT /compute/hypervisors/{hypervisorId}/ipblocks/order', { ...options, path: { hypervisorId }, body: { order: [...blockIds] } }),
    );
  }

  /**
   * Points a directly bound block at another network of the node; servers holding its addresses
   * move at their next configuration write. The panel needs a network id (null is refused). @since 7.1.0
   */
  async rebind(hypervisorId: HypervisorId, blockId: number, networkId: HypervisorNetworkId, options: ResourceCallOptions = {}): Promise<unknown> {
    return unwrapOptional(
      await this.#invoker.call('PUT /compute/hypervisors/{hypervisorId}/ipblocks/{blockId}', { ...options, path: { hypervisorId, blockId }, body: { networkId } }),
    );
  }

  /** Unbinds a block; addresses already assigned stay with their servers. @since 7.1.0 */
  async unbind(hypervisorId: HypervisorId, blockId: number, options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('DELETE /compute/hypervisors/{hypervisorId}/ipblocks/{blockId}', { ...options, path: { hypervisorId, blockId } });
  }
}
