import type { Hypervisor, HypervisorGroup, Package } from '../../resources/models';
import { parseDuration, parseLimit, parsePositiveInt } from '../durations';
import type { GlobalFlags } from '../session';
import type { Column } from '../table';
import { waitForTask, withSession } from './servers';

type ListFlags = GlobalFlags & { limit?: string | undefined };

const PACKAGE_COLUMNS: readonly Column<Package>[] = [
  { header: 'ID', cell: (p) => p.id },
  { header: 'NAME', cell: (p) => p.name },
  { header: 'ENABLED', cell: (p) => (p.enabled ? 'yes' : 'no') },
  { header: 'CPU', cell: (p) => p.cpuCores },
  { header: 'MEMORY MB', cell: (p) => p.memory },
  { header: 'DISK GB', cell: (p) => p.primaryStorage },
  { header: 'TRAFFIC GB', cell: (p) => p.traffic },
];

export async function packages(flags: ListFlags): Promise<void> {
  const limit = parseLimit(flags.limit);
  await withSession(flags, async ({ vf, out, signal }) => {
    await out.list(await vf.packages.list({ signal }), PACKAGE_COLUMNS, { limit });
  });
}

interface TemplateRow {
  id: number;
  group: string;
  name: string;
  version?: string | null;
  variant?: string | null;
  eol?: boolean;
}

/** `templates <packageId>`: the OS templates a server of the package can be built with, one row each. */
export async function templates(packageId: string, flags: ListFlags): Promise<void> {
  const id = parsePositiveInt(packageId, 'the package id');
  const limit = parseLimit(flags.limit);
  await withSession(flags, async ({ vf, out, signal }) => {
    const groups = await vf.media.templates(id, { signal });
    const rows: TemplateRow[] = groups.flatMap((group) => (group.templates ?? []).map((t) => ({ ...t, group: group.name }) as TemplateRow));
    await out.list(rows, [
      { header: 'ID', cell: (t) => t.id },
      { header: 'GROUP', cell: (t) => t.group },
      { header: 'NAME', cell: (t) => t.name },
      { header: 'VERSION', cell: (t) => t.version },
      { header: 'VARIANT', cell: (t) => t.variant },
      { header: 'EOL', cell: (t) => (t.eol ? 'yes' : 'no') },
    ], { limit });
  });
}

export async function hypervisors(flags: ListFlags): Promise<void> {
  const limit = parseLimit(flags.limit);
  await withSession(flags, async ({ vf, out, signal }) => {
    await out.list(vf.hypervisors.list({ signal, ...(limit !== undefined && limit < 200 ? { results: limit } : {}) }), [
      { header: 'ID', cell: (h: Hypervisor) => h.id },
      { header: 'NAME', cell: (h) => h.name },
      { header: 'IP', cell: (h) => h.ip },
      { header: 'GROUP', cell: (h) => (h.group as { name?: string } | undefined)?.name },
      { header: 'ENABLED', cell: (h) => (h.enabled ? 'yes' : 'no') },
      { header: 'MAINTENANCE', cell: (h) => (h.maintenance ? 'yes' : 'no') },
    ], { limit });
  });
}

export async function groups(flags: ListFlags): Promise<void> {
  const limit = parseLimit(flags.limit);
  await withSession(flags, async ({ vf, out, signal }) => {
    await out.list(vf.hypervisors.groups.list({ signal, ...(limit !== undefined && limit < 200 ? { results: limit } : {}) }), [
      { header: 'ID', cell: (g: HypervisorGroup) => g.id },
      { header: 'NAME', cell: (g) => g.name },
      { header: 'DEFAULT', cell: (g) => (g.default ? 'yes' : 'no') },
      { header: 'ENABLED', cell: (g) => (g.enabled ? 'yes' : 'no') },
      { header: 'DESCRIPTION', cell: (g) => g.description },
    ], { limit });
  });
}

/** `queue wait <id>`: until the panel task ends (exit 7 when it failed). */
export async function queueWait(id: string, flags: GlobalFlags & { waitTimeout?: string }): Promise<void> {
  const queueId = parsePositiveInt(id, 'the queue id');
  const timeout = flags.waitTimeout === undefined ? undefined : parseDuration(flags.waitTimeout, '--wait-timeout');
  await withSession(flags, async (session) => {
    const task = await waitForTask(session, queueId, timeout);
    await session.out.record(task, () => [
      ['id', task.id],
      ['action', task.action],
      ['server', task.serverId],
      ['progress', `${task.progress}%`],
      ['started', task.started],
      ['finished', task.finished],
    ]);
  });
}
