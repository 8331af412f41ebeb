import type { VirtFusion } from '../../client';
import { object } from '../virtfusion/json';
import type { PanelMembersContext, ServerIdReader } from './context';
import { invalidArgument, notFound, notSupported } from './errors';
import type { SkyPanelCreateDiskParams, SkyPanelDisk } from './shapes';

const MB_PER_GB = 1024;
const FILESYSTEMS = ['ext3', 'ext4', 'xfs', 'ntfs', 'btrfs'] as const;

function iso(value: unknown): string {
  const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? '' : new Date(at).toISOString();
}

/**
 * A drive of a server record (`storage[]`) in the panel's disk shape: `size` in MB (VirtFusion
 * counts GB), `filesystem` `raw` when the panel made none, `status` `ready` unless disabled.
 */
export function toSkyDisk(record: unknown): SkyPanelDisk {
  const disk = object(record);
  const capacity = typeof disk.capacity === 'number' ? disk.capacity : 0;
  return {
    id: Number(disk.id ?? disk._id),
    label: typeof disk.name === 'string' && disk.name !== '' ? disk.name : `drive ${String(disk.drive ?? '?')}`,
    status: disk.enabled === false ? 'not ready' : 'ready',
    size: capacity * MB_PER_GB,
    filesystem: typeof disk.filesystem === 'string' && disk.filesystem !== '' ? disk.filesystem : 'raw',
    created: iso(disk.created),
    updated: iso(disk.updated),
  };
}

/**
 * Disk members of the gvps-cloud fork over VirtFusion (panel 7.1 and later for changes). Disks
 * are read from the server's record; sizes given in MB are rounded up to whole GB, VirtFusion's unit.
 */
export class SkyPanelDisks<P extends string> {
  readonly #client: VirtFusion;
  readonly #provider: P;
  readonly #serverId: ServerIdReader;

  constructor(on: PanelMembersContext<P>) {
    ({ client: this.#client, provider: this.#provider, serverId: this.#serverId } = on);
  }

  #diskId(value: unknown): number {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw invalidArgument(this.#provider, 'diskId', 'diskId must be a disk id, a positive integer.');
    return value;
  }

  #sizeGb(value: unknown): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 1) throw invalidArgument(this.#provider, 'size', 'size must be a number of MB, at least 1.');
    return Math.ceil(value / MB_PER_GB);
  }

  /** `raw` (Linode's word for none) makes a blank disk; swap and initrd have no VirtFusion counterpart. */
  #filesystem(value: string | undefined): { filesystem?: (typeof FILESYSTEMS)[number] } {
    if (value === undefined || value === 'raw') return {};
    const known = FILESYSTEMS.find((name) => name === value);
    if (known === undefined) throw notSupported(this.#provider, 'createDisk filesystem', `VirtFusion formats a new disk as ${FILESYSTEMS.join(', ')}, or leaves it raw; not ${JSON.stringify(value)}.`);
    return { filesystem: known };
  }

  async listDisks(instanceId: string): Promise<SkyPanelDisk[]> {
    const server = object(await this.#client.servers.get(this.#serverId(instanceId, 'instanceId')));
    return (Array.isArray(server.storage) ? server.storage : []).map(toSkyDisk);
  }

  async getDisk(instanceId: string, diskId: number): Promise<SkyPanelDisk> {
    const id = this.#diskId(diskId);
    const found = (await this.listDisks(instanceId)).find((disk) => disk.id === id);
    if (found === undefined) throw notFound(this.#provider, 'diskId', `Instance ${instanceId} has no disk ${id}.`);
    return found;
  }

  async createDisk(instanceId: string, params: SkyPanelCreateDiskParams): Promise<SkyPanelDisk> {
    const serverId = this.#serverId(instanceId, 'instanceId');
    if (params === null || typeof params !== 'object') throw invalidArgument(this.#provider, 'params', 'createDisk takes { label, size, filesystem? }.');
    for (const field of ['image', 'rootPassword', 'authorizedKeys', 'stackscriptId', 'stackscriptData'] as const) {
      if (params[field] !== undefined) throw notSupported(this.#provider, `createDisk ${field}`, 'VirtFusion adds blank disks; an image goes on the primary disk through a rebuild.');
    }
    if (params.filesystem !== undefined && typeof params.filesystem !== 'string') throw invalidArgument(this.#provider, 'filesystem', 'filesystem must be a string such as "ext4".');
    const sizeGb = this.#sizeGb(params.size);
    const before = new Set((await this.listDisks(instanceId)).map((disk) => disk.id));
    const filesystem = this.#filesystem(params.filesystem);
    await this.#client.servers.disks.create(serverId, { sizeGb, ...filesystem });
    const added = (await this.listDisks(instanceId)).find((disk) => !before.has(disk.id));
    if (added === undefined) throw notFound(this.#provider, 'diskId', `The panel accepted a disk for instance ${instanceId}, but its record shows none new.`);
    return added;
  }

  async resizeDisk(instanceId: string, diskId: number, size: number): Promise<void> {
    const serverId = this.#serverId(instanceId, 'instanceId');
    await this.#client.servers.disks.update(serverId, this.#diskId(diskId), { sizeGb: this.#sizeGb(size) });
  }

  async deleteDisk(instanceId: string, diskId: number): Promise<void> {
    const serverId = this.#serverId(instanceId, 'instanceId');
    await this.#client.servers.disks.delete(serverId, this.#diskId(diskId), { confirm: true });
  }
}
