import type { Route } from '../../../generated/operations';
import { locked, notFound, type Answer } from '../answers';
import { queryBoolean, type Query } from '../query';
import { isBuilding } from '../state/lifecycle';
import type { EmulatorStore } from '../state/store';
import type { DiskRecord, InterfaceRecord, ServerRecord, UserRecord } from '../state/records';

/** Everything a handler gets about one request. */
export interface HandlerContext {
  store: EmulatorStore;
  route: Route;
  params: Record<string, string>;
  query: Query;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
  now: number;
  /** Absolute URL of the requested path, for the paginator's `*_url` fields. */
  pageUrl: string;
  /** The emulator's origin, for links such as the VNC console. */
  origin: string;
}

export type Handler = (ctx: HandlerContext) => Answer;

export function idParam(ctx: HandlerContext, name: string): number {
  return Number(ctx.params[name]);
}

export function requireServer(ctx: HandlerContext): ServerRecord {
  const server = ctx.store.servers.get(idParam(ctx, 'serverId'));
  if (server === undefined) throw notFound('server not found');
  return server;
}

/** The server, refusing with 423 while a build is running on it. */
export function requireIdleServer(ctx: HandlerContext): ServerRecord {
  const server = requireServer(ctx);
  if (isBuilding(server)) throw locked('server is locked while a build is in progress');
  return server;
}

/** The user addressed by `{extRelationId}`, or by relation string when `relStr=true`. */
export function requireUser(ctx: HandlerContext): UserRecord {
  const reference = ctx.params.extRelationId ?? '';
  const user = ctx.store.findUser(reference, queryBoolean(ctx.query, 'relStr') === true);
  if (user === undefined) throw notFound('user not found');
  return user;
}

export function requireUserById(ctx: HandlerContext, name: string): UserRecord {
  const user = ctx.store.users.get(idParam(ctx, name));
  if (user === undefined) throw notFound('user not found');
  return user;
}

/** A disk of a server by its id (`12`) or its drive letter (`a` is the primary drive). */
export function findDisk(server: ServerRecord, reference: string | number): DiskRecord | undefined {
  const byId = typeof reference === 'number' || /^\d+$/.test(reference);
  return server.disks.find((disk) => (byId ? disk.id === Number(reference) : disk.drive === reference));
}

/** A server's interface by `primary`, `secondary` or its ten-digit tag. */
export function findInterface(server: ServerRecord, reference: string): InterfaceRecord | undefined {
  if (reference === 'primary') return server.primary;
  if (reference === 'secondary') return server.secondary ?? undefined;
  return [server.primary, server.secondary].find((nic) => nic !== null && String(nic.tag) === reference) ?? undefined;
}

/** The interface named by the `{interface}` path parameter, or 404. */
export function requireInterface(ctx: HandlerContext, server: ServerRecord): InterfaceRecord {
  const reference = ctx.params.interface ?? '';
  const nic = findInterface(server, reference);
  if (nic === undefined) throw notFound(reference === 'secondary' ? 'The server has no secondary interface.' : 'interface not found');
  return nic;
}
