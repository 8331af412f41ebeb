import type { LocalServerRecord } from './local-records';
import type { ServerFacts, ServerResources } from './panel-server';

/** A field that differs between your record and the panel. */
export type ChangedField = 'owner' | 'package' | 'state' | 'hostname' | 'addresses';

/** One difference: your value and the panel's. */
export interface FieldChange {
  field: ChangedField;
  local: unknown;
  panel: unknown;
}

const RESOURCE_KEYS: readonly (keyof ServerResources)[] = ['memory', 'cpuCores', 'storage', 'traffic'];

function resourcesDiffer(expected: Partial<ServerResources>, actual: ServerResources): boolean {
  return RESOURCE_KEYS.some((key) => expected[key] !== undefined && actual[key] !== undefined && expected[key] !== actual[key]);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sorted = [...a].sort();
  return sorted.every((value, i) => value === b[i]);
}

/**
 * The fields your record gives that differ from the panel. A field you leave out is not compared;
 * the owner is compared only when the panel's record carries it.
 */
export function compareServer(local: LocalServerRecord, panel: ServerFacts, packages: ReadonlyMap<number, Partial<ServerResources>>): FieldChange[] {
  const changes: FieldChange[] = [];
  if (local.ownerRef !== undefined && panel.ownerRef !== undefined && String(local.ownerRef) !== String(panel.ownerRef)) {
    changes.push({ field: 'owner', local: local.ownerRef, panel: panel.ownerRef });
  }
  const expected = local.packageId === undefined ? local.resources : { ...packages.get(local.packageId), ...local.resources };
  if (expected !== undefined && resourcesDiffer(expected, panel.resources)) {
    changes.push({ field: 'package', local: local.packageId === undefined ? expected : { packageId: local.packageId, ...expected }, panel: panel.resources });
  }
  const stateDiffers = local.state !== undefined && local.state !== panel.state;
  const suspensionDiffers = local.suspended !== undefined && local.suspended !== panel.suspended;
  if (stateDiffers || suspensionDiffers) {
    changes.push({ field: 'state', local: { state: local.state, suspended: local.suspended }, panel: { state: panel.state, suspended: panel.suspended } });
  }
  if (local.hostname !== undefined && (local.hostname ?? null) !== panel.hostname) changes.push({ field: 'hostname', local: local.hostname, panel: panel.hostname });
  if (local.addresses !== undefined && !sameSet(local.addresses, panel.addresses)) changes.push({ field: 'addresses', local: [...local.addresses], panel: panel.addresses });
  return changes;
}
