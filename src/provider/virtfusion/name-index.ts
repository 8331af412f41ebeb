import type { VirtFusion } from '../../client';
import type { UserId } from '../../resources/ids';
import type { ServerOverview } from '../../resources/models';

interface OwnerIndex {
  loadedAt: number;
  /** Server name → id; names are unique per owner for servers this provider created. */
  names: Map<string, number>;
  /** Every server id the owner had at the last scan, plus those created since. */
  ids: Set<number>;
}

/**
 * The owner's servers by name. VirtFusion has no name filter, tags or external ids, so a name is
 * found by reading the owner's server list (`GET /servers/user/{userId}`, one request whatever its
 * length) once, then keeping the map current with every create and destroy of this provider.
 * After `maxAgeMs` the next lookup reads the list again.
 */
export class NameIndex {
  readonly #client: VirtFusion;
  readonly #maxAgeMs: number;
  readonly #owners = new Map<number, Promise<OwnerIndex>>();
  readonly #ready = new Map<number, OwnerIndex>();
  /** Servers remembered while a read of their owner's list was under way: the read may predate them. */
  readonly #recent: { userId: number; name: string; serverId: number; seq: number }[] = [];
  #seq = 0;

  constructor(client: VirtFusion, maxAgeMs: number) {
    this.#client = client;
    this.#maxAgeMs = maxAgeMs;
  }

  async #index(userId: UserId, signal?: AbortSignal): Promise<OwnerIndex> {
    const cached = this.#owners.get(userId);
    if (cached !== undefined) {
      const index = await cached;
      if (Date.now() - index.loadedAt <= this.#maxAgeMs) return index;
    }
    await this.rescan(userId, signal);
    return this.#owners.get(userId)!;
  }

  /** Reads the owner's servers again and rebuilds the index; resolves with the servers read. */
  async rescan(userId: UserId, signal?: AbortSignal): Promise<ServerOverview[]> {
    const started = this.#seq;
    const servers = this.#client.servers.listByUser(userId, { signal });
    const built = servers.then((list) => {
      const names = new Map<string, number>();
      for (const server of [...list].sort((a, b) => a.id - b.id)) if (server.name && !names.has(server.name)) names.set(server.name, server.id);
      const ids = new Set(list.map((s) => s.id));
      for (const recent of this.#recent) {
        if (recent.userId !== userId || recent.seq <= started) continue;
        names.set(recent.name, recent.serverId);
        ids.add(recent.serverId);
      }
      this.#prune();
      return { loadedAt: Date.now(), names, ids };
    });
    this.#owners.set(userId, built);
    built.then(
      (index) => {
        if (this.#owners.get(userId) === built) this.#ready.set(userId, index);
      },
      () => {
        if (this.#owners.get(userId) === built) this.#owners.delete(userId);
      },
    );
    await built;
    return servers;
  }

  async lookup(userId: UserId, name: string, signal?: AbortSignal): Promise<number | undefined> {
    return (await this.#index(userId, signal)).names.get(name);
  }

  /** The ids the owner is known to have, from the index as it is (read it first when there is none). */
  async knownIds(userId: UserId, signal?: AbortSignal): Promise<Set<number>> {
    const index = this.#ready.get(userId) ?? (await this.#index(userId, signal));
    return new Set(index.ids);
  }

  /** Records a server this provider created or adopted. */
  remember(userId: UserId, name: string, serverId: number): void {
    this.#seq += 1;
    this.#recent.push({ userId, name, serverId, seq: this.#seq });
    const apply = (index: OwnerIndex) => {
      index.names.set(name, serverId);
      index.ids.add(serverId);
    };
    const ready = this.#ready.get(userId);
    if (ready) apply(ready);
    else void this.#owners.get(userId)?.then(apply, () => undefined);
  }

  /** Keeps the recent records only while a list read may be older than them. */
  #prune(): void {
    if (this.#recent.length > 1_000) this.#recent.splice(0, this.#recent.length - 1_000);
  }

  forget(serverId: number): void {
    for (let i = this.#recent.length - 1; i >= 0; i -= 1) if (this.#recent[i]!.serverId === serverId) this.#recent.splice(i, 1);
    const apply = (index: OwnerIndex) => {
      index.ids.delete(serverId);
      for (const [name, id] of index.names) if (id === serverId) index.names.delete(name);
    };
    for (const index of this.#ready.values()) apply(index);
    for (const pending of this.#owners.values()) void pending.then(apply, () => undefined);
  }
}
