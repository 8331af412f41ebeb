import { notSupported } from './errors';

/** A member the adapter has but cannot honour: it always rejects with `NOT_SUPPORTED` (status 400). */
export type SkyPanelNotSupported = (...args: unknown[]) => Promise<never>;

const FIREWALL = 'VirtFusion firewalls are rule lists per server interface (vf.servers.firewall), not firewall objects with ids attached to devices.';
const VOLUME = 'VirtFusion has no volumes apart from a server’s own disks (see the disk members).';

/** Members of the gvps-cloud fork with no faithful VirtFusion meaning, and why. */
export const NOT_SUPPORTED_BY_VIRTFUSION = {
  assignIPs: 'VirtFusion has no operation that moves addresses between servers; remove the address from one and add it to the other.',
  shareIPs: 'VirtFusion has no shared (failover) addresses.',
  listIPv6Pools: 'VirtFusion has no routed IPv6 pools besides the subnets of servers (listIPv6Ranges).',
  createIPv6Range: 'VirtFusion assigns IPv6 subnets when a server is built; its API adds none afterwards.',
  deleteIPv6Range: 'VirtFusion’s API removes no IPv6 subnet from a server.',
  listVLANs: 'VirtFusion VLANs belong to a server interface (vf.servers.interfaces), not to a region by label.',
  deleteVLAN: 'VirtFusion VLANs belong to a server interface (vf.servers.interfaces), not to a region by label.',
  listFirewalls: FIREWALL,
  createFirewall: FIREWALL,
  getFirewall: FIREWALL,
  updateFirewall: FIREWALL,
  deleteFirewall: FIREWALL,
  getFirewallRules: FIREWALL,
  updateFirewallRules: FIREWALL,
  getFirewallDevices: FIREWALL,
  attachFirewallDevice: FIREWALL,
  detachFirewallDevice: FIREWALL,
  getFirewallSettings: FIREWALL,
  updateFirewallSettings: FIREWALL,
  listFirewallTemplates: FIREWALL,
  getFirewallTemplate: FIREWALL,
  updateDisk: 'VirtFusion disks have no label, and their filesystem is chosen only when the disk is made.',
  cloneDisk: 'VirtFusion’s API has no disk copy.',
  resetDiskPassword: 'VirtFusion resets a server’s password (one it generates) with vf.servers.resetPassword, not a disk’s password of your choice.',
  listVolumes: VOLUME,
  createVolume: VOLUME,
  getVolume: VOLUME,
  updateVolume: VOLUME,
  deleteVolume: VOLUME,
  attachVolume: VOLUME,
  detachVolume: VOLUME,
  resizeVolume: VOLUME,
  cloneVolume: VOLUME,
  listVolumeTypes: VOLUME,
} as const;

/** Members the adapter maps for VirtFusion only; other providers answer `NOT_SUPPORTED`. */
export const VIRTFUSION_ONLY = ['listIPs', 'getIPAddress', 'allocateIP', 'deleteIPAddress', 'updateIPReverseDNS', 'listIPv6Ranges', 'listDisks', 'getDisk', 'createDisk', 'resizeDisk', 'deleteDisk'] as const;

export type UnsupportedMember = keyof typeof NOT_SUPPORTED_BY_VIRTFUSION;

/** The always-rejecting members, each naming itself and the reason. */
export function unsupportedMembers<P extends string>(provider: P): Record<UnsupportedMember, SkyPanelNotSupported> {
  const out = {} as Record<UnsupportedMember, SkyPanelNotSupported>;
  for (const [member, why] of Object.entries(NOT_SUPPORTED_BY_VIRTFUSION) as Array<[UnsupportedMember, string]>) {
    out[member] = () => Promise.reject(notSupported(provider, member, why));
  }
  return out;
}
