import type { VirtFusion } from '../../client';
import { BuildWaiter, type BuildWaiterOptions } from './waiter';

const waiters = new WeakMap<VirtFusion, Map<string, BuildWaiter>>();

/**
 * The waiter of `client`: one per client and settings, so that every build and task waited on
 * through the same client (by the provider, the CLI, fleet workers) is read in one loop.
 */
export function buildWaiterFor(client: VirtFusion, options: BuildWaiterOptions = {}): BuildWaiter {
  const key = JSON.stringify([options.expectedBuildMs, options.interval, options.taskInterval]);
  let byKey = waiters.get(client);
  if (byKey === undefined) waiters.set(client, (byKey = new Map()));
  let waiter = byKey.get(key);
  if (waiter === undefined) byKey.set(key, (waiter = new BuildWaiter(client, options)));
  return waiter;
}
