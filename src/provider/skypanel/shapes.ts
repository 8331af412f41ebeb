// The shapes of SkyPanelV2's provider service (api/services/providers/IProviderService.ts in the
// skyvps360 and gvps-cloud forks), restated from the facts of those files: field names, units
// and optionality as the panel declares them, so what the adapter returns drops into the panel.

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

/**
 * What `createInstance` resolves with: the instance, plus `rootPassword`, the root password the
 * panel generated for this build (VirtFusion cannot take one of your choice). It is not
 * enumerable, so logging or serialising the instance leaves it out; store it from this field.
 */
export type SkyPanelCreatedInstance = SkyPanelInstance & { readonly rootPassword?: string };

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
  network_out?: number;
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

/**
 * What the panel passes to `createInstance`. Every fork sends these; the Linode- and
 * DigitalOcean-only extras (StackScripts, apps, VPCs) are read only to be refused or noted.
 */
export interface SkyPanelCreateInstanceParams {
  label: string;
  /** Plan id. */
  type: string;
  region: string;
  image: string;
  /** Required by the panel's interface; VirtFusion generates its own (see {@link SkyPanelCreatedInstance}). */
  rootPassword?: string;
  sshKeys?: string[];
  backups?: boolean;
  privateIP?: boolean;
  tags?: string[];
  stackscriptId?: number;
  stackscriptData?: unknown;
  appSlug?: string;
  appData?: unknown;
  monitoring?: boolean;
  ipv6?: boolean;
  vpc_uuid?: string;
}

/** An address as the gvps-cloud fork lists it. */
export interface SkyPanelIpAddress {
  address: string;
  gateway?: string;
  subnetMask?: string;
  prefix: number;
  type: 'ipv4' | 'ipv6' | 'ipv6/pool' | 'ipv6/range';
  public: boolean;
  rdns: string | null;
  instanceId: string | null;
  region: string;
}

export interface SkyPanelIpv6Range {
  range: string;
  instanceId: string | null;
  instanceIds: string[];
  routeTarget: string | null;
  region: string;
  prefixLength: number;
  created: string;
}

export interface SkyPanelAllocateIpRequest {
  instanceId: string;
  public: boolean;
  type: 'ipv4' | 'ipv6';
}

/** A disk as the gvps-cloud fork shows it: `size` in MB (Linode's unit). */
export interface SkyPanelDisk {
  id: number;
  label: string;
  status: string;
  size: number;
  filesystem: string;
  created: string;
  updated: string;
}

export interface SkyPanelCreateDiskParams {
  label: string;
  /** MB */
  size: number;
  filesystem?: string;
  image?: string;
  rootPassword?: string;
  authorizedKeys?: string[];
  stackscriptId?: number;
  stackscriptData?: Record<string, string>;
}

/** A page of a listing, as the gvps-cloud fork pages IPs, firewalls and volumes. */
export interface SkyPanelPage<T> {
  data: T[];
  pages: number;
  total: number;
}
