import type { VirtFusion } from '../../client';
import type { UserId } from '../../resources/ids';
import type { Catalog } from './catalog';
import type { NameIndex } from './name-index';
import type { VirtFusionCreateOptions } from './options';
import type { Owners } from './owners';
import type { KnownServer } from './records';

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
  wait: { interval: number; timeout: number };
  createAttempts: number;
  remoteState: boolean;
  /** Network profile chosen per `groupId/packageId/requested`, with when it was chosen. */
  profiles: Map<string, { profile: number | undefined; at: number }>;
  catalogTtlMs: number;
  destroyDelayMinutes: number;
  /** Runs `task` after every earlier task of the same owner: creates of one owner never overlap. */
  serialize<T>(userId: UserId, task: () => Promise<T>): Promise<T>;
}

export function remember(context: ProviderContext, serverId: number, facts: KnownServer): void {
  context.known.set(serverId, { ...context.known.get(serverId), ...facts });
}
