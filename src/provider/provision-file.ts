import { z } from 'zod';
import { ProviderError, toProviderError } from './errors';
import { inParallel } from './in-parallel';
import { createInstanceInputSchema, jsonPath, validationError } from './input';
import { planTalisFile } from './talis/file';
import { CREATE_INPUT_KEYS, TALIS_KEYS } from './talis/request';
import type { ComputeProvider, CreateInstanceInput, CreateProgress, InstanceStatus } from './types';

export { talisFileSchema, talisEntrySchema, talisRequestListSchema, MAX_INSTANCES_PER_ENTRY, type TalisFile, type TalisEntry } from './talis/request';

/** Our own file format: create inputs; `owner` may come from the options instead. */
export const instanceListSchema = z.array(createInstanceInputSchema.extend({ owner: z.string().min(1).optional() })).min(1, 'the file must hold at least one instance');

export interface ProvisionFileOptions {
  /** The owner of every instance (and the default of our format's entries). */
  owner?: string | undefined;
  /** The plan of talis entries; without it, a plan the entry names (`package`, `size`), else the smallest plan that covers its memory, cpu and disk. */
  planId?: string | undefined;
  /** The region of talis entries whose `region` names no hypervisor group (talis takes it from its environment). */
  regionId?: string | undefined;
  /** Skip talis entries for other providers (`do`…) with a note, instead of refusing the file. */
  skipOtherProviders?: boolean | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((event: { name: string; index: number; progress: CreateProgress }) => void) | undefined;
  /** Instances created at once (default 1: one after another). After a failure no new one starts. */
  parallel?: number | undefined;
}

function parallelism(value: number | undefined, provider: string): number {
  if (value === undefined) return 1;
  if (!Number.isSafeInteger(value) || value < 1) throw new ProviderError({ code: 'VALIDATION_ERROR', provider, field: 'parallel', message: `parallel must be a whole number of at least 1, got ${JSON.stringify(value)}.` });
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
  /** What the file asked for that was not applied, one line per field: the paths holding it, then why. */
  notes: string[];
}

/** What a file's JSON plans: the create inputs, in order, and what is not applied. */
export interface ProvisionFilePlan {
  inputs: CreateInstanceInput[];
  notes: string[];
  /** Name → the `<name>-1` earlier versions gave a single instance of a `{ project_name, instances }` file; that server is kept. */
  formerNames?: Map<string, string> | undefined;
}

type Shape = 'ours' | 'list' | 'object';

const NEITHER =
  "the file is neither talis's array of instance requests ([{ name, provider, image, memory, cpu, volumes… }]), talis's { project_name, instances } object, nor an array of create inputs ([{ name, planId, imageId, regionId }]).";

/** Tells the formats apart by their form: an object with `instances`, or an array whose entries hold talis's keys or ours. */
function shapeOf(provider: string, value: unknown): Shape {
  const fail = (message: string) => new ProviderError({ code: 'VALIDATION_ERROR', provider, field: '$', message: `$: ${message}` });
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    if ('instances' in value) return 'object';
    throw fail(NEITHER);
  }
  if (!Array.isArray(value)) throw fail(NEITHER);
  if (value.length === 0) throw fail('the file holds no instances.');
  let talis: number | undefined;
  let ours: number | undefined;
  value.forEach((entry, index) => {
    if (typeof entry !== 'object' || entry === null) return;
    const keys = Object.keys(entry);
    if (talis === undefined && keys.some((k) => TALIS_KEYS.has(k))) talis = index;
    if (ours === undefined && keys.some((k) => CREATE_INPUT_KEYS.has(k))) ours = index;
  });
  if (talis !== undefined && ours !== undefined) {
    throw fail(`entry [${talis}] is a talis instance request and entry [${ours}] a create input; a file holds one format.`);
  }
  if (talis !== undefined) return 'list';
  if (ours !== undefined) return 'ours';
  throw fail(NEITHER);
}

function fromOurs(provider: ComputeProvider, value: unknown, options: ProvisionFileOptions): ProvisionFilePlan {
  const parsed = instanceListSchema.safeParse(value);
  if (!parsed.success) throw validationError(provider.type, parsed.error);
  const inputs = parsed.data.map((entry, i) => {
    const owner = entry.owner ?? options.owner;
    if (owner === undefined) throw new ProviderError({ code: 'VALIDATION_ERROR', provider: provider.type, field: jsonPath([i, 'owner']), message: `${jsonPath([i, 'owner'])}: no owner here and none in options.owner` });
    return { ...entry, owner };
  });
  const seen = new Set<string>();
  for (const [i, input] of inputs.entries()) {
    if (seen.has(input.name)) throw new ProviderError({ code: 'VALIDATION_ERROR', provider: provider.type, field: jsonPath([i, 'name']), message: `${jsonPath([i, 'name'])}: two entries are named ${JSON.stringify(input.name)}; names must be unique` });
    seen.add(input.name);
  }
  return { inputs, notes: [] };
}

/**
 * Reads a file's JSON (a string or parsed value) in any of the formats, with errors that name the
 * JSON path (and the word talis, for talis's shapes). Nothing is created.
 */
export async function planProvisionFile(provider: ComputeProvider, json: unknown, options: ProvisionFileOptions = {}): Promise<ProvisionFilePlan> {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new ProviderError({ code: 'VALIDATION_ERROR', provider: provider.type, field: '$', message: `The file is not JSON: ${(error as Error).message}`, cause: error });
    }
  }
  const shape = shapeOf(provider.type, value);
  return shape === 'ours' ? fromOurs(provider, value, options) : planTalisFile(provider, value, shape, options);
}

/**
 * Creates every instance of a provisioning file: talis's request file (the array of instance
 * requests `talis infra create -f` reads, or the older `{ project_name, instances }` object) or ours
 * (an array of create inputs). Each instance's name is its idempotency key, so running the same file
 * again creates nothing twice and returns the same instances. The whole file is checked before the
 * first create; what it asks for that is not applied is listed in `notes`.
 *
 * @example
 * ```ts
 * const { instances, notes } = await provisionFile(provider, readFileSync('talis.json', 'utf8'), { owner: '1042', regionId: '2' });
 * for (const i of instances) console.log(i.name, i.ipv4.join(' '));
 * ```
 */
export async function provisionFile(provider: ComputeProvider, json: unknown, options: ProvisionFileOptions = {}): Promise<ProvisionFileResult> {
  try {
    const { inputs, notes, formerNames } = await planProvisionFile(provider, json, options);
    const instances = await inParallel(inputs, parallelism(options.parallel, provider.type), async (planned, index): Promise<ProvisionedInstance> => {
      options.signal?.throwIfAborted();
      let input = planned;
      let existing = await provider.findInstance({ name: input.name, owner: input.owner });
      const former = formerNames?.get(input.name);
      if (existing === undefined && former !== undefined) {
        existing = await provider.findInstance({ name: former, owner: input.owner });
        if (existing !== undefined) {
          input = { ...input, name: former };
          notes.push(`${JSON.stringify(planned.name)}: the server ${JSON.stringify(former)} (made by an earlier version, which numbered single instances) stands for it and keeps its name.`);
        }
      }
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
