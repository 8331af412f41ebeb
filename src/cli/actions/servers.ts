import { HypervisorId, UserId, ExtRelationId } from '../../resources/ids';
import type { BuildServerInput, CreateServerInput, QueueItem, Server } from '../../resources/models';
import { readJsonArgument } from '../body';
import { parseCount, parseDuration, parseLimit, parsePositiveInt } from '../durations';
import { UsageError } from '../errors';
import { confirm } from '../prompt';
import { openSession, type GlobalFlags, type Session } from '../session';
import { SERVER_LIST_COLUMNS, serverFields } from './server-view';

async function withSession(flags: GlobalFlags, run: (session: Session) => Promise<void>): Promise<void> {
  const session = await openSession(flags);
  try {
    await run(session);
  } finally {
    await session.vf.close();
  }
}

export interface ListFlags extends GlobalFlags {
  limit?: string | undefined;
  hypervisor?: string[] | undefined;
  full?: boolean | undefined;
}

/** `servers list`: every server, page after page, or the first `--limit`. */
export async function list(flags: ListFlags): Promise<void> {
  const limit = parseLimit(flags.limit);
  const hypervisorId = flags.hypervisor?.map((id) => HypervisorId(parsePositiveInt(id, '--hypervisor')));
  await withSession(flags, async ({ vf, out, signal }) => {
    const options = { signal, ...(hypervisorId ? { hypervisorId } : {}), ...(limit !== undefined && limit < 200 ? { results: limit } : {}) };
    const rows = flags.full ? vf.servers.list({ ...options, type: 'full' }) : vf.servers.list(options);
    await out.list(rows as AsyncIterable<never>, SERVER_LIST_COLUMNS, { limit });
  });
}

export async function get(id: string, flags: GlobalFlags & { remoteState?: boolean }): Promise<void> {
  const serverId = parsePositiveInt(id, 'the server id');
  await withSession(flags, async ({ vf, out, signal }) => {
    const server = await vf.servers.get(serverId, { signal, ...(flags.remoteState ? { remoteState: true } : {}) });
    await out.record(server, () => serverFields(server));
  });
}

export interface CreateFlags extends GlobalFlags {
  package?: string;
  user?: string;
  owner?: string;
  group?: string;
  ipv4?: string;
  memory?: string;
  cpu?: string;
  storage?: string;
  traffic?: string;
  networkProfile?: string;
  dryRun?: boolean;
  body?: string;
}

