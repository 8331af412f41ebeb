// IProviderService of skyvps360/skypanelv2 at fed5c32 (api/services/providers/IProviderService.ts),
// restated member by member from that file, with 'virtfusion' added to ProviderType: the one
// change an adopter makes. Nothing here is loosened; the type tests assign the adapter to it.

export type ProviderType = 'linode' | 'virtfusion';

export interface ProviderInstance {
  id: string;
  label: string;
  status: 'running' | 'stopped' | 'provisioning' | 'rebooting' | 'error' | 'unknown';
  ipv4: string[];
  ipv6?: string;
  region: string;
  specs: { vcpus: number; memory: number; disk: number; transfer: number };
  created: string;
  image?: string;
  tags?: string[];
}

export interface ProviderPlan {
  id: string;
  label: string;
  vcpus: number;
  memory: number;
  disk: number;
  transfer: number;
  price: { hourly: number; monthly: number };
  regions: string[];
  type_class?: string;
}

export interface ProviderImage {
  id: string;
  slug?: string;
  label: string;
  description?: string;
  distribution?: string;
  version?: string;
  minDiskSize?: number;
  public: boolean;
}

export interface ProviderRegion {
  id: string;
  label: string;
  country?: string;
  available: boolean;
  capabilities?: string[];
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
  appSlug?: string;
  appData?: Record<string, any>;
}

export interface ProviderError {
  code: string;
  message: string;
  field?: string;
  provider: ProviderType;
  originalError?: any;
}

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
}
