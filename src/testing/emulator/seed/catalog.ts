import { fakeEncrypted } from '../state/lifecycle';
import { ipv4ToInt } from '../state/ip-pool';
import type { EmulatorStore } from '../state/store';
import type { HypervisorRecord, TemplateRecord } from '../state/records';
import { DAY } from '../time';

// The fixed part of a small installation: where servers can go and what they can be built from.
// Addresses are documentation ranges (RFC 5737, RFC 3849) and management addresses are private.

interface HypervisorPlan {
  group: number;
  name: string;
  maxCpu: number;
  maxMemory: number;
  storageGb: number;
  maintenance?: boolean;
  enabled?: boolean;
  privateBridge?: boolean;
  datastore?: string;
  asset?: { name: string; type: string };
}

const GROUPS = [
  { name: 'Default', description: 'Default hypervisor group', distributionType: 5, blocks: [1, 4], enabled: true },
  { name: 'London', description: 'UK, London (LON1)', distributionType: 13, blocks: [2, 4], enabled: true },
  { name: 'Frankfurt', description: 'DE, Frankfurt (FRA2)', distributionType: 5, blocks: [3, 4], enabled: true },
  { name: 'Legacy', description: 'Closed to new servers', distributionType: 5, blocks: [], enabled: false },
];

const HYPERVISORS: HypervisorPlan[] = [
  { group: 1, name: 'hv-def-01', maxCpu: 48, maxMemory: 128_000, storageGb: 2000, asset: { name: 'NVIDIA T4 (0000:3b:00.0)', type: 'pci' } },
  { group: 1, name: 'hv-def-02', maxCpu: 48, maxMemory: 128_000, storageGb: 2000, privateBridge: true },
  { group: 2, name: 'lon-hv01', maxCpu: 64, maxMemory: 256_000, storageGb: 4000, asset: { name: 'USB security key (1050:0407)', type: 'usb' } },
  { group: 2, name: 'lon-hv02', maxCpu: 64, maxMemory: 256_000, storageGb: 4000, maintenance: true },
  { group: 3, name: 'fra-hv01', maxCpu: 96, maxMemory: 384_000, storageGb: 1000, datastore: 'Ceph RBD' },
  { group: 3, name: 'fra-hv02', maxCpu: 96, maxMemory: 384_000, storageGb: 1000, datastore: 'Ceph RBD', enabled: false },
  { group: 4, name: 'old-hv07', maxCpu: 16, maxMemory: 32_000, storageGb: 500, enabled: false },
];

const TEMPLATE_GROUPS = [
  { id: 1, name: 'Debian', icon: 'debian_logo.png', description: 'Debian GNU/Linux, a community-built distribution known for stable releases.' },
  { id: 2, name: 'Ubuntu', icon: 'ubuntu_logo.png', description: 'Ubuntu Server, a Debian-based distribution with long-term support releases.' },
  { id: 3, name: 'AlmaLinux', icon: 'almalinux_logo.png', description: 'AlmaLinux OS, a community rebuild compatible with Red Hat Enterprise Linux.' },
  { id: 4, name: 'Rocky Linux', icon: 'rocky_logo.png', description: 'Rocky Linux, an enterprise distribution compatible with Red Hat Enterprise Linux.' },
  { id: 5, name: 'Windows Server', icon: 'windows_logo.png', description: 'Microsoft Windows Server, installed with an evaluation licence.' },
];

type TemplatePlan = Omit<TemplateRecord, 'eolDate' | 'arch' | 'deployType' | 'icon' | 'description'> & { eolDaysAgo?: number; summary: string };

