/**
 * Status of a compute instance, the same for every provider. How a provider's own states map to
 * these is part of its documentation (docs/provider.md has the VirtFusion table).
 */
export type InstanceStatus = 'provisioning' | 'running' | 'stopped' | 'rebooting' | 'suspended' | 'error' | 'terminating' | 'unknown';

/** Every {@link InstanceStatus}, for validation and exhaustive switches. */
export const INSTANCE_STATUSES: readonly InstanceStatus[] = ['provisioning', 'running', 'stopped', 'rebooting', 'suspended', 'error', 'terminating', 'unknown'];

/** What an instance has, in the units every provider reports. */
export interface InstanceSpecs {
  vcpus: number | undefined;
  memoryMb: number | undefined;
  diskGb: number | undefined;
  /** Monthly transfer allowance; 0 means unlimited. */
  transferGb: number | undefined;
}

/** A compute instance as a provider-neutral caller sees it. */
export interface Instance {
  id: string;
  /** The caller's name for the instance, also its idempotency key. */
  name: string;
  status: InstanceStatus;
  hostname: string | undefined;
  ipv4: string[];
  ipv6: string[];
  planId: string | undefined;
  imageId: string | undefined;
  regionId: string | undefined;
  specs: InstanceSpecs;
  /** ISO-8601. */
  createdAt: string | undefined;
  /** The provider's own record, untouched. */
  raw: unknown;
}

/**
 * What `createInstance` resolves with. `password` is the root password when the provider generated
 * one during this call; it is not enumerable, so logging or serialising the instance leaves it out.
 */
export type CreatedInstance = Instance & { readonly password?: string | undefined };

/** A size, package or plan an instance is created from. */
export interface Plan {
  id: string;
  name: string;
  vcpus: number | undefined;
  memoryMb: number | undefined;
  diskGb: number | undefined;
  /** Monthly transfer allowance; 0 means unlimited. */
  transferGb: number | undefined;
  /** Regions the plan can be placed in. */
  regionIds: string[];
  raw: unknown;
}

/** An operating-system image or template. */
export interface Image {
  id: string;
  name: string;
  /** A stable lower-case name, such as `debian-12`. */
  slug: string | undefined;
  distribution: string | undefined;
  version: string | undefined;
  description: string | undefined;
  minDiskGb: number | undefined;
  /** Offered to every account (true) or private to one. */
  public: boolean;
  raw: unknown;
}

/** Where instances can be placed. */
export interface Region {
  id: string;
  name: string;
  description: string | undefined;
  country: string | undefined;
  /** Accepts new instances. */
  available: boolean;
  raw: unknown;
}

/** A public SSH key stored with the provider for an owner. */
export interface SshKey {
  id: string;
  name: string;
  publicKey: string | undefined;
}

/** Resources that replace the plan's, for providers that advertise `custom_resources`. */
export interface ResourceOverrides {
  vcpus?: number | undefined;
  memoryMb?: number | undefined;
  diskGb?: number | undefined;
}

/**
 * What creating an instance takes. `name` is the idempotency key: a second call with the same
 * name (and owner) returns the first instance instead of creating another.
 */
export interface CreateInstanceInput {
  name: string;
  planId: string;
  imageId: string;
  regionId: string;
  /** The caller's reference for the account that will own the instance. */
  owner: string;
  sshKeyIds?: string[] | undefined;
  hostname?: string | undefined;
  /** A root password of the caller's choice; only for providers that advertise `password`. */
  password?: string | undefined;
  /** Only for providers that advertise `custom_resources`. */
  resources?: ResourceOverrides | undefined;
  /** Settings only one provider understands; each provider documents the keys it reads. */
  providerOptions?: Record<string, unknown> | undefined;
}

/** Steps `createInstance` reports, in order; `found` replaces the rest when the name exists. */
export type CreateProgress =
  | { step: 'validate' }
  | { step: 'found'; instanceId: string }
  | { step: 'create' }
  | { step: 'created'; instanceId: string }
  | { step: 'build'; instanceId: string }
  | { step: 'waiting'; instanceId: string; status: InstanceStatus; elapsedMs: number }
  | { step: 'ready'; instanceId: string };

/**
 * When `createInstance` resolves: `'running'` (the default) once the instance is built and
 * running; `'accepted'` as soon as the provider accepted the create and the build, with the
 * instance still `provisioning`. Only providers whose `features.createUntil` lists it take `'accepted'`.
 */
