import type { WebhookEventName } from './event-names';

/** The outcome the panel reports for the action behind an event. Other values pass through. */
export type WebhookEventStatus = 'success' | 'fail' | (string & {});

/**
 * A server as the panel sends it in events: the API's server object. Kept loose (every field
 * passes through) until the resources' schemas tighten it.
 */
export interface WebhookServer {
  id?: number | undefined;
  [field: string]: unknown;
}

/** A user as the panel sends it in events: the API's user object, kept loose. */
export interface WebhookUser {
  id?: number | undefined;
  [field: string]: unknown;
}

/** A hypervisor as the panel sends it in events, kept loose. */
export interface WebhookHypervisor {
  id?: number | undefined;
  [field: string]: unknown;
}

/** Fields every event's `data` has. Unknown fields pass through. */
export interface WebhookEventDataBase {
  /** Errors the panel reports for the action; usually empty. */
  errors: unknown[];
  [field: string]: unknown;
}

/** `data` of most server events: the server the action ran on. */
export interface ServerEventData extends WebhookEventDataBase {
  server: WebhookServer;
}

/** `data` of `server.create`. `server` and `allocation` are `false` when creation failed. */
export interface ServerCreateEventData extends WebhookEventDataBase {
  server: WebhookServer | false;
  /** The arguments the server was created with. */
  args?: Record<string, unknown> | undefined;
  allocation?: Record<string, unknown> | false | undefined;
}

/**
 * `data.ipv6` of the IPv6 events. The panel's field names are `ipv6.block`, `ipv6.subnet`…; they
 * are gathered here whether they arrived nested or as literal dotted keys. Their shapes are not
 * documented, hence `unknown`.
 */
export interface WebhookIpv6Assignment {
  block?: unknown;
  subnet?: unknown;
  ip?: unknown;
  routeBlock?: unknown;
  routeSubnet?: unknown;
  [field: string]: unknown;
}

/** `data` of `server.assign.ipv6` and `server.unassign.ipv6`. */
export interface ServerIpv6EventData extends ServerEventData {
  ipv6: WebhookIpv6Assignment;
}

/** `data.ipv4` of the IPv4 events (from `ipv4.block` and `ipv4.ip`, nested or dotted). */
export interface WebhookIpv4Assignment {
  block?: unknown;
  ip?: unknown;
  [field: string]: unknown;
}

/** `data` of `server.assign.ipv4` and `server.unassign.ipv4`. */
export interface ServerIpv4EventData extends ServerEventData {
  ipv4: WebhookIpv4Assignment;
}

/** `data.hypervisor` of the migration events (from `hypervisor.source` and `hypervisor.destination`). */
export interface WebhookMigrationHypervisors {
  source?: unknown;
  destination?: unknown;
  [field: string]: unknown;
}

/** `data` of the `server.migrate*` events. */
export interface ServerMigrationEventData extends ServerEventData {
  hypervisor: WebhookMigrationHypervisors;
}

/** `data` of `user.create`; `user` is `false` when creation failed. */
export interface UserCreateEventData extends WebhookEventDataBase {
  user: WebhookUser | false;
}

/** `data.user` of `user.modify` (from `user.before` and `user.after`, nested or dotted). */
export interface WebhookUserChange {
  before: WebhookUser;
  after: WebhookUser;
  [field: string]: unknown;
}

/** `data` of `user.modify`. */
export interface UserModifyEventData extends WebhookEventDataBase {
  user: WebhookUserChange;
}

/** `data` of `user.delete`. */
export interface UserDeleteEventData extends WebhookEventDataBase {
  user: WebhookUser;
}

/** `data` of `system.backup.local` and `system.backup.scp`. */
export interface SystemBackupEventData extends WebhookEventDataBase {
  /** The backup's log, or `false`; its shape is not documented. */
  log?: unknown;
}

/** `data` of `system.monitor.hypervisor`. */
export interface SystemMonitorHypervisorEventData extends WebhookEventDataBase {
  /** What the monitor noticed; its values are not documented. */
  type?: unknown;
  hypervisor: WebhookHypervisor | false;
}

