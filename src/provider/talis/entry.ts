import { createInstanceInputSchema } from '../input';
import type { ComputeProvider, CreateInstanceInput, Plan, Region, ResourceOverrides } from '../types';
import type { FileCatalogue } from './catalogue';
import { talisError } from './errors';
import { imagesNamed, keyNamed, planNamed, sizeSlug, smallestPlan, type Wanted } from './match';
import type { Notes } from './notes';
import { placeEntry } from './placement';
import { NAME_PATTERN, type TalisEntry } from './request';
import { noteUnapplied } from './unapplied';

/** What every entry of one file shares. */
export interface EntryContext {
  provider: ComputeProvider;
  catalogue: FileCatalogue;
  notes: Notes;
  owner: string;
  /** `options.planId`, already checked. */
  plan: Plan | undefined;
  /** `options.regionId`, already checked. */
  region: Region | undefined;
}

/** An entry's create inputs, and for a single instance the `-1` name earlier versions gave it. */
export interface EntryInputs {
  inputs: CreateInstanceInput[];
  formerName: string | undefined;
}

/** A requested amount with the path of the field it came from, for errors. */
interface Asked {
  value: number;
  field: string;
}

interface Resources {
  memory: Asked | undefined;
  cpu: Asked | undefined;
  disk: Asked | undefined;
  extraDisksGb: number[];
}


/**
 * Memory, cores and disks as talis's VirtFusion paths read them: flat `memory` (MB) and `cpu`; the
 * main disk is `disk` when given (extra disks are then every volume), else the first volume's
 * `size_gb` (the others become extra disks), as its ximera provider sends `storage`.
 */
function resourcesOf(entry: TalisEntry, path: string): Resources {
  const from = (flat: number | undefined, legacy: number | undefined, key: string): Asked | undefined =>
    flat !== undefined ? { value: flat, field: `${path}.${key}` } : legacy !== undefined ? { value: legacy, field: `${path}.resources.${key}` } : undefined;
  const volumes = entry.volumes ?? [];
  const explicitDisk = from(entry.disk, entry.resources?.disk, 'disk');
  const disk = explicitDisk ?? (volumes[0] === undefined ? undefined : { value: volumes[0].size_gb, field: `${path}.volumes[0].size_gb` });
  return {
    memory: from(entry.memory, entry.resources?.memory, 'memory'),
    cpu: from(entry.cpu, entry.resources?.cpu, 'cpu'),
    disk,
    extraDisksGb: (explicitDisk === undefined ? volumes.slice(1) : volumes).map((v) => v.size_gb),
  };
}

/** The plan: `options.planId`, else `package`/`size` naming a plan, else the smallest that covers the resources. */
function choosePlan(context: EntryContext, plans: Plan[], entry: TalisEntry, resources: Resources, regionId: string, path: string): Plan {
  const fail = (field: string, message: string) => talisError(context.provider.type, field, message);
  const named = entry.package ?? entry.size;
  const namedField = `${path}.${entry.package !== undefined ? 'package' : 'size'}`;
  if (context.plan !== undefined) {
    if (named !== undefined) context.notes.add(entry.package !== undefined ? 'package' : 'size', namedField, 'options.planId (--plan) decides the plan; not applied.');
    if (!context.plan.regionIds.includes(regionId)) throw fail(path, `plan ${context.plan.id} (${context.plan.name}, options.planId) is not offered in region ${regionId}.`);
    return context.plan;
  }
  if (named !== undefined) {
    const plan = planNamed(plans, named);
    if (plan !== undefined) {
      if (!plan.regionIds.includes(regionId)) throw fail(namedField, `plan ${plan.id} (${plan.name}) is not offered in region ${regionId}.`);
      return plan;
    }
    const slug = entry.package === undefined ? sizeSlug(String(named)) : undefined;
    if (resources.memory !== undefined && resources.cpu !== undefined) {
      context.notes.add('size', namedField, "ignored because memory and cpu are given, as talis's ximera provider ignores it.");
    } else if (slug !== undefined) {
      resources.memory ??= { value: slug.memoryMb, field: namedField };
      resources.cpu ??= { value: slug.cpu, field: namedField };
    } else {
      throw fail(namedField, `${JSON.stringify(named)} is neither a plan (${plans.map((p) => `${p.id} ${p.name}`).join(', ')}) nor a size such as s-2vcpu-4gb; give memory and cpu, or a plan.`);
    }
  }
  const wanted: Wanted = { memoryMb: resources.memory?.value, cpu: resources.cpu?.value, diskGb: resources.disk?.value };
  const plan = smallestPlan(plans, regionId, wanted);
  if (plan !== undefined) return plan;
  const offered = plans.filter((p) => p.regionIds.includes(regionId));
  if (offered.length === 0) throw fail(path, `no plan is offered in region ${regionId}.`);
  const limits: [Asked | undefined, number, string][] = [
    [resources.memory, Math.max(...offered.map((p) => p.memoryMb ?? 0)), 'MB'],
    [resources.cpu, Math.max(...offered.map((p) => p.vcpus ?? 0)), 'cores'],
    [resources.disk, Math.max(...offered.map((p) => p.diskGb ?? 0)), 'GB'],
  ];
  const advice = 'name a plan that can take it with options.planId (--plan) or ask for less.';
  const over = limits.find(([a, max]) => a !== undefined && a.value > max);
  if (over === undefined) {
    const together = limits.filter(([a]) => a !== undefined).map(([a, , unit]) => `${a!.value} ${unit}`);
    throw fail(path, `no plan of region ${regionId} has ${together.join(', ')} together; ${advice}`);
  }
  const [asked, most, unit] = over;
  throw fail(asked!.field, `no plan of region ${regionId} has ${asked!.value} ${unit} (the most is ${most} ${unit}); ${advice}`);
}

