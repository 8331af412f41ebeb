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

const SPECIAL: Partial<Record<WebhookEventName, Shape<Record<string, unknown>>>> = {
  'catch.all': baseData,
  'server.create': serverCreateData,
  'user.create': userCreateData,
  'user.modify': userModifyData,
  'user.delete': userDeleteData,
  'system.monitor.hypervisor': monitorData,
};

/**
 * The shape of a documented event's `data`, applied after dotted keys are expanded. When it
 * records no issue, the value it returns has the type `WebhookEventDataMap` gives the event.
 * By family: migrations, IPv6 and IPv4 assignments, backups; the rest of the server events carry
 * the server alone.
 */
export function eventDataShape<Name extends WebhookEventName>(name: Name): Shape<WebhookEventDataMap[Name] | Record<string, unknown>> {
  if (name.startsWith('server.migrate')) return migrationData;
  if (name.endsWith('.ipv6')) return ipv6Data;
  if (name.endsWith('.ipv4')) return ipv4Data;
  if (name.startsWith('system.backup.')) return backupData;
  return SPECIAL[name] ?? serverData;
}
