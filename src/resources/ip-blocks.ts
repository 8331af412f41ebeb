import type { components } from '../generated/openapi';
import type { Invoker, ResourceCallOptions } from './invoker';
import type { IpBlock } from './models';
import { PagePromise, toPage, type LaravelPage } from './page';
import { unwrap } from './unwrap';

type Schemas = components['schemas'];

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

  /** Adds an IPv4 range to a block. */
  async addIpv4Range(blockId: number, body: Schemas['AddIpv4RangeRequest'], options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('POST /connectivity/ipblocks/{blockId}/ipv4', { ...options, path: { blockId }, body });
  }

  /** Sets the PTR record of an IPv4 address. @since 7.1.0 */
  async setReverseDns(body: Schemas['SetRdnsRequest'], options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('PUT /connectivity/ipv4/rdns', { ...options, body });
  }
}
