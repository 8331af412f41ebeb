// IProviderService of gvps-cloud/skypanelv2 at 235b481 (api/services/providers/IProviderService.ts),
// restated from that file with 'virtfusion' added to ProviderType. Beyond the skyvps360 core it
// declares `network_out` on plans, no marketplace create params, and 45 more members: IP (7),
// IPv6 (4), VLAN (2), firewall (14), disk (8) and volume (10).
import type { ProviderImage, ProviderInstance, ProviderRegion } from './skyvps360-skypanelv2';

export type ProviderType = 'linode' | 'virtfusion';

export interface ProviderPlan {
  id: string;
  label: string;
  vcpus: number;
  memory: number;
  disk: number;
  transfer: number;
  price: { hourly: number; monthly: number };
  regions: string[];
  network_out?: number;
  type_class?: string;
}

export interface CreateInstanceParams {
  label: string;
  type: string;
  region: string;
  image: string;
  rootPassword: string;
  sshKeys?: string[];
  backups?: boolean;
  privateIP?: boolean;
  tags?: string[];
  stackscriptId?: number;
  stackscriptData?: Record<string, any>;
}

export interface ProviderError {
  code: string;
  message: string;
  field?: string;
  provider: ProviderType;
  originalError?: any;
}

export type FirewallProtocol = 'TCP' | 'UDP' | 'ICMP' | 'IPENCAP' | 'GRE';
export type FirewallAction = 'ACCEPT' | 'DROP';
export type FirewallStatus = 'enabled' | 'disabled';

export interface FirewallRule {
  protocol: FirewallProtocol;
  ports?: string;
  addresses: { ipv4?: string[]; ipv6?: string[] };
  action: FirewallAction;
  label?: string;
  description?: string;
}

export interface FirewallRules {
  inbound: FirewallRule[];
  outbound: FirewallRule[];
  inbound_policy: FirewallAction;
  outbound_policy: FirewallAction;
}

export interface FirewallEntity {
  id: number;
  type: 'linode' | 'linode_interface' | 'nodebalancer';
  label: string;
  url: string;
}

export interface ProviderFirewall {
  id: number;
  label: string;
  status: FirewallStatus;
  rules: FirewallRules;
  entities: FirewallEntity[];
  tags: string[];
  created: string;
  updated: string;
}

export interface FirewallDevice {
  id: number;
  entity: FirewallEntity;
  created: string;
  updated: string;
}

export interface FirewallSettings {
  default_firewall_ids: { linode: number | null; nodebalancer: number | null };
}

export interface FirewallTemplate {
  slug: string;
  label: string;
  description: string;
  rules: FirewallRules;
}

export interface CreateFirewallParams {
  label: string;
  rules: { inbound_policy: FirewallAction; outbound_policy: FirewallAction; inbound?: FirewallRule[]; outbound?: FirewallRule[] };
  tags?: string[];
}

export interface ProviderIPAddress {
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

export interface ProviderIPv6Range {
  range: string;
  instanceId: string | null;
  instanceIds: string[];
  routeTarget: string | null;
  region: string;
  prefixLength: number;
  created: string;
}

export interface ProviderIPv6Pool {
  range: string;
  instanceId: string | null;
  region: string;
  prefixLength: number;
}

export interface ProviderVLAN {
  label: string;
  region: string;
  instanceIds: string[];
  created: string;
}

export interface ProviderAllocateIPRequest {
  instanceId: string;
  public: boolean;
  type: 'ipv4' | 'ipv6';
}

export interface ProviderAssignIPsRequest {
  assignments: Array<{ address: string; instanceId: string }>;
  region: string;
}

export interface ProviderShareIPsRequest {
  instanceId: string;
  ips: string[];
}

export interface ProviderCreateIPv6RangeRequest {
  instanceId?: string;
  routeTarget?: string;
  prefixLength: number;
}

export interface ProviderDisk {
  id: number;
  label: string;
  status: string;
  size: number;
  filesystem: string;
  created: string;
  updated: string;
}

export interface CreateDiskParams {
  label: string;
  size: number;
  filesystem?: string;
  image?: string;
  rootPassword?: string;
  authorizedKeys?: string[];
  stackscriptId?: number;
  stackscriptData?: Record<string, string>;
}

export interface UpdateDiskParams {
  label?: string;
  filesystem?: string;
}

export interface ProviderVolume {
  id: number;
  label: string;
  status: 'creating' | 'active' | 'resizing' | 'key_rotating';
  size: number;
  region: string;
  linode_id: number | null;
  linode_label: string | null;
  filesystem_path: string;
  created: string;
  updated: string;
  encryption: 'enabled' | 'disabled';
  hardware_type: 'hdd' | 'nvme';
  io_ready: boolean;
  tags: string[];
}

export interface CreateVolumeParams {
  label: string;
  size: number;
  region: string;
  linode_id?: number;
  config_id?: number;
  encryption?: 'enabled' | 'disabled';
  tags?: string[];
}

export interface ProviderVolumeType {
  id: string;
  label: string;
  description: string;
  storage_bytes: number;
  price: {
    hourly: number | null;
    monthly: number | null;
    region_prices?: Array<{ region: string; hourly: number | null; monthly: number | null }>;
  };
  capabilities: string[];
}

type Paged<T> = Promise<{ data: T[]; pages: number; total: number }>;

export interface IProviderService {
  getProviderType(): ProviderType;
  createInstance(params: CreateInstanceParams): Promise<ProviderInstance>;
  getInstance(instanceId: string): Promise<ProviderInstance>;
  listInstances(): Promise<ProviderInstance[]>;
  performAction(instanceId: string, action: string, params?: Record<string, any>): Promise<void>;
  getPlans(): Promise<ProviderPlan[]>;
  getImages(): Promise<ProviderImage[]>;
  getRegions(): Promise<ProviderRegion[]>;
  validateCredentials(): Promise<boolean>;

