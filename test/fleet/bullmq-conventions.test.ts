import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { InputValidationError, VirtFusion } from '../../src/index';
import { createProvisioningQueue, createProvisioningWorker } from '../../src/fleet';
import { startEmulator } from '../../src/testing';
import { OwnerLocks } from '../../src/fleet/jobs/owner-lock';
import { hasRedisServer, REDIS_SERVER } from '../middleware/helpers/redis-server';

const REQUEST = { planId: '1', imageId: '46', regionId: '2' } as const;

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** A redis-server on loopback with the given settings (`--appendonly yes`, a renamed CONFIG...). */
async function redisWith(args: string[]): Promise<{ port: number; stop(): Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(`${tmpdir()}/vf-redis-`);
  const child: ChildProcess = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('Ready to accept') && resolve());
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${String(code)}`)));
  });
  return {
    port,
    stop: async () => {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe.skipIf(!hasRedisServer)('BullMQ conventions', () => {
  const closers: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  it('takes connection options ({ host, port }) as BullMQ does, and refuses malformed ones before connecting', async () => {
    const redis = await redisWith(['--appendonly', 'yes']);
    closers.push(() => redis.stop());
    const warnings: string[] = [];
    const queue = await createProvisioningQueue({ connection: { host: '127.0.0.1', port: redis.port }, name: 'options', warn: (m) => warnings.push(m) });
    closers.push(() => queue.close());
    const job = await queue.enqueue({ ...REQUEST, name: 'by-options', owner: '1001' });
    expect((await queue.queue.getJob(job.id!))?.data).toMatchObject({ request: { kind: 'instance', input: { name: 'by-options' } } });
    expect(warnings).toEqual([]);
    await expect(createProvisioningQueue({ connection: { host: '127.0.0.1', port: 'six' as never } })).rejects.toBeInstanceOf(InputValidationError);
    await expect(createProvisioningQueue({ connection: { host: '127.0.0.1', port: 70_000 } })).rejects.toThrow('connection.port must be a port number (1-65535)');
    await expect(createProvisioningQueue({ connection: 42 as never })).rejects.toThrow('connection options ({ host, port }), a redis:// URL or an ioredis client');
  });

  it('claims a server with a key of its own that expires with the jobs, not a hash that grows for ever', async () => {
    const redis = await redisWith(['--appendonly', 'yes']);
    closers.push(() => redis.stop());
    const emu = await startEmulator({ seed: { servers: 0, users: 1 }, buildDuration: 200, taskDuration: 50 });
    closers.push(() => emu.stop());
    const connection = { host: '127.0.0.1', port: redis.port };
    const keepJobsFor = 3_600_000;
    const queue = await createProvisioningQueue({ connection, name: 'claims', keepJobsFor });
    closers.push(() => queue.close());
    const client = new VirtFusion({ url: emu.url, token: emu.token, middleware: [], logger: { warn: () => {} } });
    const worker = await createProvisioningWorker({ connection, name: 'claims', client, keepJobsFor, providerOptions: { wait: { interval: 50 } } });
    closers.push(() => worker.close());
    await queue.enqueue({ ...REQUEST, name: 'claimed', owner: '1001' });
    const deadline = Date.now() + 20_000;
    while (((await queue.queue.getJobCounts('completed')).completed ?? 0) < 1) {
      if (Date.now() > deadline) throw new Error('the job did not complete');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const serverId = (await queue.queue.getJob('claimed'))!.data.servers.claimed!;
    const { default: Redis } = await import('ioredis');
    const direct = new Redis({ host: '127.0.0.1', port: redis.port });
    closers.push(() => direct.quit());
    expect(await direct.get(`bull:claims:fleet:claim:${serverId}`)).toBe('claimed');
    const ttl = await direct.pttl(`bull:claims:fleet:claim:${serverId}`);
    expect(ttl).toBeGreaterThan(keepJobsFor - 60_000);
    expect(ttl).toBeLessThanOrEqual(keepJobsFor);
    expect(await direct.exists('bull:claims:fleet:claims')).toBe(0);
  });

  it("an owner's lock passes between the jobs of one process, which keep what they knew; then it goes back to Redis", async () => {
    const redis = await redisWith(['--appendonly', 'yes']);
    closers.push(() => redis.stop());
    const { default: Redis } = await import('ioredis');
    const connections = [0, 1].map(() => new Redis({ host: '127.0.0.1', port: redis.port }));
    closers.push(async () => Promise.all(connections.map((c) => c.quit())));
    const [here, there] = connections.map((c) => new OwnerLocks(c, 'test', 30_000, 60_000));
    const key = 'test:owner-lock:1001';
    const first = await here!.acquire('1001');
    first.note(41);
    const secondTurn = here!.acquire('1001');
    const elsewhere = there!.acquire('1001');
    await first.release();
    const second = await secondTurn;
    // Handed on in this process: the lock never left it, so what the first job read still holds.
    expect(second.knownMaxServerId()).toBe(41);
    let otherHasIt = false;
    void elsewhere.then(() => (otherHasIt = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(otherHasIt).toBe(false);
    await second.release();
    const other = await elsewhere;
    // Another process starts with nothing known: it must read the owner's servers.
    expect(other.knownMaxServerId()).toBeUndefined();
    expect(await connections[0]!.get(key)).not.toBeNull();
    await other.release();
    expect(await connections[0]!.get(key)).toBeNull();
  });

  it('warns once, naming appendonly, when Redis would lose jobs over a restart', async () => {
    const redis = await redisWith(['--appendonly', 'no', '--save', '']);
    closers.push(() => redis.stop());
    const warnings: string[] = [];
    const connection = { host: '127.0.0.1', port: redis.port };
    const queue = await createProvisioningQueue({ connection, name: 'volatile', warn: (m) => warnings.push(m) });
    closers.push(() => queue.close());
    const client = new VirtFusion({ url: 'http://127.0.0.1:9', token: 't' });
    const worker = await createProvisioningWorker({ connection, name: 'volatile', client, warn: (m) => warnings.push(m) });
    closers.push(() => worker.close());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBe(
      `virtfusion-sdk fleet: the Redis at 127.0.0.1:${redis.port} has appendonly no and no snapshots (save ""): a restart loses the provisioning jobs written since the last snapshot, silently ` +
        '(no failed event; getJob answers undefined). Set appendonly yes (CONFIG SET appendonly yes, and in redis.conf) before running jobs.',
    );
  });

  it('says it could not check when Redis refuses CONFIG GET (managed services)', async () => {
    const redis = await redisWith(['--appendonly', 'yes', '--rename-command', 'CONFIG', '""']);
    closers.push(() => redis.stop());
    const warnings: string[] = [];
    const queue = await createProvisioningQueue({ connection: { host: '127.0.0.1', port: redis.port }, name: 'managed', warn: (m) => warnings.push(m) });
    closers.push(() => queue.close());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`could not check whether the Redis at 127.0.0.1:${redis.port} keeps its data over a restart (CONFIG GET appendonly: `);
    expect(warnings[0]).toContain('Provisioning jobs need appendonly yes');
  });
});
