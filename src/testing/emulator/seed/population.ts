import { allocateIpv4, allocateIpv6 } from '../state/ip-pool';
import { allocateServer } from '../state/lifecycle';
import { pickHypervisor } from '../state/placement';
import type { EmulatorStore } from '../state/store';
import { newUserRecord, type GroupRecord, type PackageRecord, type UserRecord } from '../state/records';
import { DAY, MINUTE } from '../time';

// The changing part of an installation: users with their keys, and servers in every state.

const FIRST_NAMES = ['Amelia', 'Oliver', 'Isla', 'Noah', 'Mia', 'Leo', 'Ava', 'Theo', 'Zara', 'Omar', 'Freya', 'Hugo', 'Lena', 'Kai', 'Nora', 'Ivan'];
const LAST_NAMES = ['Hughes', 'Patel', 'Novak', 'Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Silva', 'Kowalski', 'Byrne', 'Haddad', 'Jansen', 'Costa', 'Weber', 'Murphy', 'Singh'];
const ROLES = ['web', 'db', 'mail', 'vpn', 'ci', 'cache', 'api', 'backup', 'dns', 'git', 'proxy', 'monitor'];

/** An ed25519 public key in OpenSSH form, built from seeded bytes. */
function ed25519Key(store: EmulatorStore, comment: string): string {
  const name = new TextEncoder().encode('ssh-ed25519');
  const blob = new Uint8Array(4 + name.length + 4 + 32);
  const view = new DataView(blob.buffer);
  view.setUint32(0, name.length);
  blob.set(name, 4);
  view.setUint32(4 + name.length, 32);
  for (let i = 0; i < 32; i += 1) blob[8 + name.length + i] = store.random.int(0, 255);
  let text = '';
  for (const byte of blob) text += String.fromCharCode(byte);
  return `ssh-ed25519 ${btoa(text)} ${comment}`;
}

export function seedAdmin(store: EmulatorStore, now: number): void {
  const id = store.nextId('user');
  const created = now - 420 * DAY;
  store.users.set(id, newUserRecord({ id, name: 'Panel Administrator', email: 'admin@example.com', admin: true, twoFactorAuth: true, created }));
}

export function seedUsers(store: EmulatorStore, count: number, now: number): UserRecord[] {
  const users: UserRecord[] = [];
  const emails = new Set([...store.users.values()].map((u) => u.email));
  for (let i = 0; i < count; i += 1) {
    const first = store.random.pick(FIRST_NAMES);
    const last = store.random.pick(LAST_NAMES);
    let email = `${first}.${last}@example.com`.toLowerCase();
    if (emails.has(email)) email = `${first}.${last}${i + 1}@example.com`.toLowerCase();
    emails.add(email);
    const id = store.nextId('user');
    const created = now - (300 - Math.floor((i * 280) / Math.max(1, count))) * DAY;
    const user: UserRecord = {
      id,
      extRelationId: 1001 + i,
      relStr: i % 2 === 0 ? `cust-${store.random.hex(6)}` : null,
      name: `${first} ${last}`,
      email,
      admin: false,
      enabled: true,
      selfService: i === 0 ? 1 : i === 1 ? 2 : 0,
      selfServiceHourlyCredit: i === 0,
      hourlyGroupProfiles: i === 0 ? [1] : [],
      resourceGroupProfiles: i === 1 ? [1] : [],
      hourlyResourcePack: null,
      syncAccessToProfiles: false,
      timezone: store.random.pick(['Europe/London', 'Europe/Berlin', 'America/New_York', 'Asia/Singapore']),
      twoFactorAuth: store.random.chance(0.3),
      created,
      updated: created + store.random.int(0, 30) * DAY,
    };
    store.users.set(id, user);
    users.push(user);
    const keys = i === 0 ? 2 : 1;
    for (let k = 0; k < keys; k += 1) {
      const keyId = store.nextId('sshKey');
      const keyCreated = created + (k + 1) * DAY;
      store.sshKeys.set(keyId, {
        id: keyId,
        userId: id,
        name: k === 0 ? 'laptop' : 'deploy',
        publicKey: ed25519Key(store, `${first.toLowerCase()}@${k === 0 ? 'laptop' : 'ci'}`),
        enabled: true,
        created: keyCreated,
        updated: keyCreated,
      });
    }
  }
  if (users[0]) {
    const creditId = store.nextId('credit');
    store.credits.set(creditId, { id: creditId, userId: users[0].id, tokens: 2500, reference1: 90001, reference2: 'Invoice 90001', created: now - 20 * DAY });
  }
  if (users[1]) {
    const packId = store.nextId('resourcePack');
    store.resourcePacks.set(packId, { id: packId, templateId: 1, userId: users[1].id, enabled: true, created: now - 60 * DAY });
  }
  return users;
}

