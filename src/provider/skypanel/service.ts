import type {
  SkyPanelAllocateIpRequest,
  SkyPanelCreatedInstance,
  SkyPanelCreateDiskParams,
  SkyPanelCreateInstanceParams,
  SkyPanelDisk,
  SkyPanelImage,
  SkyPanelInstance,
  SkyPanelIpAddress,
  SkyPanelIpv6Range,
  SkyPanelPage,
  SkyPanelPlan,
  SkyPanelRegion,
} from './shapes';
import type { SkyPanelNotSupported, UnsupportedMember } from './unsupported';

/** The members every SkyPanelV2 fork declares. */
export interface SkyPanelCoreService<T extends string = string> {
  getProviderType(): T;
  /** Resolves once the create and build were accepted (or the instance runs, with `until: 'running'`). */
  createInstance(params: SkyPanelCreateInstanceParams): Promise<SkyPanelCreatedInstance>;
  /** Rejects with `NOT_FOUND` (status 404) for an unknown id. */
  getInstance(instanceId: string): Promise<SkyPanelInstance>;
  listInstances(): Promise<SkyPanelInstance[]>;
  /** `boot`, `power_on`, `shutdown`, `power_off`, `reboot`, `delete`, `suspend`, `unsuspend`, `rebuild`…; resolves once accepted. */
  performAction(instanceId: string, action: string, params?: Record<string, unknown>): Promise<void>;
  getPlans(): Promise<SkyPanelPlan[]>;
  getImages(): Promise<SkyPanelImage[]>;
  getRegions(): Promise<SkyPanelRegion[]>;
  /** True when the credentials work; false when they are refused or the panel cannot be reached. */
  validateCredentials(): Promise<boolean>;
}

/** The IP and disk members of the gvps-cloud fork that map to VirtFusion (others reject with `NOT_SUPPORTED`). */
export interface SkyPanelMappedMembers {
  listIPs(page?: number, pageSize?: number): Promise<SkyPanelPage<SkyPanelIpAddress>>;
  getIPAddress(address: string): Promise<SkyPanelIpAddress>;
  allocateIP(request: SkyPanelAllocateIpRequest): Promise<SkyPanelIpAddress>;
  deleteIPAddress(instanceId: string, address: string): Promise<void>;
  updateIPReverseDNS(address: string, rdns: string | null): Promise<SkyPanelIpAddress>;
  listIPv6Ranges(): Promise<SkyPanelIpv6Range[]>;
  /** `size` in MB. */
  listDisks(instanceId: string): Promise<SkyPanelDisk[]>;
  getDisk(instanceId: string, diskId: number): Promise<SkyPanelDisk>;
  createDisk(instanceId: string, params: SkyPanelCreateDiskParams): Promise<SkyPanelDisk>;
  /** `size` in MB, rounded up to whole GB; a disk can only grow. */
  resizeDisk(instanceId: string, diskId: number, size: number): Promise<void>;
  deleteDisk(instanceId: string, diskId: number): Promise<void>;
}

/**
 * The provider service a SkyPanelV2 panel registers: assignable to `IProviderService` of the
 * skyvps360 forks and of the gvps-cloud fork (which adds 45 members), once `ProviderType` names
 * the provider's type (`'virtfusion'`).
 */
export type SkyPanelProviderService<T extends string = string> = SkyPanelCoreService<T> & SkyPanelMappedMembers & Record<UnsupportedMember, SkyPanelNotSupported>;

/** The core members the adapter builds per provider (`getProviderType` is added as is). */
export type SkyPanelServiceParts = Omit<SkyPanelCoreService, 'getProviderType'>;
