import { presentServer } from '../present/servers';
import { MINUTE } from '../time';
import { allocateIpv6, releaseIpv4, releaseIpv6 } from './ip-pool';
import type { EmulatorStore } from './store';
import type { HypervisorRecord, PackageRecord, QueueRecord, ServerIpv4Record, ServerRecord, UserRecord } from './records';
import { copyRuleset } from './firewall';
import type { DiskRecord } from './records';

/** A disk without IOPS or bandwidth limits. */
export function noQos(): DiskRecord['qos'] {
  return { readIops: null, writeIops: null, readBytes: null, writeBytes: null };
}

export interface ServerSpec {
  owner: UserRecord;
  pkg: PackageRecord;
  hypervisor: HypervisorRecord;
  ipv4: ServerIpv4Record[];
  memory?: number | undefined;
  storage?: number | undefined;
  traffic?: number | undefined;
  cpuCores?: number | undefined;
  networkSpeedIn?: number | undefined;
  networkSpeedOut?: number | undefined;
  networkProfile?: number | undefined;
  firewallRulesets?: number[] | undefined;
  extraDisks?: { capacity: number; profile: number }[] | undefined;
}

function base64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

function randomBytes(store: EmulatorStore, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => store.random.int(0, 255));
}

/** Something shaped like a Laravel encrypted payload; nothing can decrypt it. */
export function fakeEncrypted(store: EmulatorStore): string {
  const payload = { iv: base64(randomBytes(store, 16)), value: base64(randomBytes(store, 32)), mac: store.random.hex(64), tag: '' };
  return btoa(JSON.stringify(payload));
}

function randomMac(store: EmulatorStore): string {
  return ['00', ...Array.from({ length: 5 }, () => store.random.hex(2).toUpperCase())].join(':');
}

/** Puts a server on a node with the package's resources and any overrides; `state: allocated`. */
export function allocateServer(store: EmulatorStore, spec: ServerSpec, now: number, id = store.nextId('server')): ServerRecord {
  const { pkg } = spec;
  const storage = spec.storage ?? pkg.primaryStorage;
  const profile = spec.networkProfile ?? pkg.primaryNetworkProfile;
  const usable = spec.hypervisor.networks.filter((n) => n.networkProfile === profile);
  const primaryNetwork = usable.find((n) => n.primary) ?? usable[0] ?? spec.hypervisor.networks.find((n) => n.primary) ?? spec.hypervisor.networks[0];
  const server: ServerRecord = {
    id,
    uuid: store.random.uuid(),
    ownerId: spec.owner.id,
    hypervisorId: spec.hypervisor.id,
    packageId: pkg.id,
    name: '',
    hostname: null,
    state: 'allocated',
    commissionStatus: 0,
    suspended: false,
    protected: false,
    buildFailed: false,
    built: null,
    created: now,
    updated: now,
    memory: spec.memory ?? pkg.memory,
    storage,
    traffic: spec.traffic ?? pkg.traffic,
    cpuCores: spec.cpuCores ?? pkg.cpuCores,
    cpuThrottle: 0,
    networkSpeedIn: spec.networkSpeedIn ?? pkg.primaryNetworkSpeedIn,
    networkSpeedOut: spec.networkSpeedOut ?? pkg.primaryNetworkSpeedOut,
    osTemplateId: 0,
    encryptedPassword: fakeEncrypted(store),
    buildQueueId: null,
    power: 'stopped',
    primary: {
      id: store.nextId('interface'),
      name: 'eth0',
      mac: randomMac(store),
      tag: store.random.int(1_000_000_000, 4_294_967_295),
      hypervisorNetworkId: primaryNetwork?.id ?? 0,
      networkProfile: profile,
      ipv4: spec.ipv4,
      ipv6: [],
      whitelist: [],
      firewallEnabled: false,
      firewallRulesets: spec.firewallRulesets ?? [],
      firewallRules: (spec.firewallRulesets ?? []).flatMap((id) => copyRuleset(store, id) ?? []),
      vlans: [],
      settings: {},
    },
    secondary: null,
    disks: [
      { id: store.nextId('disk'), drive: 'a', capacity: storage, primary: true, profile: pkg.primaryStorageProfile, bus: null, cache: null, io: null, format: 'qcow2', enabled: true, filesystem: null, qos: noQos(), created: now, updated: now },
      ...(spec.extraDisks ?? []).map((disk, index) => ({
        id: store.nextId('disk'),
        drive: String.fromCharCode(98 + index),
        capacity: disk.capacity,
        primary: false,
        profile: disk.profile,
        bus: null,
        cache: null,
        io: null,
        format: 'qcow2' as const,
        enabled: true,
        filesystem: null,
        qos: noQos(),
        created: now,
        updated: now,
      })),
    ],
    trafficBlocks: [],
    vnc: { enabled: false, port: 5900 + (id % 1000), password: store.random.alnum(8), token: store.random.uuid() },
    rescue: null,
    customXml: Object.fromEntries(['domain', 'os', 'devices', 'features', 'clock', 'cpuTune'].map((k) => [k, { xml: '', enabled: false }])),
    backupPlanId: pkg.backupPlanId === 0 ? null : pkg.backupPlanId,
    backupManagerAccess: 'inherit',
    sshKeyIds: [],
    resourcePackId: null,
    deleteAt: null,
  };
  store.servers.set(server.id, server);
  return server;
}