  listIPs(page?: number, pageSize?: number): Paged<ProviderIPAddress>;
  getIPAddress(address: string): Promise<ProviderIPAddress>;
  allocateIP(request: ProviderAllocateIPRequest): Promise<ProviderIPAddress>;
  deleteIPAddress(instanceId: string, address: string): Promise<void>;
  assignIPs(request: ProviderAssignIPsRequest): Promise<void>;
  shareIPs(request: ProviderShareIPsRequest): Promise<void>;
  updateIPReverseDNS(address: string, rdns: string | null): Promise<ProviderIPAddress>;

  listIPv6Pools(): Promise<ProviderIPv6Pool[]>;
  listIPv6Ranges(): Promise<ProviderIPv6Range[]>;
  createIPv6Range(request: ProviderCreateIPv6RangeRequest): Promise<{ range: string; routeTarget: string }>;
  deleteIPv6Range(range: string): Promise<void>;

  listVLANs(): Promise<ProviderVLAN[]>;
  deleteVLAN(regionId: string, label: string): Promise<void>;

  listFirewalls(): Paged<ProviderFirewall>;
  createFirewall(params: CreateFirewallParams): Promise<ProviderFirewall>;
  getFirewall(firewallId: number): Promise<ProviderFirewall>;
  updateFirewall(firewallId: number, updates: { label?: string; status?: FirewallStatus; tags?: string[] }): Promise<ProviderFirewall>;
  deleteFirewall(firewallId: number): Promise<void>;
  getFirewallRules(firewallId: number): Promise<FirewallRules>;
  updateFirewallRules(firewallId: number, rules: FirewallRules): Promise<FirewallRules>;
  getFirewallDevices(firewallId: number): Promise<FirewallDevice[]>;
  attachFirewallDevice(firewallId: number, type: string, entityId: number): Promise<FirewallDevice>;
  detachFirewallDevice(firewallId: number, deviceId: number): Promise<void>;
  getFirewallSettings(): Promise<FirewallSettings>;
  updateFirewallSettings(settings: FirewallSettings): Promise<FirewallSettings>;
  listFirewallTemplates(): Promise<FirewallTemplate[]>;
  getFirewallTemplate(slug: string): Promise<FirewallTemplate>;

  listDisks(instanceId: string): Promise<ProviderDisk[]>;
  getDisk(instanceId: string, diskId: number): Promise<ProviderDisk>;
  createDisk(instanceId: string, params: CreateDiskParams): Promise<ProviderDisk>;
  updateDisk(instanceId: string, diskId: number, params: UpdateDiskParams): Promise<ProviderDisk>;
  resizeDisk(instanceId: string, diskId: number, size: number): Promise<void>;
  cloneDisk(instanceId: string, diskId: number): Promise<ProviderDisk>;
  resetDiskPassword(instanceId: string, diskId: number, password: string): Promise<void>;
  deleteDisk(instanceId: string, diskId: number): Promise<void>;

  listVolumes(page?: number, pageSize?: number): Paged<ProviderVolume>;
  createVolume(params: CreateVolumeParams): Promise<ProviderVolume>;
  getVolume(volumeId: number): Promise<ProviderVolume>;
  updateVolume(volumeId: number, params: { label?: string; tags?: string[] }): Promise<ProviderVolume>;
  deleteVolume(volumeId: number): Promise<void>;
  attachVolume(volumeId: number, linodeId: number): Promise<ProviderVolume>;
  detachVolume(volumeId: number): Promise<ProviderVolume>;
  resizeVolume(volumeId: number, size: number): Promise<ProviderVolume>;
  cloneVolume(volumeId: number, label: string): Promise<ProviderVolume>;
  listVolumeTypes(): Promise<ProviderVolumeType[]>;
}
