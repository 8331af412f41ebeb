// The emulator's memory: plain records, closer to the panel's tables than to its JSON. The
// present/ functions turn them into what the API answers.

export interface GroupRecord {
  id: number;
  name: string;
  label: string | null;
  description: string | null;
  icon: string | null;
  distributionType: number;
  enabled: boolean;
  isDefault: boolean;
  /** IP blocks servers in this group draw addresses from. */
  ipBlockIds: number[];
  /** Round-robin cursor for placing new servers. */
  nextPlacement: number;
  created: number;
  updated: number;
}

export interface HypervisorNetworkRecord {
  id: number;
  name: string;
  /** IP block group bound to the network, if any. */
  ipBlockGroupId: number | null;
  type: string;
  bridge: string;
  mtu: number | null;
  primary: boolean;
  isDefault: boolean;
  /** The network profile servers on this network use; 0 is the panel's default profile. */
  networkProfile: number;
  created: number;
  updated: number;
}

export interface HypervisorStorageRecord {
  id: number;
  name: string;
  enabled: boolean;
  storageType: number;
  path: string | null;
  isDatastore: boolean;
  capacityGb: number;
}

export interface HypervisorAssetRecord {
  id: number;
  hypervisorId: number;
  name: string;
  type: string;
  /** Server the asset is attached to. */
  serverId: number | null;
}

export interface HypervisorRecord {
  id: number;
  groupId: number;
  name: string;
  ip: string;
  hostname: string | null;
  port: number;
  sshPort: number;
  maintenance: boolean;
  enabled: boolean;
  commissioned: number;
  nfType: number;
  maxServers: number;
  maxCpu: number;
  maxMemory: number;
  localStorageGb: number;
  localStorageType: number;
  timezone: string;
  dataDir: string;
  encryptedToken: string;
  networks: HypervisorNetworkRecord[];
  storage: HypervisorStorageRecord[];
  /** IP blocks bound to the node directly, in allocation order; `networkId` null is the primary network. */
  ipBlocks: { blockId: number; networkId: number | null }[];
  /** Settings the panel keeps without a field of their own here (prohibit, licence, disk types, …). */
  settings: Record<string, unknown>;
  created: number;
  updated: number;
}

export interface TemplateGroupRecord {
  id: number;
  name: string;
  description: string;
  icon: string;
}

export interface TemplateRecord {
  id: number;
  groupId: number;
  name: string;
  version: string;
  variant: string | null;
  arch: number;
  description: string;
  icon: string;
  eol: boolean;
  eolDate: number | null;
  deployType: number;
  vnc: boolean;
  type: 'linux' | 'windows';
}

export interface PackageRecord {
  id: number;
  name: string;
  description: string | null;
  enabled: boolean;
  memory: number;
  primaryStorage: number;
  traffic: number;
  cpuCores: number;
  primaryNetworkSpeedIn: number;
  primaryNetworkSpeedOut: number;
  primaryDiskType: string;
  backupPlanId: number;
  primaryStorageReadBytesSec: number | null;
  primaryStorageWriteBytesSec: number | null;
  primaryStorageReadIopsSec: number | null;
  primaryStorageWriteIopsSec: number | null;
  primaryStorageProfile: number;
  primaryNetworkProfile: number;
  templateIds: number[];
  created: number;
}

export interface IpBlockRecord {
  id: number;
  type: 4 | 6;
  name: string;
  gateway: string | null;
  netmask: string | null;
  /** Network address and prefix length of the block (IPv4 as an integer). */
  network: number;
  prefix: number;
  resolvers: [string | null, string | null];
  /** IPv4 ranges the panel may hand out, inclusive, as integers. */
  ranges: { start: number; end: number }[];
  /** Assigned IPv4 addresses and the server holding each. */
  assigned: Map<number, number>;
  rdns: Map<number, string>;
  ipv6?: { prefix: string; from: number; to: number; nextSubnet: number; assigned: number };
  networkProfile: number;
  rdnsType: number;
  dhcp: number;
  enabled: boolean;
  created: number;
  updated: number;
}

