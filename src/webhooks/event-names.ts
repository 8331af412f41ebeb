/**
 * Every event VirtFusion documents, by name, with the numeric id the panel gives it.
 * `sserver.disk.trim` is spelled so in the panel's documentation; `server.disk.trim` is accepted
 * as the same event (id 18).
 *
 * @example
 * ```ts
 * WEBHOOK_EVENTS['server.build']; // 3
 * ```
 */
export const WEBHOOK_EVENTS = {
  'catch.all': 1000,
  'server.create': 1,
  'server.destroy': 2,
  'server.build': 3,
  'server.assign.ipv6': 4,
  'server.unassign.ipv6': 5,
  'server.poweroff': 6,
  'server.boot': 7,
  'server.restart': 8,
  'server.shutdown': 9,
  'server.suspend': 10,
  'server.unsuspend': 11,
  'server.insert.cd': 12,
  'server.eject.cd': 13,
  'server.change.boot.order': 14,
  'server.enable.vnc': 15,
  'server.disable.vnc': 16,
  'server.reset.password': 17,
  'sserver.disk.trim': 18,
  'server.disk.trim': 18,
  'server.assign.ipv4': 19,
  'server.unassign.ipv4': 20,
  'server.migrate': 21,
  'server.migrate.complete': 22,
  'server.migrate.revert': 23,
  'user.create': 25,
  'user.modify': 26,
  'user.delete': 27,
  'system.backup.local': 28,
  'system.backup.scp': 29,
  'system.monitor.hypervisor': 30,
  'server.migrate.live': 31,
  'server.migrate.live.cancel': 32,
  'server.migrate.live.abort': 33,
} as const satisfies Record<string, number>;

/** The name of an event VirtFusion documents. */
export type WebhookEventName = keyof typeof WEBHOOK_EVENTS;

/**
 * The names in {@link WEBHOOK_EVENTS}, in the same order.
 *
 * @example
 * ```ts
 * WEBHOOK_EVENT_NAMES.includes('user.create'); // true
 * ```
 */
export const WEBHOOK_EVENT_NAMES = Object.freeze(Object.keys(WEBHOOK_EVENTS)) as readonly WebhookEventName[];

/**
 * Whether `name` is one of the documented events.
 *
 * @example
 * ```ts
 * isWebhookEventName('server.boot'); // true
 * isWebhookEventName('server.teleport'); // false
 * ```
 */
export function isWebhookEventName(name: string): name is WebhookEventName {
  return Object.hasOwn(WEBHOOK_EVENTS, name);
}
