import type { Route } from '../../../generated/operations';
import { created, invalid, notFound, type Answer } from '../answers';
import type { PackageRecord, ServerRecord } from '../state/records';
import { BodyReader } from './body';
import { findDisk, idParam, requireIdleServer, requireServer, requireUserById, type Handler } from './context';

/** A `PUT /servers/{id}/modify/...` handler: reads one field, applies it, answers 201 without a body. */
function modify(read: (reader: BodyReader) => ((server: ServerRecord) => void) | undefined): Handler {
  return (ctx): Answer => {
    const server = requireIdleServer(ctx);
    const reader = new BodyReader(ctx.body);
    const apply = read(reader);
    reader.finish();
    apply?.(server);
    server.updated = ctx.now;
    return created();
  };
}

const SAME = 'not updated. It matches the current value';

/** Applies the chosen values of a new package; returns the notes the panel gives for values left alone. */
function applyPackage(server: ServerRecord, pkg: PackageRecord, choice: Record<string, boolean | undefined>): string[] {
  const info: string[] = [];
  const set = (flag: string, label: string, current: number | null, next: number | null, write: (value: number) => void): void => {
    if (choice[flag] !== true) return;
    if (next === null || current === next) info.push(`${label} ${SAME}`);
    else write(next);
  };
  set('cpu', 'CPU cores', server.cpuCores, pkg.cpuCores, (v) => (server.cpuCores = v));
  set('memory', 'memory', server.memory, pkg.memory, (v) => (server.memory = v));
  set('primaryNetworkTraffic', 'traffic', server.traffic, pkg.traffic, (v) => (server.traffic = v));
  set('primaryNetworkInboundSpeed', 'primary network speed inbound', server.networkSpeedIn, pkg.primaryNetworkSpeedIn, (v) => (server.networkSpeedIn = v));
  set('primaryNetworkOutboundSpeed', 'primary network speed outbound', server.networkSpeedOut, pkg.primaryNetworkSpeedOut, (v) => (server.networkSpeedOut = v));
  set('primaryDiskReadIOPS', 'read IOPS', null, pkg.primaryStorageReadIopsSec, () => {});
  set('primaryDiskWriteIOPS', 'write IOPS', null, pkg.primaryStorageWriteIopsSec, () => {});
  set('primaryDiskReadThroughput', 'read bytes/sec', null, pkg.primaryStorageReadBytesSec, () => {});
  set('primaryDiskWriteThroughput', 'write bytes/sec', null, pkg.primaryStorageWriteBytesSec, () => {});
  if (choice.primaryDiskSize === true) {
    const disk = server.disks.find((d) => d.primary);
    if (disk === undefined || pkg.primaryStorage <= disk.capacity) info.push('primary disk not updated. It either matches or is lower than the current value');
    else {
      disk.capacity = pkg.primaryStorage;
      server.storage = pkg.primaryStorage;
    }
  }
  if (choice.backupPlan === true) server.backupPlanId = pkg.backupPlanId === 0 ? null : pkg.backupPlanId;
  server.packageId = pkg.id;
  return info;
}

const PACKAGE_FLAGS = [
  'backupPlan',
  'cpu',
  'memory',
  'primaryDiskSize',
  'primaryDiskReadIOPS',
  'primaryDiskWriteIOPS',
  'primaryDiskReadThroughput',
  'primaryDiskWriteThroughput',
  'primaryNetworkInboundSpeed',
  'primaryNetworkOutboundSpeed',
  'primaryNetworkTraffic',
];

export const serverConfigHandlers = {
  'PUT /servers/{serverId}/modify/name': modify((reader) => {
    const name = reader.string('name', { required: true, max: 255 });
    return name === undefined ? undefined : (server) => (server.name = name);
  }),
  'PUT /servers/{serverId}/modify/memory': modify((reader) => {
    const memory = reader.integer('memory', { required: true, min: 256 });
    return memory === undefined ? undefined : (server) => (server.memory = memory);
  }),
  'PUT /servers/{serverId}/modify/cpuCores': modify((reader) => {
    const cores = reader.integer('cores', { required: true, min: 1, max: 600 });
    return cores === undefined ? undefined : (server) => (server.cpuCores = cores);
  }),
  'PUT /servers/{serverId}/modify/traffic': modify((reader) => {
    const traffic = reader.integer('traffic', { required: true, min: 0, max: 999_999_999 });
    return traffic === undefined ? undefined : (server) => (server.traffic = traffic);
  }),
  'PUT /servers/{serverId}/modify/cpuThrottle': modify((reader) => {
    const percent = reader.integer('percent', { required: true, min: 0, max: 99 });
    return percent === undefined ? undefined : (server) => (server.cpuThrottle = percent);
  }),

  'PUT /servers/{serverId}/modify/storage': (ctx) => {
    const server = requireIdleServer(ctx);
    const reader = new BodyReader(ctx.body);
    const size = reader.integer('size', { required: true, min: 1 });
    // Panels before 7.1 know no `drive` and resize the primary drive.
    const drive = reader.string('drive', { pattern: /^[a-z]$/, message: 'The drive field must be a drive letter.' }) ?? 'a';
    reader.finish();
    const disk = findDisk(server, drive);
    if (disk === undefined) throw notFound('disk not found');
    if (size! < disk.capacity) throw invalid('A disk can only grow; the new size is smaller than the current one.');
    disk.capacity = size!;
    disk.updated = ctx.now;
    if (disk.primary) server.storage = size!;
    server.updated = ctx.now;
    return created();
  },

  'PUT /servers/{serverId}/package/{packageId}': (ctx) => {
    const server = requireIdleServer(ctx);
    const pkg = ctx.store.packages.get(idParam(ctx, 'packageId'));
    if (pkg === undefined) throw notFound('package not found');
    const reader = new BodyReader(ctx.body ?? {});
    const choice = Object.fromEntries(PACKAGE_FLAGS.map((flag) => [flag, reader.boolean(flag)]));
    reader.finish();
    const info = applyPackage(server, pkg, choice);
    server.updated = ctx.now;
    return ctx.store.settings.packageChangeStatus === 204 ? { status: 204 } : { status: 200, body: { info } };
  },

  'PUT /servers/{serverId}/owner/{newOwnerId}': (ctx) => {
    const server = requireIdleServer(ctx);
    const owner = requireUserById(ctx, 'newOwnerId');
    if (owner.id !== server.ownerId) {
      server.ownerId = owner.id;
      server.sshKeyIds = [];
      server.updated = ctx.now;
    }
    return created();
  },

  'PUT /servers/{serverId}/backups/plan/{planId}': (ctx) => {
    const server = requireIdleServer(ctx);
    const planId = idParam(ctx, 'planId');
    if (planId !== 0 && !ctx.store.backupPlans.has(planId)) throw notFound('backup plan not found');
    server.backupPlanId = planId === 0 ? null : planId;
    server.updated = ctx.now;
    return created();
  },

  'PUT /servers/{serverId}/backupManager/access': (ctx) => {
    const server = requireServer(ctx);
    const reader = new BodyReader(ctx.body);
    const type = reader.string('type', { required: true, oneOf: ['inherit', 'disabled', 'scheduled', 'view_restore', 'full', 'manual'] });
    reader.finish();
    server.backupManagerAccess = type!;
    server.updated = ctx.now;
    return created();
  },
} satisfies Partial<Record<Route, Handler>>;