export interface UserRecord {
  id: number;
  extRelationId: number | null;
  relStr: string | null;
  name: string;
  email: string;
  admin: boolean;
  enabled: boolean;
  selfService: number;
  selfServiceHourlyCredit: boolean;
  hourlyGroupProfiles: number[];
  resourceGroupProfiles: number[];
  hourlyResourcePack: number | null;
  syncAccessToProfiles: boolean;
  timezone: string;
  twoFactorAuth: boolean;
  created: number;
  updated: number;
}

/** A user with the panel's defaults for everything not given (a customer without self-service). */
export function newUserRecord(fields: Pick<UserRecord, 'id' | 'name' | 'email' | 'created'> & Partial<UserRecord>): UserRecord {
  return {
    extRelationId: null,
    relStr: null,
    admin: false,
    enabled: true,
    selfService: 0,
    selfServiceHourlyCredit: false,
    hourlyGroupProfiles: [],
    resourceGroupProfiles: [],
    hourlyResourcePack: null,
    syncAccessToProfiles: false,
    timezone: 'Europe/London',
    twoFactorAuth: false,
    updated: fields.created,
    ...fields,
  };
}

export interface SshKeyRecord {
  id: number;
  userId: number;
  name: string;
  publicKey: string;
  enabled: boolean;
  created: number;
  updated: number;
}

export interface ServerIpv4Record {
  id: number;
  blockId: number;
  address: number;
  order: number;
}

export interface ServerIpv6Record {
  id: number;
  blockId: number;
  subnet: string;
  cidr: number;
  gateway: string;
}

export interface WhitelistRecord {
  id: number;
  type: 4 | 6;
  ip: string;
  mask: number;
}

export interface InterfaceRecord {
  id: number;
  name: string;
  mac: string;
  tag: number;
  hypervisorNetworkId: number;
  networkProfile: number;
  ipv4: ServerIpv4Record[];
  ipv6: ServerIpv6Record[];
  whitelist: WhitelistRecord[];
  firewallEnabled: boolean;
  /** Rulesets applied with the 7.0 form (their rules are copied into `firewallRules`). */
  firewallRulesets: number[];
  /** The interface's own firewall rules (panel 7.1). */
  firewallRules: InterfaceFirewallRuleRecord[];
  vlans: { id: number; vlanId: number; nativeMode: number }[];
  /** Settings changed through the 7.1 interface update; unset ones follow the server and node defaults. */
  settings: InterfaceSettings;
}

export interface InterfaceSettings {
  driver?: number | null;
  processQueues?: number | null;
  ipFilter?: boolean;
  portIsolated?: boolean;
  dhcpV4?: boolean;
  dhcpV6?: boolean;
  inAverage?: number;
  outAverage?: number;
  /** Trunk mode of the interface's VLANs (0, 1 or 2), set through a VLAN update. */
  trunk?: number;
}

/** One firewall rule of a server interface, as panel 7.1 keeps them. */
export interface InterfaceFirewallRuleRecord {
  id: number;
  protocol: string;
  direction: 'in' | 'out';
  action: 'allow' | 'deny';
  ipType: 4 | 6;
  sourceAddress: string | null;
  destinationAddress: string | null;
  sourcePort: string | null;
  destinationPort: string | null;
  priority: number;
  enabled: boolean;
  rulesetId: number | null;
}

/** An active rescue session. */
export interface RescueRecord {
  imageId: number;
  password: string;
  started: number;
}

