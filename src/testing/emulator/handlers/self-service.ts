import type { Route } from '../../../generated/operations';
import { created, invalid, noContent, notFound, ok, type Answer } from '../answers';
import { presentCurrency } from '../present/catalog';
import { presentServer } from '../present/servers';
import { presentHourlyStats, presentReport, presentResourcePack, presentUsage } from '../present/self-service';
import { queryBoolean, queryInteger, queryList, queryString, type Query } from '../query';
import { isBuilding, scheduleDeletion } from '../state/lifecycle';
import type { NamedRecord, ResourcePackRecord, UserRecord } from '../state/records';
import { BodyReader } from './body';
import { idParam, requireUser, type Handler, type HandlerContext } from './context';

const RANGES = ['d', 'w', '2w', '3w', 'm'];

function requirePack(ctx: HandlerContext): ResourcePackRecord {
  const pack = ctx.store.resourcePacks.get(idParam(ctx, 'packId'));
  if (pack === undefined) throw notFound('resource pack not found');
  return pack;
}

function readPeriods(query: Query): { periods: string[]; range: string } {
  const periods = queryList(query, 'period');
  const bad = periods.find((p) => !/^\d{4}-\d{2}-\d{2}$/.test(p) || Number.isNaN(Date.parse(`${p}T00:00:00Z`)));
  if (bad !== undefined) throw invalid('The period field must be a date in the format YYYY-MM-DD.');
  const range = queryString(query, 'range') ?? 'm';
  if (!RANGES.includes(range)) throw invalid('The selected range is invalid.');
  return { periods, range };
}

function profileHandlers(kind: 'hourly' | 'resource'): { add: Handler; remove: Handler } {
  const label = kind === 'hourly' ? 'hourly group profile' : 'resource group profile';
  const profiles = (ctx: HandlerContext): Map<number, NamedRecord> => (kind === 'hourly' ? ctx.store.hourlyGroupProfiles : ctx.store.resourceGroupProfiles);
  const held = (user: UserRecord): number[] => (kind === 'hourly' ? user.hourlyGroupProfiles : user.resourceGroupProfiles);
  return {
    add: (ctx) => {
      const user = requireUser(ctx);
      const reader = new BodyReader(ctx.body);
      const profileId = reader.integer('profileId', { required: true, min: 1 });
      reader.finish();
      if (!profiles(ctx).has(profileId!)) throw invalid(`Invalid ${label}.`);
      if (!held(user).includes(profileId!)) held(user).push(profileId!);
      user.updated = ctx.now;
      return noContent();
    },
    remove: (ctx) => {
      const user = requireUser(ctx);
      const profileId = idParam(ctx, 'profileId');
      const list = held(user);
      const index = list.indexOf(profileId);
      if (index < 0) throw notFound(`${label} not found`);
      list.splice(index, 1);
      user.updated = ctx.now;
      return noContent();
    },
  };
}

const hourly = profileHandlers('hourly');
const resource = profileHandlers('resource');

function packSuspension(suspended: boolean): Handler {
  return (ctx): Answer => {
    const pack = requirePack(ctx);
    for (const server of ctx.store.servers.values()) {
      if (server.resourcePackId !== pack.id || server.suspended === suspended) continue;
      server.suspended = suspended;
      server.updated = ctx.now;
      ctx.store.emit(suspended ? 'server.suspend' : 'server.unsuspend', { server: presentServer(ctx.store, server, ctx.now) });
    }
    return noContent();
  };
}

