import type { Route } from '../../../generated/operations';
import { created, invalid, noContent, notFound, ok } from '../answers';
import { presentDisk } from '../present/servers';
import { noQos, queueTask } from '../state/lifecycle';
import type { DiskRecord, ServerRecord } from '../state/records';
import { BodyReader } from './body';
import { findDisk, idParam, requireIdleServer, requireServer, type Handler, type HandlerContext } from './context';

/** The panel 7.1 limits and choices of the createServerDisk and updateServerDisk reference pages. */
const MAX_DISKS = 16;
const BUSES = ['default', 'virtio', 'virtio-scsi', 'sata', 'virtio-discard', 'virtio-scsi-single'];
const CACHES = ['default', 'none', 'writethrough', 'writeback', 'directsync', 'unsafe'];
const IO_MODES = ['default', 'threads', 'native', 'io_uring', 'none'];
const FILESYSTEMS = ['none', 'ext3', 'ext4', 'xfs', 'ntfs', 'btrfs'];
const FORMATS = ['qcow2', 'raw'] as const;
const QOS_FIELDS = ['readIops', 'writeIops', 'readBytes', 'writeBytes'] as const;
const QOS_MAX = 99_999_999_999_999;

/** `default` leaves a setting to the hypervisor, which the disk records as null. */
const chosen = (value: string | undefined): string | null | undefined => (value === 'default' ? null : value);

/** The `qos` object of a disk body: each limit a non-negative integer, or null for none. */
function readQos(reader: BodyReader): Partial<DiskRecord['qos']> | undefined {
  const qos = reader.raw('qos');
  if (qos === undefined) return undefined;
  if (qos === null || typeof qos !== 'object' || Array.isArray(qos)) {
    reader.reject('The qos field must be an object.');
    return undefined;
  }
  const inner = new BodyReader(qos);
  const limits: Partial<DiskRecord['qos']> = {};
  for (const field of QOS_FIELDS) {
    if (inner.isNull(field)) limits[field] = null;
    const value = inner.integer(field, { min: 0, max: QOS_MAX });
    // 0 means no limit, as null does.
    if (value !== undefined) limits[field] = value === 0 ? null : value;
  }
  inner.rejectUnknown();
  for (const error of inner.errors) reader.reject(error.replace(/^The /, 'The qos.'));
  return limits;
}

function requireDisk(ctx: HandlerContext, server: ServerRecord): DiskRecord {
  const disk = findDisk(server, ctx.params.diskRef ?? '');
  if (disk === undefined) throw notFound('disk not found');
  return disk;
}

/** The rescue images a hypervisor can boot, as `getServerRescue` lists them. */
const RESCUE_IMAGES = [
  { id: 1, name: 'SystemRescue 11' },
  { id: 2, name: 'Finnix 126' },
];

