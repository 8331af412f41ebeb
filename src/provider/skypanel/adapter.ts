import type { VirtFusion } from '../../client';
import { serverIdOf } from '../virtfusion/json';
import type { ComputeProvider, CreatedInstance, Image, Instance, InstanceAction, InstanceStatus, Plan, Region } from '../types';
import { SkyPanelDisks } from './disks';
import { invalidArgument, notFound, notSupported, toSkyPanelError } from './errors';
import { SkyPanelNetwork } from './network';
import { checkAdapterArguments, type CheckedAdapterOptions, type SkyPanelAdapterOptions } from './options';
import type { SkyPanelProviderService, SkyPanelServiceParts } from './service';
import type { SkyPanelCreatedInstance, SkyPanelCreateInstanceParams, SkyPanelImage, SkyPanelInstance, SkyPanelInstanceStatus, SkyPanelRegion } from './shapes';
import { unsupportedMembers, VIRTFUSION_ONLY } from './unsupported';

/** The panel's action names (every fork's Linode service, and its DigitalOcean one) and ours. */
const ACTIONS = new Map<string, InstanceAction | 'delete'>([
  ['boot', 'boot'],
  ['power_on', 'boot'],
  ['start', 'boot'],
  ['shutdown', 'shutdown'],
  ['stop', 'shutdown'],
  ['power_off', 'poweroff'],
  ['poweroff', 'poweroff'],
  ['reboot', 'reboot'],
  ['restart', 'reboot'],
  ['delete', 'delete'],
  ['suspend', 'suspend'],
  ['unsuspend', 'unsuspend'],
  ['rebuild', 'reinstall'],
  ['reinstall', 'reinstall'],
]);

/** Create params that would build something VirtFusion cannot: refused rather than dropped. */
const REFUSED_PARAMS: ReadonlyArray<[keyof SkyPanelCreateInstanceParams, (value: unknown) => boolean, string]> = [
  ['backups', (v) => v === true, 'VirtFusion backups follow the backup plan the panel assigns (vf.servers.backups.setPlan), not a flag at create.'],
  ['privateIP', (v) => v === true, 'VirtFusion gives private addresses through a secondary interface set up by the panel, not per create.'],
  ['stackscriptId', (v) => v !== undefined, 'StackScripts are Linode’s.'],
  ['appSlug', (v) => v !== undefined, 'Marketplace apps are Linode’s and DigitalOcean’s.'],
  ['vpc_uuid', (v) => v !== undefined, 'VPCs are DigitalOcean’s.'],
  ['monitoring', (v) => v === true, 'The monitoring agent is DigitalOcean’s.'],
];

const PUBLIC_KEY = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp\d+|sk-\S+) /;
const HOSTNAME_LABEL = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

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

