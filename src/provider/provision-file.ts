import { z } from 'zod';
import { ProviderError, toProviderError } from './errors';
import { inParallel } from './in-parallel';
import { createInstanceInputSchema, jsonPath, validationError } from './input';
import type { ComputeProvider, CreateInstanceInput, CreateProgress, Image, InstanceStatus, Plan } from './types';

const talisInstanceSchema = z.object({
  name: z.string().min(1).max(240).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'name may hold letters, digits, dots, hyphens and underscores'),
  provider: z.string().optional(),
  number_of_instances: z.number().int().min(1).max(1000).default(1),
  provision: z.boolean().optional(),
  hypervisor_id: z.number().int().positive().optional(),
  hypervisor_group: z.union([z.string().min(1), z.number().int().positive()]).optional(),
  resources: z
    .object({
      memory: z.number().int().positive().optional(),
      disk: z.number().int().positive().optional(),
      cpu: z.number().int().positive().optional(),
    })
    .optional(),
  template: z.union([z.string().min(1), z.number().int().positive()]),
  ssh_key_name: z.string().min(1).optional(),
  network: z
    .object({
      profile_id: z.number().int().min(0).optional(),
      bandwidth: z.number().min(0).optional(),
      public_ip: z.boolean().optional(),
      firewall_rulesets: z.array(z.number().int()).optional(),
    })
    .optional(),
  volumes: z.array(z.object({ name: z.string().min(1), size_gb: z.number().int().positive(), mount_point: z.string().optional() })).optional(),
});

/** The request file of talis (`{ project_name, instances: [...] }`). */
export const talisFileSchema = z.object({
  project_name: z.string().min(1),
  instances: z.array(talisInstanceSchema).min(1, 'instances must hold at least one instance'),
});

/** Our own file format: create inputs; `owner` may come from the options instead. */
export const instanceListSchema = z.array(createInstanceInputSchema.extend({ owner: z.string().min(1).optional() })).min(1, 'the file must hold at least one instance');

export type TalisFile = z.input<typeof talisFileSchema>;

export interface ProvisionFileOptions {
  /** The owner of every instance (and the default of our format's entries). */
  owner?: string | undefined;
  /** The plan of talis instances; without it, the smallest plan that covers `resources` is used. */
  planId?: string | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((event: { name: string; index: number; progress: CreateProgress }) => void) | undefined;
  /** Instances created at once (default 1: one after another). After a failure no new one starts. */
  parallel?: number | undefined;
}

function parallelism(value: number | undefined, provider: string): number {
  if (value === undefined) return 1;
  if (!Number.isSafeInteger(value) || value < 1) throw fail(provider, 'parallel', `must be a whole number of at least 1, got ${JSON.stringify(value)}`);
  return value;
}

export interface ProvisionedInstance {
  name: string;
  id: string;
  status: InstanceStatus;
  ipv4: string[];
  ipv6: string[];
  /** false when an instance of this name already existed (a re-run). */
  created: boolean;
}

export interface ProvisionFileResult {
  instances: ProvisionedInstance[];
  /** What the file asked for that the provider does not do (talis's `provision`, `bandwidth`, mount points...). */
  notes: string[];
}

function fail(provider: string, field: string, message: string): ProviderError {
  return new ProviderError({ code: 'VALIDATION_ERROR', provider, field, message: `${field}: ${message}` });
}

function pickPlan(plans: Plan[], resources: { memory?: number; disk?: number; cpu?: number } | undefined, regionId: string): Plan | undefined {
  return plans
    .filter((p) => p.regionIds.includes(regionId))
    .filter((p) => (p.memoryMb ?? 0) >= (resources?.memory ?? 0) && (p.diskGb ?? 0) >= (resources?.disk ?? 0) && (p.vcpus ?? 0) >= (resources?.cpu ?? 0))
    .sort((a, b) => (a.memoryMb ?? 0) - (b.memoryMb ?? 0) || (a.diskGb ?? 0) - (b.diskGb ?? 0) || (a.vcpus ?? 0) - (b.vcpus ?? 0))[0];
}

function pickImage(images: Image[], template: string | number): Image[] {
  const wanted = String(template).toLowerCase();
  const exact = images.filter((i) => i.id === wanted || i.slug === wanted || i.name.toLowerCase() === wanted);
  return exact.length > 0 ? exact : images.filter((i) => i.slug?.startsWith(wanted) || i.name.toLowerCase().startsWith(wanted));
}

