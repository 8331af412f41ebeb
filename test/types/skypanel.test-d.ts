import { describe, expectTypeOf, it } from 'vitest';
import { toSkyPanelProvider, type ComputeProvider } from '../../src/provider';

// SkyPanelV2's provider interface, written here from the facts of its shape (not imported from the
// adapter), so this test fails if the adapter drifts from what the panel expects.
type ProviderType = string;
type ProviderInstanceStatus = 'running' | 'stopped' | 'provisioning' | 'rebooting' | 'error' | 'unknown';
interface ProviderInstance {
  id: string;
  label: string;
  status: ProviderInstanceStatus;
  ipv4: string[];
  ipv6?: string;
  region: string;
  specs: { vcpus: number; memory: number; disk: number; transfer: number };
  created: string;
  image?: string;
  tags?: string[];
}
interface ProviderPlan {
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
interface ProviderImage {
  id: string;
  slug?: string;
  label: string;
  description?: string;
  distribution?: string;
  version?: string;
  minDiskSize?: number;
  public: boolean;
}
interface ProviderRegion {
  id: string;
  label: string;
  country?: string;
  available: boolean;
  capabilities?: string[];
}
interface CreateInstanceParams {
  label: string;
  type: string;
  region: string;
  image: string;
  rootPassword: string;
  sshKeys?: string[];
  backups?: boolean;
  tags?: string[];
  [key: string]: any;
}
interface IProviderService {
  createInstance(params: CreateInstanceParams): Promise<ProviderInstance>;
  getInstance(instanceId: string): Promise<ProviderInstance | null>;
  listInstances(): Promise<ProviderInstance[]>;
  performAction(instanceId: string, action: string, params?: Record<string, any>): Promise<void>;
  getPlans(): Promise<ProviderPlan[]>;
  getImages(): Promise<ProviderImage[]>;
  getRegions(): Promise<ProviderRegion[]>;
  validateCredentials(): Promise<boolean>;
  getProviderType(): ProviderType;
}
interface ProviderError {
  code: string;
  message: string;
  field?: string;
  provider: ProviderType;
  originalError?: any;
}

declare const provider: ComputeProvider;

describe('toSkyPanelProvider', () => {
  it('is assignable to the panel’s IProviderService', () => {
    const service = toSkyPanelProvider(provider, { owner: '1' });
    expectTypeOf(service).toExtend<IProviderService>();
    const registered: IProviderService = service;
    void registered;
  });

  it('throws errors of the panel’s error shape', () => {
    expectTypeOf<import('../../src/provider').SkyPanelProviderError>().toExtend<ProviderError>();
  });

  it('takes only the panel’s six statuses', () => {
    expectTypeOf<import('../../src/provider').SkyPanelInstanceStatus>().toEqualTypeOf<ProviderInstanceStatus>();
  });
});
