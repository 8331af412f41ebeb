import type { components } from '../generated/openapi';
import type { Invoker, ResourceCallOptions } from './invoker';
import type { IpBlock, IpBlockHypervisorBinding, IpBlockIpv4Address } from './models';
import { PagePromise, toPage, type LaravelPage } from './page';
import { unwrap, unwrapOptional } from './unwrap';

type Schemas = components['schemas'];
/** An address and its PTR record; `ptr: null` removes the record. */
export type SetReverseDnsInput = Schemas['SetRdnsRequest'];

/**
 * IP blocks, their IPv4 ranges, and reverse DNS.
 *
 * @example
 * ```ts
 * for await (const block of vf.ipBlocks.list()) console.log(block.name);
 * ```
 */
export class IpBlocks {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  list(options: ResourceCallOptions & { results?: number } = {}): PagePromise<IpBlock> {
    const { results, ...call } = options;
    return new PagePromise(
      async (page, perPage, signal) =>
        toPage((await this.#invoker.call('GET /connectivity/ipblocks', { ...call, signal, query: { results: perPage, page } })) as LaravelPage<IpBlock>),
      { perPage: results, signal: call.signal },
    );
  }

  async get(blockId: number, options: ResourceCallOptions = {}): Promise<IpBlock> {
    return unwrap(await this.#invoker.call('GET /connectivity/ipblocks/{blockId}', { ...options, path: { blockId } }), 'GET /connectivity/ipblocks/{blockId}') as IpBlock;
  }

  /** Creates a block. The reference does not list the fields, so the body is passed as given. @since 7.1.0 */
  async create(body: Schemas['UncapturedRequest'], options: ResourceCallOptions = {}): Promise<unknown> {
    return unwrapOptional(await this.#invoker.call('POST /connectivity/ipblocks', { ...options, body }));
  }

  /** Changes a block. The reference does not list the fields, so the body is passed as given. @since 7.1.0 */
  async update(blockId: number, body: Schemas['UncapturedRequest'], options: ResourceCallOptions = {}): Promise<unknown> {
    return unwrapOptional(await this.#invoker.call('PUT /connectivity/ipblocks/{blockId}', { ...options, path: { blockId }, body }));
  }

  /**
   * Deletes a block with its addresses, blacklist, hypervisor bindings and group memberships
   * (sends the panel's required `confirm: true`). Refused while any address is assigned. @since 7.1.0
   */
  async delete(blockId: number, options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('DELETE /connectivity/ipblocks/{blockId}', { ...options, path: { blockId }, body: { confirm: true } });
  }

  /** The block's IPv4 addresses, paged, with the server holding each. @since 7.1.0 */
  ipv4(blockId: number, options: ResourceCallOptions & { results?: number } = {}): PagePromise<IpBlockIpv4Address> {
    const { results, ...call } = options;
    return new PagePromise(
      async (page, perPage, signal) =>
        toPage(
          (await this.#invoker.call('GET /connectivity/ipblocks/{blockId}/ipv4', { ...call, signal, path: { blockId }, query: { results: perPage, page } })) as LaravelPage<IpBlockIpv4Address>,
        ),
      { perPage: results, signal: call.signal },
    );
  }

  /** The hypervisors the block is bound to directly, with network and allocation order. @since 7.1.0 */
  async hypervisors(blockId: number, options: ResourceCallOptions = {}): Promise<IpBlockHypervisorBinding[]> {
    return unwrap(
      await this.#invoker.call('GET /connectivity/ipblocks/{blockId}/hypervisors', { ...options, path: { blockId } }),
      'GET /connectivity/ipblocks/{blockId}/hypervisors',
    );
  }

  /** Adds an IPv4 range to a block. */
  async addIpv4Range(blockId: number, body: Schemas['AddIpv4RangeRequest'], options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('POST /connectivity/ipblocks/{blockId}/ipv4', { ...options, path: { blockId }, body });
  }

  /** Sets the PTR record of an IPv4 address; `ptr: null` removes it. @since 7.1.0 */
  async setReverseDns(body: SetReverseDnsInput, options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('PUT /connectivity/ipv4/rdns', { ...options, body });
  }
}
