import type { WebhookEventName } from './event-names';
import type { WebhookEventDataMap } from './event-types';
import { anything, list, object, optional, optionalNumber, orFalse, withDefault, type Shape } from './shape';

const entity = object({ id: optionalNumber });
const entityOrFalse = orFalse(entity);
const unknownFields = (...names: string[]) => object(Object.fromEntries(names.map((name) => [name, optional(anything)])));

function eventData(fields: Record<string, Shape>): Shape<Record<string, unknown>> {
  return object({ errors: withDefault(list, () => []), ...fields });
}

const baseData = eventData({});
const serverData = eventData({ server: entity });
const serverCreateData = eventData({ server: entityOrFalse, args: optional(object({})), allocation: optional(orFalse(object({}))) });
const ipv6Data = eventData({ server: entity, ipv6: withDefault(unknownFields('block', 'subnet', 'ip', 'routeBlock', 'routeSubnet'), () => ({})) });
const ipv4Data = eventData({ server: entity, ipv4: withDefault(unknownFields('block', 'ip'), () => ({})) });
const migrationData = eventData({ server: entity, hypervisor: withDefault(unknownFields('source', 'destination'), () => ({})) });
const userCreateData = eventData({ user: entityOrFalse });
const userModifyData = eventData({ user: object({ before: entity, after: entity }) });
const userDeleteData = eventData({ user: entity });
const backupData = eventData({ log: optional(anything) });
const monitorData = eventData({ type: optional(anything), hypervisor: entityOrFalse });

/**
 * The shape of each documented event's `data`, applied after dotted keys are expanded. When it
 * records no issue, the value it returns has the type `WebhookEventDataMap` gives the event.
 */
export const EVENT_DATA_SCHEMAS: { readonly [Name in WebhookEventName]: Shape<WebhookEventDataMap[Name] | Record<string, unknown>> } = {
  'catch.all': baseData,
  'server.create': serverCreateData,
  'server.destroy': serverData,
  'server.build': serverData,
  'server.assign.ipv6': ipv6Data,
  'server.unassign.ipv6': ipv6Data,
  'server.poweroff': serverData,
  'server.boot': serverData,
  'server.restart': serverData,
  'server.shutdown': serverData,
  'server.suspend': serverData,
  'server.unsuspend': serverData,
  'server.insert.cd': serverData,
  'server.eject.cd': serverData,
  'server.change.boot.order': serverData,
  'server.enable.vnc': serverData,
  'server.disable.vnc': serverData,
  'server.reset.password': serverData,
  'sserver.disk.trim': serverData,
  'server.disk.trim': serverData,
  'server.assign.ipv4': ipv4Data,
  'server.unassign.ipv4': ipv4Data,
  'server.migrate': migrationData,
  'server.migrate.complete': migrationData,
  'server.migrate.revert': migrationData,
  'server.migrate.live': migrationData,
  'server.migrate.live.cancel': migrationData,
  'server.migrate.live.abort': migrationData,
  'user.create': userCreateData,
  'user.modify': userModifyData,
  'user.delete': userDeleteData,
  'system.backup.local': backupData,
  'system.backup.scp': backupData,
  'system.monitor.hypervisor': monitorData,
};
