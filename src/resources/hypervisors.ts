import type { components } from '../generated/openapi';
import type { HypervisorGroupId, HypervisorId, HypervisorNetworkId } from './ids';
import type { Invoker, ResourceCallOptions } from './invoker';
import { HypervisorIpBlocks } from './hypervisor-ip-blocks';
import type { Hypervisor, HypervisorGroup, HypervisorGroupResourceEntry, HypervisorMetrics, HypervisorNetwork } from './models';
import { PagePromise, toPage, type LaravelPage } from './page';
import { unwrap, unwrapOptional } from './unwrap';

type Schemas = components['schemas'];
/** Any subset of a hypervisor's settings (panel 7.1). */
export type UpdateHypervisorInput = Schemas['UpdateHypervisorRequest'];

/** Paging of a hypervisor list. */
export interface PagingOptions extends ResourceCallOptions {
  /** Rows per page, 1–200. Iteration uses 200 unless this is set. */
  results?: number | undefined;
}

/** Hypervisor groups: where servers are placed. */
export class HypervisorGroups {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  list(options: PagingOptions = {}): PagePromise<HypervisorGroup> {
    const { results, ...call } = options;
    return new PagePromise(
      async (page, perPage, signal) =>
        toPage((await this.#invoker.call('GET /compute/hypervisors/groups', { ...call, signal, query: { results: perPage, page } })) as LaravelPage<HypervisorGroup>),
      { perPage: results, signal: call.signal },
    );
  }

  async get(id: HypervisorGroupId, options: ResourceCallOptions = {}): Promise<HypervisorGroup> {
    return unwrap(
      await this.#invoker.call('GET /compute/hypervisors/groups/{hypervisorGroupId}', { ...options, path: { hypervisorGroupId: id } }),
      'GET /compute/hypervisors/groups/{hypervisorGroupId}',
    ) as HypervisorGroup;
  }

  /** What each hypervisor of the group has and uses (memory, cores, storage, servers), paged. */
  resources(id: HypervisorGroupId, options: PagingOptions = {}): PagePromise<HypervisorGroupResourceEntry> {
    const { results, ...call } = options;
    return new PagePromise(
      async (page, perPage, signal) =>
        toPage(
          (await this.#invoker.call('GET /compute/hypervisors/groups/{hypervisorGroupId}/resources', {
            ...call,
            signal,
            path: { hypervisorGroupId: id },
            query: { results: perPage, page },
          })) as LaravelPage<HypervisorGroupResourceEntry>,
        ),
      { perPage: results, signal: call.signal },
    );
  }
}

/** A hypervisor's networks (bridges). Panel 7.1 and later. */
export class HypervisorNetworks {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  /** @since 7.1.0 */
  async list(hypervisorId: HypervisorId, options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('GET /compute/hypervisors/{hypervisorId}/networks', { ...options, path: { hypervisorId } });
  }

  /** One network of the node. @since 7.1.0 */
  async get(hypervisorId: HypervisorId, networkId: HypervisorNetworkId, options: ResourceCallOptions = {}): Promise<HypervisorNetwork> {
    return unwrap(
      await this.#invoker.call('GET /compute/hypervisors/{hypervisorId}/networks/{networkId}', { ...options, path: { hypervisorId, networkId } }),
      'GET /compute/hypervisors/{hypervisorId}/networks/{networkId}',
    ) as HypervisorNetwork;
  }

  /** @since 7.1.0 */
  async create(hypervisorId: HypervisorId, body: Schemas['CreateHypervisorNetworkRequest'], options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('POST /compute/hypervisors/{hypervisorId}/networks', { ...options, path: { hypervisorId }, body });
  }

  /** @since 7.1.0 */
  async update(
    hypervisorId: HypervisorId,
    networkId: HypervisorNetworkId,
    body: Schemas['UpdateHypervisorNetworkRequest'],
    options: ResourceCallOptions = {},
  ): Promise<unknown> {
    return this.#invoker.call('PUT /compute/hypervisors/{hypervisorId}/networks/{networkId}', { ...options, path: { hypervisorId, networkId }, body });
  }

  /** @since 7.1.0 */
  async delete(hypervisorId: HypervisorId, networkId: HypervisorNetworkId, options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('DELETE /compute/hypervisors/{hypervisorId}/networks/{networkId}', { ...options, path: { hypervisorId, networkId } });
  }

  /**
   * The component keys a hypervisor's or an interface's native network filter (v2) selection may
   * name, in the panel's order. The reference describes the answer only in words, so it is
   * returned as the panel sends it. @since 7.1.0
   */
  async filterComponents(options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('GET /compute/networkFilters/components', options);
  }

  /** Rebuilds the hypervisor's network filters. @since 7.1.0 */
  async regenerateFilters(hypervisorId: HypervisorId, options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('POST /compute/hypervisors/{hypervisorId}/networkFilters/regenerate', { ...options, path: { hypervisorId } });
  }
}

/**
 * Hypervisors (nodes) and their groups.
 *
 * @example
 * ```ts
 * for await (const group of vf.hypervisors.groups.list()) console.log(group.id, group.name);
 * const node = await vf.hypervisors.get(HypervisorId(3));
 * ```
 */
export class Hypervisors {
  readonly #invoker: Invoker;
  readonly groups: HypervisorGroups;
  /** @since 7.1.0 */
  readonly networks: HypervisorNetworks;
  /** @since 7.1.0 */
  readonly ipBlocks: HypervisorIpBlocks;

  constructor(invoker: Invoker) {
    this.#invoker = invoker;
    this.groups = new HypervisorGroups(invoker);
    this.networks = new HypervisorNetworks(invoker);
    this.ipBlocks = new HypervisorIpBlocks(invoker);
  }

  list(options: PagingOptions = {}): PagePromise<Hypervisor> {
    const { results, ...call } = options;
    return new PagePromise(
      async (page, perPage, signal) =>
        toPage((await this.#invoker.call('GET /compute/hypervisors', { ...call, signal, query: { results: perPage, page } })) as unknown as LaravelPage<Hypervisor>),
      { perPage: results, signal: call.signal },
    );
  }

  async get(id: HypervisorId, options: ResourceCallOptions = {}): Promise<Hypervisor> {
    return unwrap(await this.#invoker.call('GET /compute/hypervisors/{hypervisorId}', { ...options, path: { hypervisorId: id } }), 'GET /compute/hypervisors/{hypervisorId}') as unknown as Hypervisor;
  }

  /** Changes any subset of the node's settings; unknown fields are refused by the panel. @since 7.1.0 */
  async update(id: HypervisorId, input: UpdateHypervisorInput, options: ResourceCallOptions = {}): Promise<unknown> {
    return unwrapOptional(await this.#invoker.call('PUT /compute/hypervisors/{hypervisorId}', { ...options, path: { hypervisorId: id }, body: input }));
  }

  /** CPU, memory, load and filesystem usage over the last `minutes` (1–40320, default 30). @since 7.1.0 */
  async metrics(id: HypervisorId, options: ResourceCallOptions & { minutes?: number } = {}): Promise<HypervisorMetrics> {
    const { minutes, ...call } = options;
    return unwrap(
      await this.#invoker.call('GET /compute/hypervisors/{hypervisorId}/metrics', { ...call, path: { hypervisorId: id }, query: { minutes } }),
      'GET /compute/hypervisors/{hypervisorId}/metrics',
    );
  }

  /** The hypervisor's storage pools. @since 7.1.0 */
  async storage(id: HypervisorId, options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('GET /compute/hypervisors/{hypervisorId}/storage', { ...options, path: { hypervisorId: id } });
  }
}
