import type { VirtFusion } from '../../client';
import { InputValidationError } from '../../core/errors';
import { isProviderError } from '../../provider/errors';
import { planProvisionFile } from '../../provider/provision-file';
import type { ComputeProvider, CreateInstanceInput, CreateProgress, Instance } from '../../provider/types';
import type { VirtFusionProviderOptions } from '../../provider/virtfusion/options';
import type { WebhookEventSource } from '../../provider/waiter/waiter';
import { createVirtFusionProvider } from '../../provider/virtfusion/provider';
import { telemetryOption, type TelemetryLike, type WorkerLike } from './bullmq-shapes';
import { DEFAULT_KEEP_JOBS_MS, DEFAULT_QUEUE_NAME, type ProvisioningJobData, type ProvisioningJobProgress, type ProvisioningJobResult } from './job-data';
import { OwnerLocks, type OwnerTurn } from './owner-lock';
import { checkConnection, loadBullMQ, openConnection, type RedisConnection } from './peers';
import { checkPersistence } from './persistence';

type Job = import('bullmq').Job<ProvisioningJobData, ProvisioningJobResult>;

/** Options of {@link createProvisioningWorker}. Give `client` or `provider`. */
export interface ProvisioningWorkerOptions {
  /** Redis: a `redis://` URL or an ioredis client (the worker duplicates it for its blocking reads). */
  connection: RedisConnection;
  /**
   * A VirtFusion client: the worker makes the provider from it, reading each owner's server names
   * fresh for every job, so that a job another worker started is always found. Give it a
   * `rateLimit({ redis })` so that every worker shares one panel budget.
   */
  client?: VirtFusion | undefined;
  /** Settings of the provider made from `client` (owner resolution, defaults, build waiting). */
  providerOptions?: Omit<VirtFusionProviderOptions, 'client' | 'url' | 'token'> | undefined;
  /** A provider of your own instead of `client`. Its `findInstance` must see servers other processes created. */
  provider?: ComputeProvider | undefined;
  /**
   * A webhook receiver (`createWebhookReceiver()`) that the panel's `server.build` deliveries reach:
   * each ends the wait of its job's build at once (with `client`; a provider of your own takes its own).
   */
  webhooks?: WebhookEventSource | undefined;
  /** Queue name. Default `virtfusion-provisioning`. */
  name?: string | undefined;
  prefix?: string | undefined;
  /** Jobs this process runs at once. Default 1. */
  concurrency?: number | undefined;
  /**
   * How long, in ms, a job stays with a worker that stopped answering before another takes it over
   * (BullMQ's lock). Default 30 000.
   */
  lockDuration?: number | undefined;
  /** How often, in ms, stalled jobs are looked for. Default 30 000. */
  stalledInterval?: number | undefined;
  /** BullMQ telemetry, e.g. `new BullMQOtel('my-app')`: each job runs in a span that continues the enqueuer's trace. */
  telemetry?: TelemetryLike | undefined;
  /** The queue's `keepJobsFor` (default 7 days): how long the claim of each server a job created is kept. */
  keepJobsFor?: number | undefined;
  /** Where the warning about a Redis without persistence goes. Default `console.warn`. */
  warn?: ((message: string) => void) | undefined;
}

/** A running provisioning worker. */
export interface ProvisioningWorker {
  /** The BullMQ worker, for its events (`completed`, `failed`, `progress`...). */
  readonly worker: WorkerLike;
  /** The provider the jobs create through (the one made from `client`, or yours): warm its catalogue, read its instances. */
  readonly provider: ComputeProvider;
  /** Waits for the jobs in hand, then closes the worker and the Redis connection it opened. */
  close(): Promise<void>;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new InputValidationError({ issues: [{ path: [name], message: `must be a whole number of at least 1, got ${JSON.stringify(value)}` }] });
  return value;
}

function providerFrom(options: ProvisioningWorkerOptions): { provider: ComputeProvider; client: VirtFusion | undefined } {
  if (options.provider !== undefined && options.client !== undefined) {
    throw new InputValidationError({ issues: [{ path: ['provider'], message: 'give `client` or `provider`, not both' }] });
  }
  if (options.provider !== undefined) {
    if (typeof options.provider?.createInstance !== 'function') throw new InputValidationError({ issues: [{ path: ['provider'], message: 'must be a ComputeProvider' }] });
    if (options.webhooks !== undefined) throw new InputValidationError({ issues: [{ path: ['webhooks'], message: 'give webhooks to your provider (createVirtFusionProvider({ webhooks })), or give `client` instead' }] });
    return { provider: options.provider, client: undefined };
  }
  const client = options.client;
  if (client === undefined || client === null || typeof client.servers?.get !== 'function') {
    throw new InputValidationError({ issues: [{ path: ['client'], message: 'createProvisioningWorker() needs a VirtFusion `client` (or a `provider`)' }] });
  }
  // A job that creates reads its owner's list with the owner's lock held, or its process has held
  // that lock without a break since it last read the list; a job that resumes reads the list after
  // naming its server. Either way the provider's name index (refreshed by those reads) is current.
  return { provider: createVirtFusionProvider({ ...options.providerOptions, ...(options.webhooks === undefined ? {} : { webhooks: options.webhooks }), client }), client };
}

