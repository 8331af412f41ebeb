import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, InputValidationError, VirtFusion } from '../../src/index';
import { createProvisioningQueue, createProvisioningWorker, scheduleReconcile, type ProvisioningQueue } from '../../src/fleet';
import { isProviderError } from '../../src/provider';
import { startEmulator, type Emulator } from '../../src/testing';
import { hasRedisServer, startRedis, type RedisServer } from '../middleware/helpers/redis-server';
import { busiestWindow } from '../middleware/helpers/windows';

if (!hasRedisServer) console.warn('Skipping the BullMQ fleet tests: /usr/bin/redis-server is not installed (apt-get install redis-server).');

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKER = fileURLToPath(new URL('./fixtures/provisioning-worker.ts', import.meta.url));
const REQUEST = { planId: '1', imageId: '46', regionId: '2' } as const;

interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  ready: Promise<void>;
}

function startWorker(args: string[], env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  let errors = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', () => output.includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`worker exited with ${String(code)} before it was ready:\n${errors}`)));
  });
  return { child, output: () => output, ready };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const created = (emu: Emulator) => emu.requests().filter((r) => r.route === 'POST /servers' && r.status === 201);

describe.skipIf(!hasRedisServer)('BullMQ provisioning against a real redis-server', () => {
  let redis: RedisServer;
  const workers: WorkerProcess[] = [];
  const closers: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    for (const close of closers.splice(0).reverse()) await close();
  });
  afterAll(() => redis?.stop());

  async function queueOn(name: string): Promise<ProvisioningQueue> {
    const queue = await createProvisioningQueue({ connection: redis.url, name });
    closers.push(() => queue.close());
    return queue;
  }

  it('3 workers, 30 jobs, one worker killed mid-job: exactly 30 servers are created', async () => {
    const emu = await startEmulator({ seed: { servers: 0, users: 3 }, buildDuration: 1_500, taskDuration: 100 });
    closers.push(() => emu.stop());
    const queue = await queueOn('kill-test');
    const names = Array.from({ length: 30 }, (_, i) => `order-${String(i + 1).padStart(2, '0')}`);
    for (const [i, name] of names.entries()) await queue.enqueue({ ...REQUEST, name, owner: String(1001 + (i % 3)) }, { backoffMs: 200 });

    for (let i = 0; i < 3; i += 1) workers.push(startWorker([emu.url, emu.token, redis.url, 'kill-test', '3']));
    await Promise.all(workers.map((w) => w.ready));
    // Once every worker has served each owner (so their name indexes are warm), kill the first
    // worker that is waiting on a build: its server exists, its job is not done.
    await until('9 completed jobs', async () => ((await queue.queue.getJobCounts('completed')).completed ?? 0) >= 9, 60_000);
    const mark = workers.map((w) => w.output().length);
    let victim: WorkerProcess | undefined;
    await until('a worker mid-build', () => (victim = workers.find((w, i) => /progress \S+ waiting/.test(w.output().slice(mark[i] ?? 0)))) !== undefined, 30_000);
    const inHand = [...new Set([...victim!.output().matchAll(/progress (\S+) created/g)].map((m) => m[1]!))];
    const killed = new Promise((resolve) => victim!.child.once('exit', resolve));
    process.kill(victim!.child.pid!, 'SIGKILL');
    await killed;

    await until('30 completed jobs', async () => (await queue.queue.getJobCounts('completed')).completed === 30, 90_000);
    const counts = await queue.queue.getJobCounts('completed', 'failed', 'active', 'wait', 'delayed');
    expect(counts).toEqual({ completed: 30, failed: 0, active: 0, wait: 0, delayed: 0 });

    // The journal: one create per job, never a second one for the jobs the dead worker held.
    expect(created(emu)).toHaveLength(30);
    const servers = emu.state.serverIds().map((id) => emu.state.server(id)!);
    expect(servers.map((s) => s.name).sort()).toEqual(names);
    expect(servers.every((s) => s.state === 'complete')).toBe(true);
    for (const name of names) {
      const job = (await queue.queue.getJob(name))!;
      const [instance] = job.returnvalue.instances;
      expect(instance).toMatchObject({ name, status: 'running' });
      expect(job.data.servers[name]).toBe(instance!.id);
      expect(JSON.stringify(job.data)).not.toMatch(/password/i);
    }
    // Some job was in the dead worker's hands after its server existed, and another worker finished it.
    expect(inHand.length).toBeGreaterThan(0);
    const resumed = await Promise.all(inHand.map(async (id) => (await queue.queue.getJob(id))!));
    expect(resumed.every((job) => job.returnvalue.instances[0]!.id === job.data.servers[job.name])).toBe(true);
    const survivors = workers.filter((w) => w !== victim).map((w) => w.output()).join('\n');
    expect(inHand.some((id) => new RegExp(`progress ${id} found`).test(survivors))).toBe(true);
  }, 150_000);

  it('a worker killed between the panel creating the server and Redis recording its id: the retry adopts that server', async () => {
    const emu = await startEmulator({ seed: { servers: 0, users: 2 }, buildDuration: 500, taskDuration: 100 });
    closers.push(() => emu.stop());
    const queue = await queueOn('orphan-test');
    await queue.enqueue({ ...REQUEST, name: 'orphaned', owner: '1001' });
    await queue.enqueue({ ...REQUEST, name: 'plain', owner: '1002' });
    const crashing = startWorker([emu.url, emu.token, redis.url, 'orphan-test', '1'], { CRASH_ON_RECORD: '1' });
    workers.push(crashing);
    await new Promise((resolve) => crashing.child.once('exit', resolve));
    const crash = /crash (\S+) \{"\S+":"(\d+)"\}/.exec(crashing.output());
    expect(crash).not.toBeNull();
    const [, crashedJob, orphanId] = crash!;
    // The panel has the server and no job recorded it. The Redis write races the provider's next
    // step, so the server may already carry its name (found by name on retry) or not (adopted as the
    // unnamed, unclaimed server newer than the job's note): either way it must be taken, not doubled.
    expect(emu.state.server(Number(orphanId))).toMatchObject({ state: expect.stringMatching(/^(allocated|queued)$/) });
    expect(['', 'orphaned']).toContain(emu.state.server(Number(orphanId))!.name);
    expect((await queue.queue.getJob(crashedJob!))!.data.servers).toEqual({});

    workers.push(startWorker([emu.url, emu.token, redis.url, 'orphan-test', '1']));
    await until('2 completed jobs', async () => (await queue.queue.getJobCounts('completed')).completed === 2, 60_000);
    expect(created(emu)).toHaveLength(2);
    const job = (await queue.queue.getJob(crashedJob!))!;
    expect(job.data.servers).toEqual({ [job.name]: orphanId });
    expect(job.returnvalue.instances).toMatchObject([{ id: orphanId, name: job.name, status: 'running' }]);
    expect(emu.state.server(Number(orphanId))).toMatchObject({ name: job.name, state: 'complete' });
  }, 90_000);

  it('two workers sharing a limit of 20 per 2 s (60/min scaled down) never exceed it in any window', async () => {
    const emu = await startEmulator({ seed: { servers: 0, users: 6 }, buildDuration: 1_000, taskDuration: 100 });
    closers.push(() => emu.stop());
    const queue = await queueOn('limit-test');
    const limit = 20;
    const windowMs = 2_000;
    // Ten jobs: a job costs about three requests now that builds are read together, and the limit must have to hold some back.
    for (let i = 0; i < 10; i += 1) await queue.enqueue({ ...REQUEST, name: `limited-${i}`, owner: String(1001 + (i % 6)) });
    emu.clearRequests();
    for (let i = 0; i < 2; i += 1) workers.push(startWorker([emu.url, emu.token, redis.url, 'limit-test', '3', String(limit), String(windowMs)]));
    await Promise.all(workers.map((w) => w.ready));
    await until('10 completed jobs', async () => (await queue.queue.getJobCounts('completed')).completed === 10, 90_000);

    const times = emu.requests().map((r) => r.time);
    expect(created(emu)).toHaveLength(10);
    // Enough requests that the limit had to hold them back: more than twice the budget.
    expect(times.length).toBeGreaterThan(2 * limit);
    // The journal stamps arrivals in whole ms (hence 1 ms less), as the panel sees them.
    const busiest = busiestWindow(times, windowMs - 1);
    console.log(`shared limit: ${times.length} requests, busiest ${windowMs - 1} ms window held ${busiest} (limit ${limit})`);
    expect(busiest).toBeLessThanOrEqual(limit);
    const span = Math.max(...times) - Math.min(...times);
    expect(span).toBeGreaterThan(((times.length - limit) / limit) * windowMs * 0.9);
  }, 120_000);

  it('a job that fails after its server exists keeps the id and resumes it on retry; rejected input fails at once', async () => {
    const emu = await startEmulator({ seed: { servers: 0, users: 2 }, buildDuration: 300, taskDuration: 100 });
    closers.push(() => emu.stop());
    const queue = await queueOn('retry-test');
    emu.faults.set([{ kind: '500', route: 'POST /servers/{serverId}/build', times: 1 }]);
    const client = new VirtFusion({ url: emu.url, token: emu.token, middleware: [], logger: { warn: () => {} } });
    const worker = await createProvisioningWorker({ connection: redis.url, name: 'retry-test', client, providerOptions: { wait: { interval: 100 } } });
    closers.push(() => worker.close());
    const failures: string[] = [];
    worker.worker.on('failed', (job: { id: string; data: { servers: Record<string, string> } }, error: Error) => failures.push(`${job.id} ${JSON.stringify(job.data.servers)} ${error.message}`));
    await queue.enqueue({ ...REQUEST, name: 'retried', owner: '1001' }, { backoffMs: 100 });
    await queue.enqueue({ ...REQUEST, planId: '99', name: 'no-such-plan', owner: '1001' }, { backoffMs: 100 });
    await until('both jobs settled', async () => {
      const counts = await queue.queue.getJobCounts('completed', 'failed');
      return counts.completed === 1 && counts.failed === 1;
    }, 30_000);

    const retried = (await queue.queue.getJob('retried'))!;
    expect(retried.attemptsMade).toBe(2);
    const serverId = retried.data.servers.retried!;
    // The first attempt failed at the build, after the server existed, and kept its id.
    expect(failures[0]).toMatch(new RegExp(`^retried \\{"retried":"${serverId}"\\} `));
    expect(retried.returnvalue.instances).toMatchObject([{ id: serverId, name: 'retried', status: 'running' }]);
    expect(created(emu)).toHaveLength(1);
    expect(emu.requests().filter((r) => r.route === 'POST /servers/{serverId}/build').map((r) => r.status)).toEqual([500, 200]);
    const rejected = (await queue.queue.getJob('no-such-plan'))!;
    expect(rejected.attemptsMade).toBe(1);
    expect(rejected.failedReason).toBe('There is no plan 99.');
  }, 60_000);

  it('a talis file instance becomes one job that creates number_of_instances servers, named as talis names them', async () => {
    const emu = await startEmulator({ seed: { servers: 0, users: 1 }, buildDuration: 300, taskDuration: 100 });
    closers.push(() => emu.stop());
    const queue = await queueOn('talis-test');
    const client = new VirtFusion({ url: emu.url, token: emu.token, middleware: [], logger: { warn: () => {} } });
    const worker = await createProvisioningWorker({ connection: redis.url, name: 'talis-test', client, providerOptions: { wait: { interval: 100 } } });
    closers.push(() => worker.close());
    const job = await queue.enqueueTalis({ instance: { name: 'talis-web', number_of_instances: 2, template: 46, hypervisor_group: 2 }, owner: '1001' });
    expect(job.id).toBe('talis-web');
    await until('the talis job', async () => (await queue.queue.getJobCounts('completed')).completed === 1, 30_000);
    const done = (await queue.queue.getJob('talis-web'))!;
    expect(done.returnvalue.instances.map((i) => i.name)).toEqual(['talis-web-1', 'talis-web-2']);
    expect(Object.keys(done.data.servers).sort()).toEqual(['talis-web-1', 'talis-web-2']);
    expect(created(emu)).toHaveLength(2);
  }, 60_000);

  it('a single talis instance made as <name>-1 by an earlier version is kept, not made again as <name>', async () => {
    const emu = await startEmulator({ seed: { servers: 0, users: 1 }, buildDuration: 200, taskDuration: 50 });
    closers.push(() => emu.stop());
    const client = new VirtFusion({ url: emu.url, token: emu.token, middleware: [] });
    const queue = await queueOn('talis-former');
    const worker = await createProvisioningWorker({ connection: redis.url, name: 'talis-former', client, providerOptions: { wait: { interval: 100 } } });
    closers.push(() => worker.close());
    const earlier = await worker.provider.createInstance({ name: 'solo-1', owner: '1001', planId: '1', imageId: '46', regionId: '2' });
    await queue.enqueueTalis({ instance: { name: 'solo', number_of_instances: 1, template: 46, hypervisor_group: 2 }, owner: '1001' });
    await until('the talis job', async () => (await queue.queue.getJobCounts('completed')).completed === 1, 30_000);
    const done = (await queue.queue.getJob('solo'))!;
    expect(done.returnvalue.instances.map((i) => [i.name, i.id])).toEqual([['solo-1', earlier.id]]);
    expect(created(emu)).toHaveLength(1);
  }, 60_000);

  it('the job id is the instance name: enqueuing it again returns the same job; another name under that id is refused', async () => {
    const queue = await queueOn('id-test');
    const first = await queue.enqueue({ ...REQUEST, name: 'web-1', owner: '1001' });
    const again = await queue.enqueue({ ...REQUEST, name: 'web-1', owner: '1001' });
    expect(first.id).toBe('web-1');
    expect(again.id).toBe('web-1');
    expect(await queue.queue.getJobCounts('wait')).toEqual({ wait: 1 });
    await expect(queue.enqueue({ ...REQUEST, name: 'web-2', owner: '1001' }, { jobId: 'web-1' })).rejects.toThrow(ConflictError);
    await expect(queue.enqueue({ ...REQUEST, name: 'web:3', owner: '1001' })).rejects.toThrow(InputValidationError);
  });

  it('bad requests are refused before anything reaches Redis', async () => {
    const queue = await queueOn('bad-input');
    const error = await queue.enqueue({ ...REQUEST, name: '', owner: '1001' }).catch((e: unknown) => e);
    expect(isProviderError(error) && error.code === 'VALIDATION_ERROR' && error.field === 'name').toBe(true);
    await expect(queue.enqueueTalis({ instance: { name: 'x' }, owner: '1001' })).rejects.toThrow(InputValidationError);
    expect(await queue.queue.getJobCounts('wait', 'delayed')).toEqual({ wait: 0, delayed: 0 });
    // Options are checked before a connection is opened.
    const client = new VirtFusion({ url: 'http://127.0.0.1:9', token: 'unused-token', middleware: [] });
    for (const [call, message] of [
      [() => createProvisioningWorker({ client } as never), 'connection: createProvisioningWorker() needs a Redis connection'],
      [() => createProvisioningWorker({ connection: redis.url }), 'client: createProvisioningWorker() needs a VirtFusion `client` (or a `provider`)'],
      [() => createProvisioningWorker({ connection: redis.url, client, concurrency: 0 }), 'concurrency: must be a whole number of at least 1, got 0'],
      [() => scheduleReconcile({ every: 1000, handler: async () => 1 } as never), 'connection: scheduleReconcile() needs a Redis connection'],
      [() => scheduleReconcile({ connection: redis.url, every: 0, handler: async () => 1 }), 'every: must be a positive whole number of milliseconds, got 0'],
    ] as const) {
      const error = await (call as () => Promise<unknown>)().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputValidationError);
      expect((error as Error).message).toContain(message);
    }
  });

  it('scheduleReconcile runs on one worker at a time across processes', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const handler = async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 400));
      running -= 1;
      runs += 1;
      return runs;
    };
    // Two "processes" (separate schedules, workers and connections), a period shorter than a run.
    const a = await scheduleReconcile({ connection: redis.url, every: 100, handler, name: 'reconcile-test' });
    const b = await scheduleReconcile({ connection: redis.url, every: 100, handler, name: 'reconcile-test' });
    closers.push(async () => {
      await a.unschedule();
      await Promise.all([a.close(), b.close()]);
    });
    await until('4 runs', () => runs >= 4, 20_000);
    expect(most).toBe(1);
  }, 30_000);
});

describe('the fleet entry without bullmq and ioredis installed', () => {
  it('imports and reconciles; the BullMQ functions fail with MissingPeerDependencyError when called', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--import', './test/fleet/fixtures/hide-peers.mjs', 'test/fleet/fixtures/without-peers.ts'],
      { cwd: ROOT },
    );
    const out = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(out.exports).toEqual(expect.arrayContaining(['reconcile', 'watchServers', 'createProvisioningQueue', 'createProvisioningWorker', 'scheduleReconcile']));
    expect(out.reconcile).toEqual(['summary', '6 external']);
    for (const name of ['createProvisioningQueue', 'createProvisioningWorker', 'scheduleReconcile']) {
      expect(out[name]).toEqual({ missingPeer: true, invalidInput: false, dependency: 'bullmq', message: `${name}() needs the optional dependency bullmq: npm install bullmq` });
    }
    expect(out['no connection']).toMatchObject({ missingPeer: false, invalidInput: true });
    expect(out['no connection'].message).toBe('Invalid input: connection: createProvisioningQueue() needs a Redis connection: connection options ({ host, port }), a redis:// URL or an ioredis client, got nothing');
  }, 30_000);
});
