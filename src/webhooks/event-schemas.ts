import { z } from 'zod';
import type { WebhookEventName } from './event-names';
import type {
  ServerCreateEventData,
  ServerEventData,
  ServerIpv4EventData,
  ServerIpv6EventData,
  ServerMigrationEventData,
  SystemBackupEventData,
  SystemMonitorHypervisorEventData,
  UserCreateEventData,
  UserDeleteEventData,
  UserModifyEventData,
  WebhookEventDataBase,
  WebhookEventDataMap,
} from './event-types';

// PHP's json_encode writes an empty associative array as `[]`, so an empty object may arrive as one.
const emptyArrayAsObject = (value: unknown): unknown => (Array.isArray(value) && value.length === 0 ? {} : value);

function looseObject<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  return z.preprocess(emptyArrayAsObject, z.looseObject(shape));
}

const entity = looseObject({ id: z.number().optional() });
const entityOrFalse = z.union([entity, z.literal(false)]);

function eventData<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  return looseObject({ errors: z.array(z.unknown()).default([]), ...shape });
}

const baseData: z.ZodType<WebhookEventDataBase> = eventData({});

const serverData: z.ZodType<ServerEventData> = eventData({ server: entity });

const serverCreateData: z.ZodType<ServerCreateEventData> = eventData({
  server: entityOrFalse,
  args: looseObject({}).optional(),
  allocation: z.union([looseObject({}), z.literal(false)]).optional(),
});

const ipv6Data: z.ZodType<ServerIpv6EventData> = eventData({
  server: entity,
  ipv6: looseObject({
    block: z.unknown().optional(),
    subnet: z.unknown().optional(),
    ip: z.unknown().optional(),
    routeBlock: z.unknown().optional(),
    routeSubnet: z.unknown().optional(),
  }).default({}),
});

const ipv4Data: z.ZodType<ServerIpv4EventData> = eventData({
  server: entity,
  ipv4: looseObject({ block: z.unknown().optional(), ip: z.unknown().optional() }).default({}),
});

const migrationData: z.ZodType<ServerMigrationEventData> = eventData({
  server: entity,
  hypervisor: looseObject({ source: z.unknown().optional(), destination: z.unknown().optional() }).default({}),
});

const userCreateData: z.ZodType<UserCreateEventData> = eventData({ user: entityOrFalse });

const userModifyData: z.ZodType<UserModifyEventData> = eventData({ user: looseObject({ before: entity, after: entity }) });

const userDeleteData: z.ZodType<UserDeleteEventData> = eventData({ user: entity });

const backupData: z.ZodType<SystemBackupEventData> = eventData({ log: z.unknown().optional() });

const monitorData: z.ZodType<SystemMonitorHypervisorEventData> = eventData({
  type: z.unknown().optional(),
  hypervisor: entityOrFalse,
});

/** The schema of each documented event's `data`, applied after dotted keys are expanded. */
export const EVENT_DATA_SCHEMAS: { readonly [Name in WebhookEventName]: z.ZodType<WebhookEventDataMap[Name]> } = {
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
