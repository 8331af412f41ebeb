type Redis = import('ioredis').Redis;

/** Redis servers (host:port) already warned about in this process. */
const warned = new Set<string>();
const CHECK_TIMEOUT_MS = 5_000;

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function configValue(redis: Redis, name: string): Promise<string | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${CHECK_TIMEOUT_MS / 1000} s`)), CHECK_TIMEOUT_MS);
  });
  try {
    const answer = (await Promise.race([redis.config('GET', name), late])) as unknown;
    return Array.isArray(answer) && typeof answer[1] === 'string' ? answer[1] : undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Warns once per Redis server and process when Redis does not log every write (`appendonly yes`):
 * after a restart, jobs written since the last snapshot are gone without a failed event, and
 * `getJob` answers undefined. A Redis that refuses `CONFIG GET` (managed services) gets a warning
 * that it could not be checked.
 */
export async function checkPersistence(redis: Redis, warn: (message: string) => void = console.warn): Promise<void> {
  const where = `${redis.options?.path ?? `${redis.options?.host ?? 'localhost'}:${redis.options?.port ?? 6379}`}`;
  if (warned.has(where)) return;
  let appendonly: string | undefined;
  let save: string | undefined;
  try {
    appendonly = await configValue(redis, 'appendonly');
    save = await configValue(redis, 'save');
  } catch (error) {
    warned.add(where);
    warn(
      `virtfusion-sdk fleet: could not check whether the Redis at ${where} keeps its data over a restart (CONFIG GET appendonly: ${reason(error)}). ` +
        'Provisioning jobs need appendonly yes: without it a restart loses the jobs written since the last snapshot, silently (no failed event; getJob answers undefined).',
    );
    return;
  }
  if (appendonly === 'yes') return;
  warned.add(where);
  const snapshots = save === undefined || save.trim() === '' ? 'and no snapshots (save "")' : `only snapshots (save "${save}")`;
  warn(
    `virtfusion-sdk fleet: the Redis at ${where} has appendonly ${appendonly ?? '(unknown)'} ${snapshots}: a restart loses the provisioning jobs written since the last snapshot, silently ` +
      '(no failed event; getJob answers undefined). Set appendonly yes (CONFIG SET appendonly yes, and in redis.conf) before running jobs.',
  );
}