async function resolveRegion(provider: ComputeProvider, entry: z.infer<typeof talisInstanceSchema>, path: string): Promise<string> {
  const regions = await provider.getRegions();
  if (entry.hypervisor_group !== undefined) {
    const wanted = String(entry.hypervisor_group).toLowerCase();
    const region = regions.find((r) => r.id === wanted) ?? regions.find((r) => r.name.toLowerCase() === wanted);
    if (region === undefined) throw fail(provider.type, `${path}.hypervisor_group`, `no region (hypervisor group) is called or numbered ${JSON.stringify(entry.hypervisor_group)}; there are ${regions.map((r) => `${r.id} (${r.name})`).join(', ')}`);
    return region.id;
  }
  if (entry.hypervisor_id !== undefined) {
    const host = provider as ComputeProvider & { regionOfHost?: (id: number) => Promise<string | undefined> };
    const region = host.regionOfHost ? await host.regionOfHost(entry.hypervisor_id) : regions.find((r) => r.id === String(entry.hypervisor_id))?.id;
    if (region === undefined) throw fail(provider.type, `${path}.hypervisor_id`, `${entry.hypervisor_id} is neither a hypervisor group nor a hypervisor`);
    return region;
  }
  throw fail(provider.type, path, 'give hypervisor_group (a region) or hypervisor_id');
}

/** Turns a talis file into create inputs, checking each against the provider's catalogue. */
async function fromTalis(provider: ComputeProvider, file: z.infer<typeof talisFileSchema>, options: ProvisionFileOptions, notes: string[]): Promise<CreateInstanceInput[]> {
  const owner = options.owner;
  if (owner === undefined) throw fail(provider.type, 'owner', 'a talis file names no owner: pass options.owner');
  const plans = await provider.getPlans();
  const inputs: CreateInstanceInput[] = [];
  for (const [i, entry] of file.instances.entries()) {
    const path = `instances[${i}]`;
    if (entry.provider !== undefined && entry.provider.toLowerCase() !== provider.type) throw fail(provider.type, `${path}.provider`, `this file entry is for ${JSON.stringify(entry.provider)}, not ${provider.type}`);
    const regionId = await resolveRegion(provider, entry, path);
    const plan = options.planId !== undefined ? plans.find((p) => p.id === options.planId) : pickPlan(plans, entry.resources, regionId);
    if (plan === undefined) {
      throw fail(provider.type, options.planId !== undefined ? 'planId' : `${path}.resources`, options.planId !== undefined ? `there is no plan ${options.planId}` : `no plan in region ${regionId} has ${JSON.stringify(entry.resources ?? {})}`);
    }
    const images = pickImage(await provider.getImages({ planId: plan.id }), entry.template);
    if (images.length !== 1) {
      throw fail(provider.type, `${path}.template`, images.length === 0 ? `no image of plan ${plan.id} matches ${JSON.stringify(entry.template)}` : `${JSON.stringify(entry.template)} matches ${images.map((m) => `${m.id} (${m.slug})`).join(', ')}; be more precise`);
    }
    let sshKeyIds: string[] | undefined;
    if (entry.ssh_key_name !== undefined) {
      const key = (await provider.listSshKeys(owner)).find((k) => k.name === entry.ssh_key_name);
      if (key === undefined) throw fail(provider.type, `${path}.ssh_key_name`, `the owner has no SSH key named ${JSON.stringify(entry.ssh_key_name)}`);
      sshKeyIds = [key.id];
    }
    const custom = provider.features.createInstance.includes('custom_resources');
    const resources = entry.resources && custom ? { memoryMb: entry.resources.memory, diskGb: entry.resources.disk, vcpus: entry.resources.cpu } : undefined;
    const providerOptions: Record<string, unknown> = {};
    if (provider.type === 'virtfusion') {
      if (entry.network?.profile_id !== undefined) providerOptions.networkProfile = entry.network.profile_id;
      if (entry.network?.public_ip === false) providerOptions.ipv4 = 0;
      if (entry.volumes?.length) {
        if (entry.volumes.length > 2) throw fail(provider.type, `${path}.volumes`, 'VirtFusion creates at most two extra disks');
        providerOptions.extraDisksGb = entry.volumes.map((v) => v.size_gb);
      }
    }
    if (entry.provision) notes.push(`${path}.provision: running a provisioning playbook is not part of this tool; run it on the returned addresses.`);
    if (entry.network?.bandwidth !== undefined) notes.push(`${path}.network.bandwidth: ignored; the plan's network speed applies.`);
    if (entry.network?.firewall_rulesets?.length) notes.push(`${path}.network.firewall_rulesets: ignored; the plan's firewall rulesets apply.`);
    if (entry.volumes?.some((v) => v.mount_point)) notes.push(`${path}.volumes[].mount_point: ignored; extra disks are attached unformatted.`);
    for (let n = 1; n <= entry.number_of_instances; n += 1) {
      inputs.push({
        name: `${entry.name}-${n}`,
        planId: plan.id,
        imageId: images[0]!.id,
        regionId,
        owner,
        hostname: `${entry.name}-${n}`.replace(/[._]/g, '-').toLowerCase(),
        ...(sshKeyIds ? { sshKeyIds } : {}),
        ...(resources ? { resources } : {}),
        ...(Object.keys(providerOptions).length > 0 ? { providerOptions } : {}),
      });
    }
  }
  return inputs;
}

