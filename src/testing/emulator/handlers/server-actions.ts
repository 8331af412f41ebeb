import type { Route } from '../../../generated/operations';
import { invalid, locked, noContent, ok, type Answer } from '../answers';
import { presentTemplateGroups } from '../present/catalog';
import { presentServer } from '../present/servers';
import { queuePowerAction, queueTask, type PowerAction } from '../state/lifecycle';
import type { ServerRecord } from '../state/records';
import { BodyReader } from './body';
import { requireIdleServer, requireServer, type Handler, type HandlerContext } from './context';

function requireBuiltServer(ctx: HandlerContext): ServerRecord {
  const server = requireIdleServer(ctx);
  if (server.state !== 'complete') throw locked('server has not been built yet');
  return server;
}

function power(action: PowerAction): Handler {
  return (ctx) => {
    const server = requireBuiltServer(ctx);
    const item = queuePowerAction(ctx.store, server, action, ctx.now);
    return ok({ data: { queueId: item.id } });
  };
}

function suspension(suspended: boolean): Handler {
  return (ctx): Answer => {
    const server = requireIdleServer(ctx);
    if (server.suspended !== suspended) {
      server.suspended = suspended;
      server.updated = ctx.now;
      ctx.store.emit(suspended ? 'server.suspend' : 'server.unsuspend', { server: presentServer(ctx.store, server, ctx.now) });
    }
    return noContent();
  };
}

function presentVnc(ctx: HandlerContext, server: ServerRecord): Record<string, unknown> {
  const hv = ctx.store.hypervisors.get(server.hypervisorId);
  return {
    ip: hv?.ip ?? '',
    hostname: hv?.hostname ?? null,
    port: server.vnc.port,
    password: server.vnc.password,
    wss: { token: server.vnc.token, url: `/vnc/?token=${server.vnc.token}` },
    enabled: server.vnc.enabled,
  };
}

const XML_SECTIONS = ['domain', 'os', 'devices', 'features', 'clock', 'cpuTune'];

export const serverActionHandlers = {
  'POST /servers/{serverId}/power/boot': power('boot'),
  'POST /servers/{serverId}/power/shutdown': power('shutdown'),
  'POST /servers/{serverId}/power/restart': power('restart'),
  'POST /servers/{serverId}/power/poweroff': power('poweroff'),

  'POST /servers/{serverId}/suspend': suspension(true),
  'POST /servers/{serverId}/unsuspend': suspension(false),

  'POST /servers/{serverId}/resetPassword': (ctx) => {
    const server = requireIdleServer(ctx);
    const reader = new BodyReader(ctx.body);
    reader.string('user', { required: true, oneOf: ['root', 'Administrator', 'administrator'] });
    reader.boolean('sendMail');
    reader.finish();
    if (server.state !== 'complete') throw invalid('The server has not been built yet.');
    const expectedPassword = ctx.store.random.alnum(20);
    const item = queueTask(
      ctx.store,
      {
        action: 'reset_password',
        job: 'App\\Jobs\\Server\\KVM\\ResetPassword',
        server,
        onFinish: (at) => {
          if (ctx.store.servers.get(server.id) === server) ctx.store.emit('server.reset.password', { server: presentServer(ctx.store, server, at) });
        },
      },
      ctx.now,
    );
    return ok({ data: { queueId: item.id, expectedPassword } });
  },

  'GET /servers/{serverId}/templates': (ctx) => {
    const server = requireServer(ctx);
    const ids = ctx.store.packages.get(server.packageId)?.templateIds ?? [...ctx.store.templates.keys()];
    return ok({ data: presentTemplateGroups(ctx.store, ids) });
  },

  'GET /servers/{serverId}/vnc': (ctx) => ok({ data: { vnc: presentVnc(ctx, requireServer(ctx)) } }),

  'POST /servers/{serverId}/vnc': (ctx) => {
    const server = requireIdleServer(ctx);
    const reader = new BodyReader(ctx.body);
    const action = reader.string('action', { required: true, oneOf: ['enable', 'disable'] });
    reader.finish();
    const enable = action === 'enable';
    let queueId: number | null = null;
    if (server.vnc.enabled !== enable) {
      server.vnc.enabled = enable;
      server.updated = ctx.now;
      queueId = queueTask(ctx.store, { action: enable ? 'vnc_enable' : 'vnc_disable', job: 'App\\Jobs\\Server\\KVM\\Vnc', server }, ctx.now).id;
      ctx.store.emit(enable ? 'server.enable.vnc' : 'server.disable.vnc', { server: presentServer(ctx.store, server, ctx.now) });
    }
    return ok({ data: { vnc: presentVnc(ctx, server), queueId } });
  },

  'POST /servers/{serverId}/customXML': (ctx) => {
    const server = requireIdleServer(ctx);
    const reader = new BodyReader(ctx.body);
    const changes = XML_SECTIONS.map((section) => ({ section, xml: reader.string(section), enabled: reader.boolean(`${section}Enabled`) }));
    reader.finish();
    for (const { section, xml, enabled } of changes) {
      const current = server.customXml[section] ?? { xml: '', enabled: false };
      server.customXml[section] = { xml: xml ?? current.xml, enabled: enabled ?? current.enabled };
    }
    server.updated = ctx.now;
    return { status: 200 };
  },
} satisfies Partial<Record<Route, Handler>>;