const TEMPLATES: TemplatePlan[] = [
  { id: 8, groupId: 1, name: 'Debian', version: '11 (Bullseye)', variant: 'Minimal', eol: false, vnc: false, type: 'linux', summary: 'Small base system; add software with apt.' },
  { id: 46, groupId: 1, name: 'Debian', version: '12 (Bookworm)', variant: 'Minimal', eol: false, vnc: false, type: 'linux', summary: 'Small base system; add software with apt.' },
  { id: 12, groupId: 2, name: 'Ubuntu Server', version: '20.04 LTS', variant: null, eol: true, eolDaysAgo: 240, vnc: false, type: 'linux', summary: 'Standard server install; past its standard support.' },
  { id: 31, groupId: 2, name: 'Ubuntu Server', version: '22.04 LTS', variant: null, eol: false, vnc: false, type: 'linux', summary: 'Standard server install with cloud-init.' },
  { id: 52, groupId: 2, name: 'Ubuntu Server', version: '24.04 LTS', variant: null, eol: false, vnc: false, type: 'linux', summary: 'Standard server install with cloud-init.' },
  { id: 40, groupId: 3, name: 'AlmaLinux', version: '9', variant: 'Minimal', eol: false, vnc: false, type: 'linux', summary: 'Small base system; add software with dnf.' },
  { id: 41, groupId: 4, name: 'Rocky Linux', version: '9', variant: 'Minimal', eol: false, vnc: false, type: 'linux', summary: 'Small base system; add software with dnf.' },
  { id: 60, groupId: 5, name: 'Windows Server', version: '2022', variant: 'Standard', eol: false, vnc: true, type: 'windows', summary: 'Desktop experience; finish the setup in the VNC console.' },
];

const LINUX_TEMPLATES = TEMPLATES.filter((t) => t.type === 'linux').map((t) => t.id);
const ALL_TEMPLATES = TEMPLATES.map((t) => t.id);

const PACKAGES = [
  { name: 'Starter', memory: 1024, primaryStorage: 25, traffic: 1000, cpuCores: 1, enabled: true, templates: LINUX_TEMPLATES, backupPlanId: 0 },
  { name: 'Standard', memory: 2048, primaryStorage: 50, traffic: 2000, cpuCores: 2, enabled: true, templates: LINUX_TEMPLATES, backupPlanId: 1 },
  { name: 'Performance', memory: 8192, primaryStorage: 160, traffic: 5000, cpuCores: 4, enabled: true, templates: LINUX_TEMPLATES, backupPlanId: 1 },
  { name: 'Windows Standard', memory: 8192, primaryStorage: 100, traffic: 0, cpuCores: 4, enabled: true, templates: ALL_TEMPLATES, backupPlanId: 2 },
  { name: 'Legacy 512', memory: 512, primaryStorage: 10, traffic: 500, cpuCores: 1, enabled: false, templates: LINUX_TEMPLATES, backupPlanId: 0 },
];

const IPV4_BLOCKS = [
  { name: '192.0.2.0/24', network: '192.0.2.0', gateway: '192.0.2.1', first: '192.0.2.10', last: '192.0.2.250' },
  { name: '198.51.100.0/24', network: '198.51.100.0', gateway: '198.51.100.1', first: '198.51.100.10', last: '198.51.100.250' },
  { name: '203.0.113.0/24', network: '203.0.113.0', gateway: '203.0.113.1', first: '203.0.113.10', last: '203.0.113.250' },
];

function addHypervisor(store: EmulatorStore, plan: HypervisorPlan, index: number, created: number): HypervisorRecord {
  const id = store.nextId('hypervisor');
  const networks = [
    { id: store.nextId('network'), name: 'public', ipBlockGroupId: null, type: 'simpleBridge', bridge: 'br0', mtu: null, primary: true, isDefault: true, networkProfile: 0, created, updated: created },
    ...(plan.privateBridge ? [{ id: store.nextId('network'), name: 'private', ipBlockGroupId: null, type: 'simpleBridge', bridge: 'br1', mtu: 9000, primary: false, isDefault: false, networkProfile: 0, created, updated: created }] : []),
  ];
  const hv: HypervisorRecord = {
    id,
    groupId: plan.group,
    name: plan.name,
    ip: `10.10.0.${11 + index}`,
    hostname: `${plan.name}.mgmt.example.net`,
    port: 8892,
    sshPort: 22,
    maintenance: plan.maintenance ?? false,
    enabled: plan.enabled ?? true,
    commissioned: 3,
    nfType: 4,
    maxServers: 0,
    maxCpu: plan.maxCpu,
    maxMemory: plan.maxMemory,
    localStorageGb: plan.storageGb,
    localStorageType: 1,
    timezone: 'Etc/UTC',
    dataDir: '/home/vf-data',
    encryptedToken: fakeEncrypted(store),
    networks,
    storage: plan.datastore
      ? [{ id: store.nextId('storage'), name: plan.datastore, enabled: true, storageType: 2, path: null, isDatastore: true, capacityGb: 20_000 }]
      : [],
    ipBlocks: [],
    settings: {},
    created,
    updated: created + 30 * DAY,
  };
  store.hypervisors.set(id, hv);
  if (plan.asset) {
    const assetId = store.nextId('asset');
    store.assets.set(assetId, { id: assetId, hypervisorId: id, name: plan.asset.name, type: plan.asset.type, serverId: null });
  }
  return hv;
}