/**
 * Processes the jobs of {@link createProvisioningQueue}: each request is created exactly once, even
 * when a worker dies mid-job and BullMQ hands the job to another. The id of every server a job
 * creates is written into the job's data as soon as the panel answers, so a retry (after a crash
 * or a failure) resumes that server instead of creating another; the instance name is the
 * idempotency key throughout. Progress goes to `job.updateProgress`.
 *
 * @example
 * ```ts
 * const vf = new VirtFusion({ url, token, middleware: [retry(), rateLimit({ perMinute: 60, redis: process.env.REDIS_URL })] });
 * const worker = await createProvisioningWorker({ connection: process.env.REDIS_URL!, client: vf, concurrency: 4 });
 * process.on('SIGTERM', () => worker.close());
 * ```
 */
export async function createProvisioningWorker(options: ProvisioningWorkerOptions): Promise<ProvisioningWorker> {
  checkConnection(options?.connection, 'createProvisioningWorker()');
  const { provider, client } = providerFrom(options);
  const concurrency = positive(options.concurrency, 1, 'concurrency');
  const lockDuration = positive(options.lockDuration, 30_000, 'lockDuration');
  const stalledInterval = positive(options.stalledInterval, 30_000, 'stalledInterval');
  const telemetry = telemetryOption(options.telemetry);
  const keepJobsFor = positive(options.keepJobsFor, DEFAULT_KEEP_JOBS_MS, 'keepJobsFor');
  const { Worker, UnrecoverableError } = await loadBullMQ('createProvisioningWorker()');
  const redis = await openConnection(options.connection, 'createProvisioningWorker()');
  await checkPersistence(redis.client, options.warn);

  const queueName = options.name ?? DEFAULT_QUEUE_NAME;
  const locks = new OwnerLocks(redis.client, `${options.prefix ?? 'bull'}:${queueName}:fleet`, lockDuration, keepJobsFor);

  /** Before resuming a server this job created: it must still exist, and carry the name the provider finds it by. */
  const prepareResume = async (serverId: string, input: CreateInstanceInput): Promise<void> => {
    const instance = await provider.getInstance(serverId);
    if (instance === undefined) {
      throw new UnrecoverableError(`Server ${serverId}, created by this job for ${JSON.stringify(input.name)}, no longer exists; the job does not create another.`);
    }
    if (instance.name === input.name) return;
    if (client === undefined) {
      throw new UnrecoverableError(`Server ${serverId}, created by this job, is not named ${JSON.stringify(input.name)} yet and this worker has no client to name it; name it in the panel and retry the job.`);
    }
    await client.servers.modify.name(Number(serverId), input.name);
  };

  /**
   * With the owner's lock held: the server an earlier attempt of this job created but did not live
   * to record (unnamed, unbuilt, newer than the attempt's intent, claimed by no job), if any; and
   * the owner's highest server id, the intent of this attempt. A first attempt in a process that
   * has held the owner's lock without a break since it last read the owner's servers knows that id
   * without reading (no other worker created one since); any other reads the owner's servers, which
   * also refreshes the provider's name index.
   */
  const lookForOrphan = async (job: Job, input: CreateInstanceInput, turn: OwnerTurn): Promise<{ orphan: string | undefined; maxServerId: number }> => {
    const intent = job.data.intents?.[input.name];
    const known = turn.knownMaxServerId();
    if (intent === undefined && known !== undefined) return { orphan: undefined, maxServerId: known };
    const instances: Instance[] = [];
    for await (const instance of provider.listInstances({ owner: input.owner })) instances.push(instance);
    const maxServerId = Math.max(0, ...instances.map((i) => Number(i.id)).filter(Number.isFinite));
    turn.note(maxServerId);
    if (intent === undefined) return { orphan: undefined, maxServerId };
    const candidates = instances.filter((i) => Number(i.id) > intent.maxServerId && i.name === '' && (i.raw as { state?: unknown }).state === 'allocated');
    const claimed = await locks.claimed(candidates.map((c) => c.id));
    const free = candidates.filter((c) => !claimed.has(c.id));
    if (free.length > 1) {
      throw new UnrecoverableError(
        `Servers ${free.map((c) => c.id).join(', ')} could each be the one an earlier attempt created for ${JSON.stringify(input.name)}; none is adopted and none is created. Delete the extra ones and retry the job.`,
      );
    }
    return { orphan: free[0]?.id, maxServerId };
  };

  const process = async (job: Job): Promise<ProvisioningJobResult> => {
    const { request } = job.data;
    const planned =
      request.kind === 'instance'
        ? { inputs: [request.input], formerNames: undefined }
        : await planProvisionFile(provider, { project_name: 'queue', instances: [request.talis.instance] }, { owner: request.talis.owner, planId: request.talis.planId });
    const inputs: CreateInstanceInput[] = [];
    for (const input of planned.inputs) inputs.push(await formerName(input, planned.formerNames?.get(input.name)));
    const instances: ProvisioningJobResult['instances'] = [];
    const save = () => job.updateData(job.data);
    const record = async (name: string, serverId: string) => {
      job.data.servers = { ...job.data.servers, [name]: serverId };
      await save();
      if (!(await locks.claim(serverId, String(job.id)))) throw new UnrecoverableError(`Server ${serverId} is claimed by another job; ${JSON.stringify(name)} is not created twice.`);
    };
    for (const [index, input] of inputs.entries()) instances.push(await createOne(index, input));
    return { instances };

    /** A single talis instance an earlier version named `<name>-1` (in this job or on the panel) keeps that name: never a second server. */
    async function formerName(input: CreateInstanceInput, former: string | undefined): Promise<CreateInstanceInput> {
      if (former === undefined || job.data.servers[input.name] !== undefined) return input;
      const held = job.data.servers[former] !== undefined || (await provider.findInstance({ name: former, owner: input.owner })) !== undefined;
      return held ? { ...input, name: former } : input;
    }

    async function createOne(index: number, input: CreateInstanceInput): Promise<ProvisioningJobResult['instances'][number]> {
      let known = job.data.servers[input.name];
      let turn: OwnerTurn | undefined;
      const release = async () => turn?.release();
      try {
        if (known === undefined) {
          turn = await locks.acquire(input.owner);
          const { orphan, maxServerId } = await lookForOrphan(job, input, turn);
          if (orphan !== undefined) {
            await record(input.name, orphan);
            known = orphan;
          } else {
            job.data.intents = { ...job.data.intents, [input.name]: { maxServerId } };
            await save();
          }
        }
        if (known !== undefined) {
          await release();
          await prepareResume(known, input);
          // The provider finds the server by its name: read the owner's names after it was named.
          if (client !== undefined) for await (const _ of provider.listInstances({ owner: input.owner }));
        }
        // Redis writes of this job, in order; the id is recorded (and the owner's lock let go) before anything else happens to the server.
        let writes: Promise<unknown> = Promise.resolve();
        const onProgress = (progress: CreateProgress) => {
          const instanceId = 'instanceId' in progress ? progress.instanceId : undefined;
          if (instanceId !== undefined && job.data.servers[input.name] !== instanceId) {
            writes = writes
              .then(() => record(input.name, instanceId))
              .then(() => turn?.note(Number(instanceId)))
              .then(release);
          }
          const report: ProvisioningJobProgress = {
            name: input.name,
            step: progress.step,
            instanceId,
            ...('status' in progress ? { status: progress.status } : {}),
            index,
            count: inputs.length,
          };
          writes = writes.then(() => job.updateProgress(report as unknown as object).catch(() => undefined));
        };
        try {
          const instance = await provider.createInstance(input, { onProgress });
          await writes;
          return { name: input.name, id: instance.id, status: instance.status, ipv4: instance.ipv4, ipv6: instance.ipv6, hostname: instance.hostname };
        } catch (error) {
          await writes.catch(() => undefined);
          if (isProviderError(error) && !error.retryable && (error.code === 'VALIDATION_ERROR' || error.code === 'NOT_FOUND')) {
            throw new UnrecoverableError(error.message);
          }
          throw error;
        }
      } finally {
        await release();
      }
    }
  };

  const worker = new Worker<ProvisioningJobData, ProvisioningJobResult>(queueName, process, {
    connection: redis.client,
    concurrency,
    lockDuration,
    stalledInterval,
    ...(options.prefix ? { prefix: options.prefix } : {}),
    ...(telemetry as object),
  });
  worker.on('error', () => undefined);
  return {
    worker,
    provider,
    close: async () => {
      await worker.close();
      await redis.release();
    },
  };
}
