type Redis = import('ioredis').Redis;

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/**
 * One create at a time per owner across every worker, from before the create is sent until its
 * server id is in Redis. While a worker holds an owner's lock, an unnamed, unbuilt server of that
 * owner that no job has claimed can only be left by a worker that died in that window: it can be
 * adopted without any doubt about whose it is. A lock whose holder died expires after `ttlMs`.
 */
export class OwnerLocks {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #ttlMs: number;
  readonly #claimTtlMs: number;

  /** `claimTtlMs`: how long a claim is kept, at least as long as the queue keeps its jobs. */
  constructor(redis: Redis, prefix: string, ttlMs: number, claimTtlMs: number) {
    this.#redis = redis;
    this.#prefix = prefix;
    this.#ttlMs = ttlMs;
    this.#claimTtlMs = claimTtlMs;
  }

  /** Waits for the owner's lock; resolves with its release (safe to call twice). */
  async acquire(owner: string, holder: string): Promise<() => Promise<void>> {
    const key = `${this.#prefix}:owner-lock:${owner}`;
    for (let wait = 25; ; wait = Math.min(500, wait * 2)) {
      if ((await this.#redis.set(key, holder, 'PX', this.#ttlMs, 'NX')) === 'OK') break;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const renew = setInterval(() => void this.#redis.eval(EXTEND, 1, key, holder, String(this.#ttlMs)).catch(() => undefined), Math.max(100, Math.floor(this.#ttlMs / 3)));
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      clearInterval(renew);
      await this.#redis.eval(RELEASE, 1, key, holder).catch(() => undefined);
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
