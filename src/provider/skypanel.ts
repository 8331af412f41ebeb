import { isProviderError, ProviderError } from './errors';
import type { ComputeProvider, Image, Instance, InstanceAction, InstanceStatus, Plan, Region } from './types';

// The shapes of SkyPanelV2's provider service, written from the facts of its interface: a panel
// that programs against them can register VirtFusion beside Linode and DigitalOcean.

export type SkyPanelInstanceStatus = 'running' | 'stopped' | 'provisioning' | 'rebooting' | 'error' | 'unknown';

export interface SkyPanelInstance {
  id: string;
  label: string;
  status: SkyPanelInstanceStatus;
  ipv4: string[];
  ipv6?: string;
  region: string;
  /** memory in MB, disk and transfer in GB. */
  specs: { vcpus: number; memory: number; disk: number; transfer: number };
  /** ISO-8601. */
  created: string;
  image?: string;
  tags?: string[];
}

export interface SkyPanelPlan {
  id: string;
  label: string;
  vcpus: number;
  /** MB */
  memory: number;
  /** GB */
  disk: number;
  /** GB */
  transfer: number;
  price: { hourly: number; monthly: number };
  regions: string[];
  type_class?: string;
}

export interface SkyPanelImage {
  id: string;
  slug?: string;
  label: string;
  description?: string;
  distribution?: string;
  version?: string;
  minDiskSize?: number;
  public: boolean;
}

export interface SkyPanelRegion {
  id: string;
  label: string;
  country?: string;
  available: boolean;
  capabilities?: string[];
}

export interface SkyPanelCreateInstanceParams {
  label: string;
  /** Plan id. */
  type: string;
  region: string;
  image: string;
  rootPassword: string;
  sshKeys?: string[];
  backups?: boolean;
  tags?: string[];
  [key: string]: unknown;
}

/** Errors are thrown as plain objects of this shape, as the panel's other providers do. */
export interface SkyPanelProviderError {
  code: string;
  message: string;
  field?: string;
  provider: string;
  originalError?: unknown;
}

/** The provider service a SkyPanelV2-style panel registers. */
export interface SkyPanelProviderService {
  createInstance(params: SkyPanelCreateInstanceParams): Promise<SkyPanelInstance>;
  getInstance(instanceId: string): Promise<SkyPanelInstance | null>;
  listInstances(): Promise<SkyPanelInstance[]>;
  performAction(instanceId: string, action: string, params?: Record<string, unknown>): Promise<void>;
  getPlans(): Promise<SkyPanelPlan[]>;
  getImages(): Promise<SkyPanelImage[]>;
  getRegions(): Promise<SkyPanelRegion[]>;
  validateCredentials(): Promise<boolean>;
  getProviderType(): string;
}

/** Prices of a plan; VirtFusion packages carry none, so the panel supplies them. */
export type SkyPanelPricing = Record<string, { hourly: number; monthly: number }> | ((plan: Plan) => { hourly: number; monthly: number } | undefined);

export interface SkyPanelAdapterOptions {
  /** The owner reference of every instance this service creates and lists (the panel's account id). */
  owner: string | ((params: SkyPanelCreateInstanceParams) => string);
  /** Plan prices. Plans without one get `{ hourly: 0, monthly: 0 }`. */
  pricing?: SkyPanelPricing | undefined;
  /** Instances listed by `listInstances`: the fixed owner's (default when `owner` is a string) or every instance. */
  list?: 'owner' | 'all' | undefined;
}

const ACTION_ALIASES: Record<string, InstanceAction> = {
  boot: 'boot',
  power_on: 'boot',
  start: 'boot',
  shutdown: 'shutdown',
  stop: 'shutdown',
  reboot: 'reboot',
  restart: 'reboot',
  power_off: 'poweroff',
  poweroff: 'poweroff',
  suspend: 'suspend',
  unsuspend: 'unsuspend',
  rebuild: 'reinstall',
  reinstall: 'reinstall',
};

/** Our eight statuses as the panel's six: `suspended` reads `stopped`, `terminating` reads `unknown`. */
export function skyPanelStatus(status: InstanceStatus): SkyPanelInstanceStatus {
  if (status === 'suspended') return 'stopped';
  if (status === 'terminating') return 'unknown';
  return status;
}

function toSkyInstance(instance: Instance): SkyPanelInstance {
  return {
    id: instance.id,
    label: instance.name,
    status: skyPanelStatus(instance.status),
    ipv4: [...instance.ipv4],
    ...(instance.ipv6[0] === undefined ? {} : { ipv6: instance.ipv6[0] }),
    region: instance.regionId ?? '',
    specs: {
      vcpus: instance.specs.vcpus ?? 0,
      memory: instance.specs.memoryMb ?? 0,
      disk: instance.specs.diskGb ?? 0,
      transfer: instance.specs.transferGb ?? 0,
    },
    created: instance.createdAt ?? '',
    ...(instance.imageId === undefined ? {} : { image: instance.imageId }),
  };
}

function toSkyImage(image: Image): SkyPanelImage {
  return {
    id: image.id,
    label: image.name,
    public: image.public,
    ...(image.slug === undefined ? {} : { slug: image.slug }),
    ...(image.description === undefined ? {} : { description: image.description }),
    ...(image.distribution === undefined ? {} : { distribution: image.distribution }),
    ...(image.version === undefined ? {} : { version: image.version }),
    ...(image.minDiskGb === undefined ? {} : { minDiskSize: image.minDiskGb }),
  };
}