/** Memory and cores no hypervisor of the region (where the panel places the server) can hold are refused. */
async function checkCapacity(context: EntryContext, resources: Resources, regionId: string): Promise<void> {
  // A token that may not read hypervisors leaves the check to the panel.
  const nodes = (await context.catalogue.nodes().catch(() => undefined))?.filter((n) => n.groupId === regionId && n.accepting);
  if (nodes === undefined || nodes.length === 0) return;
  const where = `any hypervisor of region ${regionId}`;
  const memory = Math.max(...nodes.map((n) => n.maxMemoryMb ?? Number.POSITIVE_INFINITY));
  if (resources.memory !== undefined && resources.memory.value > memory) {
    throw talisError(context.provider.type, resources.memory.field, `${resources.memory.value} MB is more than ${where} holds (${memory} MB).`);
  }
  const cpu = Math.max(...nodes.map((n) => n.maxCpu ?? Number.POSITIVE_INFINITY));
  if (resources.cpu !== undefined && resources.cpu.value > cpu) {
    throw talisError(context.provider.type, resources.cpu.field, `${resources.cpu.value} cores are more than ${where} has (${cpu}).`);
  }
}

async function chooseImage(context: EntryContext, entry: TalisEntry, plan: Plan, path: string): Promise<string> {
  const ref = entry.image ?? entry.template;
  const field = `${path}.${entry.image !== undefined ? 'image' : 'template'}`;
  if (ref === undefined) throw talisError(context.provider.type, `${path}.image`, 'every entry needs an image.');
  if (entry.image !== undefined && entry.template !== undefined && String(entry.template) !== String(entry.image)) {
    context.notes.add('template', `${path}.template`, 'image decides the template; not applied.');
  }
  const images = await context.catalogue.images(plan.id);
  const found = imagesNamed(images, ref);
  if (found.length === 1) return found[0]!.id;
  throw talisError(
    context.provider.type,
    field,
    found.length === 0
      ? `no image of plan ${plan.id} (${plan.name}) is numbered or called ${JSON.stringify(ref)}; it offers ${images.map((i) => `${i.id} (${i.slug ?? i.name})`).join(', ') || 'none'}.`
      : `${JSON.stringify(ref)} names ${found.map((i) => `${i.id} (${i.slug ?? i.name})`).join(', ')}; be more precise.`,
  );
}

async function chooseKeys(context: EntryContext, entry: TalisEntry, path: string): Promise<string[] | undefined> {
  const refs = [
    ...(entry.ssh_key_name === undefined ? [] : [{ ref: entry.ssh_key_name, field: `${path}.ssh_key_name` }]),
    ...(entry.ssh_keys ?? []).map((ref, i) => ({ ref, field: `${path}.ssh_keys[${i}]` })),
    ...(entry.sshKeys ?? []).map((ref, i) => ({ ref, field: `${path}.sshKeys[${i}]` })),
  ];
  if (refs.length === 0) return undefined;
  const keys = await context.catalogue.sshKeys(context.owner);
  const ids = refs.map(({ ref, field }) => {
    const key = keyNamed(keys, ref);
    if (key === undefined) {
      throw talisError(context.provider.type, field, `owner ${context.owner} has no SSH key named or numbered ${JSON.stringify(ref)}${keys.length ? `; their keys: ${keys.map((k) => `${k.id} (${k.name})`).join(', ')}` : ''}. Import it first (importSshKey).`);
    }
    return key.id;
  });
  return [...new Set(ids)];
}

