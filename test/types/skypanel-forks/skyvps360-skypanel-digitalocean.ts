// IProviderService of skyvps360/SkyPANELv2 at ad25ec6 (the fork that adds DigitalOcean),
// restated from its file with 'virtfusion' added to ProviderType. Its instance, plan, image and
// region shapes are those of skyvps360/skypanelv2; its create params and type union differ.
import type { ProviderImage, ProviderInstance, ProviderPlan, ProviderRegion } from './skyvps360-skypanelv2';

export type ProviderType = 'linode' | 'digitalocean' | 'aws' | 'gcp' | 'virtfusion';

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
  monitoring?: boolean;
  ipv6?: boolean;
  vpc_uuid?: string;
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
