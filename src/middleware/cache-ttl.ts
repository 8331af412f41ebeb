import type { Route } from '../generated/operations';

/** A route template that reads (`GET /...`). */
export type ReadRoute = Extract<Route, `GET ${string}`>;

const MINUTE = 60_000;

/**
 * How long each read is kept by default, in ms. Only catalogue data that changes when an
 * administrator edits it is listed; servers, users, queue items, hypervisor resources, usage
 * and everything else are not cached unless configured.
 */
export const DEFAULT_CACHE_TTLS: Readonly<Partial<Record<ReadRoute, number>>> = Object.freeze({
  'GET /packages': 5 * MINUTE,
  'GET /packages/{packageId}': 5 * MINUTE,
  'GET /media/templates/fromServerPackageSpec/{serverPackageId}': 5 * MINUTE,
  'GET /compute/hypervisors/groups': 5 * MINUTE,
  'GET /compute/hypervisors/groups/{hypervisorGroupId}': 5 * MINUTE,
  'GET /selfService/currencies': 15 * MINUTE,
});
