import type { components } from '../generated/openapi';
import type { Invoker, ResourceCallOptions } from './invoker';
import type { IpBlock, IpBlockHypervisorBinding, IpBlockIpv4Address } from './models';
import { PagePromise, toPage, type LaravelPage } from './page';
import { unwrap, unwrapOptional } from './unwrap';

type Schemas = components['schemas'];
/** An address and its PTR record; `ptr: null` removes the record. */
export type SetReverseDnsInput = Schemas['SetRdnsRequest'];
/** A new block: `name` and `type` (4 or 6), plus any setting nested as the block's GET answer nests it. */
export type CreateIpBlockInput = Schemas['CreateIpBlockRequest'];
/** IPv4 addresses to add: `{ type: 'range', start, end }` or `{ type: 'cidr', address, prefix, hostsOnly? }`. */
export type AddIpv4Input = Schemas['AddIpv4RangeRequest'];

/** Filters of a block's address list: reservation, assignment and the server holding them. */
interface AddressFilters {
  /** true: reserved entries only; false: unreserved ones. */
  reserved?: boolean;
  /** true: entries assigned to a server; false: free ones. */
  assigned?: boolean;
  /** Only entries assigned to this server. */
  serverId?: number;
}

/** Options of {@link IpBlocks.ipv4}. */
export interface IpBlockIpv4Options extends ResourceCallOptions, AddressFilters {
  results?: number;
  /** Only this exact IPv4 address (an address outside the block gives an empty list). */
  address?: string;
}

/** Options of {@link IpBlocks.ipv6}. */
export interface IpBlockIpv6Options extends ResourceCallOptions, AddressFilters {
  results?: number;
  /** Only the subnet with this address. */
  subnet?: string;
}

/** The routes of a block's address lists, which take the same filters and paging. */
type AddressListRoute = 'GET /connectivity/ipblocks/{blockId}/ipv4' | 'GET /connectivity/ipblocks/{blockId}/ipv6';

/** The query of the given filters, without the ones left out. */
function filterQuery(filters: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
}

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

  /**
   * Creates an IPv4 or IPv6 block. `name` and `type` are enough; an enabled IPv4 block also needs
   * `ipv4.netmask`, an enabled IPv6 block `ipv6.subnet`, `ipv6.from` and `ipv6.to`. @since 7.1.0
   *
   * @example
   * ```ts
   * await vf.ipBlocks.create({ name: 'Public FRA 3', type: 4 });
   * ```
   */
  async create(body: CreateIpBlockInput, options: ResourceCallOptions = {}): Promise<unknown> {
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

  /**
   * The block's IPv4 addresses, paged, with the server holding each; filtered by `address`,
   * `reserved`, `assigned` and `serverId` when given. @since 7.1.0
   *
   * @example
   * ```ts
   * for await (const free of vf.ipBlocks.ipv4(10, { assigned: false, reserved: false })) console.log(free.address);
   * ```
   */
  ipv4(blockId: number, options: IpBlockIpv4Options = {}): PagePromise<IpBlockIpv4Address> {
    const { address, ...rest } = options;
    return this.#addresses<IpBlockIpv4Address>('GET /connectivity/ipblocks/{blockId}/ipv4', blockId, { address }, rest);
  }

  /**
   * The subnets generated from an IPv6 block, paged, with their assignment; filtered by `subnet`,
   * `reserved`, `assigned` and `serverId` when given. The reference describes the items only in
   * words, so they are typed loosely. @since 7.1.0
   */
  ipv6(blockId: number, options: IpBlockIpv6Options = {}): PagePromise<Record<string, unknown>> {
    const { subnet, ...rest } = options;
    return this.#addresses<Record<string, unknown>>('GET /connectivity/ipblocks/{blockId}/ipv6', blockId, { subnet }, rest);
  }

  /** A pager over one of a block's address lists, with its filters in the query of every page. */
  #addresses<T>(
    route: AddressListRoute,
    blockId: number,
    own: Record<string, string | undefined>,
    options: ResourceCallOptions & AddressFilters & { results?: number },
  ): PagePromise<T> {
    const { results, reserved, assigned, serverId, ...call } = options;
    const filters = filterQuery({ ...own, reserved, assigned, serverId });
    return new PagePromise(
      async (page, perPage, signal) =>
        toPage((await this.#invoker.call(route, { ...call, signal, path: { blockId }, query: { ...filters, results: perPage, page } })) as LaravelPage<T>),
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

  /**
   * Adds IPv4 addresses to a block: a range (`type: 'range'`, `start`, `end`) or a network
   * (`type: 'cidr'`, any `address` in it, `prefix` 16 to 30; `hostsOnly: true` leaves out the
   * network and broadcast addresses). The network form is panel 7.1 and later.
   *
   * @example
   * ```ts
   * await vf.ipBlocks.addIpv4Range(10, { type: 'cidr', address: '192.0.2.0', prefix: 28, hostsOnly: true });
   * ```
   */
  async addIpv4Range(blockId: number, body: AddIpv4Input, options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('POST /connectivity/ipblocks/{blockId}/ipv4', { ...options, path: { blockId }, body });
  }

  /** Sets the PTR record of an IPv4 address; `ptr: null` removes it. @since 7.1.0 */
  async setReverseDns(body: SetReverseDnsInput, options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('PUT /connectivity/ipv4/rdns', { ...options, body });
  }
}
