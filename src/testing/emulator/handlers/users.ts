import type { Route } from '../../../generated/operations';
import { conflict, created, invalid, noContent, notFound, ok } from '../answers';
import { presentUser } from '../present/users';
import type { EmulatorStore } from '../state/store';
import { newUserRecord, type UserRecord } from '../state/records';
import { isoMicros } from '../time';
import { BodyReader } from './body';
import { requireUser, type Handler, type HandlerContext } from './context';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface SelfServiceFields {
  selfService?: number | undefined;
  selfServiceHourlyCredit?: boolean | undefined;
  hourlyGroupProfiles?: number[] | undefined;
  resourceGroupProfiles?: number[] | undefined;
  /** null removes the pack. */
  hourlyResourcePack?: number | null | undefined;
}

function readSelfService(store: EmulatorStore, reader: BodyReader): SelfServiceFields {
  const fields: SelfServiceFields = {
    selfService: reader.integer('selfService', { min: 0, max: 3 }),
    selfServiceHourlyCredit: reader.boolean('selfServiceHourlyCredit'),
    hourlyGroupProfiles: reader.integerList('selfServiceHourlyGroupProfiles', { min: 1 }),
    resourceGroupProfiles: reader.integerList('selfServiceResourceGroupProfiles', { min: 1 }),
    hourlyResourcePack: reader.isNull('selfServiceHourlyResourcePack') ? null : reader.integer('selfServiceHourlyResourcePack', { min: 1 }),
  };
  if (fields.hourlyGroupProfiles?.some((id) => !store.hourlyGroupProfiles.has(id))) reader.reject('Invalid hourly group profile.');
  if (fields.resourceGroupProfiles?.some((id) => !store.resourceGroupProfiles.has(id))) reader.reject('Invalid resource group profile.');
  if (typeof fields.hourlyResourcePack === 'number' && !store.resourcePackTemplates.has(fields.hourlyResourcePack)) reader.reject('Invalid hourly resource pack.');
  return fields;
}

function applySelfService(user: UserRecord, fields: SelfServiceFields): void {
  if (fields.selfService !== undefined) user.selfService = fields.selfService;
  if (fields.selfServiceHourlyCredit !== undefined) user.selfServiceHourlyCredit = fields.selfServiceHourlyCredit;
  if (fields.hourlyGroupProfiles !== undefined) user.hourlyGroupProfiles = [...fields.hourlyGroupProfiles];
  if (fields.resourceGroupProfiles !== undefined) user.resourceGroupProfiles = [...fields.resourceGroupProfiles];
  if (fields.hourlyResourcePack !== undefined) user.hourlyResourcePack = fields.hourlyResourcePack;
}

function emailTaken(store: EmulatorStore, email: string, except?: UserRecord): boolean {
  const wanted = email.toLowerCase();
  return [...store.users.values()].some((u) => u !== except && u.email.toLowerCase() === wanted);
}

function loginTokens(ctx: HandlerContext, extra = ''): unknown {
  const first = ctx.store.random.alnum(100);
  const second = ctx.store.random.alnum(100);
  return {
    data: {
      authentication: {
        tokens: { '1': first, '2': second },
        endpoint: '/token_authenticate',
        endpoint_complete: `/token_authenticate/?1=${first}&2=${second}${extra}`,
        expiry: { ttl: 60, expires: isoMicros(ctx.now + 60_000) },
      },
    },
  };
}

export const userHandlers = {
  'POST /users': (ctx) => {
    const { store } = ctx;
    const reader = new BodyReader(ctx.body);
    const name = reader.string('name', { required: true, max: 255 });
    const email = reader.string('email', { required: true, max: 255, pattern: EMAIL, message: 'The email field must be a valid email address.' });
    const extRelationId = reader.integer('extRelationId', { min: 1 });
    const relStr = reader.string('relStr', { max: 255 });
    const selfService = readSelfService(store, reader);
    reader.boolean('sendMail');
    reader.finish();
    if (emailTaken(store, email!)) throw conflict('a user with this email address already exists');
    if (extRelationId !== undefined && store.findUser(String(extRelationId), false)) throw conflict('a user with this extRelationId already exists');
    if (relStr !== undefined && store.findUser(relStr, true)) throw conflict('a user with this relStr already exists');
    const id = store.nextId('user');
    const user = newUserRecord({ id, extRelationId: extRelationId ?? null, relStr: relStr ?? null, name: name!, email: email!, created: ctx.now });
    applySelfService(user, selfService);
    store.users.set(id, user);
    store.emit('user.create', { user: presentUser(user) });
    return created({ data: { ...presentUser(user), password: store.random.alnum(30) } });
  },

  'GET /users/{extRelationId}/byExtRelation': (ctx) => ok({ data: presentUser(requireUser(ctx)) }),

  'PUT /users/{extRelationId}/byExtRelation': (ctx) => {
    const { store } = ctx;
    const user = requireUser(ctx);
    const reader = new BodyReader(ctx.body);
    const name = reader.string('name', { max: 255 });
    const email = reader.string('email', { max: 255, pattern: EMAIL, message: 'The email field must be a valid email address.' });
    const enabled = reader.boolean('enabled');
    const selfService = readSelfService(store, reader);
    reader.finish();
    if (email !== undefined && emailTaken(store, email, user)) throw invalid('The email has already been taken.');
    const before = presentUser(user);
    if (name !== undefined) user.name = name;
    if (email !== undefined) user.email = email;
    if (enabled !== undefined) user.enabled = enabled;
    applySelfService(user, selfService);
    user.updated = ctx.now;
    const after = presentUser(user);
    store.emit('user.modify', { user: { before, after } });
    return created({ data: { name: user.name, email: user.email, selfService: user.selfService, enabled: user.enabled } });
  },

  'DELETE /users/{extRelationId}/byExtRelation': (ctx) => {
    const { store } = ctx;
    const user = requireUser(ctx);
    const snapshot = presentUser(user);
    store.users.delete(user.id);
    for (const [id, key] of store.sshKeys) if (key.userId === user.id) store.sshKeys.delete(id);
    for (const [id, pack] of store.resourcePacks) if (pack.userId === user.id) store.resourcePacks.delete(id);
    store.emit('user.delete', { user: snapshot });
    return noContent();
  },

  'POST /users/{extRelationId}/byExtRelation/resetPassword': (ctx) => {
    const user = requireUser(ctx);
    user.updated = ctx.now;
    return created({ data: { email: user.email, password: ctx.store.random.alnum(21) } });
  },

  'POST /users/{extRelationId}/authenticationTokens': (ctx) => {
    requireUser(ctx);
    return ok(loginTokens(ctx));
  },

  'POST /users/{extRelationId}/serverAuthenticationTokens/{serverId}': (ctx) => {
    const user = requireUser(ctx);
    const server = ctx.store.servers.get(Number(ctx.params.serverId));
    if (server === undefined || server.ownerId !== user.id) throw notFound('server not found');
    return ok(loginTokens(ctx, `&server=${server.id}`));
  },
} satisfies Partial<Record<Route, Handler>>;
