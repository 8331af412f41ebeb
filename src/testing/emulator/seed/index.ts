import type { EmulatorStore } from '../state/store';
import { seedCatalog } from './catalog';
import { seedAdmin, seedServers, seedUsers } from './population';

/**
 * What the emulated panel holds when it starts. Everything is derived from `random`, so the same
 * seed gives the same users, keys, servers, addresses and passwords on every run.
 *
 * @example
 * ```ts
 * await startEmulator({ seed: 'default' });            // a small installation
 * await startEmulator({ seed: { servers: 10_000 } });  // for paging benchmarks
 * await startEmulator({ seed: { name: 'empty' } });    // catalogue only, no users or servers
 * ```
 */
export interface EmulatorSeed {
  /** `'default'`: a small installation; `'empty'`: the catalogue and the admin user only. */
  name?: 'default' | 'empty';
  /** Seed of the random generator (also drives fault injection). Default `1`. */
  random?: number | string;
  /** Servers to create. Default 6 (`'default'`) or 0 (`'empty'`). */
  servers?: number;
  /** Users with an `extRelationId` (1001, 1002...). Default 5 (`'default'`) or 0 (`'empty'`); at least 1 when servers are asked for. */
  users?: number;
}

/** A seed with every field decided. */
export interface ResolvedSeed {
  name: 'default' | 'empty';
  random: number | string;
  servers: number;
  users: number;
}

const LIMIT = 1_000_000;

function count(value: number | undefined, fallback: number, label: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > LIMIT) throw new RangeError(`seed.${label} must be a whole number from 0 to ${LIMIT}`);
  return value;
}

export function resolveSeed(seed: EmulatorSeed | 'default' | 'empty' | undefined): ResolvedSeed {
  const options: EmulatorSeed = typeof seed === 'string' ? { name: seed } : (seed ?? {});
  const name = options.name ?? 'default';
  if (name !== 'default' && name !== 'empty') throw new TypeError(`Unknown seed ${JSON.stringify(name)}: use 'default' or 'empty'`);
  const servers = count(options.servers, name === 'default' ? 6 : 0, 'servers');
  const users = Math.max(count(options.users, name === 'default' ? 5 : 0, 'users'), servers > 0 ? 1 : 0);
  return { name, random: options.random ?? 1, servers, users };
}

export function seedStore(store: EmulatorStore, seed: ResolvedSeed, now: number): void {
  seedCatalog(store, now);
  seedAdmin(store, now);
  const users = seedUsers(store, seed.users, now);
  seedServers(store, users, seed.servers, now);
}