export type CreateUntil = 'running' | 'accepted';

/** Every {@link CreateUntil}. */
export const CREATE_UNTIL: readonly CreateUntil[] = ['running', 'accepted'];

/** Options of `createInstance`. */
export interface CreateInstanceOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: CreateProgress) => void) | undefined;
  /** When the call resolves (default `'running'`). */
  until?: CreateUntil | undefined;
  /**
   * Asked about an instance that already carries the requested name, before it is resumed or
   * returned: answer false to refuse it with a `CONFLICT` (a server your system did not make).
   */
  isOurs?: ((instance: Instance) => boolean | Promise<boolean>) | undefined;
}

/** Actions an instance can be asked to perform. */
export type InstanceAction = 'boot' | 'shutdown' | 'reboot' | 'poweroff' | 'suspend' | 'unsuspend' | 'reinstall';

/** Every {@link InstanceAction}. */
export const INSTANCE_ACTIONS: readonly InstanceAction[] = ['boot', 'shutdown', 'reboot', 'poweroff', 'suspend', 'unsuspend', 'reinstall'];

/** Parameters of `performAction`: `reinstall` needs `imageId`. */
export interface ActionParams {
  imageId?: string | undefined;
  signal?: AbortSignal | undefined;
  /**
   * When the call resolves: `'done'` (the default) once the action finished (the power task ran,
   * the reinstall built); `'accepted'` as soon as the provider accepted it.
   */
  until?: 'done' | 'accepted' | undefined;
}

/** What `destroyInstance` does when the instance is busy (a build is running). */
export interface DestroyOptions {
  /** `'wait'` (default) waits for the busy spell to end; `'fail'` throws a `CONFLICT` error with `busy: true`. */
  whenBusy?: 'wait' | 'fail' | undefined;
  signal?: AbortSignal | undefined;
}

/** What `createInstance` accepts beyond the required fields. */
export type CreateFeature = 'ssh_key' | 'hostname' | 'password' | 'generates_password' | 'custom_resources';

/** What a provider can do, so callers can adapt without trying. Lists only what is true. */
export interface ProviderFeatures {
  createInstance: readonly CreateFeature[];
  actions: readonly InstanceAction[];
  /** `resizeInstance` is available. */
  resize: boolean;
  /** `importSshKey` and `listSshKeys` are available. */
  sshKeys: boolean;
  /** The `until` values `createInstance` takes; absent means `['running']` only. */
  createUntil?: readonly CreateUntil[] | undefined;
  /**
   * `createInstance` refuses, with a `CONFLICT`, an instance that already carries the name but
   * contradicts the request (another region, image or size); absent means it is not checked.
   */
  nameConflicts?: boolean | undefined;
}

/** Filters of `listInstances`. */
export interface ListInstancesFilter {
  /** Only the instances of this owner reference. */
  owner?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** The provider-neutral interface that panels, billing systems and provisioning tools program against. */
export interface ComputeProvider {
  /** A short name such as `virtfusion`. */
  readonly type: string;
  readonly features: ProviderFeatures;
  /** Resolves true when the credentials work for compute operations; throws `INVALID_CREDENTIALS` when rejected. */
  validateCredentials(): Promise<boolean>;
  listInstances(filter?: ListInstancesFilter): AsyncIterable<Instance>;
  /** The instance, or undefined when no instance has this id. */
  getInstance(id: string): Promise<Instance | undefined>;
  /** The instance with this name (and owner, when given), or undefined. */
  findInstance(query: { name: string; owner?: string | undefined }): Promise<Instance | undefined>;
  createInstance(input: CreateInstanceInput, options?: CreateInstanceOptions): Promise<CreatedInstance>;
  /** Resolves when the instance is gone, including when it was already gone. */
  destroyInstance(id: string, options?: DestroyOptions): Promise<void>;
  performAction(id: string, action: InstanceAction, params?: ActionParams): Promise<void>;
  resizeInstance(id: string, planId: string): Promise<Instance>;
  getPlans(): Promise<Plan[]>;
  getImages(query?: { planId?: string | undefined }): Promise<Image[]>;
  getRegions(): Promise<Region[]>;
  listSshKeys(owner: string): Promise<SshKey[]>;
  /** Stores a key for the owner; importing the same public key again returns the stored one. */
  importSshKey(owner: string, key: { name: string; publicKey: string }): Promise<SshKey>;
}