/** Settings only the VirtFusion provider reads; on another provider each is noted instead. */
function providerOptionsOf(context: EntryContext, entry: TalisEntry, resources: Resources, path: string): Record<string, unknown> | undefined {
  const options: Record<string, unknown> = {};
  if (entry.network?.profile_id !== undefined) options.networkProfile = entry.network.profile_id;
  if (entry.network?.public_ip === false) options.ipv4 = 0;
  if (resources.extraDisksGb.length > 0) options.extraDisksGb = resources.extraDisksGb;
  if (Object.keys(options).length === 0) return undefined;
  if (context.provider.type === 'virtfusion') return options;
  const fields: Record<string, string> = { networkProfile: 'network.profile_id', ipv4: 'network.public_ip', extraDisksGb: 'volumes' };
  for (const key of Object.keys(options)) context.notes.add(fields[key]!, `${path}.${fields[key]}`, `only the VirtFusion provider applies it; ${context.provider.type} does not.`);
  return undefined;
}

function overridesOf(context: EntryContext, resources: Resources): ResourceOverrides | undefined {
  const asked: [keyof ResourceOverrides, Asked | undefined][] = [
    ['memoryMb', resources.memory],
    ['vcpus', resources.cpu],
    ['diskGb', resources.disk],
  ];
  const overrides: ResourceOverrides = {};
  for (const [key, amount] of asked) if (amount !== undefined) overrides[key] = amount.value;
  if (Object.keys(overrides).length === 0) return undefined;
  if (context.provider.features.createInstance.includes('custom_resources')) return overrides;
  for (const [key, amount] of asked) {
    if (amount !== undefined) context.notes.add(`override:${key}`, amount.field, `${context.provider.type} takes the plan's resources (the plan was chosen to cover it); not applied as an override.`);
  }
  return undefined;
}

const isHostname = (name: string) => createInstanceInputSchema.shape.hostname.safeParse(name).success;

/** One talis entry as create inputs, checked against the provider's catalogue. */
export async function entryInputs(context: EntryContext, entry: TalisEntry, path: string): Promise<EntryInputs> {
  const fail = (field: string, message: string) => talisError(context.provider.type, field, message);
  const base = entry.name ?? entry.project_name;
  if (base === undefined || !NAME_PATTERN.test(base)) {
    throw fail(`${path}.name`, entry.name === undefined && entry.project_name !== undefined ? `no name, and project_name ${JSON.stringify(entry.project_name)} cannot stand for it (letters, digits, dots, hyphens, underscores).` : 'every entry needs a name (or a project_name to name its instances after).');
  }
  const resources = resourcesOf(entry, path);
  if (resources.extraDisksGb.length > 2) throw fail(`${path}.volumes`, `VirtFusion gives a server its main disk and at most two extra disks; this entry asks for ${resources.extraDisksGb.length} extra disks.`);
  const regionId = await placeEntry({ provider: context.provider.type, catalogue: context.catalogue, notes: context.notes, fallback: context.region }, entry, path);
  const plan = choosePlan(context, await context.catalogue.plans(), entry, resources, regionId, path);
  await checkCapacity(context, resources, regionId);
  const imageId = await chooseImage(context, entry, plan, path);
  const sshKeyIds = await chooseKeys(context, entry, path);
  const providerOptions = providerOptionsOf(context, entry, resources, path);
  const overrides = overridesOf(context, resources);

  noteUnapplied(context.notes, entry, path);
  if (entry.owner_id !== undefined) context.notes.add('owner_id', `${path}.owner_id`, `talis's own user id, not a panel user; the servers belong to options.owner (${JSON.stringify(context.owner)}).`);
  if (entry.name === undefined) {
    context.notes.add('name', `${path}.name`, 'none given: the servers are named after project_name (numbered when several); talis adds a random suffix instead, which would make a second run create them again.');
  } else if (entry.project_name !== undefined) {
    context.notes.add('project_name', `${path}.project_name`, "talis's project; VirtFusion has no projects (each server's name is its key); not applied.");
  }

  const count = entry.number_of_instances;
  const names = count > 1 ? Array.from({ length: count }, (_, n) => `${base}-${n + 1}`) : [base];
  const inputs = names.map((name): CreateInstanceInput => {
    const hostname = name.replace(/_/g, '-').toLowerCase();
    return {
      name,
      planId: plan.id,
      imageId,
      regionId,
      owner: context.owner,
      ...(isHostname(hostname) ? { hostname } : {}),
      ...(sshKeyIds ? { sshKeyIds } : {}),
      ...(overrides ? { resources: overrides } : {}),
      ...(providerOptions ? { providerOptions } : {}),
    };
  });
  return { inputs, formerName: count === 1 ? `${base}-1` : undefined };
}
