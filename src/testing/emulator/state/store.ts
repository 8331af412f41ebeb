import type { Clock } from '../clock';
import { createRandom, type Random } from '../random';
import type {
  BackupRecord,
  CreditRecord,
  CurrencyRecord,
  DnsServiceRecord,
  FirewallRulesetRecord,
  GroupRecord,
  HypervisorAssetRecord,
  HypervisorRecord,
  IpBlockRecord,
  IsoRecord,
  NamedRecord,
  PackageRecord,
  QueueRecord,
  ResourcePackRecord,
  ResourcePackTemplateRecord,
  ServerRecord,
  SshKeyRecord,
  TemplateGroupRecord,
  TemplateRecord,
  UserRecord,
} from './records';
import { Scheduler } from './scheduler';

/** How the emulator's panel behaves over time. */
export interface StoreSettings {
  /** Milliseconds from a build request to `state: complete`. */
  buildDuration: number;
  /** Milliseconds a queued task (power action, VNC change...) takes. */
  taskDuration: number;
  /** How `PUT /servers/{id}/package/{packageId}` answers: 200 `{info}` (current panels) or 204 (older ones). */
  packageChangeStatus: 200 | 204;
}

/** A lifecycle event for webhook receivers: its name and its `data` (without `errors`). */
export type EventSink = (event: string, data: Record<string, unknown>) => void;

type IdKind =
  | 'group'
  | 'hypervisor'
  | 'network'
  | 'storage'
  | 'asset'
  | 'package'
  | 'template'
  | 'ipBlock'
  | 'ipv4'
  | 'ipv6'
  | 'user'
  | 'sshKey'
  | 'server'
  | 'interface'
  | 'disk'
  | 'trafficBlock'
  | 'whitelist'
  | 'firewallRule'
  | 'vlan'
  | 'queue'
  | 'credit'
  | 'resourcePack'
  | 'backup';

/** Everything the emulated panel knows, and the clock and random source it lives by. */
export class EmulatorStore {
  readonly groups = new Map<number, GroupRecord>();
  readonly hypervisors = new Map<number, HypervisorRecord>();
  readonly assets = new Map<number, HypervisorAssetRecord>();
  readonly templateGroups = new Map<number, TemplateGroupRecord>();
  readonly templates = new Map<number, TemplateRecord>();
  readonly packages = new Map<number, PackageRecord>();
  readonly ipBlocks = new Map<number, IpBlockRecord>();
  readonly users = new Map<number, UserRecord>();
  readonly sshKeys = new Map<number, SshKeyRecord>();
  readonly servers = new Map<number, ServerRecord>();
  readonly queue = new Map<number, QueueRecord>();
  readonly firewallRulesets = new Map<number, FirewallRulesetRecord>();
  readonly currencies = new Map<number, CurrencyRecord>();
  readonly credits = new Map<number, CreditRecord>();
  readonly resourcePackTemplates = new Map<number, ResourcePackTemplateRecord>();
  readonly resourcePacks = new Map<number, ResourcePackRecord>();
  readonly hourlyGroupProfiles = new Map<number, NamedRecord>();
  readonly resourceGroupProfiles = new Map<number, NamedRecord>();
  readonly backupPlans = new Map<number, NamedRecord>();
  readonly backups = new Map<number, BackupRecord>();
  readonly isos = new Map<number, IsoRecord>();
  readonly dnsServices = new Map<number, DnsServiceRecord>();
  readonly scheduler = new Scheduler();
  /** Runtime randomness (passwords, UUIDs, tokens): seeded, so a replayed run answers alike. */
  readonly random: Random;
  /** Whether `GET /status` reports the panel healthy. */
  healthy = true;
  emit: EventSink = () => {};
  readonly #ids = new Map<IdKind, number>();

  constructor(
    readonly clock: Clock,
    readonly settings: StoreSettings,
    seed: number | string,
  ) {
    this.random = createRandom(`${seed}/runtime`);
  }

  nextId(kind: IdKind): number {
    const next = (this.#ids.get(kind) ?? 0) + 1;
    this.#ids.set(kind, next);
    return next;
  }

  /** Runs whatever the clock says is due. */
  tick(): void {
    this.scheduler.runDue(this.clock.now());
  }

  /** A user by the caller's id: the integer `extRelationId`, or the `relStr` string when `byRelStr`. */
  findUser(reference: string, byRelStr: boolean): UserRecord | undefined {
    for (const user of this.users.values()) {
      if (byRelStr ? user.relStr === reference : user.extRelationId !== null && String(user.extRelationId) === reference) return user;
    }
    return undefined;
  }
}
