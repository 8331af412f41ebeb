import type { QueryParams } from '../core/request-types';
import type { components } from '../generated/openapi';
import type { Invoker, ResourceCallOptions } from './invoker';
import type { Currency, ResourcePack } from './models';
import { unwrap, unwrapOptional } from './unwrap';
import type { UserKey, UserLookupOptions } from './users';

type Schemas = components['schemas'];
type UsageQuery = QueryParams<'GET /selfService/usage/byUserExtRelationId/{extRelationId}'>;
type HourlyStatsQuery = QueryParams<'GET /selfService/hourlyStats/byUserExtRelationId/{extRelationId}'>;
type ReportQuery = QueryParams<'GET /selfService/report/byUserExtRelationId/{extRelationId}'>;

function byUser(key: UserKey, options: UserLookupOptions) {
  const { relStr: asked, ...call } = options;
  const relStr = (asked ?? typeof key === 'string') ? true : undefined;
  return { call, extRelationId: key, relStr };
}

/** Credit on a user's self-service balance. */
export class BillingCredit {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  /** Adds credit (`tokens`) to a user's balance; resolves with the credit record. */
  async add(key: UserKey, body: Schemas['AddCreditRequest'], options: UserLookupOptions = {}) {
    const { call, extRelationId, relStr } = byUser(key, options);
    return unwrapOptional(
      await this.#invoker.call('POST /selfService/credit/byUserExtRelationId/{extRelationId}', { ...call, path: { extRelationId }, query: { relStr }, body }),
    );
  }

  /** Cancels a credit by its id. */
  async cancel(creditId: number, options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('DELETE /selfService/credit/{creditId}', { ...options, path: { creditId } });
  }
}

const PROFILE_ROUTES = {
  hourly: {
    add: 'POST /selfService/hourlyGroupProfile/byUserExtRelationId/{extRelationId}',
    remove: 'DELETE /selfService/hourlyGroupProfile/{profileId}/byUserExtRelationId/{extRelationId}',
  },
  resource: {
    add: 'POST /selfService/resourceGroupProfile/byUserExtRelationId/{extRelationId}',
    remove: 'DELETE /selfService/resourceGroupProfile/{profileId}/byUserExtRelationId/{extRelationId}',
  },
} as const;

/** Group profiles assigned to a user: hourly ones (`vf.billing.hourlyGroupProfiles`) or resource ones. */
export class BillingGroupProfiles {
  readonly #invoker: Invoker;
  readonly #routes: (typeof PROFILE_ROUTES)['hourly' | 'resource'];
  constructor(invoker: Invoker, kind: keyof typeof PROFILE_ROUTES) {
    this.#invoker = invoker;
    this.#routes = PROFILE_ROUTES[kind];
  }

  async add(key: UserKey, profileId: number, options: UserLookupOptions = {}): Promise<void> {
    const { call, extRelationId, relStr } = byUser(key, options);
    // Both kinds of profile take the same parameters; the route differs only by name.
    const route = this.#routes.add as (typeof PROFILE_ROUTES)['hourly']['add'];
    await this.#invoker.call(route, { ...call, path: { extRelationId }, query: { relStr }, body: { profileId } });
  }

  async remove(key: UserKey, profileId: number, options: UserLookupOptions = {}): Promise<void> {
    const { call, extRelationId, relStr } = byUser(key, options);
    const route = this.#routes.remove as (typeof PROFILE_ROUTES)['hourly']['remove'];
    await this.#invoker.call(route, { ...call, path: { profileId, extRelationId }, query: { relStr } });
  }
}

/** Resource packs: bundles of resources a user buys, and the servers in them. */
export class BillingResourcePacks {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  /** Gives a user a resource pack; resolves with the pack. */
  async add(key: UserKey, body: Schemas['AddResourcePackRequest'], options: UserLookupOptions = {}) {
    const { call, extRelationId, relStr } = byUser(key, options);
    return unwrapOptional(
      await this.#invoker.call('POST /selfService/resourcePack/byUserExtRelationId/{extRelationId}', { ...call, path: { extRelationId }, query: { relStr }, body }),
    );
  }

  async get(packId: number, options: ResourceCallOptions & { withServers?: boolean } = {}): Promise<ResourcePack> {
    const { withServers, ...call } = options;
    return unwrap(
      await this.#invoker.call('GET /selfService/resourcePack/{packId}', { ...call, path: { packId }, query: { withServers } }),
      'GET /selfService/resourcePack/{packId}',
    ) as ResourcePack;
  }

  /** Enables or disables a pack. */
  async update(packId: number, body: Schemas['ModifyResourcePackRequest'], options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('PUT /selfService/resourcePack/{packId}', { ...options, path: { packId }, body });
  }

