import { z } from 'zod';

/** What a server name may hold: letters, digits, dots, hyphens and underscores, from a letter or digit. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The most instances one entry may ask for (`number_of_instances`). */
export const MAX_INSTANCES_PER_ENTRY = 1000;

const count = (field: string) => z.number({ error: `${field} must be a whole number` }).int(`${field} must be a whole number`);
const atLeastOne = (field: string) => count(field).min(1, `${field} must be at least 1`);
const text = (field: string) => z.string({ error: `${field} must be a string` });
/** An id or a name: talis writes both as strings, older files wrote numbers. */
const reference = (field: string) => z.union([text(field).trim().min(1, `${field} must not be empty`), atLeastOne(field)], { error: `${field} must be a string or a number` });

const volumeSchema = z
  .object({
    name: text('name').optional(),
    size_gb: atLeastOne('size_gb'),
    region: text('region').optional(),
    filesystem: text('filesystem').optional(),
    mount_point: text('mount_point').optional(),
  })
  .loose();

/**
 * One instance request of talis (`types.InstanceRequest` in celestiaorg/talis), with the additions
 * of its VirtFusion branch (`hypervisor_id`, `hypervisor_group`, `network`, `template`, `disk`,
 * `package`, `ssh_keys`, `user_data`) and the `resources` object of files this SDK read before.
 * Keys it does not know are kept, so each can be reported in `notes`.
 */
const entryObject = z
  .object({
    name: text('name')
      .min(1, 'name must not be empty')
      .max(240, 'name must be at most 240 characters')
      .regex(NAME_PATTERN, 'name may hold letters, digits, dots, hyphens and underscores, and starts with a letter or digit')
      .optional(),
    provider: text('provider').optional(),
    owner_id: z.union([count('owner_id'), text('owner_id')]).optional(),
    project_name: text('project_name').optional(),
    region: text('region').optional(),
    size: text('size').optional(),
    package: reference('package').optional(),
    memory: atLeastOne('memory').optional(),
    cpu: atLeastOne('cpu').optional(),
    disk: atLeastOne('disk').optional(),
    image: reference('image').optional(),
    template: reference('template').optional(),
    tags: z.array(text('tags[]')).optional(),
    number_of_instances: count('number_of_instances')
      .min(1, 'number_of_instances must be at least 1')
      .max(MAX_INSTANCES_PER_ENTRY, `number_of_instances must be at most ${MAX_INSTANCES_PER_ENTRY}`)
      .default(1),
    provision: z.boolean({ error: 'provision must be true or false' }).optional(),
    payload_path: text('payload_path').optional(),
    execute_payload: z.boolean({ error: 'execute_payload must be true or false' }).optional(),
    volumes: z.array(volumeSchema).optional(),
    ssh_key_name: text('ssh_key_name').min(1, 'ssh_key_name must not be empty').optional(),
    ssh_keys: z.array(text('ssh_keys[]').min(1)).optional(),
    sshKeys: z.array(text('sshKeys[]').min(1)).optional(),
    ssh_key_type: text('ssh_key_type').optional(),
    ssh_key_path: text('ssh_key_path').optional(),
    hypervisor_id: atLeastOne('hypervisor_id').optional(),
    hypervisor_group: reference('hypervisor_group').optional(),
    network: z
      .object({
        profile_id: count('profile_id').min(0, 'profile_id must be at least 0').optional(),
        bandwidth: z.number({ error: 'bandwidth must be a number' }).min(0, 'bandwidth must be at least 0').optional(),
        firewall_rulesets: z.array(count('firewall_rulesets[]')).optional(),
        public_ip: z.boolean({ error: 'public_ip must be true or false' }).optional(),
      })
      .loose()
      .optional(),
    resources: z
      .object({ memory: atLeastOne('memory').optional(), disk: atLeastOne('disk').optional(), cpu: atLeastOne('cpu').optional() })
      .strict()
      .optional(),
    user_data: text('user_data').optional(),
    userData: text('userData').optional(),
  })
  .loose();

const NO_IMAGE = 'every entry needs an image: a template id (such as "46") or name (such as "debian-12").';

function needsImage(entry: { image?: unknown; template?: unknown }, context: z.RefinementCtx): void {
  if (entry.image === undefined && entry.template === undefined) context.addIssue({ code: 'custom', path: ['image'], message: NO_IMAGE });
}

export const talisEntrySchema = entryObject.superRefine(needsImage);

export type TalisEntry = z.infer<typeof talisEntrySchema>;

/** The request file talis reads today (`talis infra create -f`): a JSON array of instance requests. */
export const talisRequestListSchema = z.array(talisEntrySchema).min(1, 'the file must hold at least one instance request');

/**
 * The `{ project_name, instances }` file talis read until April 2025 (and its VirtFusion branch
 * writes). Each entry needs a name; `project_name` and `owner_id` apply to every entry.
 */
export const talisFileSchema = z
  .object({
    project_name: text('project_name').min(1, 'project_name must not be empty'),
    owner_id: z.union([count('owner_id'), text('owner_id')]).optional(),
    instances: z.array(entryObject.extend({ name: entryObject.shape.name.unwrap() }).superRefine(needsImage)).min(1, 'instances must hold at least one instance'),
  })
  .loose();

export type TalisFile = z.input<typeof talisFileSchema>;

/** Keys only a talis request has: an array entry holding one of them is read as talis's. */
export const TALIS_KEYS = new Set([
  'image',
  'template',
  'provider',
  'number_of_instances',
  'project_name',
  'owner_id',
  'size',
  'memory',
  'cpu',
  'disk',
  'region',
  'volumes',
  'hypervisor_id',
  'hypervisor_group',
  'ssh_key_name',
  'tags',
  'provision',
  'package',
  'resources',
]);

/** Keys only our create inputs have. */
export const CREATE_INPUT_KEYS = new Set(['planId', 'imageId', 'regionId', 'sshKeyIds', 'providerOptions', 'owner', 'hostname', 'password']);

/** Fields the talis server fills in itself: present in a request copied from its answers, and ignored. */
export const SERVER_SET_KEYS = ['instance_id', 'public_ip', 'volume_ids', 'volume_details', 'instance_index', 'action', 'provider_instance_id', 'last_task_id'] as const;

/** Other top-level keys of the object file (besides `project_name`, `owner_id`, `instances`), each with why it is not applied. */
export const FILE_KEYS: Record<string, string> = {
  name: "the talis job's name; not applied (each instance's name is its key here).",
  job_name: "the talis job's name; not applied (each instance's name is its key here).",
  instance_name: "talis's default instance name; not applied: every entry here names its instances.",
  webhook_url: 'talis calls it when its task ends; not called here (the result lists every instance).',
};