type SeedState = 'complete' | 'stopped' | 'suspended' | 'allocated';

function stateFor(store: EmulatorStore, index: number, count: number): SeedState {
  if (count <= 12) {
    if (index === count - 1 && count >= 4) return 'allocated';
    if (index === 3) return 'suspended';
    if (index === 4) return 'stopped';
    return 'complete';
  }
  const roll = store.random.next();
  return roll < 0.02 ? 'allocated' : roll < 0.05 ? 'suspended' : roll < 0.12 ? 'stopped' : 'complete';
}

export function seedServers(store: EmulatorStore, users: readonly UserRecord[], count: number, now: number): void {
  if (users.length === 0 || count === 0) return;
  const groups = [...store.groups.values()].filter((g) => g.enabled);
  const packages = [...store.packages.values()].filter((p) => p.enabled);
  const packageCycle: PackageRecord[] = [0, 1, 1, 2, 0, 3].map((i) => packages[i % packages.length]!);
  const wide = count > 12;
  for (let i = 0; i < count; i += 1) {
    const owner = users[i % users.length]!;
    const group: GroupRecord = groups[i % groups.length]!;
    const hypervisor = pickHypervisor(store, group);
    if (hypervisor === undefined) continue;
    const pkg = packageCycle[i % packageCycle.length]!;
    const id = store.nextId('server');
    const created = now - (wide ? store.random.int(1, 400) : 200 - i * 25) * DAY - store.random.int(0, 1439) * MINUTE;
    const ipv4 = allocateIpv4(store, group, id, 1) ?? [];
    const server = allocateServer(store, { owner, pkg, hypervisor, ipv4 }, created, id);
    const role = ROLES[i % ROLES.length]!;
    const state = stateFor(store, i, count);
    server.name = wide ? `${role}-${i + 1}` : `${role}-${String(Math.floor(i / ROLES.length) + 1).padStart(2, '0')}`;
    if (state === 'allocated') continue;
    server.hostname = `${server.name}.example.net`;
    server.state = 'complete';
    server.commissionStatus = 3;
    server.built = created + 6 * MINUTE;
    server.updated = server.built;
    server.osTemplateId = store.random.pick(pkg.templateIds.filter((t) => store.templates.get(t)?.eol === false));
    server.sshKeyIds = [...store.sshKeys.values()].filter((k) => k.userId === owner.id).slice(0, 1).map((k) => k.id);
    server.power = state === 'stopped' ? 'stopped' : 'running';
    server.suspended = state === 'suspended';
    if (!wide && i % 2 === 0) {
      const subnet = allocateIpv6(store, group);
      if (subnet) server.primary.ipv6.push(subnet);
    }
    if (!wide && i < 2) {
      for (let b = 0; b < 3; b += 1) {
        const backupId = store.nextId('backup');
        store.backups.set(backupId, { id: backupId, serverId: server.id, storage: { id: 1, name: 'Backup store LON' }, created: now - (b + 1) * DAY });
      }
    }
  }
  const pack = [...store.resourcePacks.values()][0];
  const packServer = pack && [...store.servers.values()].find((s) => s.ownerId === pack.userId && s.state === 'complete');
  if (pack && packServer) packServer.resourcePackId = pack.id;
}