export interface DiskRecord {
  id: number;
  drive: string;
  capacity: number;
  primary: boolean;
  profile: number;
  bus: string | null;
  cache: string | null;
  /** IO mode (`threads`, `native`, `io_uring`…); null for the hypervisor's default. */
  io: string | null;
  /** Image format, answered as the disk's `type`. */
  format: 'qcow2' | 'raw';
  /** False for a disk switched off with `enabled: false` (never the primary one). */
  enabled: boolean;
  filesystem: string | null;
  /** IOPS and bytes-per-second limits (panel 7.1 `qos`); null is unlimited. */
  qos: { readIops: number | null; writeIops: number | null; readBytes: number | null; writeBytes: number | null };
  created: number;
  updated: number;
}

export interface TrafficBlockRecord {
  id: number;
  /** Accounting month, 1 being the current one. */
  month: number;
  traffic: number;
  added: number;
}

export type ServerState = 'allocated' | 'queued' | 'complete' | 'failed';

export interface ServerRecord {
  id: number;
  uuid: string;
  ownerId: number;
  hypervisorId: number;
  packageId: number;
  name: string;
  hostname: string | null;
  state: ServerState;
  commissionStatus: number;
  suspended: boolean;
  protected: boolean;
  buildFailed: boolean;
  built: number | null;
  created: number;
  updated: number;
  memory: number;
  storage: number;
  traffic: number;
  cpuCores: number;
  cpuThrottle: number;
  networkSpeedIn: number;
  networkSpeedOut: number;
  osTemplateId: number;
  encryptedPassword: string;
  /** The queue item of a build that has not finished. */
  buildQueueId: number | null;
  power: 'running' | 'stopped';
  primary: InterfaceRecord;
  secondary: InterfaceRecord | null;
  disks: DiskRecord[];
  trafficBlocks: TrafficBlockRecord[];
  vnc: { enabled: boolean; port: number; password: string; token: string };
  rescue: RescueRecord | null;
  customXml: Record<string, { xml: string; enabled: boolean }>;
  backupPlanId: number | null;
  backupManagerAccess: string;
  sshKeyIds: number[];
  resourcePackId: number | null;
  /** When a delayed deletion runs. */
  deleteAt: number | null;
}

export interface QueueRecord {
  id: number;
  jobId: string;
  job: string;
  action: string;
  serverId: number | null;
  hypervisorId: number | null;
  started: number;
  duration: number;
  failed: boolean;
}

export interface FirewallRuleRecord {
  direction: 'in' | 'out';
  protocol: 'tcp' | 'udp' | 'icmp' | 'any';
  port: string | null;
  source: string;
  action: 'accept' | 'drop';
}

export interface FirewallRulesetRecord {
  id: number;
  name: string;
  description: string;
  enabled: boolean;
  rules: FirewallRuleRecord[];
  created: number;
  updated: number;
}

export interface CurrencyRecord {
  id: number;
  code: string;
  value: string;
  prefix: string | null;
  suffix: string | null;
  isDefault: boolean;
  enabled: boolean;
}

export interface CreditRecord {
  id: number;
  userId: number;
  tokens: number;
  /** As sent: production integrations send digits as a string. */
  reference1: number | string | null;
  reference2: string | null;
  created: number;
}

export interface ResourcePackTemplateRecord {
  id: number;
  name: string;
  servers: number;
  memory: number;
  storage: number;
  cpu: number;
  traffic: number;
  maxMemory: number;
  maxStorage: number;
  maxCpu: number;
  maxTraffic: number;
}

export interface ResourcePackRecord {
  id: number;
  templateId: number;
  userId: number;
  enabled: boolean;
  created: number;
}

export interface NamedRecord {
  id: number;
  name: string;
}

export interface BackupRecord {
  id: number;
  serverId: number;
  storage: { id: number; name: string };
  created: number;
}

export interface IsoRecord {
  id: number;
  name: string;
  description: string | null;
  arch: number;
  url: string;
  filename: string;
  enabled: boolean;
  global: boolean;
  created: number;
  updated: number;
}

export interface DnsServiceRecord {
  id: number;
  type: number;
  name: string;
  username: string;
  url: string;
  port: number;
  encryptedPassword: string;
  enabled: boolean;
  created: number;
  updated: number;
}