/** The `data` type of each documented event. */
export interface WebhookEventDataMap {
  'catch.all': WebhookEventDataBase;
  'server.create': ServerCreateEventData;
  'server.destroy': ServerEventData;
  'server.build': ServerEventData;
  'server.assign.ipv6': ServerIpv6EventData;
  'server.unassign.ipv6': ServerIpv6EventData;
  'server.poweroff': ServerEventData;
  'server.boot': ServerEventData;
  'server.restart': ServerEventData;
  'server.shutdown': ServerEventData;
  'server.suspend': ServerEventData;
  'server.unsuspend': ServerEventData;
  'server.insert.cd': ServerEventData;
  'server.eject.cd': ServerEventData;
  'server.change.boot.order': ServerEventData;
  'server.enable.vnc': ServerEventData;
  'server.disable.vnc': ServerEventData;
  'server.reset.password': ServerEventData;
  'sserver.disk.trim': ServerEventData;
  'server.disk.trim': ServerEventData;
  'server.assign.ipv4': ServerIpv4EventData;
  'server.unassign.ipv4': ServerIpv4EventData;
  'server.migrate': ServerMigrationEventData;
  'server.migrate.complete': ServerMigrationEventData;
  'server.migrate.revert': ServerMigrationEventData;
  'server.migrate.live': ServerMigrationEventData;
  'server.migrate.live.cancel': ServerMigrationEventData;
  'server.migrate.live.abort': ServerMigrationEventData;
  'user.create': UserCreateEventData;
  'user.modify': UserModifyEventData;
  'user.delete': UserDeleteEventData;
  'system.backup.local': SystemBackupEventData;
  'system.backup.scp': SystemBackupEventData;
  'system.monitor.hypervisor': SystemMonitorHypervisorEventData;
}

/** The envelope fields every delivery carries, whatever its event. */
export interface WebhookEventEnvelope {
  /** When the panel created the delivery, as the body gives it. */
  created: string | undefined;
  /** The webhook's id in the panel (`hookId`, `X-VirtFusion-Hook`), as a string. */
  hookId: string;
  /** The delivery's id (`hookEventId`, `X-VirtFusion-Hook-Event`), as a string: the de-duplication key. */
  hookEventId: string;
  /** How the action behind the event ended (`success`, `fail`, …). */
  eventStatus: WebhookEventStatus | undefined;
  /** The panel's domain. */
  controlDomain: string | undefined;
  /** The panel's name. */
  controlName: string | undefined;
  /** The panel's support link. */
  controlSupportLink: string | undefined;
}

/**
 * A documented event with its `data` parsed. Narrow on `known`, then switch on `event`.
 *
 * @typeParam Name - the event's name.
 */
export interface KnownWebhookEvent<Name extends WebhookEventName = WebhookEventName> extends WebhookEventEnvelope {
  /** Always `true` here: narrow on it before switching on `event`. */
  known: true;
  /** The event's name, as in `X-VirtFusion-Event`. */
  event: Name;
  /** The panel's numeric id of the event (see {@link WEBHOOK_EVENTS}). */
  eventId: number;
  /** The event's data, with dotted keys expanded into nested objects. */
  data: WebhookEventDataMap[Name];
}

/** One problem found in an event's `data`, located by a path into it. */
export interface WebhookDataIssue {
  path: (string | number)[];
  message: string;
}

/**
 * An event this SDK has no type for, or a documented event whose `data` did not have the
 * documented shape (then `issues` says what differed and `eventId` is set). Never a failure:
 * the panel grows new events, and a delivery that authenticated is never thrown away.
 */
export interface GenericWebhookEvent extends WebhookEventEnvelope {
  /** Always `false` here. */
  known: false;
  /** The event's name as the panel sent it. */
  event: string;
  /** The panel's numeric id, when the name is a documented one. */
  eventId: number | undefined;
  /** The event's data, with dotted keys expanded and nothing else checked. */
  data: Record<string, unknown>;
  /** Why a documented event fell back to this form; empty for an undocumented event. */
  issues: WebhookDataIssue[];
}

/** The documented event of a given name. */
export type WebhookEventOf<Name extends WebhookEventName> = KnownWebhookEvent<Name>;

/** Any documented event, as a union discriminated on `event`. */
export type AnyKnownWebhookEvent = { [Name in WebhookEventName]: KnownWebhookEvent<Name> }[WebhookEventName];

/**
 * A parsed delivery: a documented event (`known: true`, discriminated on `event`) or a generic one.
 *
 * @example
 * ```ts
 * function onEvent(event: WebhookEvent) {
 *   if (!event.known) return console.log('other event', event.event);
 *   switch (event.event) {
 *     case 'server.assign.ipv4':
 *       console.log(event.data.server.id, event.data.ipv4.ip);
 *       break;
 *     case 'user.modify':
 *       console.log(event.data.user.before.email, '→', event.data.user.after.email);
 *       break;
 *   }
 * }
 * ```
 */
export type WebhookEvent = AnyKnownWebhookEvent | GenericWebhookEvent;
