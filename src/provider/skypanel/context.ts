import type { VirtFusion } from '../../client';

/** Reads an instance id argument as a VirtFusion server id, or throws a `VALIDATION_ERROR` naming `field`. */
export type ServerIdReader = (id: unknown, field?: string) => number;

/** What the VirtFusion-only member groups (IP, disks) work with. */
export interface PanelMembersContext<P extends string> {
  client: VirtFusion;
  provider: P;
  serverId: ServerIdReader;
}
