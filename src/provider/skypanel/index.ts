export { skyPanelStatus, toSkyPanelProvider } from './adapter';
export { SkyPanelError, type SkyPanelErrorOptions, type SkyPanelProviderError } from './errors';
export { toSkyDisk } from './disks';
export { serverIps } from './network';
export type { SkyPanelAdapterOptions, SkyPanelPricing } from './options';
export type { SkyPanelCoreService, SkyPanelMappedMembers, SkyPanelProviderService } from './service';
export type * from './shapes';
export { NOT_SUPPORTED_BY_VIRTFUSION, type SkyPanelNotSupported, type UnsupportedMember } from './unsupported';