export const serverStorageHandlers = {
  'GET /servers/{serverId}/disks': (ctx) => {
    const server = requireServer(ctx);
    return ok({ data: server.disks.map((disk) => presentDisk(ctx.store, server, disk)) });
  },

  'POST /servers/{serverId}/disks': (ctx) => {
    const server = requireIdleServer(ctx);
    const reader = new BodyReader(ctx.body);
    const sizeGb = reader.integer('sizeGb', { required: true, min: 1 });
    const filesystem = reader.string('filesystem', { oneOf: FILESYSTEMS });
    const storagePointId = reader.integer('storagePointId', { min: 0 });
    const format = reader.string('format', { oneOf: FORMATS }) as (typeof FORMATS)[number] | undefined;
    const bus = chosen(reader.string('bus', { oneOf: BUSES }));
    const cache = chosen(reader.string('cache', { oneOf: CACHES }));
    const io = chosen(reader.string('io', { oneOf: IO_MODES }));
    const qos = readQos(reader);
    reader.rejectUnknown();
    reader.finish();
    if (server.disks.length >= MAX_DISKS) throw invalid(`A server can have at most ${MAX_DISKS} disks.`);
    const used = new Set(server.disks.map((d) => d.drive));
    const drive = [...'abcdefghij'].find((letter) => !used.has(letter))!;
    const disk: DiskRecord = {
      id: ctx.store.nextId('disk'),
      drive,
      capacity: sizeGb!,
      primary: false,
      // 0, null or nothing: the hypervisor's local default storage.
      profile: storagePointId || 1,
      bus: bus ?? null,
      cache: cache ?? null,
      io: io ?? null,
      format: format ?? 'qcow2',
      enabled: true,
      filesystem: filesystem === undefined || filesystem === 'none' ? null : filesystem,
      qos: { ...noQos(), ...qos },
      created: ctx.now,
      updated: ctx.now,
    };
    server.disks.push(disk);
    server.updated = ctx.now;
    return created({ data: presentDisk(ctx.store, server, disk) });
  },

  'GET /servers/{serverId}/disks/{diskRef}': (ctx) => {
    const server = requireServer(ctx);
    return ok({ data: presentDisk(ctx.store, server, requireDisk(ctx, server)) });
  },

  'PUT /servers/{serverId}/disks/{diskRef}': (ctx) => {
    const server = requireIdleServer(ctx);
    const disk = requireDisk(ctx, server);
    const reader = new BodyReader(ctx.body);
    const capacity = reader.integer('sizeGb', { min: 1 });
    const bus = chosen(reader.string('bus', { oneOf: BUSES }));
    const cache = chosen(reader.string('cache', { oneOf: CACHES }));
    const io = chosen(reader.string('io', { oneOf: IO_MODES }));
    const qos = readQos(reader);
    const enabled = reader.boolean('enabled');
    const apply = reader.boolean('apply');
    if (apply !== undefined && qos === undefined) reader.reject('The apply field is only allowed together with qos.');
    if (enabled !== undefined && disk.primary) reader.reject('The primary disk cannot be enabled or disabled.');
    reader.rejectUnknown();
    reader.finish();
    if (capacity === undefined && bus === undefined && cache === undefined && io === undefined && qos === undefined && enabled === undefined) {
      throw invalid('Send at least one setting to change.');
    }
    if (qos !== undefined) disk.qos = { ...disk.qos, ...qos };
    if (capacity !== undefined && capacity < disk.capacity) throw invalid('A disk can only grow; the new size is smaller than the current one.');
    if (capacity !== undefined) disk.capacity = capacity;
    if (bus !== undefined) disk.bus = bus;
    if (cache !== undefined) disk.cache = cache;
    if (io !== undefined) disk.io = io;
    if (enabled !== undefined) disk.enabled = enabled;
    disk.updated = ctx.now;
    if (disk.primary) server.storage = disk.capacity;
    server.updated = ctx.now;
    return ok({ data: presentDisk(ctx.store, server, disk) });
  },

  'DELETE /servers/{serverId}/disks/{diskRef}': (ctx) => {
    const server = requireIdleServer(ctx);
    const disk = requireDisk(ctx, server);
    const reader = new BodyReader(ctx.body ?? {});
    const confirm = reader.boolean('confirm');
    reader.finish();
    if (disk.primary) throw invalid('The primary disk cannot be removed.');
    // A disk the running server is using is active: removing it needs an explicit confirmation.
    if (server.power === 'running' && confirm !== true) throw invalid('The disk is active; send confirm: true to remove it.');
    server.disks = server.disks.filter((d) => d !== disk);
    server.updated = ctx.now;
    return noContent();
  },

  'GET /servers/{serverId}/rescue': (ctx) => {
    const server = requireServer(ctx);
    const session = server.rescue;
    const image = session === null ? null : (RESCUE_IMAGES.find((i) => i.id === session.imageId) ?? null);
    return ok({
      data: {
        active: session !== null,
        image,
        login: session === null ? null : { username: 'root', password: session.password },
        images: RESCUE_IMAGES.map((i) => ({ ...i })),
      },
    });
  },

  'POST /servers/{serverId}/rescue': (ctx) => {
    const server = requireIdleServer(ctx);
    const reader = new BodyReader(ctx.body ?? {});
    const imageId = reader.integer('imageId', { min: 1 }) ?? RESCUE_IMAGES[0]!.id;
    const sendMail = reader.boolean('sendMail') ?? true;
    if (!RESCUE_IMAGES.some((i) => i.id === imageId)) reader.reject('The selected image id is invalid.');
    reader.rejectUnknown();
    reader.finish();
    if (server.rescue !== null) throw invalid('A rescue session is already active on this server.');
    server.rescue = { imageId, password: ctx.store.random.alnum(16), started: ctx.now };
    server.updated = ctx.now;
    const item = queueTask(ctx.store, { action: 'rescue_enable', job: 'App\\Jobs\\Server\\KVM\\Rescue', server }, ctx.now);
    return ok({ data: { active: true, imageId, emailed: sendMail, queueId: item.id } });
  },

  'GET /servers/{serverId}/hypervisorAssets/available': (ctx) => {
    const server = requireServer(ctx);
    const assets = [...ctx.store.assets.values()].filter((a) => a.hypervisorId === server.hypervisorId && a.serverId === null);
    return ok({ data: assets.map((a) => ({ id: a.id, name: a.name, type: a.type, hypervisorId: a.hypervisorId })) });
  },

  'POST /servers/{serverId}/hypervisorAssets/{assetId}': (ctx) => {
    const server = requireIdleServer(ctx);
    const asset = ctx.store.assets.get(idParam(ctx, 'assetId'));
    if (asset === undefined) throw notFound('asset not found');
    if (asset.hypervisorId !== server.hypervisorId || (asset.serverId !== null && asset.serverId !== server.id)) throw invalid('The asset is not available to this server.');
    asset.serverId = server.id;
    server.updated = ctx.now;
    return created({ data: { id: asset.id, name: asset.name, type: asset.type, serverId: server.id } });
  },
} satisfies Partial<Record<Route, Handler>>;