export interface TaskSpec {
  action: string;
  job: string;
  server?: ServerRecord | undefined;
  hypervisorId?: number | undefined;
  duration?: number | undefined;
  /** Runs when the task finishes (on the emulator clock). */
  onFinish?: ((at: number) => void) | undefined;
}

/** Queues a background task that reaches 100 % after its duration. */
export function queueTask(store: EmulatorStore, spec: TaskSpec, now: number): QueueRecord {
  const id = store.nextId('queue');
  const item: QueueRecord = {
    id,
    jobId: String(1000 + id),
    job: spec.job,
    action: spec.action,
    serverId: spec.server?.id ?? null,
    hypervisorId: spec.server?.hypervisorId ?? spec.hypervisorId ?? null,
    started: now,
    duration: Math.max(0, spec.duration ?? store.settings.taskDuration),
    failed: false,
  };
  store.queue.set(id, item);
  const { onFinish } = spec;
  if (onFinish) store.scheduler.schedule(now + item.duration, onFinish);
  return item;
}

export interface BuildSpec {
  templateId: number;
  name?: string | undefined;
  hostname?: string | undefined;
  sshKeyIds?: number[] | undefined;
  ipv6?: boolean | undefined;
}

/** Starts an installation: `queued` now, `complete` after the build duration. Returns the root password. */
export function startBuild(store: EmulatorStore, server: ServerRecord, spec: BuildSpec, now: number): string {
  const password = store.random.alnum(16);
  server.state = 'queued';
  server.commissionStatus = 1;
  server.buildFailed = false;
  server.osTemplateId = spec.templateId;
  if (spec.name !== undefined) server.name = spec.name;
  // Built with a host name and no name: it lists under its host name rather than a blank one.
  else if (server.name === '' && spec.hostname !== undefined) server.name = spec.hostname;
  if (spec.hostname !== undefined) server.hostname = spec.hostname;
  if (spec.sshKeyIds !== undefined) server.sshKeyIds = [...spec.sshKeyIds];
  server.encryptedPassword = fakeEncrypted(store);
  server.power = 'stopped';
  server.updated = now;
  if (spec.ipv6 === true && server.primary.ipv6.length === 0) {
    const group = store.groups.get(store.hypervisors.get(server.hypervisorId)?.groupId ?? 0);
    const subnet = group ? allocateIpv6(store, group) : undefined;
    if (subnet) server.primary.ipv6.push(subnet);
  }
  const item = queueTask(
    store,
    {
      action: 'build_server',
      job: 'App\\Jobs\\Server\\KVM\\Build',
      server,
      duration: store.settings.buildDuration,
      onFinish: (at) => {
        if (store.servers.get(server.id) !== server || server.buildQueueId !== item.id) return;
        server.state = 'complete';
        server.commissionStatus = 3;
        server.built = at;
        server.updated = at;
        server.power = 'running';
        server.buildQueueId = null;
        store.emit('server.build', { server: presentServer(store, server, at) });
      },
    },
    now,
  );
  server.buildQueueId = item.id;
  return password;
}

/** Whether a build of this server is still running. */
export function isBuilding(server: ServerRecord): boolean {
  return server.buildQueueId !== null;
}

/** Removes a server at once: its addresses go back to their blocks. */
export function destroyServer(store: EmulatorStore, server: ServerRecord, at: number): void {
  const snapshot = presentServer(store, server, at);
  releaseIpv4(store, [...server.primary.ipv4, ...(server.secondary?.ipv4 ?? [])]);
  releaseIpv6(store, [...server.primary.ipv6, ...(server.secondary?.ipv6 ?? [])]);
  for (const asset of store.assets.values()) if (asset.serverId === server.id) asset.serverId = null;
  store.servers.delete(server.id);
  store.emit('server.destroy', { server: snapshot });
}

/** Deletes now (`minutes` 0) or schedules the deletion on the emulator clock. */
export function scheduleDeletion(store: EmulatorStore, server: ServerRecord, minutes: number, now: number): void {
  if (minutes === 0) {
    destroyServer(store, server, now);
    return;
  }
  const at = now + minutes * MINUTE;
  server.deleteAt = at;
  store.scheduler.schedule(at, (when) => {
    if (store.servers.get(server.id) === server && server.deleteAt === at) destroyServer(store, server, when);
  });
}

export type PowerAction = 'boot' | 'shutdown' | 'restart' | 'poweroff';

/** Queues a power action; the power state changes, and the event fires, when the task finishes. */
export function queuePowerAction(store: EmulatorStore, server: ServerRecord, action: PowerAction, now: number): QueueRecord {
  return queueTask(
    store,
    {
      action: `${action}_server`,
      job: `App\\Jobs\\Server\\KVM\\Power\\${action[0]!.toUpperCase()}${action.slice(1)}`,
      server,
      onFinish: (at) => {
        if (store.servers.get(server.id) !== server) return;
        server.power = action === 'boot' || action === 'restart' ? 'running' : 'stopped';
        server.updated = at;
        store.emit(`server.${action}`, { server: presentServer(store, server, at) });
      },
    },
    now,
  );
}
