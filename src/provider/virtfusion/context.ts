import type { VirtFusion } from '../../client';
import type { UserId } from '../../resources/ids';
import type { Catalog } from './catalog';
import type { NameIndex } from './name-index';
import type { VirtFusionCreateOptions } from './options';
import type { Owners } from './owners';
import type { KnownServer } from './records';
import type { Turns } from './turns';
import type { BuildWaiter } from '../waiter/waiter';

export const PROVIDER = 'virtfusion';

/** What the parts of the VirtFusion provider share. */
export interface ProviderContext {
  client: VirtFusion;
  owners: Owners;
  index: NameIndex;
  catalog: Catalog;
  /** What the provider learnt about servers that their records do not say. */
  known: Map<number, KnownServer>;
  defaults: VirtFusionCreateOptions;
  wait: { timeout: number };
  createAttempts: number;
  remoteState: boolean;
  /** Network profile chosen per `groupId/packageId/requested`, with when it was chosen. */
  profiles: Map<string, { profile: number | undefined; at: number }>;
  catalogTtlMs: number;
  destroyDelayMinutes: number;
  /**
   * Turns by owner (`user:<id>`), held by a create only until its server's id is recorded, and by
   * instance name (`name:<userId>:<name>`), held through a whole create of that name.
   */
  turns: Turns;
  /** The loop that watches this client's builds and tasks. */
  waiter: BuildWaiter;
}

export function remember(context: ProviderContext, serverId: number, facts: KnownServer): void {
  context.known.set(serverId, { ...context.known.get(serverId), ...facts });
}
