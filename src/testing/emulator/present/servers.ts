import { byPriority } from '../state/firewall';
import { intToIpv4 } from '../state/ip-pool';
import { hypervisorUsage, type HypervisorUsage } from '../state/placement';
import type { EmulatorStore } from '../state/store';
import type { DiskRecord, InterfaceRecord, ServerRecord } from '../state/records';
import { billingPeriod, isoMicros, isoOffset, sqlTime } from '../time';
import { presentNetwork, presentServerHypervisor } from './hypervisors';
import { presentServerSshKey, presentUser } from './users';

type Json = Record<string, unknown>;

export interface ServerPresentation {
  /** The clear-text root password, only in the answer of a build. */
  password?: string | undefined;
  remoteState?: boolean | undefined;
  /** Node usage computed once for many servers. */
  usage?: Map<number, HypervisorUsage> | undefined;
}

function periodEnd(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}.999999Z`;
}

export function presentInterface(store: EmulatorStore, server: ServerRecord, nic: InterfaceRecord, type: 'public' | 'private'): Json {
  const hv = store.hypervisors.get(server.hypervisorId);
  const network = hv?.networks.find((n) => n.id === nic.hypervisorNetworkId);
  return {
    id: nic.id,
    order: 1,
    enabled: true,
    tag: nic.tag,
    name: nic.name,
    type,
    driver: 1,
    processQueues: null,
    mac: nic.mac,
    ipv4ToMac: null,
    ipv6ToMac: null,
    inTrafficCount: true,
    outTrafficCount: false,
    inAverage: server.networkSpeedIn,
    inPeak: 0,
    inBurst: 0,
    outAverage: server.networkSpeedOut,
    outPeak: 0,
    outBurst: 0,
    ipFilter: false,
    vlans: [],
    ipFilterType: null,
    portIsolated: false,
    ipv4_resolver_1: 1,
    ipv4_resolver_2: 2,
    ipv6_resolver_1: 1,
    ipv6_resolver_2: 2,
    networkProfile: nic.networkProfile,
    dhcpV4: 0,
    dhcpV6: 0,
    firewallEnabled: nic.firewallEnabled,
    hypervisorNetwork: nic.hypervisorNetworkId,
    isNat: false,
    nat: false,
    firewall: nic.firewallEnabled ? byPriority(nic.firewallRules).map((rule) => ({ ...rule })) : [],
    ...(network ? { hypervisorConnectivity: presentNetwork(network) } : {}),
    ipWhitelist: nic.whitelist.map((entry) => ({ ...entry })),
    actions: [],
    ipv4: nic.ipv4.map((ip) => {
      const block = store.ipBlocks.get(ip.blockId);
      return {
        id: ip.id,
        order: ip.order,
        enabled: true,
        blockId: ip.blockId,
        address: intToIpv4(ip.address),
        gateway: block?.gateway ?? null,
        netmask: block?.netmask ?? null,
        resolver1: block?.resolvers[0] ?? null,
        resolver2: block?.resolvers[1] ?? null,
        rdns: block?.rdns.get(ip.address) ?? null,
        mac: null,
      };
    }),
    ipv6: nic.ipv6.map((subnet) => {
      const block = store.ipBlocks.get(subnet.blockId);
      return {
        id: subnet.id,
        block: { id: subnet.blockId, name: block?.name ?? '' },
        order: 1,
        enabled: true,
        addresses: [],
        addressesDetailed: [],
        subnet: subnet.subnet,
        cidr: subnet.cidr,
        exhausted: false,
        gateway: subnet.gateway,
        resolver1: block?.resolvers[0] ?? null,
        resolver2: block?.resolvers[1] ?? null,
        routeNet: false,
      };
    }),
  };
}

export function presentDisk(store: EmulatorStore, server: ServerRecord, disk: DiskRecord): Json {
  const hv = store.hypervisors.get(server.hypervisorId);
  const index = server.disks.indexOf(disk) + 1;
  return {
    _id: disk.id,
    id: disk.id,
    cache: disk.cache,
    bus: disk.bus,
    io: disk.io,
    capacity: disk.capacity,
    drive: disk.drive,
    datastoreDiskId: null,
    filesystem: disk.filesystem,
    iops: { read: disk.qos.readIops, write: disk.qos.writeIops },
    bytes: { read: disk.qos.readBytes, write: disk.qos.writeBytes },
    type: disk.format,
    profile: disk.profile,
    status: 3,
    enabled: disk.enabled,
    primary: disk.primary,
    created: isoOffset(disk.created),
    updated: isoOffset(disk.updated),
    datastore: [],
    name: `${server.uuid}_${index}`,
    filename: `${server.uuid}_${index}.img`,
    hypervisorStorageId: null,
    local: true,
    locationType: 'mountpoint',
    path: `${hv?.dataDir ?? '/home/vf-data'}/disk`,
  };
}

function remoteState(server: ServerRecord): Json {
  const running = server.power === 'running' && server.state === 'complete';
  return {
    state: running ? 'running' : 'shutoff',
    running,
    cpu: running ? server.cpuCores : 0,
    memory: { actual: server.memory * 1024, available: running ? server.memory * 1024 : 0 },
  };
}

/** The full server record of `GET /servers/{serverId}`. */
export function presentServer(store: EmulatorStore, server: ServerRecord, now: number, options: ServerPresentation = {}): Json {
  const hv = store.hypervisors.get(server.hypervisorId);
  const owner = store.users.get(server.ownerId);
  const usage = options.usage ?? (hv ? hypervisorUsage(store) : undefined);
  const period = billingPeriod(server.created, now, 0);
  const plan = server.backupPlanId === null ? undefined : store.backupPlans.get(server.backupPlanId);
  return {
    id: server.id,
    ownerId: server.ownerId,
    hypervisorId: server.hypervisorId,
    arch: 1,
    name: server.name,
    selfService: server.resourcePackId === null ? 0 : 2,
    selfServiceSettings: [],
    hostname: server.hostname,
    commissionStatus: server.commissionStatus,
    uuid: server.uuid,
    state: server.state,
    migratable: true,
    timezone: '_default',
    migrateLevel: 0,
    deleteLevel: 0,
    configLevel: 0,
    backupLevel: 0,
    elevated: false,
    elevateId: null,
    elevate: false,
    destroyable: !server.protected,
    rebuild: false,
    suspended: server.suspended,
    protected: server.protected,
    buildFailed: server.buildFailed,
    primaryNetworkDhcp4: false,
    primaryNetworkDhcp6: false,
    built: server.built === null ? null : isoOffset(server.built),
    created: isoOffset(server.created),
    updated: isoOffset(server.updated),
    traffic: { public: { countMethod: 1, currentPeriod: { start: isoMicros(period.start), end: periodEnd(period.end), limit: server.traffic } } },
    settings: {
      osTemplateInstall: true,
      osTemplateInstallId: server.osTemplateId,
      encryptedPassword: server.encryptedPassword,
      ...(options.password === undefined ? {} : { decryptedPassword: options.password }),
      backupPlan: server.backupPlanId,
      uefi: false,
      uefiType: 0,
      cloudInit: true,
      cloudInitType: 1,
      config: [],
      userConfig: [],
      bootOrder: ['hd', 'cdrom'],
      tpmType: 0,
      networkBoot: false,
      bootMenu: 1,
      customISO: 1,
      securityDriver: 3,
      memBalloon: { model: 1, autoDeflate: 0, freePageReporting: 0 },
      hyperv: { enabled: false, passthrough: false },
      extended: [],
      machineType: 'inherit',
      pciPorts: 16,
      resources: { memory: server.memory, storage: server.storage, traffic: server.traffic, cpuCores: server.cpuCores },
    },
    cpu: {
      cores: server.cpuCores,
      type: 'inherit',
      typeExact: 'host-model',
      shares: 1024,
      throttle: server.cpuThrottle,
      topology: { enabled: false, sockets: 1, cores: 1, threads: 1, dies: 1 },
    },
    customXML: Object.fromEntries(Object.entries(server.customXml).map(([key, value]) => [key, { ...value }])),
    qemuCommandline: [],
    qemuAgent: {},
    media: { isoMounted: false, isoType: 'local', isoName: '', isoFilename: '', isoUrl: '', isoDownload: false },
    backupPlan: { id: plan?.id ?? null, name: plan?.name ?? null },
    vnc: { ip: hv?.ip ?? null, port: server.vnc.port, enabled: server.vnc.enabled },
    network: {
      interfaces: [presentInterface(store, server, server.primary, 'public')],
      secondaryInterfaces: server.secondary ? [presentInterface(store, server, server.secondary, 'private')] : [],
    },
    storage: server.disks.map((disk) => presentDisk(store, server, disk)),
    hypervisorAssets: [...store.assets.values()].filter((a) => a.serverId === server.id).map((a) => ({ id: a.id, name: a.name, type: a.type })),
    ...(hv ? { hypervisor: presentServerHypervisor(store, hv, usage?.get(hv.id)) } : {}),
    ...(owner ? { owner: presentUser(owner) } : {}),
    sshKeys: server.sshKeyIds.flatMap((id) => {
      const key = store.sshKeys.get(id);
      return key ? [presentServerSshKey(key)] : [];
    }),
    sharedUsers: [],
    tasks: {
      active: server.buildQueueId !== null || server.deleteAt !== null,
      lastOn: sqlTime(server.updated),
      actions: { pending: [] },
    },
    remoteState: options.remoteState ? remoteState(server) : false,
  };
}

/** A row of `GET /servers?type=simple`. */
export function presentServerListItem(server: ServerRecord): Json {
  return {
    id: server.id,
    uuid: server.uuid,
    name: server.name,
    commissioned: server.commissionStatus,
    owner: server.ownerId,
    hypervisorId: server.hypervisorId,
    suspended: server.suspended,
    protected: server.protected,
    updated: isoOffset(server.updated),
    created: isoOffset(server.created),
  };
}

/** A row of `GET /servers/user/{userId}`. */
export function presentServerOverview(store: EmulatorStore, server: ServerRecord): Json {
  const hv = store.hypervisors.get(server.hypervisorId);
  const nic = presentInterface(store, server, server.primary, 'public');
  return {
    id: server.id,
    ownerId: server.ownerId,
    hypervisorId: server.hypervisorId,
    name: server.name,
    hostname: server.hostname,
    commissionStatus: server.commissionStatus,
    uuid: server.uuid,
    state: server.state,
    rebuild: false,
    suspended: server.suspended,
    protected: server.protected,
    buildFailed: server.buildFailed,
    backup_level: 0,
    backup_plan: server.backupPlanId,
    os: { screen: null },
    server_info: { show: false, icon: null, name: null, label: null },
    vnc: { expose_details: true, ip: hv?.ip ?? null, hostname: hv?.hostname ?? null, port: server.vnc.port, enabled: server.vnc.enabled ? 1 : 0 },
    resources: { memory: server.memory, storage: server.storage, traffic: server.traffic, cpuCores: server.cpuCores, cpu_model: null },
    network: {
      interfaces: [
        {
          order: 1,
          enabled: true,
          tag: nic.tag,
          name: nic.name,
          mac: nic.mac,
          inAverage: nic.inAverage,
          inPeak: 0,
          inBurst: 0,
          outAverage: nic.outAverage,
          outPeak: 0,
          outBurst: 0,
          isNat: false,
          ipv4: nic.ipv4,
          ipv6: nic.ipv6,
        },
      ],
    },
    config: { uefi: false, bootOrder: ['hd', 'cdrom'] },
    media: { isoMounted: false, isoName: '' },
  };
}
