import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  isWebhookEventName,
  parseWebhookEvent,
  verifyWebhook,
  WEBHOOK_EVENT_NAMES,
  WEBHOOK_EVENTS,
  type WebhookEvent,
  type WebhookEventName,
  type WebhookServer,
  type WebhookUser,
} from '../../src/webhooks/index';
import { delivery, NOW, rejection, TOKEN } from './fixtures';

const server = { id: 42, uuid: 'f7c1b2d4-0000-4000-8000-000000000042', name: 'web-1', state: 'running' };
const user = { id: 5, email: 'ada@example.com', extRelationId: 1005 };

/** For each event: the data as the panel may send it (dotted keys literal), and the normalized data. */
interface Sample {
  dotted: Record<string, unknown>;
  nested: Record<string, unknown>;
}

const onlyServer: Sample = { dotted: { server }, nested: { server } };
const ipv6 = { block: { id: 3, name: 'v6-pool' }, subnet: 64, ip: '2001:db8::1', routeBlock: null, routeSubnet: 56 };
const ipv6Sample: Sample = {
  dotted: Object.fromEntries([['server', server], ...Object.entries(ipv6).map(([key, value]) => [`ipv6.${key}`, value])]),
  nested: { server, ipv6 },
};
const ipv4Sample: Sample = {
  dotted: { server, 'ipv4.block': { id: 1 }, 'ipv4.ip': '203.0.113.7' },
  nested: { server, ipv4: { block: { id: 1 }, ip: '203.0.113.7' } },
};
const migrationSample: Sample = {
  dotted: { server, 'hypervisor.source': { id: 1, name: 'hv-a' }, 'hypervisor.destination': { id: 2, name: 'hv-b' } },
  nested: { server, hypervisor: { source: { id: 1, name: 'hv-a' }, destination: { id: 2, name: 'hv-b' } } },
};
const backupSample: Sample = { dotted: { log: { id: 77, status: 'complete' } }, nested: { log: { id: 77, status: 'complete' } } };

const SAMPLES: Record<WebhookEventName, Sample> = {
  'catch.all': { dotted: {}, nested: {} },
  'server.create': {
    dotted: { server, args: { packageId: 3, userId: 5 }, allocation: { ipv4: 1 } },
    nested: { server, args: { packageId: 3, userId: 5 }, allocation: { ipv4: 1 } },
  },
  'server.destroy': onlyServer,
  'server.build': onlyServer,
  'server.assign.ipv6': ipv6Sample,
  'server.unassign.ipv6': ipv6Sample,
  'server.poweroff': onlyServer,
  'server.boot': onlyServer,
  'server.restart': onlyServer,
  'server.shutdown': onlyServer,
  'server.suspend': onlyServer,
  'server.unsuspend': onlyServer,
  'server.insert.cd': onlyServer,
  'server.eject.cd': onlyServer,
  'server.change.boot.order': onlyServer,
  'server.enable.vnc': onlyServer,
  'server.disable.vnc': onlyServer,
  'server.reset.password': onlyServer,
  'sserver.disk.trim': onlyServer,
  'server.disk.trim': onlyServer,
  'server.assign.ipv4': ipv4Sample,
  'server.unassign.ipv4': ipv4Sample,
  'server.migrate': migrationSample,
  'server.migrate.complete': migrationSample,
  'server.migrate.revert': migrationSample,
  'server.migrate.live': migrationSample,
  'server.migrate.live.cancel': migrationSample,
  'server.migrate.live.abort': migrationSample,
  'user.create': { dotted: { user }, nested: { user } },
  'user.modify': {
    dotted: { 'user.before': user, 'user.after': { ...user, email: 'ada@lovelace.example' } },
    nested: { user: { before: user, after: { ...user, email: 'ada@lovelace.example' } } },
  },
  'user.delete': { dotted: { user }, nested: { user } },
  'system.backup.local': backupSample,
  'system.backup.scp': backupSample,
  'system.monitor.hypervisor': {
    dotted: { type: 'offline', hypervisor: { id: 2, name: 'hv-b' } },
    nested: { type: 'offline', hypervisor: { id: 2, name: 'hv-b' } },
  },
};

function body(event: string, data: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ event, created: '2024-11-05T10:11:12.123456Z', hookId: 7, hookEventId: 9001, eventStatus: 'success', data, ...extra });
}

describe('the event list', () => {
  it('has every documented event with its numeric id', () => {
    expect(WEBHOOK_EVENT_NAMES).toHaveLength(34);
    expect(Object.keys(SAMPLES).sort()).toEqual([...WEBHOOK_EVENT_NAMES].sort());
    expect([WEBHOOK_EVENTS['catch.all'], WEBHOOK_EVENTS['server.create'], WEBHOOK_EVENTS['server.unassign.ipv4'], WEBHOOK_EVENTS['system.monitor.hypervisor']]).toEqual([1000, 1, 20, 30]);
    expect([WEBHOOK_EVENTS['sserver.disk.trim'], WEBHOOK_EVENTS['server.disk.trim']]).toEqual([18, 18]);
    expect([WEBHOOK_EVENTS['server.migrate.live'], WEBHOOK_EVENTS['server.migrate.live.cancel'], WEBHOOK_EVENTS['server.migrate.live.abort']]).toEqual([31, 32, 33]);
    const ids = Object.values(WEBHOOK_EVENTS);
    expect(new Set(ids).size).toBe(ids.length - 1);
    expect([isWebhookEventName('user.modify'), isWebhookEventName('toString'), isWebhookEventName('server.teleport')]).toEqual([true, false, false]);
  });
});

