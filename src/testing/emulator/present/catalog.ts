import { blockFree, blockTotal } from '../state/ip-pool';
import type { EmulatorStore } from '../state/store';
import type {
  BackupRecord,
  CurrencyRecord,
  DnsServiceRecord,
  FirewallRulesetRecord,
  IpBlockRecord,
  IsoRecord,
  PackageRecord,
  QueueRecord,
  TemplateRecord,
} from '../state/records';
import { isoMicros, isoOffset, sqlTime } from '../time';

type Json = Record<string, unknown>;

export function presentPackage(pkg: PackageRecord): Json {
  return {
    id: pkg.id,
    name: pkg.name,
    description: pkg.description,
    enabled: pkg.enabled,
    memory: pkg.memory,
    primaryStorage: pkg.primaryStorage,
    traffic: pkg.traffic,
    cpuCores: pkg.cpuCores,
    primaryNetworkSpeedIn: pkg.primaryNetworkSpeedIn,
    primaryNetworkSpeedOut: pkg.primaryNetworkSpeedOut,
    primaryDiskType: pkg.primaryDiskType,
    backupPlanId: pkg.backupPlanId,
    primaryStorageReadBytesSec: pkg.primaryStorageReadBytesSec,
    primaryStorageWriteBytesSec: pkg.primaryStorageWriteBytesSec,
    primaryStorageReadIopsSec: pkg.primaryStorageReadIopsSec,
    primaryStorageWriteIopsSec: pkg.primaryStorageWriteIopsSec,
    primaryStorageProfile: pkg.primaryStorageProfile,
    primaryNetworkProfile: pkg.primaryNetworkProfile,
    created: isoMicros(pkg.created),
  };
}

function presentTemplate(template: TemplateRecord): Json {
  return {
    id: template.id,
    name: template.name,
    version: template.version,
    variant: template.variant,
    arch: template.arch,
    description: template.description,
    icon: template.icon,
    eol: template.eol,
    eol_date: template.eolDate === null ? null : sqlTime(template.eolDate),
    eol_warning: template.eol,
    deploy_type: 1,
    vnc: template.vnc,
    type: template.type,
  };
}

/** Templates grouped by distribution, as the panel lists them for a package or a server. */
export function presentTemplateGroups(store: EmulatorStore, templateIds: readonly number[]): Json[] {
  const byGroup = new Map<number, TemplateRecord[]>();
  for (const id of templateIds) {
    const template = store.templates.get(id);
    if (template === undefined) continue;
    byGroup.set(template.groupId, [...(byGroup.get(template.groupId) ?? []), template]);
  }
  return [...byGroup.entries()].map(([groupId, templates]) => {
    const group = store.templateGroups.get(groupId);
    return {
      name: group?.name ?? 'Other',
      description: group?.description ?? null,
      icon: group?.icon ?? null,
      templates: templates.map(presentTemplate),
      id: groupId,
    };
  });
}

export function presentIpBlock(block: IpBlockRecord): Json {
  const v4 = block.type === 4;
  const total = v4 ? blockTotal(block) : 0;
  const v6 = block.ipv6;
  const v6Total = v6 ? 2 ** Math.min(v6.to - v6.from, 30) - 1 : 0;
  return {
    id: block.id,
    type: block.type,
    name: block.name,
    ipv4: {
      gateway: v4 ? block.gateway : null,
      netmask: v4 ? block.netmask : null,
      resolvers: { primary: v4 ? block.resolvers[0] : null, secondary: v4 ? block.resolvers[1] : null },
      total,
      usedTotal: v4 ? block.assigned.size : 0,
      freeTotal: v4 ? blockFree(block) : 0,
    },
    ipv6: {
      gateway: v6 ? block.gateway : null,
      resolvers: { primary: v6 ? block.resolvers[0] : null, secondary: v6 ? block.resolvers[1] : null },
      subnet: v6 ? `${v6.prefix}:` : null,
      from: v6?.from ?? 48,
      to: v6?.to ?? 64,
      restricted: [],
      total: v6Total,
      generatedTotal: v6 ? 256 : 0,
      usedTotal: v6?.assigned ?? 0,
      freeTotal: v6Total - (v6?.assigned ?? 0),
      freeGenerated: v6 ? 256 - v6.assigned : 0,
      blacklistedTotal: 0,
    },
    rdnsType: block.rdnsType,
    rdnsZoneId: null,
    networkProfile: block.networkProfile,
    routeBlock: null,
    dhcp: block.dhcp,
    enabled: block.enabled,
    created: isoOffset(block.created),
    updated: isoOffset(block.updated),
  };
}

/** A queue item at `now`: progress from 0 to 100, `finished` once its duration has passed. */
export function presentQueueItem(item: QueueRecord, now: number): Json {
  const end = item.started + item.duration;
  const done = now >= end;
  const progress = done ? 100 : Math.min(99, Math.max(0, Math.floor(((now - item.started) / Math.max(1, item.duration)) * 100)));
  return {
    id: item.id,
    jobId: item.jobId,
    job: item.job,
    hypervisorId: item.hypervisorId,
    serverId: item.serverId,
    action: item.action,
    queue: 'default',
    started: isoOffset(item.started),
    updated: isoOffset(done ? end : now),
    finished: done ? isoOffset(end) : null,
    failed: item.failed,
    progress,
    errors: { exception: { stringable: false, errors: [], type: null, trace: null, message: null } },
    primaryActions: [
      { type: 'server.get.status', dataType: 'object', data: { success: true }, created: isoOffset(item.started), updated: isoOffset(item.started) },
    ],
    subActions: [],
  };
}

export function presentIso(iso: IsoRecord): Json {
  return {
    id: iso.id,
    name: iso.name,
    description: iso.description,
    arch: iso.arch,
    url: iso.url,
    filename: iso.filename,
    enabled: iso.enabled,
    config: '[]',
    global: iso.global,
    download: true,
    users: [],
    created: isoOffset(iso.created),
    updated: isoOffset(iso.updated),
  };
}

export function presentDnsService(service: DnsServiceRecord): Json {
  return {
    id: service.id,
    type: service.type,
    name: service.name,
    username: service.username,
    url: service.url,
    ip: null,
    port: service.port,
    password: service.encryptedPassword,
    config: {},
    subAccount: false,
    capabilities: 1,
    enabled: service.enabled,
    created: isoOffset(service.created),
    updated: isoOffset(service.updated),
  };
}

export function presentBackup(backup: BackupRecord): Json {
  return {
    id: backup.id,
    serverId: backup.serverId,
    storage: { id: backup.storage.id, name: backup.storage.name, enabled: true },
    deleting: false,
    restoring: false,
    progress: false,
    complete: true,
    deleteAfter: null,
    created: isoOffset(backup.created),
    updated: isoOffset(backup.created + 60_000),
  };
}

export function presentCurrency(currency: CurrencyRecord): Json {
  return {
    id: currency.id,
    code: currency.code,
    value: currency.value,
    prefix: currency.prefix,
    suffix: currency.suffix,
    default: currency.isDefault,
    enabled: currency.enabled,
  };
}

export function presentFirewallRuleset(ruleset: FirewallRulesetRecord): Json {
  return {
    id: ruleset.id,
    name: ruleset.name,
    description: ruleset.description,
    enabled: ruleset.enabled,
    rules: ruleset.rules.map((rule) => ({ ...rule })),
    created: isoOffset(ruleset.created),
    updated: isoOffset(ruleset.updated),
  };
}
