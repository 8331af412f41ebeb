import { ConflictError, InputValidationError } from '../../core/errors';
import { parseCreateInput } from '../../provider/input';
import { talisFileSchema } from '../../provider/provision-file';
import type { CreateInstanceInput } from '../../provider/types';
import { telemetryOption, type JobLike, type QueueLike, type TelemetryLike } from './bullmq-shapes';
import { DEFAULT_KEEP_JOBS_MS, DEFAULT_QUEUE_NAME, requestName, type ProvisioningJobData, type ProvisioningJobResult, type TalisRequest } from './job-data';
import { checkConnection, loadBullMQ, openConnection, type RedisConnection } from './peers';
import { checkPersistence } from './persistence';

/** A provisioning job as BullMQ holds it. */
export type ProvisioningJob = JobLike<ProvisioningJobData, ProvisioningJobResult>;

/** Options of {@link createProvisioningQueue}. */
export interface ProvisioningQueueOptions {
  /** Redis: a `redis://` URL or an ioredis client. */
  connection: RedisConnection;
  /** Queue name. Default `virtfusion-provisioning`. */
  name?: string | undefined;
  /** BullMQ key prefix. Default `bull`. */
  prefix?: string | undefined;
  /** BullMQ telemetry, e.g. `new BullMQOtel('my-app')`: each job's trace continues the enqueuer's (docs/observability.md). */
  telemetry?: TelemetryLike | undefined;
  /**
   * How long, in ms, a finished job is kept (done or failed) before BullMQ removes it. Default 7
   * days. Give the workers the same `keepJobsFor`: the claims of the servers jobs created last as long.
   */
  keepJobsFor?: number | undefined;
  /** Where the warning about a Redis without persistence goes. Default `console.warn`. */
  warn?: ((message: string) => void) | undefined;
}

/** Options of one enqueue. */
export interface EnqueueOptions {
  /** The job id. Default: the instance name (the idempotency key); an id stays bound to the first name it was given. */
  jobId?: string | undefined;
  /** Tries before the job fails for good (each resumes what the previous created). Default 3. */
  attempts?: number | undefined;
  /** Milliseconds before the first retry, doubled each time. Default 5000. */
  backoffMs?: number | undefined;
}

/** A queue of provisioning jobs; see {@link createProvisioningQueue}. */
export interface ProvisioningQueue {
  /** The BullMQ queue, for events, metrics and cleaning. */
  readonly queue: QueueLike<ProvisioningJobData, ProvisioningJobResult>;
  /**
   * Adds a job that creates one instance. `request.name` is the idempotency key: enqueuing the same
   * name again returns the job already there, and the worker never creates a second server for it.
   */
  enqueue(request: CreateInstanceInput, options?: EnqueueOptions): Promise<ProvisioningJob>;
  /** Adds a job for one talis file instance (`number_of_instances` servers, named as talis names them). */
  enqueueTalis(request: TalisRequest, options?: EnqueueOptions): Promise<ProvisioningJob>;
  /** Closes the queue and the Redis connection it opened. */
  close(): Promise<void>;
}

function checkJobId(id: string): void {
  if (id.includes(':') || /^\d+$/.test(id)) {
    throw new InputValidationError({
      issues: [{ path: ['jobId'], message: `${JSON.stringify(id)} cannot be a BullMQ job id (no colons, not only digits); give enqueue(request, { jobId }) one that is` }],
    });
  }
}

function whole(value: number | undefined, fallback: number, name: string, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min) throw new InputValidationError({ issues: [{ path: [name], message: `must be a whole number of at least ${min}, got ${JSON.stringify(value)}` }] });
  return value;
}

/**
 * A BullMQ queue of server creations, for {@link createProvisioningWorker}. Requests are checked
 * before anything reaches Redis.
 *
 * @example
 * ```ts
 * const provisioning = await createProvisioningQueue({ connection: process.env.REDIS_URL! });
 * await provisioning.enqueue({ name: 'order-1042', planId: '3', imageId: '46', regionId: '1', owner: '1001' });
 * ```
 */
export async function createProvisioningQueue(options: ProvisioningQueueOptions): Promise<ProvisioningQueue> {
  checkConnection(options?.connection, 'createProvisioningQueue()');
  const telemetry = telemetryOption(options.telemetry);
  const { Queue } = await loadBullMQ('createProvisioningQueue()');
  const keepSeconds = Math.ceil(whole(options.keepJobsFor, DEFAULT_KEEP_JOBS_MS, 'keepJobsFor', 1) / 1000);
  const redis = await openConnection(options.connection, 'createProvisioningQueue()');
  await checkPersistence(redis.client, options.warn);
  const queue = new Queue<ProvisioningJobData>(options.name ?? DEFAULT_QUEUE_NAME, { connection: redis.client, ...(options.prefix ? { prefix: options.prefix } : {}), ...(telemetry as object) });

  const add = async (request: ProvisioningJobData['request'], enqueueOptions: EnqueueOptions = {}): Promise<ProvisioningJob> => {
    const name = requestName(request);
    const jobId = enqueueOptions.jobId ?? name;
    checkJobId(jobId);
    const attempts = whole(enqueueOptions.attempts, 3, 'attempts', 1);
    const delay = whole(enqueueOptions.backoffMs, 5_000, 'backoffMs', 0);
    await queue.add(name, { request, servers: {} }, { jobId, attempts, backoff: { type: 'exponential', delay }, removeOnComplete: { age: keepSeconds }, removeOnFail: { age: keepSeconds } });
    // A job id already in the queue keeps its job: read back what it holds.
    const job = await queue.getJob(jobId);
    if (job === undefined) throw new ConflictError({ message: `Job ${JSON.stringify(jobId)} was removed while it was being added; enqueue it again.` });
    const held = requestName(job.data.request);
    if (held !== name) {
      throw new ConflictError({ message: `Job ${JSON.stringify(jobId)} already creates ${JSON.stringify(held)}; a job id names one instance only (asked for ${JSON.stringify(name)}).` });
    }
    return job as unknown as ProvisioningJob;
  };

  return {
    queue: queue as unknown as QueueLike<ProvisioningJobData, ProvisioningJobResult>,
    enqueue: async (request, enqueueOptions) => add({ kind: 'instance', input: parseCreateInput('virtfusion', request) }, enqueueOptions),
    enqueueTalis: async (request, enqueueOptions) => {
      const parsed = talisFileSchema.safeParse({ project_name: 'queue', instances: [request?.instance] });
      if (!parsed.success) {
        throw new InputValidationError({ issues: parsed.error.issues.map((issue) => ({ path: ['instance', ...issue.path.slice(2).map((p) => (typeof p === 'symbol' ? String(p) : p))], message: issue.message })) });
      }
      if (typeof request.owner !== 'string' || request.owner === '') throw new InputValidationError({ issues: [{ path: ['owner'], message: 'a talis instance needs the owner reference of its servers' }] });
      return add({ kind: 'talis', talis: { instance: request.instance, owner: request.owner, ...(request.planId ? { planId: request.planId } : {}) } }, enqueueOptions);
    },
    close: async () => {
      await queue.close();
      await redis.release();
    },
  };
}