function toSkyCreated(instance: CreatedInstance): SkyPanelCreatedInstance {
  const out = toSkyInstance(instance);
  if (instance.password !== undefined) Object.defineProperty(out, 'rootPassword', { value: instance.password, enumerable: false });
  return out;
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

function virtFusionClient(provider: ComputeProvider): VirtFusion | undefined {
  const client = (provider as { client?: { servers?: unknown; request?: unknown } }).client;
  return provider.type === 'virtfusion' && typeof client?.request === 'function' && client.servers !== undefined ? (client as VirtFusion) : undefined;
}

function checkCreateParams(type: string, params: unknown): asserts params is SkyPanelCreateInstanceParams {
  if (params === null || typeof params !== 'object') throw invalidArgument(type, 'params', 'createInstance takes { label, type, region, image, rootPassword, sshKeys? }.');
  const given = params as Record<string, unknown>;
  for (const field of ['label', 'type', 'region', 'image']) {
    if (typeof given[field] !== 'string' || (given[field] as string).trim() === '') throw invalidArgument(type, field, `${field} must be a non-empty string.`);
  }
  if (given.sshKeys !== undefined && (!Array.isArray(given.sshKeys) || given.sshKeys.some((key) => typeof key !== 'string'))) {
    throw invalidArgument(type, 'sshKeys', 'sshKeys must be an array of public keys or key ids (strings).');
  }
  for (const [field, refused, why] of REFUSED_PARAMS) {
    if (refused(given[field])) throw notSupported(type, field, why);
  }
}

/**
 * Wraps a {@link ComputeProvider} in the provider service of SkyPanelV2 panels
 * (`IProviderService`): their field names, units and six statuses; `getInstance` of an unknown id
 * rejects with `NOT_FOUND`; creates and actions resolve once the panel accepted them; errors are
 * {@link SkyPanelError}s with `response.status`. For VirtFusion it also maps the gvps-cloud fork's
 * IP and disk members; the rest of that fork's members reject with `NOT_SUPPORTED`
 * (docs/provider.md lists each one).
 *
 * @example
 * ```ts
 * const service = toSkyPanelProvider(createVirtFusionProvider({ url, token }), {
 *   owner: '1042',
 *   pricing: { '1': { hourly: 0.007, monthly: 5 } },
 * });
 * const type: 'virtfusion' = service.getProviderType();
 * ```
 */
export function toSkyPanelProvider<P extends ComputeProvider>(provider: P, options: SkyPanelAdapterOptions): SkyPanelProviderService<P['type']> {
  const settings = checkAdapterArguments(provider, options);
  const type: P['type'] = provider.type;
  const guard =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await run(...args);
      } catch (error) {
        throw toSkyPanelError(error, type);
      }
    };
  const instanceId = (id: unknown, field = 'instanceId'): string => {
    if (typeof id !== 'string' || id.trim() === '') throw invalidArgument(type, field, `${field} must be an instance id, a non-empty string.`);
    return id;
  };
  const parts = coreMembers(provider, settings, instanceId);
  const wrapped = Object.fromEntries(Object.entries(parts).map(([name, member]) => [name, guard(member as (...args: unknown[]) => Promise<unknown>)])) as unknown as SkyPanelServiceParts;
  return { ...wrapped, ...extraMembers(provider, type, guard), ...unsupportedMembers(type), getProviderType: () => type };
}

function coreMembers(provider: ComputeProvider, settings: CheckedAdapterOptions, instanceId: (id: unknown, field?: string) => string): SkyPanelServiceParts {
  const type = provider.type;
  const ownerOf = (params: SkyPanelCreateInstanceParams): string => {
    const owner = typeof settings.owner === 'function' ? settings.owner(params) : settings.owner;
    if (typeof owner !== 'string' || owner.trim() === '') throw invalidArgument(type, 'owner', 'The owner function must return an account reference, a non-empty string.');
    return owner;
  };
  const priceOf = (plan: Plan) => {
    const pricing = settings.pricing;
    const price = typeof pricing === 'function' ? pricing(plan) : pricing?.[plan.id];
    return price ?? { hourly: 0, monthly: 0 };
  };
  const listOwner = (settings.list ?? (typeof settings.owner === 'string' ? 'owner' : 'all')) === 'owner' ? (settings.owner as string) : undefined;

  return {
    async createInstance(params) {
      checkCreateParams(type, params);
      const owner = ownerOf(params);
      const sshKeyIds: string[] = [];
      for (const [index, key] of (params.sshKeys ?? []).entries()) {
        if (!PUBLIC_KEY.test(key.trim())) {
          sshKeyIds.push(key);
          continue;
        }
        if (!provider.features.sshKeys) throw notSupported(type, `sshKeys[${index}]`, 'this provider does not store SSH keys.');
        sshKeyIds.push((await provider.importSshKey(owner, { name: `${params.label}-key-${index + 1}`, publicKey: key.trim() })).id);
      }
      const instance = await provider.createInstance(
        {
          name: params.label,
          planId: params.type,
          imageId: params.image,
          regionId: params.region,
          owner,
          ...(sshKeyIds.length > 0 ? { sshKeyIds } : {}),
          ...(HOSTNAME_LABEL.test(params.label) ? { hostname: params.label } : {}),
          ...(provider.features.createInstance.includes('password') && params.rootPassword ? { password: params.rootPassword } : {}),
          ...(type === 'virtfusion' && typeof params.ipv6 === 'boolean' ? { providerOptions: { ipv6: params.ipv6 } } : {}),
        },
        { until: settings.until, ...(settings.isOurs ? { isOurs: settings.isOurs } : {}) },
      );
      return toSkyCreated(instance);
    },
    async getInstance(id) {
      const instance = await provider.getInstance(instanceId(id));
      if (instance === undefined) throw notFound(type, 'instanceId', `There is no instance ${JSON.stringify(id)}.`);
      return toSkyInstance(instance);
    },
    async listInstances() {
      const out: SkyPanelInstance[] = [];
      for await (const instance of provider.listInstances(listOwner === undefined ? {} : { owner: listOwner })) out.push(toSkyInstance(instance));
      return out;
    },
    async performAction(id, action, params = {}) {
      instanceId(id);
      const neutral = typeof action === 'string' ? ACTIONS.get(action) : undefined;
      if (neutral === undefined) {
        throw invalidArgument(type, 'action', `Unknown action ${JSON.stringify(action) ?? String(action)}; use one of ${[...ACTIONS.keys()].join(', ')}.`);
      }
      if (params === null || typeof params !== 'object') throw invalidArgument(type, 'params', 'params must be an object.');
      if (neutral === 'delete') return provider.destroyInstance(id, { whenBusy: 'fail' });
      const image = params.image ?? params.imageId;
      if (neutral === 'reinstall' && typeof image !== 'string' && typeof image !== 'number') throw invalidArgument(type, 'image', `${action} needs params.image, the id of an image.`);
      await provider.performAction(id, neutral, { until: 'accepted', ...(neutral === 'reinstall' ? { imageId: String(image) } : {}) });
    },
    async getPlans() {
      return (await provider.getPlans()).map((plan) => ({
        id: plan.id,
        label: plan.name,
        vcpus: plan.vcpus ?? 0,
        memory: plan.memoryMb ?? 0,
        disk: plan.diskGb ?? 0,
        transfer: plan.transferGb ?? 0,
        price: priceOf(plan),
        regions: [...plan.regionIds],
      }));
    },
    getImages: async () => (await provider.getImages()).map(toSkyImage),
    getRegions: async () => (await provider.getRegions()).map(toSkyRegion),
    async validateCredentials() {
      try {
        return await provider.validateCredentials();
      } catch {
        return false;
      }
    },
  };
}