describe('parseWebhookEvent: documented events', () => {
  it.each(WEBHOOK_EVENT_NAMES)('%s parses from literal dotted keys and from nested objects to one shape', (name) => {
    const sample = SAMPLES[name];
    for (const data of [sample.dotted, sample.nested]) {
      const event = parseWebhookEvent(body(name, { errors: [], ...data }));
      expect(event).toMatchObject({ known: true, event: name, eventId: WEBHOOK_EVENTS[name], hookId: '7', hookEventId: '9001' });
      expect(event.data).toEqual({ errors: [], ...sample.nested });
    }
  });

  it.each(WEBHOOK_EVENT_NAMES)('%s verifies end to end as the panel sends it', async (name) => {
    const event = await verifyWebhook(delivery(name, SAMPLES[name].dotted), { token: TOKEN, now: NOW });
    expect([event.known, event.event, event.data]).toEqual([true, name, { errors: [], ...SAMPLES[name].nested }]);
  });

  it('accepts false for a failed creation and PHP\'s [] for an empty object', () => {
    const event = parseWebhookEvent(body('server.create', { errors: ['no IPs left'], server: false, args: [], allocation: false }));
    expect(event).toMatchObject({ known: true, data: { errors: ['no IPs left'], server: false, args: {}, allocation: false } });
    const userEvent = parseWebhookEvent(body('user.create', { errors: [], user: false }));
    expect(userEvent).toMatchObject({ known: true, data: { user: false } });
    const noData = parseWebhookEvent(body('catch.all', []));
    expect(noData).toMatchObject({ known: true, data: { errors: [] } });
  });

  it('defaults a missing IPv4/IPv6/hypervisor group to an empty object and passes unknown fields through', () => {
    const event = parseWebhookEvent(body('server.assign.ipv4', { server: { id: 1 }, extra: { added: 'in 8.0' } }));
    expect(event).toMatchObject({ known: true, data: { errors: [], server: { id: 1 }, ipv4: {}, extra: { added: 'in 8.0' } } });
  });

  it('keeps a nested value when a dotted key collides with it, and never follows __proto__', () => {
    const event = parseWebhookEvent(body('server.assign.ipv4', { server: { id: 1 }, ipv4: { ip: '198.51.100.1' }, 'ipv4.ip': '203.0.113.9' }));
    expect(event.data).toEqual({ errors: [], server: { id: 1 }, ipv4: { ip: '198.51.100.1' }, 'ipv4.ip': '203.0.113.9' });

    const hostile = parseWebhookEvent(
      '{"event":"catch.all","hookId":1,"hookEventId":2,"data":{"__proto__":{"polluted":true},"a.__proto__.b":1,"constructor.prototype.c":2}}',
    );
    const plain: Record<string, unknown> = {};
    expect([plain.polluted, plain.b, plain.c]).toEqual([undefined, undefined, undefined]);
    expect(Object.getPrototypeOf(hostile.data)).toBe(Object.prototype);
    expect((hostile.data as Record<string, unknown>).polluted).toBeUndefined();
    const nested = hostile.data.a as Record<string, unknown>;
    expect(Object.getPrototypeOf(nested)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(nested, '__proto__')?.value).toEqual({ b: 1 });
  });

  it('narrows on known and event, with typed data', () => {
    const event: WebhookEvent = parseWebhookEvent(body('user.modify', SAMPLES['user.modify'].dotted));
    if (!event.known || event.event !== 'user.modify') throw new Error('expected user.modify');
    expectTypeOf(event.data.user.before).toEqualTypeOf<WebhookUser>();
    expect(event.data.user.after.email).toBe('ada@lovelace.example');
    const boot = parseWebhookEvent(body('server.boot', { server }));
    if (boot.known && boot.event === 'server.boot') expectTypeOf(boot.data.server).toEqualTypeOf<WebhookServer>();
    expect(boot.known && boot.event === 'server.boot' && boot.data.server.id).toBe(42);
  });
});

describe('parseWebhookEvent: other events never fail', () => {
  it('an undocumented event becomes a generic event with its data expanded', () => {
    const event = parseWebhookEvent(body('server.teleport', { errors: [], 'destination.planet': 'Mars', list: [1, 2] }, { eventStatus: 'queued' }));
    expect(event).toEqual({
      known: false,
      event: 'server.teleport',
      eventId: undefined,
      issues: [],
      created: '2024-11-05T10:11:12.123456Z',
      hookId: '7',
      hookEventId: '9001',
      eventStatus: 'queued',
      controlDomain: undefined,
      controlName: undefined,
      controlSupportLink: undefined,
      data: { errors: [], destination: { planet: 'Mars' }, list: [1, 2] },
    });
  });

  it('a documented event with data of another shape falls back to generic, saying what differed', () => {
    const event = parseWebhookEvent({ event: 'server.boot', hookId: 'a1', hookEventId: 'b2', data: { server: 'web-1' } });
    expect(event).toMatchObject({ known: false, event: 'server.boot', eventId: 7, hookId: 'a1', hookEventId: 'b2' });
    expect(event.data).toEqual({ server: 'web-1' });
    expect(event.known === false && event.issues.map((issue) => issue.path)).toEqual([['server']]);
  });

  it('a body that is not a delivery fails as bad_json or bad_payload', async () => {
    const parse = async (value: unknown) => parseWebhookEvent(value);
    await rejection(parse('{"event":'), 'bad_json');
    await rejection(parse(null), 'bad_payload');
    await rejection(parse({ event: '', hookId: 1, hookEventId: 2 }), 'bad_payload');
    await rejection(parse({ event: 'server.boot', hookId: Number.NaN, hookEventId: 2 }), 'bad_payload');
  });
});