/** `servers create`: allocates a server (build installs it). Flags override fields of `--body`. */
export async function create(flags: CreateFlags): Promise<void> {
  const base = flags.body === undefined ? {} : await readJsonArgument(flags.body);
  if (base === null || typeof base !== 'object' || Array.isArray(base)) throw new UsageError('--body must hold a JSON object');
  if (flags.user !== undefined && flags.owner !== undefined) throw new UsageError('give --user (panel user id) or --owner (your external id), not both');
  const number = (text: string | undefined, flag: string, positive = true) => (text === undefined ? undefined : positive ? parsePositiveInt(text, flag) : parseCount(text, flag));
  const fields: Record<string, number | undefined> = {
    packageId: number(flags.package, '--package'),
    userId: number(flags.user, '--user'),
    hypervisorId: number(flags.group, '--group'),
    ipv4: number(flags.ipv4, '--ipv4', false),
    memory: number(flags.memory, '--memory'),
    cpuCores: number(flags.cpu, '--cpu'),
    storage: number(flags.storage, '--storage'),
    traffic: number(flags.traffic, '--traffic', false),
    networkProfile: number(flags.networkProfile, '--network-profile', false),
  };
  const owner = number(flags.owner, '--owner');
  const input = { ...(base as Record<string, unknown>), ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
  const required: [field: string, flag: string][] = [['packageId', '--package'], ['hypervisorId', '--group'], ['userId', '--user or --owner']];
  const missing = required.filter(([field]) => input[field] === undefined && !(field === 'userId' && owner !== undefined)).map(([, flag]) => flag);
  if (missing.length > 0) throw new UsageError(`servers create needs --package, --group and --user or --owner; missing: ${missing.join(', ')}`);
  await withSession(flags, async ({ vf, out, signal }) => {
    if (owner !== undefined) input.userId = UserId((await vf.users.get(ExtRelationId(owner), { signal })).id);
    const server = await vf.servers.create(input as CreateServerInput, { signal, ...(flags.dryRun ? { dryRun: true } : {}) });
    await out.record(server, () => serverFields(server));
  });
}

export interface BuildFlags extends GlobalFlags {
  os?: string;
  hostname?: string;
  name?: string;
  sshKey?: string[];
  vnc?: boolean;
  ipv6?: boolean;
  email?: boolean;
  body?: string;
  wait?: boolean;
  waitTimeout?: string;
  interval?: string;
}

/** `servers build <id> --os <templateId>`: installs the OS; prints the root password once. */
export async function build(id: string, flags: BuildFlags): Promise<void> {
  const serverId = parsePositiveInt(id, 'the server id');
  const base = flags.body === undefined ? {} : await readJsonArgument(flags.body);
  if (base === null || typeof base !== 'object' || Array.isArray(base)) throw new UsageError('--body must hold a JSON object');
  const input: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  if (flags.os !== undefined) input.operatingSystemId = parsePositiveInt(flags.os, '--os');
  if (flags.hostname !== undefined) input.hostname = flags.hostname;
  if (flags.name !== undefined) input.name = flags.name;
  if (flags.sshKey !== undefined) input.sshKeys = flags.sshKey.map((key) => parsePositiveInt(key, '--ssh-key'));
  if (flags.vnc) input.vnc = true;
  if (flags.ipv6) input.ipv6 = true;
  if (flags.email) input.email = true;
  if (input.operatingSystemId === undefined) throw new UsageError('servers build needs --os <templateId>; list them with virtfusion templates <packageId>');
  const waitTimeout = flags.waitTimeout === undefined ? undefined : parseDuration(flags.waitTimeout, '--wait-timeout');
  const interval = flags.interval === undefined ? undefined : parseDuration(flags.interval, '--interval');
  await withSession(flags, async (session) => {
    const built = await session.vf.servers.build(serverId, input as BuildServerInput, { signal: session.signal });
    const password = built.settings?.decryptedPassword ?? undefined;
    const final = flags.wait ? await waitForBuild(session, serverId, waitTimeout, interval) : built;
    const record = password === undefined ? final : { ...final, rootPassword: password };
    await session.out.record(record, () => [...serverFields(final), ['root password', password ?? '(not shown by the panel)']]);
  });
}

/** Through the client's shared waiter; read alone (no owner given), the record is a full server. */
async function waitForBuild(session: Session, serverId: number, timeout: number | undefined, interval: number | undefined): Promise<Server> {
  const { buildWaiterFor } = await import('../../provider/waiter/for-client');
  const waiter = buildWaiterFor(session.vf, interval === undefined ? {} : { interval });
  return session.withProgress(`server ${serverId}: waiting for the build`, (progress) =>
    waiter.build(serverId, {
      signal: session.signal,
      ...(timeout === undefined ? {} : { timeout }),
      onProgress: (p) => progress.update(`server ${serverId}: ${p.state} (${Math.round(p.elapsedMs / 1000)} s)`),
    }) as Promise<Server>,
  );
}

/** `servers wait <id>`: until the build completes (exit 7 when it fails, 130 on Ctrl-C). */
export async function wait(id: string, flags: GlobalFlags & { waitTimeout?: string; interval?: string }): Promise<void> {
  const serverId = parsePositiveInt(id, 'the server id');
  const timeout = flags.waitTimeout === undefined ? undefined : parseDuration(flags.waitTimeout, '--wait-timeout');
  const interval = flags.interval === undefined ? undefined : parseDuration(flags.interval, '--interval');
  await withSession(flags, async (session) => {
    const server = await waitForBuild(session, serverId, timeout, interval);
    await session.out.record(server, () => serverFields(server));
  });
}

/** `servers delete <id>`: asks first on a terminal; a script passes --yes. */
export async function remove(id: string, flags: GlobalFlags & { delay?: string; yes?: boolean }): Promise<void> {
  const serverId = parsePositiveInt(id, 'the server id');
  const delay = flags.delay === undefined ? undefined : parseCount(flags.delay, '--delay');
  if (!flags.yes) {
    if (!process.stdin.isTTY) throw new UsageError(`deleting server ${serverId} needs --yes when no one is at a terminal to confirm`);
    if (!(await confirm(`Delete server ${serverId}${delay ? ` in ${delay} minutes` : ''}? [y/N] `))) throw new UsageError('not deleted');
  }
  await withSession(flags, async ({ vf, out, signal }) => {
    await vf.servers.delete(serverId, { signal, ...(delay === undefined ? {} : { delay }) });
    if (out.format === 'json' || out.format === 'ndjson') await out.json({ id: serverId, deleted: true, delayMinutes: delay ?? 0 });
    else await out.note(`server ${serverId} ${delay ? `will be deleted in ${delay} minutes` : 'is being deleted'}`);
  });
}

const POWER_ACTIONS = ['boot', 'shutdown', 'restart', 'poweroff'] as const;
type PowerAction = (typeof POWER_ACTIONS)[number];

/** `servers power <action> <id> [--wait]`: queues the action; with --wait, until the task ends. */
export async function power(action: string, id: string, flags: GlobalFlags & { wait?: boolean; waitTimeout?: string }): Promise<void> {
  if (!(POWER_ACTIONS as readonly string[]).includes(action)) throw new UsageError(`power takes ${POWER_ACTIONS.join(', ')} (got ${JSON.stringify(action)})`);
  const serverId = parsePositiveInt(id, 'the server id');
  const timeout = flags.waitTimeout === undefined ? undefined : parseDuration(flags.waitTimeout, '--wait-timeout');
  await withSession(flags, async (session) => {
    const queued = await session.vf.servers.power[action as PowerAction](serverId, { signal: session.signal });
    const queueId = (queued as { queueId?: number }).queueId;
    if (!flags.wait || queueId === undefined) {
      await session.out.record({ id: serverId, action, queueId }, () => [['server', serverId], ['action', action], ['queue id', queueId]]);
      return;
    }
    const task = await waitForTask(session, queueId, timeout);
    await session.out.record({ id: serverId, action, queueId, task }, () => [['server', serverId], ['action', action], ['queue id', queueId], ['finished', task.finished]]);
  });
}

export function waitForTask(session: Session, queueId: number, timeout: number | undefined): Promise<QueueItem> {
  return session.withProgress(`queue task ${queueId}`, (progress) =>
    session.vf.queue.wait(queueId, {
      signal: session.signal,
      ...(timeout === undefined ? {} : { timeout }),
      onProgress: (t) => progress.update(`queue task ${queueId}: ${t.action ?? 'task'} ${t.progress ?? 0}%`),
    }),
  );
}

/** `servers suspend|unsuspend <id>`. */
export async function suspension(kind: 'suspend' | 'unsuspend', id: string, flags: GlobalFlags): Promise<void> {
  const serverId = parsePositiveInt(id, 'the server id');
  await withSession(flags, async ({ vf, out, signal }) => {
    await vf.servers[kind](serverId, { signal });
    if (out.format === 'json' || out.format === 'ndjson') await out.json({ id: serverId, suspended: kind === 'suspend' });
    else await out.note(`server ${serverId} ${kind === 'suspend' ? 'suspended' : 'unsuspended'}`);
  });
}

export { withSession };
