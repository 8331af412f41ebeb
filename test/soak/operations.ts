import { ExtRelationId, HypervisorGroupId, UserId, type Middleware, type VirtFusion } from '../../src/index';
import type { Random } from '../../src/testing/emulator/random';

/** The query key that tags every attempt of one soak operation, so the journal can be matched to the calls. */
export const TAG = 'soakOp';

export type OpKind =
  | 'user.create'
  | 'server.create'
  | 'server.build'
  | 'server.power'
  | 'server.rename'
  | 'server.delete'
  | 'server.get'
  | 'user.get'
  | 'server.list'
  | 'server.listByUser';

/** Kinds that change the panel; their journal entries are checked for duplicates and misreports. */
export const WRITE_KINDS: ReadonlySet<OpKind> = new Set(['user.create', 'server.create', 'server.build', 'server.power', 'server.rename', 'server.delete']);

/** Kinds whose every applied attempt makes a new record: more than one applied attempt is a duplicate. */
export const CREATE_KINDS: ReadonlySet<OpKind> = new Set(['user.create', 'server.create']);

const WEIGHTS: readonly (readonly [OpKind, number])[] = [
  ['user.create', 8],
  ['server.create', 10],
  ['server.build', 8],
  ['server.power', 10],
  ['server.rename', 10],
  ['server.delete', 8],
  ['server.get', 16],
  ['user.get', 10],
  ['server.list', 12],
  ['server.listByUser', 8],
];
const TOTAL_WEIGHT = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);

export function pickKind(random: Random): OpKind {
  let roll = random.next() * TOTAL_WEIGHT;
  for (const [kind, weight] of WEIGHTS) {
    roll -= weight;
    if (roll < 0) return kind;
  }
  return WEIGHTS[WEIGHTS.length - 1]![0];
}

/** What the soak knows of the panel: records it may act on. Grows with successful creates. */
export interface SoakWorld {
  /** Servers that exist as far as the soak knows. Seeded ones are never deleted. */
  servers: number[];
  /** Servers the soak created; only these are deleted. */
  createdServers: number[];
  /** Users as (extRelationId, internal id). */
  users: { ext: number; id: number }[];
}

/** Sends `ctx` with the operation's tag in its query; runs inside the retry and rate-limit layers, so every attempt carries it. */
function tagged(opId: number): Middleware {
  return (ctx, next) => {
    const url = new URL(ctx.url);
    url.searchParams.set(TAG, String(opId));
    return next({ ...ctx, url });
  };
}

function remove(list: number[], value: number): void {
  const at = list.indexOf(value);
  if (at >= 0) list.splice(at, 1);
}

const POWER_ACTIONS = ['boot', 'shutdown', 'restart', 'poweroff'] as const;
const TEMPLATES = [46, 52, 31, 40];

/** What an operation needs besides its kind and id. */
export interface PlanContext {
  seed: number | string;
  random: Random;
  world: SoakWorld;
  vf: VirtFusion;
  timeoutMs: number;
  /**
   * Forms of the token. A tenth of the names the soak writes hold one, so that the panel echoes
   * the token back in answers (and in answers spoiled by faults), which the SDK must keep out of errors.
   */
  secrets: readonly string[];
}

/**
 * One operation of the mix, ready to run: `run()` makes the SDK call(s) and updates `world` with
 * what succeeded. `random` is only read here, synchronously, so the plan of a seed never changes.
 */
export function planOperation(kind: OpKind, opId: number, { seed, random, world, vf, timeoutMs, secrets }: PlanContext) {
  const call = { middleware: [tagged(opId)], timeout: timeoutMs };
  const name = random.chance(0.1) ? `soak-${opId}-${random.pick(secrets)}` : `soak-${seed}-${opId}`;
  const anyServer = () => random.pick(world.servers);
  const anyUser = () => random.pick(world.users);
  switch (kind) {
    case 'user.create': {
      const ext = 1_000_000 + opId;
      const body = { name, email: `soak-${seed}-${opId}@example.com`, extRelationId: ExtRelationId(ext) };
      return async () => {
        const user = await vf.users.create(body, call);
        world.users.push({ ext, id: user.id });
      };
    }
    case 'server.create': {
      const body = { packageId: random.int(1, 3), userId: UserId(anyUser().id), hypervisorId: HypervisorGroupId(random.int(1, 3)), ipv4: random.chance(0.2) ? 1 : 0 };
      return async () => {
        const server = await vf.servers.create(body, call);
        world.servers.push(server.id);
        world.createdServers.push(server.id);
      };
    }
    case 'server.build': {
      const serverId = anyServer();
      const body = { operatingSystemId: random.pick(TEMPLATES), name, hostname: `soak-${opId}.example.com` };
      return async () => void (await vf.servers.build(serverId, body, call));
    }
    case 'server.power': {
      const serverId = anyServer();
      const action = random.pick(POWER_ACTIONS);
      return async () => void (await vf.servers.power[action](serverId, call));
    }
    case 'server.rename': {
      const serverId = anyServer();
      return async () => vf.servers.modify.name(serverId, name, call);
    }
    case 'server.delete': {
      const serverId = world.createdServers.length > 0 ? random.pick(world.createdServers) : anyServer();
      // Taken out at once: another operation must not pick a server on its way out.
      remove(world.createdServers, serverId);
      return async () => {
        try {
          await vf.servers.delete(serverId, { ...call, delay: 0 });
          remove(world.servers, serverId);
        } catch (error) {
          world.createdServers.push(serverId);
          throw error;
        }
      };
    }
    case 'server.get': {
      const serverId = anyServer();
      return async () => void (await vf.servers.get(serverId, call));
    }
    case 'user.get': {
      const { ext } = anyUser();
      return async () => void (await vf.users.get(ExtRelationId(ext), call));
    }
    case 'server.list': {
      const results = random.int(1, 25);
      return async () => void (await vf.servers.list({ ...call, results }));
    }
    case 'server.listByUser': {
      const { id } = anyUser();
      return async () => void (await vf.servers.listByUser(UserId(id), call));
    }
  }
}