  async delete(packId: number, options: ResourceCallOptions & { disable?: boolean } = {}): Promise<void> {
    const { disable, ...call } = options;
    await this.#invoker.call('DELETE /selfService/resourcePack/{packId}', { ...call, path: { packId }, query: { disable } });
  }

  /** Deletes every server in a pack, after `delay` minutes when given. */
  async deleteServers(packId: number, options: ResourceCallOptions & { delay?: number } = {}): Promise<void> {
    const { delay, ...call } = options;
    await this.#invoker.call('DELETE /selfService/resourcePackServers/{packId}', { ...call, path: { packId }, query: { delay } });
  }

  async suspendServers(packId: number, options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('POST /selfService/resourcePackServers/{packId}/suspend', { ...options, path: { packId } });
  }

  async unsuspendServers(packId: number, options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('POST /selfService/resourcePackServers/{packId}/unsuspend', { ...options, path: { packId } });
  }
}

/**
 * Self-service billing: what panel users spend and may use.
 *
 * @example
 * ```ts
 * await vf.billing.credit.add(ExtRelationId(1042), { tokens: 25 });
 * const usage = await vf.billing.usage(ExtRelationId(1042), { period: ['2026-10-01', '2026-10-31'] });
 * ```
 */
export class Billing {
  readonly #invoker: Invoker;
  readonly credit: BillingCredit;
  readonly hourlyGroupProfiles: BillingGroupProfiles;
  readonly resourceGroupProfiles: BillingGroupProfiles;
  readonly resourcePacks: BillingResourcePacks;

  constructor(invoker: Invoker) {
    this.#invoker = invoker;
    this.credit = new BillingCredit(invoker);
    this.hourlyGroupProfiles = new BillingGroupProfiles(invoker, 'hourly');
    this.resourceGroupProfiles = new BillingGroupProfiles(invoker, 'resource');
    this.resourcePacks = new BillingResourcePacks(invoker);
  }

  /** Usage of a user over a period. */
  async usage(key: UserKey, options: UserLookupOptions & UsageQuery = {}) {
    const { period, range, relStr: _r, ...rest } = options;
    const { call, extRelationId, relStr } = byUser(key, { ...rest, relStr: options.relStr });
    return unwrap(
      await this.#invoker.call('GET /selfService/usage/byUserExtRelationId/{extRelationId}', {
        ...call,
        path: { extRelationId },
        query: { period, range, relStr },
      }),
      'GET /selfService/usage/byUserExtRelationId/{extRelationId}',
    );
  }

  /** Hourly billing statistics of a user. */
  async hourlyStats(key: UserKey, options: UserLookupOptions & HourlyStatsQuery = {}) {
    const { period, range, relStr: _r, ...rest } = options;
    const { call, extRelationId, relStr } = byUser(key, { ...rest, relStr: options.relStr });
    return unwrap(
      await this.#invoker.call('GET /selfService/hourlyStats/byUserExtRelationId/{extRelationId}', {
        ...call,
        path: { extRelationId },
        query: { period, range, relStr },
      }),
      'GET /selfService/hourlyStats/byUserExtRelationId/{extRelationId}',
    );
  }

  /** A user's billing report. */
  async report(key: UserKey, options: UserLookupOptions & ReportQuery = {}) {
    const { period, currency, relStr: _r, ...rest } = options;
    const { call, extRelationId, relStr } = byUser(key, { ...rest, relStr: options.relStr });
    return unwrap(
      await this.#invoker.call('GET /selfService/report/byUserExtRelationId/{extRelationId}', {
        ...call,
        path: { extRelationId },
        query: { period, currency, relStr },
      }),
      'GET /selfService/report/byUserExtRelationId/{extRelationId}',
    );
  }

  /** Sets the user's hourly resource pack. */
  async setHourlyResourcePack(key: UserKey, packId: number, options: UserLookupOptions = {}): Promise<void> {
    const { call, extRelationId, relStr } = byUser(key, options);
    await this.#invoker.call('PUT /selfService/hourlyResourcePack/byUserExtRelationId/{extRelationId}', {
      ...call,
      path: { extRelationId },
      query: { relStr },
      body: { packId },
    });
  }

  /** Syncs the user's self-service access to their profiles. */
  async syncAccess(key: UserKey, body: Schemas['SelfServiceAccessRequest'], options: UserLookupOptions = {}): Promise<void> {
    const { call, extRelationId, relStr } = byUser(key, options);
    await this.#invoker.call('PUT /selfService/access/byUserExtRelationId/{extRelationId}', { ...call, path: { extRelationId }, query: { relStr }, body });
  }

  /** Currencies configured for self-service billing. */
  async currencies(options: ResourceCallOptions = {}): Promise<Currency[]> {
    return unwrap(await this.#invoker.call('GET /selfService/currencies', options), 'GET /selfService/currencies') as Currency[];
  }
}
