/**
 * Provider adapters: the provider-neutral {@link ComputeProvider} interface, VirtFusion behind it,
 * and the shapes that multi-provider panels (SkyPanel), billing panels and provisioning files use.
 *
 * @packageDocumentation
 */
export {
  CREATE_UNTIL,
  INSTANCE_ACTIONS,
  INSTANCE_STATUSES,
  type ActionParams,
  type ComputeProvider,
  type CreatedInstance,
  type CreateFeature,
  type CreateInstanceInput,
  type CreateInstanceOptions,
  type CreateProgress,
  type CreateUntil,
  type DestroyOptions,
  type Image,
  type Instance,
  type InstanceAction,
  type InstanceSpecs,
  type InstanceStatus,
  type ListInstancesFilter,
  type Plan,
  type ProviderFeatures,
  type Region,
  type ResourceOverrides,
  type SshKey,
} from './types';
export { ProviderError, isProviderError, toProviderError, type ErrorContext, type ProviderErrorCode, type ProviderErrorOptions } from './errors';
export { createInstanceInputSchema, parseCreateInput } from './input';
export { createVirtFusionProvider, type VirtFusionProvider } from './virtfusion/provider';
export { BuildWaiter, type BuildWaiterOptions, type BuildWaitOptions, type BuildWaitProgress, type BuiltServer, type TaskWaitOptions, type WebhookEventSource } from './waiter/waiter';
export { buildWaiterFor } from './waiter/for-client';
export { virtFusionCreateOptionsSchema, type VirtFusionCreateOptions, type VirtFusionProviderOptions } from './virtfusion/options';
export type { OwnerProfile, OwnerResolution } from './virtfusion/owners';
export { instanceStatus, type ServerStateFields, type StateHints } from './virtfusion/state-map';
export {
  NOT_SUPPORTED_BY_VIRTFUSION,
  SkyPanelError,
  skyPanelStatus,
  toSkyPanelProvider,
  type SkyPanelAdapterOptions,
  type SkyPanelAllocateIpRequest,
  type SkyPanelCoreService,
  type SkyPanelCreatedInstance,
  type SkyPanelCreateDiskParams,
  type SkyPanelCreateInstanceParams,
  type SkyPanelDisk,
  type SkyPanelErrorOptions,
  type SkyPanelImage,
  type SkyPanelInstance,
  type SkyPanelInstanceStatus,
  type SkyPanelIpAddress,
  type SkyPanelIpv6Range,
  type SkyPanelMappedMembers,
  type SkyPanelNotSupported,
  type SkyPanelPage,
  type SkyPanelPlan,
  type SkyPanelPricing,
  type SkyPanelProviderError,
  type SkyPanelProviderService,
  type SkyPanelRegion,
  type UnsupportedMember,
} from './skypanel';
export {
  HOSTING_OVERRIDES,
  createHostingLifecycle,
  hostingServiceSchema,
  type AccountRef,
  type HostingAccount,
  type HostingLifecycle,
  type HostingLifecycleOptions,
  type HostingOverride,
  type HostingService,
  type HostingUsage,
} from './hosting-lifecycle';
export {
  instanceListSchema,
  MAX_INSTANCES_PER_ENTRY,
  planProvisionFile,
  provisionFile,
  talisEntrySchema,
  talisFileSchema,
  talisRequestListSchema,
  type ProvisionedInstance,
  type ProvisionFileOptions,
  type ProvisionFilePlan,
  type ProvisionFileResult,
  type TalisEntry,
  type TalisFile,
} from './provision-file';
