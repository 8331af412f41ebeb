/** Status of a compute instance, normalised across providers. */
export type InstanceStatus = 'provisioning' | 'running' | 'stopped' | 'rebooting' | 'suspended' | 'error' | 'unknown';

/** Every {@link InstanceStatus}, for validation and exhaustive switches. */
export const INSTANCE_STATUSES: readonly InstanceStatus[] = ['provisioning', 'running', 'stopped', 'rebooting', 'suspended', 'error', 'unknown'];

/** A compute instance as a provider-neutral panel sees it. */
export interface Instance {
  id: string;
  name: string;
  status: InstanceStatus;
  ipv4: string[];
  ipv6: string[];
  planId: string | undefined;
  imageId: string | undefined;
  regionId: string | undefined;
  createdAt: string | undefined;
  /** The provider's own record, untouched. */
  raw: unknown;
}

/** A size or package an instance can be created with. */
export interface Plan {
  id: string;
  name: string;
  memoryMb: number | undefined;
  diskGb: number | undefined;
  cpuCores: number | undefined;
  trafficGb: number | undefined;
}

/** An operating-system image or template. */
export interface Image {
  id: string;
  name: string;
  distribution: string | undefined;
}

/** Where instances can be placed. */
export interface Region {
  id: string;
  name: string;
}

/** What creating an instance takes. */
export interface CreateInstanceInput {
  name: string;
  planId: string;
  imageId: string;
  regionId?: string | undefined;
  sshKeyIds?: string[] | undefined;
  /** The caller's id for the account that owns the instance. */
  ownerRef: string;
}

/** Actions every provider supports. */
export type InstanceAction = 'boot' | 'shutdown' | 'reboot' | 'poweroff' | 'suspend' | 'unsuspend';

/**
 * The interface multi-provider panels program against. The VirtFusion implementation
 * arrives with the provider issue; this module fixes the vocabulary it will implement.
 */
export interface ComputeProvider {
  readonly type: string;
  validateCredentials(): Promise<boolean>;
  createInstance(input: CreateInstanceInput): Promise<Instance>;
  getInstance(id: string): Promise<Instance | undefined>;
  listInstances(): AsyncIterable<Instance>;
  performAction(id: string, action: InstanceAction): Promise<void>;
  destroyInstance(id: string): Promise<void>;
  getPlans(): Promise<Plan[]>;
  getImages(planId?: string): Promise<Image[]>;
  getRegions(): Promise<Region[]>;
}