export const selfServiceHandlers = {
  'GET /selfService/currencies': (ctx) => ok({ data: [...ctx.store.currencies.values()].map(presentCurrency) }),

  'POST /selfService/credit/byUserExtRelationId/{extRelationId}': (ctx) => {
    const user = requireUser(ctx);
    const reader = new BodyReader(ctx.body);
    const tokens = reader.number('tokens', { required: true });
    // An integer, or digits as a string (what production integrations send); kept as sent.
    const reference1 = typeof (ctx.body as { reference_1?: unknown } | undefined)?.reference_1 === 'string'
      ? reader.string('reference_1', { pattern: /^\d{1,19}$/, message: 'The reference 1 field must be an integer.' })
      : reader.integer('reference_1');
    const reference2 = reader.string('reference_2', { max: 1000 });
    reader.finish();
    const id = ctx.store.nextId('credit');
    ctx.store.credits.set(id, { id, userId: user.id, tokens: tokens!, reference1: reference1 ?? null, reference2: reference2 ?? null, created: ctx.now });
    return created({ data: { id } });
  },

  'DELETE /selfService/credit/{creditId}': (ctx) => {
    const id = idParam(ctx, 'creditId');
    if (!ctx.store.credits.delete(id)) throw notFound('credit not found');
    return noContent();
  },

  'POST /selfService/hourlyGroupProfile/byUserExtRelationId/{extRelationId}': hourly.add,
  'DELETE /selfService/hourlyGroupProfile/{profileId}/byUserExtRelationId/{extRelationId}': hourly.remove,
  'POST /selfService/resourceGroupProfile/byUserExtRelationId/{extRelationId}': resource.add,
  'DELETE /selfService/resourceGroupProfile/{profileId}/byUserExtRelationId/{extRelationId}': resource.remove,

  'POST /selfService/resourcePack/byUserExtRelationId/{extRelationId}': (ctx) => {
    const user = requireUser(ctx);
    const reader = new BodyReader(ctx.body);
    const templateId = reader.integer('packId', { required: true, min: 1 });
    const enabled = reader.boolean('enabled') ?? true;
    reader.finish();
    if (!ctx.store.resourcePackTemplates.has(templateId!)) throw invalid('Invalid resource pack.');
    const id = ctx.store.nextId('resourcePack');
    ctx.store.resourcePacks.set(id, { id, templateId: templateId!, userId: user.id, enabled, created: ctx.now });
    return created({ data: { id } });
  },

  'GET /selfService/resourcePack/{packId}': (ctx) => ok({ data: presentResourcePack(ctx.store, requirePack(ctx), queryBoolean(ctx.query, 'withServers') === true) }),

  'PUT /selfService/resourcePack/{packId}': (ctx) => {
    const pack = requirePack(ctx);
    const reader = new BodyReader(ctx.body);
    const enabled = reader.boolean('enabled', { required: true });
    reader.finish();
    pack.enabled = enabled!;
    return noContent();
  },

  'DELETE /selfService/resourcePack/{packId}': (ctx) => {
    const pack = requirePack(ctx);
    const disable = queryBoolean(ctx.query, 'disable') === true;
    const inUse = [...ctx.store.servers.values()].some((s) => s.resourcePackId === pack.id);
    if (!inUse) ctx.store.resourcePacks.delete(pack.id);
    else if (disable) pack.enabled = false;
    else throw invalid('The pack still has servers; delete them first or send disable=true.');
    return noContent();
  },

  'DELETE /selfService/resourcePackServers/{packId}': (ctx) => {
    const pack = requirePack(ctx);
    const delay = queryInteger(ctx.query, 'delay', 0, 43_800) ?? 30;
    for (const server of [...ctx.store.servers.values()]) {
      if (server.resourcePackId === pack.id && !isBuilding(server)) scheduleDeletion(ctx.store, server, delay, ctx.now);
    }
    return noContent();
  },

  'POST /selfService/resourcePackServers/{packId}/suspend': packSuspension(true),
  'POST /selfService/resourcePackServers/{packId}/unsuspend': packSuspension(false),

  'PUT /selfService/hourlyResourcePack/byUserExtRelationId/{extRelationId}': (ctx) => {
    const user = requireUser(ctx);
    const reader = new BodyReader(ctx.body);
    const packId = reader.integer('packId', { required: true, min: 1 });
    reader.finish();
    if (!ctx.store.resourcePackTemplates.has(packId!)) throw invalid('Invalid hourly resource pack.');
    user.hourlyResourcePack = packId!;
    user.updated = ctx.now;
    return noContent();
  },

  'PUT /selfService/access/byUserExtRelationId/{extRelationId}': (ctx) => {
    const user = requireUser(ctx);
    const reader = new BodyReader(ctx.body);
    const sync = reader.boolean('syncToProfiles', { required: true });
    reader.finish();
    user.syncAccessToProfiles = sync!;
    user.updated = ctx.now;
    return noContent();
  },

  'GET /selfService/hourlyStats/byUserExtRelationId/{extRelationId}': (ctx) => {
    const user = requireUser(ctx);
    readPeriods(ctx.query);
    return ok({ data: presentHourlyStats(ctx.store, user, ctx.now) });
  },

  'GET /selfService/report/byUserExtRelationId/{extRelationId}': (ctx) => {
    const user = requireUser(ctx);
    const period = queryInteger(ctx.query, 'period', 0, 24) ?? 0;
    const currency = queryString(ctx.query, 'currency');
    if (currency !== undefined && ![...ctx.store.currencies.values()].some((c) => c.code === currency.toUpperCase())) throw invalid('The selected currency is invalid.');
    return ok({ data: presentReport(ctx.store, user, period, currency, ctx.now) });
  },

  'GET /selfService/usage/byUserExtRelationId/{extRelationId}': (ctx) => {
    const user = requireUser(ctx);
    const { periods, range } = readPeriods(ctx.query);
    return ok({ data: presentUsage(ctx.store, user, periods, range, ctx.now) });
  },
} satisfies Partial<Record<Route, Handler>>;