/** Reads a file's JSON (a string or parsed value) in either format, with errors that name the JSON path. */
export async function planProvisionFile(provider: ComputeProvider, json: unknown, options: ProvisionFileOptions = {}): Promise<{ inputs: CreateInstanceInput[]; notes: string[] }> {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new ProviderError({ code: 'VALIDATION_ERROR', provider: provider.type, field: '$', message: `The file is not JSON: ${(error as Error).message}`, cause: error });
    }
  }
  const notes: string[] = [];
  if (Array.isArray(value)) {
    const parsed = instanceListSchema.safeParse(value);
    if (!parsed.success) throw validationError(provider.type, parsed.error);
    const inputs = parsed.data.map((entry, i) => {
      const owner = entry.owner ?? options.owner;
      if (owner === undefined) throw fail(provider.type, jsonPath([i, 'owner']), 'no owner here and none in options.owner');
      return { ...entry, owner };
    });
    return { inputs, notes };
  }
  const parsed = talisFileSchema.safeParse(value);
  if (!parsed.success) throw validationError(provider.type, parsed.error);
  const inputs = await fromTalis(provider, parsed.data, options, notes);
  const names = new Set<string>();
  for (const [i, input] of inputs.entries()) {
    if (names.has(input.name)) throw fail(provider.type, `instances`, `two instances would be named ${JSON.stringify(input.name)} (entry ${i}); names must be unique`);
    names.add(input.name);
  }
  return { inputs, notes };
}

/**
 * Creates every instance of a provisioning file: talis's request format or ours (an array of
 * create inputs). Each instance's name (`<name>-<n>` in a talis file) is its idempotency key, so
 * running the same file again creates nothing twice and returns the same instances. The whole file
 * is checked before the first create.
 *
 * @example
 * ```ts
 * const { instances } = await provisionFile(provider, readFileSync('cluster.json', 'utf8'), { owner: '1042' });
 * for (const i of instances) console.log(i.name, i.ipv4.join(' '));
 * ```
 */
export async function provisionFile(provider: ComputeProvider, json: unknown, options: ProvisionFileOptions = {}): Promise<ProvisionFileResult> {
  try {
    const { inputs, notes } = await planProvisionFile(provider, json, options);
    const instances = await inParallel(inputs, parallelism(options.parallel, provider.type), async (input, index): Promise<ProvisionedInstance> => {
      options.signal?.throwIfAborted();
      const existing = await provider.findInstance({ name: input.name, owner: input.owner });
      const instance = await provider.createInstance(input, {
        signal: options.signal,
        onProgress: options.onProgress && ((progress) => options.onProgress!({ name: input.name, index, progress })),
      });
      return { name: input.name, id: instance.id, status: instance.status, ipv4: instance.ipv4, ipv6: instance.ipv6, created: existing === undefined };
    });
    return { instances, notes };
  } catch (error) {
    throw toProviderError(error, { provider: provider.type, doing: 'Provisioning the file' });
  }
}