function toSkyRegion(region: Region): SkyPanelRegion {
  return { id: region.id, label: region.name, available: region.available, ...(region.country === undefined ? {} : { country: region.country }) };
}

function toSkyError(error: unknown, provider: string): SkyPanelProviderError {
  if (isProviderError(error)) {
    return { code: error.code, message: error.message, provider: error.provider, ...(error.field === undefined ? {} : { field: error.field }), originalError: error };
  }
  return { code: 'PROVIDER_ERROR', message: error instanceof Error ? error.message : String(error), provider, originalError: error };
}

const PUBLIC_KEY = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp\d+|sk-\S+) /;
const HOSTNAME_LABEL = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/**
 * Wraps a {@link ComputeProvider} in the provider-service shape of SkyPanelV2-style panels: field
 * names, units, the six statuses, `null` for an unknown instance, and errors thrown as plain
 * `{ code, message, field?, provider, originalError }` objects.
 *
 * `rootPassword` is forwarded only to providers that advertise the `password` feature (VirtFusion
 * generates its own); `sshKeys` may hold public keys (imported for the owner) or key ids;
 * `backups` and `tags` are not supported by VirtFusion and are ignored.
 *
 * @example
 * ```ts
 * const service = toSkyPanelProvider(createVirtFusionProvider({ url, token }), {
 *   owner: '1042',
 *   pricing: { '1': { hourly: 0.007, monthly: 5 } },
 * });
 * providers.register('virtfusion', service);
 * ```
 */
export function toSkyPanelProvider(provider: ComputeProvider, options: SkyPanelAdapterOptions): SkyPanelProviderService {
  const type = provider.type;
  const guard = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw toSkyError(error, type);
    }
  };
  const ownerOf = (params: SkyPanelCreateInstanceParams) => (typeof options.owner === 'function' ? options.owner(params) : options.owner);
  const priceOf = (plan: Plan) => {
    const pricing = options.pricing;
    const price = typeof pricing === 'function' ? pricing(plan) : pricing?.[plan.id];
    return price ?? { hourly: 0, monthly: 0 };
  };

  return {
    createInstance: (params) =>
      guard(async () => {
        const owner = ownerOf(params);
        const sshKeyIds: string[] = [];
        for (const [index, key] of (params.sshKeys ?? []).entries()) {
          if (PUBLIC_KEY.test(key.trim())) {
            if (!provider.features.sshKeys) throw new ProviderError({ code: 'VALIDATION_ERROR', provider: type, field: `sshKeys[${index}]`, message: 'This provider does not store SSH keys.' });
            sshKeyIds.push((await provider.importSshKey(owner, { name: `${params.label}-key-${index + 1}`, publicKey: key.trim() })).id);
          } else sshKeyIds.push(key);
        }
        const instance = await provider.createInstance({
          name: params.label,
          planId: params.type,
          imageId: params.image,
          regionId: params.region,
          owner,
          ...(sshKeyIds.length > 0 ? { sshKeyIds } : {}),
          ...(HOSTNAME_LABEL.test(params.label) ? { hostname: params.label } : {}),
          ...(provider.features.createInstance.includes('password') && params.rootPassword ? { password: params.rootPassword } : {}),
        });
        return toSkyInstance(instance);
      }),
    getInstance: (id) => guard(async () => {
      const instance = await provider.getInstance(id);
      return instance === undefined ? null : toSkyInstance(instance);
    }),
    listInstances: () =>
      guard(async () => {
        const filter = (options.list ?? (typeof options.owner === 'string' ? 'owner' : 'all')) === 'owner' && typeof options.owner === 'string' ? { owner: options.owner } : {};
        const out: SkyPanelInstance[] = [];
        for await (const instance of provider.listInstances(filter)) out.push(toSkyInstance(instance));
        return out;
      }),
    performAction: (id, action, params = {}) =>
      guard(async () => {
        const neutral = ACTION_ALIASES[action];
        if (neutral === undefined) {
          throw new ProviderError({ code: 'VALIDATION_ERROR', provider: type, field: 'action', message: `Unknown action ${JSON.stringify(action)}; use one of ${Object.keys(ACTION_ALIASES).join(', ')}.` });
        }
        const image = params.image ?? params.imageId;
        await provider.performAction(id, neutral, typeof image === 'string' || typeof image === 'number' ? { imageId: String(image) } : {});
      }),
    getPlans: () =>
      guard(async () =>
        (await provider.getPlans()).map((plan) => ({
          id: plan.id,
          label: plan.name,
          vcpus: plan.vcpus ?? 0,
          memory: plan.memoryMb ?? 0,
          disk: plan.diskGb ?? 0,
          transfer: plan.transferGb ?? 0,
          price: priceOf(plan),
          regions: [...plan.regionIds],
        })),
      ),
    getImages: () => guard(async () => (await provider.getImages()).map(toSkyImage)),
    getRegions: () => guard(async () => (await provider.getRegions()).map(toSkyRegion)),
    validateCredentials: async () => {
      try {
        return await provider.validateCredentials();
      } catch (error) {
        if (isProviderError(error) && (error.code === 'INVALID_CREDENTIALS' || error.code === 'FORBIDDEN' || error.code === 'UNAUTHORIZED')) return false;
        throw toSkyError(error, type);
      }
    },
    getProviderType: () => type,
  };
}
