type Redis = import('ioredis').Redis;

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
/** Turns of one owner handed from job to job in this process before the lock goes back to Redis. */
const MAX_HANDOFFS = 10;

/** A job's turn with an owner's lock. */
export interface OwnerTurn {
  /** Lets go of the turn: to the next job of this process waiting for the owner, else back to Redis. Safe to call twice. */
  release(): Promise<void>;
  /**
   * The owner's highest server id as this process knows it, when it has held the owner's lock
   * without a break since it last read the owner's servers: no other worker created one since.
   */
  knownMaxServerId(): number | undefined;
  /** Records what the holder read or created (the owner's highest server id). */
  note(maxServerId: number): void;
}

interface Held {
  /** Jobs of this process waiting for the owner: true hands them the lock, false sends them back to Redis. */
  queue: ((granted: boolean) => void)[];
  renew: ReturnType<typeof setInterval> | undefined;
  maxServerId: number | undefined;
  handoffs: number;
}

/**
 * One create at a time per owner across every worker, from before the create is sent until its
 * server id is in Redis. While a worker holds an owner's lock, an unnamed, unbuilt server of that
 * owner that no job has claimed can only be left by a worker that died in that window: it can be
 * adopted without any doubt about whose it is. A lock whose holder died expires after `ttlMs`.
 * Jobs of one process take their turns in the order they asked, the lock passing between them
 * without going back to Redis (up to ten times in a row).
 */
export class OwnerLocks {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #ttlMs: number;
  readonly #claimTtlMs: number;
  readonly #holder = `${process.pid}:${Math.random().toString(36).slice(2)}`;
  readonly #held = new Map<string, Held>();

  /** `claimTtlMs`: how long a claim is kept, at least as long as the queue keeps its jobs. */
  constructor(redis: Redis, prefix: string, ttlMs: number, claimTtlMs: number) {
    this.#redis = redis;
    this.#prefix = prefix;
    this.#ttlMs = ttlMs;
    this.#claimTtlMs = claimTtlMs;
  }

  /** Waits for the owner's lock; resolves with the turn. */
  async acquire(owner: string): Promise<OwnerTurn> {
    const key = `${this.#prefix}:owner-lock:${owner}`;
    let held = this.#held.get(owner);
    if (held !== undefined) {
      const granted = await new Promise<boolean>((resolve) => held!.queue.push(resolve));
      if (!granted) return this.acquire(owner);
    } else {
      held = { queue: [], renew: undefined, maxServerId: undefined, handoffs: 0 };
      this.#held.set(owner, held);
      for (let wait = 25; ; wait = Math.min(500, wait * 2)) {
        if ((await this.#redis.set(key, this.#holder, 'PX', this.#ttlMs, 'NX')) === 'OK') break;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      held.renew = setInterval(() => void this.#redis.eval(EXTEND, 1, key, this.#holder, String(this.#ttlMs)).catch(() => undefined), Math.max(100, Math.floor(this.#ttlMs / 3)));
    }
    const turn = held;
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        if (turn.queue.length > 0 && turn.handoffs < MAX_HANDOFFS) {
          turn.handoffs += 1;
          turn.queue.shift()!(true);
          return;
        }
        clearInterval(turn.renew);
        this.#held.delete(owner);
        await this.#redis.eval(RELEASE, 1, key, this.#holder).catch(() => undefined);
        // Others waited long enough: the jobs of this process still waiting ask Redis again, like any worker.
        for (const waiting of turn.queue.splice(0)) waiting(false);
      },
      knownMaxServerId: () => turn.maxServerId,
      note: (maxServerId) => {
        turn.maxServerId = Math.max(turn.maxServerId ?? 0, maxServerId);
      },
    };
  }

  /**
   * Records that `serverId` belongs to `jobId` (one key per claim, expiring after `claimTtlMs`);
   * resolves false when another job claimed it first.
   */
  async claim(serverId: string, jobId: string): Promise<boolean> {
    const key = this.#claimKey(serverId);
    if ((await this.#redis.set(key, jobId, 'PX', this.#claimTtlMs, 'NX')) === 'OK') return true;
    return (await this.#redis.get(key)) === jobId;
  }

  async claimed(serverIds: string[]): Promise<Set<string>> {
    if (serverIds.length === 0) return new Set();
    const owners = await this.#redis.mget(...serverIds.map((id) => this.#claimKey(id)));
    return new Set(serverIds.filter((_, i) => owners[i] !== null));
  }

  #claimKey(serverId: string): string {
    return `${this.#prefix}:claim:${serverId}`;
  }
}
