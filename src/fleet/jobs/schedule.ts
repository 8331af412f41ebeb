import { InputValidationError } from '../../core/errors';
import type { JobLike, QueueLike, WorkerLike } from './bullmq-shapes';
import { checkConnection, loadBullMQ, openConnection, type RedisConnection } from './peers';


/** Options of {@link scheduleReconcile}. */
export interface ScheduleReconcileOptions<Result> {
  /** Redis: a `redis://` URL or an ioredis client. */
  connection: RedisConnection;
  /** Milliseconds between runs (a BullMQ job scheduler, `every`). */
  every: number;
  /** The run: usually a `reconcile()` loop that writes to your database. What it returns is kept as the job's result. */
  handler: (context: { job: JobLike; signal: AbortSignal }) => Promise<Result>;
  /** Queue name. Default `virtfusion-reconcile`. */
  name?: string | undefined;
  prefix?: string | undefined;
  /** Run this process's worker (default true); false only registers the schedule. */
  work?: boolean | undefined;
  /** See `createProvisioningWorker`. Default 30 000. */
  lockDuration?: number | undefined;
}

/** A registered schedule and, unless `work: false`, this process's worker for it. */
export interface ReconcileSchedule {
  readonly queue: QueueLike;
  readonly worker: WorkerLike | undefined;
  /** Stops this process's worker (an ongoing run is aborted through its signal) and closes connections. The schedule stays. */
  close(): Promise<void>;
  /** Removes the schedule from Redis, for every process. */
  unschedule(): Promise<void>;
}

const SCHEDULER_ID = 'reconcile';

/**
 * Runs `handler` every `every` ms on one worker at a time across every process that calls this
 * with the same queue: a BullMQ job scheduler makes one job per period, and the queue's global
 * concurrency of 1 keeps a second run from starting while one is still going, whichever process
 * holds it. Call it in every worker process; registering the schedule again changes nothing.
 *
 * @example
 * ```ts
 * await scheduleReconcile({
 *   connection: process.env.REDIS_URL!,
 *   every: 60 * 60_000,
 *   handler: async ({ signal }) => {
 *     for await (const entry of reconcile({ client: vf, local: await db.servers(), signal })) await db.apply(entry);
 *   },
 * });
 * ```
 */
export async function scheduleReconcile<Result>(options: ScheduleReconcileOptions<Result>): Promise<ReconcileSchedule> {
  checkConnection(options?.connection, 'scheduleReconcile()');
  if (typeof options.every !== 'number' || !Number.isSafeInteger(options.every) || options.every < 1) {
    throw new InputValidationError({ issues: [{ path: ['every'], message: `must be a positive whole number of milliseconds, got ${JSON.stringify(options.every)}` }] });
  }
  if (typeof options.handler !== 'function') throw new InputValidationError({ issues: [{ path: ['handler'], message: 'must be a function' }] });
  const { Queue, Worker } = await loadBullMQ('scheduleReconcile()');
  const redis = await openConnection(options.connection, 'scheduleReconcile()');
  const name = options.name ?? 'virtfusion-reconcile';
  const prefix = options.prefix ? { prefix: options.prefix } : {};
  const queue = new Queue(name, { connection: redis.client, ...prefix });
  await queue.setGlobalConcurrency(1);
  await queue.upsertJobScheduler(SCHEDULER_ID, { every: options.every }, { name: 'reconcile', opts: { removeOnComplete: 100, removeOnFail: 100 } });
  const running = new Set<AbortController>();
  const worker =
    options.work === false
      ? undefined
      : new Worker(
          name,
          async (job) => {
            const controller = new AbortController();
            running.add(controller);
            try {
              return await options.handler({ job: job as unknown as JobLike, signal: controller.signal });
            } finally {
              running.delete(controller);
            }
          },
          { connection: redis.client, concurrency: 1, lockDuration: options.lockDuration ?? 30_000, ...prefix },
        );
  worker?.on('error', () => undefined);
  return {
    queue: queue as unknown as QueueLike,
    worker,
    close: async () => {
      for (const controller of running) controller.abort();
      await worker?.close();
      await queue.close();
      await redis.release();
    },
    unschedule: async () => {
      await queue.removeJobScheduler(SCHEDULER_ID);
    },
  };
}
