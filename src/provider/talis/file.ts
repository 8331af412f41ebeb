import { ProviderError } from '../errors';
import type { ComputeProvider, CreateInstanceInput, Plan, Region } from '../types';
import { FileCatalogue } from './catalogue';
import { entryInputs } from './entry';
import { talisError, talisSchemaError } from './errors';
import { Notes } from './notes';
import { FILE_KEYS, talisFileSchema, talisRequestListSchema, type TalisEntry } from './request';

/** Options of reading a talis file. */
export interface TalisFileOptions {
  owner?: string | undefined;
  planId?: string | undefined;
  regionId?: string | undefined;
  skipOtherProviders?: boolean | undefined;
}

/** The create inputs of a talis file, what was not applied, and the names earlier versions gave single instances. */
export interface TalisPlan {
  inputs: CreateInstanceInput[];
  notes: string[];
  /** Name → the `<name>-1` an earlier version of this SDK gave a single instance of the `{ project_name, instances }` file. */
  formerNames: Map<string, string>;
}

const TALIS_PROVIDERS: Record<string, string> = { ximera: 'virtfusion' };

function optionError(provider: string, field: string, message: string): ProviderError {
  return new ProviderError({ code: 'VALIDATION_ERROR', provider, field, message: `${field}: ${message}` });
}

async function optionPlan(provider: ComputeProvider, catalogue: FileCatalogue, planId: string | undefined): Promise<Plan | undefined> {
  if (planId === undefined) return undefined;
  const plans = await catalogue.plans();
  const plan = plans.find((p) => p.id === planId);
  if (plan === undefined) throw optionError(provider.type, 'planId', `there is no plan ${planId}; there are ${plans.map((p) => `${p.id} (${p.name})`).join(', ')}.`);
  return plan;
}

async function optionRegion(provider: ComputeProvider, catalogue: FileCatalogue, regionId: string | undefined): Promise<Region | undefined> {
  if (regionId === undefined) return undefined;
  const regions = await catalogue.regions();
  const region = regions.find((r) => r.id === regionId.trim());
  if (region === undefined) throw optionError(provider.type, 'regionId', `there is no region ${regionId}; there are ${regions.map((r) => `${r.id} (${r.name})`).join(', ')}.`);
  if (!region.available) throw optionError(provider.type, 'regionId', `region ${region.id} (${region.name}) takes no new servers.`);
  return region;
}

/**
 * Reads a talis file in either of its shapes (`list`: the array of instance requests talis reads
 * today; `object`: `{ project_name, instances }`) into create inputs, checking every entry against
 * the provider's catalogue before anything is created.
 */
export async function planTalisFile(provider: ComputeProvider, value: unknown, shape: 'list' | 'object', options: TalisFileOptions): Promise<TalisPlan> {
  const notes = new Notes();
  let entries: TalisEntry[];
  let prefix: string;
  let object = false;
  if (shape === 'list') {
    const parsed = talisRequestListSchema.safeParse(value);
    if (!parsed.success) throw talisSchemaError(provider.type, parsed.error);
    entries = parsed.data;
    prefix = '';
  } else {
    const parsed = talisFileSchema.safeParse(value);
    if (!parsed.success) throw talisSchemaError(provider.type, parsed.error);
    const { instances, owner_id: ownerId, project_name: _project, ...rest } = parsed.data;
    entries = instances;
    prefix = 'instances';
    object = true;
    notes.add('project_name', 'project_name', "talis's project; VirtFusion has no projects (each server's name is its key); not applied.");
    if (ownerId !== undefined) notes.add('owner_id', 'owner_id', `talis's own user id, not a panel user; the servers belong to options.owner (${JSON.stringify(options.owner ?? '')}).`);
    for (const key of Object.keys(rest)) notes.add(`file.${key}`, key, FILE_KEYS[key] ?? "not a field of talis's request file; ignored.");
  }

  const ours = new Set([provider.type, ...Object.entries(TALIS_PROVIDERS).filter(([, to]) => to === provider.type).map(([from]) => from)]);
  const made: { entry: TalisEntry; path: string }[] = [];
  for (const [index, entry] of entries.entries()) {
    const path = `${prefix}[${index}]`;
    const wanted = entry.provider?.trim().toLowerCase();
    if (wanted === undefined || wanted === '' || ours.has(wanted)) {
      made.push({ entry, path });
    } else if (options.skipOtherProviders) {
      notes.add(`provider:${wanted}`, path, `provider ${JSON.stringify(entry.provider)}: skipped (skipOtherProviders); talis makes these with its own ${wanted} provider.`);
    } else {
      throw talisError(provider.type, `${path}.provider`, `entry ${path} is for provider ${JSON.stringify(entry.provider)}, not ${[...ours].join(' or ')}; pass skipOtherProviders (CLI --skip-other-providers) to skip such entries.`);
    }
  }
  if (made.length === 0) return { inputs: [], notes: notes.list(), formerNames: new Map() };
  const owner = options.owner;
  if (owner === undefined || owner.trim() === '') {
    throw optionError(provider.type, 'owner', "a talis file's owner_id is talis's own user, not a panel user: pass the owner of the servers in options.owner (CLI --owner).");
  }

  const catalogue = new FileCatalogue(provider);
  const context = { provider, catalogue, notes, owner, plan: await optionPlan(provider, catalogue, options.planId), region: await optionRegion(provider, catalogue, options.regionId) };
  const inputs: CreateInstanceInput[] = [];
  const formerNames = new Map<string, string>();
  const taken = new Map<string, string>();
  for (const { entry, path } of made) {
    const planned = await entryInputs(context, entry, path);
    for (const input of planned.inputs) {
      const first = taken.get(input.name);
      if (first !== undefined) throw talisError(provider.type, `${path}.name`, `${JSON.stringify(input.name)} is also a name of ${first}; names are the keys of the servers and must differ.`);
      taken.set(input.name, path);
      inputs.push(input);
    }
    if (object && planned.formerName !== undefined) formerNames.set(planned.inputs[0]!.name, planned.formerName);
  }
  return { inputs, notes: notes.list(), formerNames };
}