function extraMembers<P extends string>(provider: ComputeProvider, type: P, guard: <A extends unknown[], R>(run: (...args: A) => Promise<R>) => (...args: A) => Promise<R>) {
  const client = virtFusionClient(provider);
  if (client === undefined) {
    const why = `only the VirtFusion provider maps the IP and disk members; ${type} has none of them.`;
    return Object.fromEntries(VIRTFUSION_ONLY.map((member) => [member, () => Promise.reject(notSupported(type, member, why))])) as unknown as Pick<SkyPanelProviderService<P>, (typeof VIRTFUSION_ONLY)[number]>;
  }
  const serverId = (id: unknown, field = 'instanceId'): number => {
    const numeric = serverIdOf(id);
    if (numeric === undefined) throw invalidArgument(type, field, `${field} must be a server id such as "42".`);
    return numeric;
  };
  const network = new SkyPanelNetwork({ client, provider: type, serverId });
  const disks = new SkyPanelDisks({ client, provider: type, serverId });
  return {
    listIPs: guard((page?: number, pageSize?: number) => network.listIPs(page, pageSize)),
    getIPAddress: guard((address: string) => network.getIPAddress(address)),
    allocateIP: guard((request: Parameters<SkyPanelNetwork<P>['allocateIP']>[0]) => network.allocateIP(request)),
    deleteIPAddress: guard((id: string, address: string) => network.deleteIPAddress(id, address)),
    updateIPReverseDNS: guard((address: string, rdns: string | null) => network.updateIPReverseDNS(address, rdns)),
    listIPv6Ranges: guard(() => network.listIPv6Ranges()),
    listDisks: guard((id: string) => disks.listDisks(id)),
    getDisk: guard((id: string, diskId: number) => disks.getDisk(id, diskId)),
    createDisk: guard((id: string, params: Parameters<SkyPanelDisks<P>['createDisk']>[1]) => disks.createDisk(id, params)),
    resizeDisk: guard((id: string, diskId: number, size: number) => disks.resizeDisk(id, diskId, size)),
    deleteDisk: guard((id: string, diskId: number) => disks.deleteDisk(id, diskId)),
  };
}
