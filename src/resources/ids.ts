import { InputValidationError } from '../core/errors';

declare const brand: unique symbol;

/** A value of type `T` that the compiler keeps apart from other ids of the same runtime type. */
export type Brand<T, Name extends string> = T & { readonly [brand]: Name };

/** The panel's internal user id (`data.id` of a user). Needed to create servers and ssh keys. */
export type UserId = Brand<number, 'UserId'>;
/** Your own id for a panel user (`extRelationId`), the key of every `/users/{extRelationId}/…` route. */
export type ExtRelationId = Brand<number, 'ExtRelationId'>;
/** A hypervisor group id: what `POST /servers` calls `hypervisorId`. */
export type HypervisorGroupId = Brand<number, 'HypervisorGroupId'>;
/** A single hypervisor (node) id. */
export type HypervisorId = Brand<number, 'HypervisorId'>;
/** A network profile id (Configuration → Network Profiles), not a hypervisor network (bridge) id. */
export type NetworkProfileId = Brand<number, 'NetworkProfileId'>;
/** A hypervisor network (bridge) id, as listed by `vf.hypervisors.networks.list()`. */
export type HypervisorNetworkId = Brand<number, 'HypervisorNetworkId'>;

function positiveInteger(value: unknown, name: string): number {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1) {
    throw new InputValidationError({ issues: [{ path: [name], message: `must be a positive integer, got ${JSON.stringify(value)}` }] });
  }
  return number;
}

/** Marks a number as a {@link UserId} after checking it is a positive integer. */
export const UserId = (value: number | string): UserId => positiveInteger(value, 'UserId') as UserId;
/** Marks a number as an {@link ExtRelationId} after checking it is a positive integer. */
export const ExtRelationId = (value: number | string): ExtRelationId => positiveInteger(value, 'ExtRelationId') as ExtRelationId;
/** Marks a number as a {@link HypervisorGroupId} after checking it is a positive integer. */
export const HypervisorGroupId = (value: number | string): HypervisorGroupId =>
  positiveInteger(value, 'HypervisorGroupId') as HypervisorGroupId;
/** Marks a number as a {@link HypervisorId} after checking it is a positive integer. */
export const HypervisorId = (value: number | string): HypervisorId => positiveInteger(value, 'HypervisorId') as HypervisorId;
/** Marks a number as a {@link NetworkProfileId} after checking it is a positive integer. */
export const NetworkProfileId = (value: number | string): NetworkProfileId => positiveInteger(value, 'NetworkProfileId') as NetworkProfileId;
/** Marks a number as a {@link HypervisorNetworkId} after checking it is a positive integer. */
export const HypervisorNetworkId = (value: number | string): HypervisorNetworkId =>
  positiveInteger(value, 'HypervisorNetworkId') as HypervisorNetworkId;