/** Groups, nodes, packages, templates, address blocks and the other fixed records. */
export function seedCatalog(store: EmulatorStore, now: number): void {
  const installed = now - 420 * DAY;
  GROUPS.forEach((plan, index) => {
    const id = store.nextId('group');
    const created = installed + index * 45 * DAY;
    store.groups.set(id, {
      id,
      name: plan.name,
      label: null,
      description: plan.description,
      icon: null,
      distributionType: plan.distributionType,
      enabled: plan.enabled,
      isDefault: index === 0,
      ipBlockIds: plan.blocks,
      nextPlacement: 0,
      created,
      updated: created + 7 * DAY,
    });
  });
  HYPERVISORS.forEach((plan, index) => addHypervisor(store, plan, index, installed + (plan.group - 1) * 45 * DAY + index * DAY));

  IPV4_BLOCKS.forEach((plan, index) => {
    const id = store.nextId('ipBlock');
    const created = installed + index * 45 * DAY;
    store.ipBlocks.set(id, {
      id,
      type: 4,
      name: plan.name,
      gateway: plan.gateway,
      netmask: '255.255.255.0',
      network: ipv4ToInt(plan.network)!,
      prefix: 24,
      resolvers: ['9.9.9.9', '149.112.112.112'],
      ranges: [{ start: ipv4ToInt(plan.first)!, end: ipv4ToInt(plan.last)! }],
      assigned: new Map(),
      rdns: new Map(),
      networkProfile: 0,
      rdnsType: 0,
      dhcp: 1,
      enabled: true,
      created,
      updated: created + DAY,
    });
  });
  const v6 = store.nextId('ipBlock');
  store.ipBlocks.set(v6, {
    id: v6,
    type: 6,
    name: 'IPv6 2001:db8:100::/48',
    gateway: '2001:db8:100::1',
    netmask: null,
    network: 0,
    prefix: 48,
    resolvers: ['2620:fe::fe', '2620:fe::9'],
    ranges: [],
    assigned: new Map(),
    rdns: new Map(),
    ipv6: { prefix: '2001:db8:100:', from: 48, to: 64, nextSubnet: 1, assigned: 0 },
    networkProfile: 0,
    rdnsType: 2,
    dhcp: 1,
    enabled: true,
    created: installed + 60 * DAY,
    updated: installed + 61 * DAY,
  });

  for (const group of TEMPLATE_GROUPS) store.templateGroups.set(group.id, { ...group });
  for (const plan of TEMPLATES) {
    const { eolDaysAgo, summary, ...rest } = plan;
    const icon = TEMPLATE_GROUPS.find((g) => g.id === plan.groupId)?.icon ?? '';
    store.templates.set(plan.id, { ...rest, arch: 1, icon, description: summary, deployType: 1, eolDate: eolDaysAgo === undefined ? null : now - eolDaysAgo * DAY });
  }

  PACKAGES.forEach((plan, index) => {
    const id = store.nextId('package');
    store.packages.set(id, {
      id,
      name: plan.name,
      description: null,
      enabled: plan.enabled,
      memory: plan.memory,
      primaryStorage: plan.primaryStorage,
      traffic: plan.traffic,
      cpuCores: plan.cpuCores,
      primaryNetworkSpeedIn: 0,
      primaryNetworkSpeedOut: 0,
      primaryDiskType: 'inherit',
      backupPlanId: plan.backupPlanId,
      primaryStorageReadBytesSec: null,
      primaryStorageWriteBytesSec: null,
      primaryStorageReadIopsSec: null,
      primaryStorageWriteIopsSec: null,
      primaryStorageProfile: 1,
      primaryNetworkProfile: 0,
      templateIds: [...plan.templates],
      created: installed + (index + 1) * 20 * DAY,
    });
  });

  const rulesets = [
    { name: 'Web server', description: 'HTTP and HTTPS in', enabled: true, rules: [80, 443].map((port) => ({ direction: 'in' as const, protocol: 'tcp' as const, port: String(port), source: '0.0.0.0/0', action: 'accept' as const })) },
    { name: 'SSH only', description: 'SSH in, nothing else', enabled: true, rules: [{ direction: 'in' as const, protocol: 'tcp' as const, port: '22', source: '0.0.0.0/0', action: 'accept' as const }] },
    { name: 'No outbound mail', description: 'Drops SMTP out', enabled: true, rules: [{ direction: 'out' as const, protocol: 'tcp' as const, port: '25', source: '0.0.0.0/0', action: 'drop' as const }] },
    { name: 'Old office VPN', description: 'Retired', enabled: false, rules: [{ direction: 'in' as const, protocol: 'udp' as const, port: '1194', source: '0.0.0.0/0', action: 'accept' as const }] },
  ];
  rulesets.forEach((plan, index) => {
    const id = index + 1;
    store.firewallRulesets.set(id, { id, ...plan, created: installed + 90 * DAY, updated: installed + 90 * DAY });
  });

  const currencies = [
    { code: 'USD', value: '0.0100000000', prefix: '$', isDefault: true },
    { code: 'EUR', value: '0.0092000000', prefix: '€', isDefault: false },
    { code: 'GBP', value: '0.0079000000', prefix: '£', isDefault: false },
  ];
  currencies.forEach((plan, index) => store.currencies.set(index + 1, { id: index + 1, suffix: null, enabled: true, ...plan }));

  store.resourcePackTemplates.set(1, { id: 1, name: 'Small pack', servers: 2, memory: 4096, storage: 100, cpu: 4, traffic: 4000, maxMemory: 2048, maxStorage: 50, maxCpu: 2, maxTraffic: 2000 });
  store.resourcePackTemplates.set(2, { id: 2, name: 'Large pack', servers: 10, memory: 32_768, storage: 800, cpu: 24, traffic: 20_000, maxMemory: 8192, maxStorage: 160, maxCpu: 8, maxTraffic: 5000 });
  store.hourlyGroupProfiles.set(1, { id: 1, name: 'Hourly - standard' });
  store.hourlyGroupProfiles.set(2, { id: 2, name: 'Hourly - premium' });
  store.resourceGroupProfiles.set(1, { id: 1, name: 'Packs - standard' });
  store.resourceGroupProfiles.set(2, { id: 2, name: 'Packs - enterprise' });
  store.backupPlans.set(1, { id: 1, name: 'Daily, kept 7 days' });
  store.backupPlans.set(2, { id: 2, name: 'Weekly, kept 4 weeks' });

  const isos = [
    { name: 'Debian 12 netinst (amd64)', url: 'https://cdimage.debian.org/debian-cd/current/amd64/iso-cd/debian-netinst.iso', filename: 'debian-12-netinst.iso', arch: 1 },
    { name: 'SystemRescue 11', url: 'https://www.system-rescue.org/download/systemrescue-amd64.iso', filename: 'systemrescue-11.iso', arch: 1 },
    { name: 'Alpine Linux virt (aarch64)', url: 'https://dl-cdn.alpinelinux.org/alpine/latest-stable/releases/aarch64/alpine-virt.iso', filename: 'alpine-virt-aarch64.iso', arch: 2 },
  ];
  isos.forEach((plan, index) => {
    const created = installed + (100 + index * 10) * DAY;
    store.isos.set(index + 1, { id: index + 1, description: null, enabled: true, global: true, created, updated: created, ...plan });
  });
  store.dnsServices.set(1, {
    id: 1,
    type: 2,
    name: 'PowerDNS (primary)',
    username: 'vf-api',
    url: 'https://dns1.example.net:8081',
    port: 8081,
    encryptedPassword: fakeEncrypted(store),
    enabled: true,
    created: installed + 30 * DAY,
    updated: installed + 31 * DAY,
  });
}
