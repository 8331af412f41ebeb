import { ProviderError } from '../errors';
import { PROVIDER } from './context';

type Json = Record<string, unknown>;

function refuse(field: string, accepts: string, value: unknown): never {
  const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : typeof value === 'function' ? 'a function' : JSON.stringify(value) ?? String(value);
  throw new ProviderError({ code: 'VALIDATION_ERROR', provider: PROVIDER, field, message: `${field} must be ${accepts}; got ${got}.` });
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function nonNegative(options: Json, field: string): void {
  const value = options[field];
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) refuse(field, 'a number, at least 0', value);
}

function checkOwner(owner: unknown): void {
  if (owner === undefined || typeof owner === 'function') return;
  if (!isObject(owner)) refuse('owner', "{ by: 'extRelationId' | 'relStr', profile? } or a function (ref, client) => userId", owner);
  if (owner.by !== undefined && owner.by !== 'extRelationId' && owner.by !== 'relStr') refuse('owner.by', "'extRelationId' or 'relStr'", owner.by);
  if (owner.profile !== undefined && typeof owner.profile !== 'function') refuse('owner.profile', 'a function (ref) => { name, email, … }', owner.profile);
}

function checkWait(wait: unknown): void {
  if (wait === undefined) return;
  if (!isObject(wait)) refuse('wait', '{ interval?, timeout?, expectedBuildMs? } in milliseconds', wait);
  nonNegative(wait, 'interval');
  nonNegative(wait, 'timeout');
  nonNegative(wait, 'expectedBuildMs');
}

function checkPlansByRegion(value: unknown): void {
  if (value === undefined) return;
  if (!isObject(value)) refuse('plansByRegion', 'an object of region id → plan ids ({ "2": ["1", "3"] })', value);
  for (const [region, plans] of Object.entries(value)) {
    if (!Array.isArray(plans) || plans.some((plan) => typeof plan !== 'string')) refuse(`plansByRegion.${region}`, 'an array of plan ids (strings)', plans);
  }
}

/**
 * Refuses options of `createVirtFusionProvider` that cannot work, naming the option and what it
 * takes, before a client is made or anything is sent.
 */
export function checkProviderOptions(options: unknown): void {
  if (!isObject(options)) refuse('options', '{ url, token } or { client }, with the provider settings', options);
  const client = options.client;
  if (client !== undefined && !(isObject(client) && typeof client.request === 'function' && isObject(client.servers))) {
    refuse('client', 'a VirtFusion client (new VirtFusion({ url, token }))', client);
  }
  if (client === undefined && typeof options.url !== 'string') refuse('url', "the panel's address, a string (or pass client)", options.url);
  if (client === undefined && typeof options.token !== 'string') refuse('token', 'the API token, a string (or pass client)', options.token === undefined ? undefined : '(hidden)');
  checkOwner(options.owner);
  checkWait(options.wait);
  checkPlansByRegion(options.plansByRegion);
  for (const field of ['catalogTtlMs', 'nameIndexMaxAgeMs', 'destroyDelayMinutes']) nonNegative(options, field);
  const attempts = options.createAttempts;
  if (attempts !== undefined && (typeof attempts !== 'number' || !Number.isInteger(attempts) || attempts < 1)) refuse('createAttempts', 'an integer, at least 1', attempts);
  if (options.remoteState !== undefined && typeof options.remoteState !== 'boolean') refuse('remoteState', 'true or false', options.remoteState);
  if (options.defaults !== undefined && !isObject(options.defaults)) refuse('defaults', 'an object of create settings', options.defaults);
}
