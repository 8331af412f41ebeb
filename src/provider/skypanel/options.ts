import { CREATE_UNTIL, type ComputeProvider, type CreateUntil, type Instance, type Plan } from '../types';
import { invalidArgument } from './errors';
import type { SkyPanelCreateInstanceParams } from './shapes';

/** Prices of a plan; VirtFusion packages carry none, so the panel supplies them. */
export type SkyPanelPricing = Record<string, { hourly: number; monthly: number }> | ((plan: Plan) => { hourly: number; monthly: number } | undefined);

export interface SkyPanelAdapterOptions {
  /** The owner reference of every instance this service creates and lists (the panel's account id). */
  owner: string | ((params: SkyPanelCreateInstanceParams) => string);
  /** Plan prices. Plans without one get `{ hourly: 0, monthly: 0 }`. */
  pricing?: SkyPanelPricing | undefined;
  /** Instances listed by `listInstances`: the fixed owner's (default when `owner` is a string) or every instance. */
  list?: 'owner' | 'all' | undefined;
  /**
   * When `createInstance` resolves: `'accepted'` (the default where the provider supports it, as
   * the panel's other providers answer) with the instance `provisioning`, or `'running'`.
   */
  until?: CreateUntil | undefined;
  /** Asked about a server that already carries the label: answer false for one your panel did not make (a `CONFLICT`). */
  isOurs?: ((instance: Instance) => boolean | Promise<boolean>) | undefined;
}

/** The options as the adapter uses them, checked. */
export interface CheckedAdapterOptions extends SkyPanelAdapterOptions {
  until: CreateUntil;
}

const PROVIDER_MEMBERS = ['validateCredentials', 'listInstances', 'getInstance', 'createInstance', 'destroyInstance', 'performAction', 'getPlans', 'getImages', 'getRegions', 'importSshKey'] as const;

/** Refuses, at construction, a provider or options the adapter cannot work with. */
export function checkAdapterArguments(provider: unknown, options: unknown): CheckedAdapterOptions {
  const type = (provider as { type?: unknown } | null)?.type;
  const refuse = (field: string, message: string): never => {
    throw invalidArgument(typeof type === 'string' ? type : 'unknown', field, message);
  };
  if (provider === null || typeof provider !== 'object') refuse('provider', 'toSkyPanelProvider needs a ComputeProvider (createVirtFusionProvider({ url, token })) as its first argument.');
  const candidate = provider as Partial<ComputeProvider>;
  const missing = PROVIDER_MEMBERS.filter((member) => typeof candidate[member] !== 'function');
  if (typeof candidate.type !== 'string' || candidate.features === null || typeof candidate.features !== 'object' || missing.length > 0) {
    refuse('provider', `toSkyPanelProvider needs a ComputeProvider; this one lacks ${[...(typeof candidate.type === 'string' ? [] : ['type']), ...(typeof candidate.features === 'object' && candidate.features !== null ? [] : ['features']), ...missing].join(', ')}.`);
  }
  if (options === null || typeof options !== 'object') refuse('options', 'toSkyPanelProvider needs options: { owner, pricing?, list?, until?, isOurs? }.');
  const given = options as SkyPanelAdapterOptions;
  if (!((typeof given.owner === 'string' && given.owner.trim() !== '') || typeof given.owner === 'function')) {
    refuse('owner', "owner must be the panel's account reference (a non-empty string) or a function of the create params that returns one.");
  }
  const { pricing } = given;
  if (pricing !== undefined && typeof pricing !== 'function') {
    if (pricing === null || typeof pricing !== 'object') refuse('pricing', 'pricing must be an object of plan id → { hourly, monthly }, or a function of the plan.');
    for (const [planId, price] of Object.entries(pricing)) {
      if (price === null || typeof price !== 'object' || typeof price.hourly !== 'number' || typeof price.monthly !== 'number') refuse(`pricing.${planId}`, `pricing.${planId} must be { hourly: number, monthly: number }.`);
    }
  }
  if (given.list !== undefined && given.list !== 'owner' && given.list !== 'all') refuse('list', "list must be 'owner' or 'all'.");
  if (given.list === 'owner' && typeof given.owner !== 'string') refuse('list', "list: 'owner' needs owner to be a string (a function owner has no single account to list).");
  if (given.isOurs !== undefined && typeof given.isOurs !== 'function') refuse('isOurs', 'isOurs must be a function (instance) => boolean.');
  const supported = candidate.features!.createUntil ?? ['running'];
  if (given.until !== undefined && !CREATE_UNTIL.includes(given.until)) refuse('until', `until must be one of ${CREATE_UNTIL.map((u) => `'${u}'`).join(', ')}.`);
  if (given.until !== undefined && !supported.includes(given.until)) refuse('until', `This provider (${candidate.type}) creates only until ${supported.join(', ')}.`);
  return { ...given, until: given.until ?? (supported.includes('accepted') ? 'accepted' : 'running') };
}
