import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortError, BuildFailedError, ConnectionError, InputValidationError, WaitTimeoutError, type VirtFusion } from '../../src/index';
import { BuildWaiter } from '../../src/provider';
import { createTestDelivery, createWebhookReceiver } from '../../src/webhooks';

/** A panel stand-in for the waiter's three reads, recording each one with the fake clock's time. */
function panel() {
  const servers = new Map<number, { id: number; ownerId: number; state: string; buildFailed?: boolean }>();
  const tasks = new Map<number, { id: number; finished: boolean; failed: boolean }>();
  const reads: { at: number; read: string }[] = [];
  const failures: string[] = [];
  const answer = <T>(read: string, value: () => T): Promise<T> => {
    reads.push({ at: Date.now(), read });
    const index = failures.indexOf(read);
    if (index >= 0) {
      failures.splice(index, 1);
      return Promise.reject(new ConnectionError({ message: 'connection reset' }));
    }
    return Promise.resolve(value());
  };
  const client = {
    servers: {
      listByUser: (userId: number) => answer(`GET /servers/user/${userId}`, () => [...servers.values()].filter((s) => s.ownerId === userId).map((s) => ({ ...s }))),
      get: (id: number) => answer(`GET /servers/${id}`, () => ({ ...servers.get(id)! })),
    },
    queue: { get: (id: number) => answer(`GET /queue/${id}`, () => ({ ...tasks.get(id)! })) },
    // The panel's list, by id, 200 a page (only what the waiter asks for: type=full, results=200).
    request: (route: string, options: { query: { type: string; results: number; page: number } }) => {
      const { type, results, page } = options.query;
      return answer(`${route}?type=${type}&results=${results}&page=${page}`, () => {
        const all = [...servers.values()].sort((a, b) => a.id - b.id);
        return { data: all.slice((page - 1) * results, page * results).map((s) => ({ ...s })), current_page: page, last_page: Math.max(1, Math.ceil(all.length / results)), total: all.length };
      });
    },
  } as unknown as VirtFusion;
  const add = (id: number, ownerId: number) => servers.set(id, { id, ownerId, state: 'queued' });
  const finish = (id: number, state = 'complete') => Object.assign(servers.get(id)!, { state });
  return { client, servers, tasks, reads, failures, add, finish };
}

async function advance(ms: number) {
  await vi.advanceTimersByTimeAsync(ms);
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('BuildWaiter: one loop, shared reads', () => {
  it('reads once a round for every pending build: one page of the list, which holds the newest servers', async () => {
    const p = panel();
    for (const id of [1, 2, 3]) p.add(id, 10);
    for (const id of [4, 5]) p.add(id, 20);
    const waiter = new BuildWaiter(p.client);
    const waits = [1, 2, 3, 4, 5].map((id) => waiter.build(id, { ownerId: p.servers.get(id)!.ownerId }));
    p.add(6, 30);
    const ownerless = waiter.build(6);
    // Expected build time 60 s by default: one read every 20 s, none before.
    await advance(19_999);
    expect(p.reads).toEqual([]);
    await advance(1);
    expect(p.reads.map((r) => r.read)).toEqual(['GET /servers?type=full&results=200&page=1']);
    for (const id of [1, 2, 3, 4, 5, 6]) p.finish(id);
    await advance(20_000);
    await expect(Promise.all([...waits, ownerless])).resolves.toHaveLength(6);
    expect(p.reads).toHaveLength(2);
    expect(waiter.size).toBe(0);
    // Idle: no timer, no read.
    await advance(120_000);
    expect(p.reads).toHaveLength(2);
  });

  it('builds not on the page read are read by owner in the same round; the next round reads the last page', async () => {
    const p = panel();
    for (let id = 1; id <= 450; id += 1) p.add(id, 1);
    for (let id = 1; id <= 450; id += 1) p.finish(id);
    for (const id of [451, 452]) p.add(id, 10);
    p.add(453, 20);
    p.add(454, 30);
    const waiter = new BuildWaiter(p.client, { interval: 1_000 });
    const waits = [451, 452, 453, 454].map((id) => waiter.build(id, { ownerId: p.servers.get(id)!.ownerId }));
    await advance(1_000);
    expect(p.reads.map((r) => r.read).sort()).toEqual(['GET /servers/453', 'GET /servers/454', 'GET /servers/user/10', 'GET /servers?type=full&results=200&page=1']);
    p.reads.length = 0;
    for (const id of [451, 452, 453, 454]) p.finish(id);
    await advance(1_000);
    expect(p.reads.map((r) => r.read)).toEqual(['GET /servers?type=full&results=200&page=3']);
    await expect(Promise.all(waits)).resolves.toHaveLength(4);
  });

  it('follows the expected build time, and learns it from the builds it sees finish', async () => {
    const p = panel();
    p.add(1, 10);
    const waiter = new BuildWaiter(p.client, { expectedBuildMs: 30_000 });
    const first = waiter.build(1, { ownerId: 10 });
    await advance(10_000);
    expect(p.reads.map((r) => r.at - 1_000_000)).toEqual([10_000]);
    p.finish(1);
    await advance(10_000);
    await first;
    // Seen queued at 10 s and done at 20 s: taken as 15 s.
    expect(waiter.expectedBuildMs).toBe(15_000);
    p.add(2, 10);
    const second = waiter.build(2, { ownerId: 10 });
    await advance(4_999);
    expect(p.reads).toHaveLength(2);
    await advance(1);
    expect(p.reads).toHaveLength(3);
    p.finish(2);
    await advance(5_000);
    await second;
  });

  it('a failed read keeps every build it covered and is made again the next interval', async () => {
    const p = panel();
    p.add(1, 10);
    p.add(2, 10);
    const waiter = new BuildWaiter(p.client, { interval: 1_000 });
    const waits = [waiter.build(1, { ownerId: 10 }), waiter.build(2, { ownerId: 10 })];
    p.failures.push('GET /servers/user/10');
    p.finish(1);
    p.finish(2);
    await advance(1_000);
    expect(p.reads.map((r) => r.read)).toEqual(['GET /servers/user/10']);
    expect(waiter.size).toBe(2);
    await advance(1_000);
    await expect(Promise.all(waits)).resolves.toMatchObject([{ id: 1, state: 'complete' }, { id: 2, state: 'complete' }]);
    expect(p.reads.map((r) => r.at - 1_000_000)).toEqual([1_000, 2_000]);
  });

  it('an abort ends only its own wait; a timeout too', async () => {
    const p = panel();
    p.add(1, 10);
    p.add(2, 10);
    p.add(3, 10);
    const waiter = new BuildWaiter(p.client, { interval: 1_000 });
    const controller = new AbortController();
    const aborted = waiter.build(1, { ownerId: 10, signal: controller.signal });
    const timed = waiter.build(3, { ownerId: 10, timeout: 2_500 });
    const other = waiter.build(2, { ownerId: 10 });
    const abortedResult = aborted.catch((e: unknown) => e);
    const timedResult = timed.catch((e: unknown) => e);
    controller.abort();
    expect(await abortedResult).toBeInstanceOf(AbortError);
    await advance(3_000);
    const timeout = await timedResult;
    expect(timeout).toBeInstanceOf(WaitTimeoutError);
    expect((timeout as Error).message).toBe('Gave up waiting for server 3 to finish building after 2500 ms.');
    p.finish(2);
    await advance(1_000);
    await expect(other).resolves.toMatchObject({ id: 2 });
  });

  it('rejects with BuildFailedError when the panel reports the build failed', async () => {
    const p = panel();
    p.add(1, 10);
    const waiter = new BuildWaiter(p.client, { interval: 1_000 });
    const wait = waiter.build(1, { ownerId: 10 }).catch((e: unknown) => e);
    p.servers.get(1)!.buildFailed = true;
    await advance(1_000);
    const error = await wait;
    expect(error).toBeInstanceOf(BuildFailedError);
    expect((error as BuildFailedError).server).toMatchObject({ id: 1, buildFailed: true });
  });

  it('refuses bad settings with a typed error before any read', () => {
    const p = panel();
    expect(() => new BuildWaiter(p.client, { expectedBuildMs: -1 })).toThrow(InputValidationError);
    expect(() => new BuildWaiter(p.client, { interval: Number.NaN })).toThrow('interval: must be a number of milliseconds, at least 0, got null');
    expect(() => new BuildWaiter(p.client).listen({} as never)).toThrow(InputValidationError);
    expect(p.reads).toEqual([]);
  });

  it('waits for queue tasks in the same loop', async () => {
    const p = panel();
    p.tasks.set(812, { id: 812, finished: false, failed: false });
    const waiter = new BuildWaiter(p.client, { taskInterval: 500 });
    const task = waiter.task(812);
    await advance(500);
    p.tasks.get(812)!.finished = true;
    await advance(500);
    await expect(task).resolves.toMatchObject({ id: 812, finished: true });
    expect(p.reads.map((r) => r.read)).toEqual(['GET /queue/812', 'GET /queue/812']);
  });
});

describe('BuildWaiter: webhook deliveries', () => {
  const TOKEN = 'hook-secret';
  const delivery = (serverId: number, hookEventId: number, token = TOKEN) =>
    createTestDelivery('server.build', { server: { id: serverId, state: 'complete', name: `web-${serverId}` } }, { token, hookEventId, created: new Date(Date.now()) });

  it('a verified server.build delivery ends the wait at once, without a read; reads are only a late safety net', async () => {
    const p = panel();
    p.add(1, 10);
    p.add(2, 10);
    const receiver = createWebhookReceiver({ token: TOKEN, now: () => Date.now() });
    const waiter = new BuildWaiter(p.client, { expectedBuildMs: 60_000 });
    waiter.listen(receiver);
    const first = waiter.build(1, { ownerId: 10 });
    const second = waiter.build(2, { ownerId: 10 });
    await advance(21_000);
    expect(p.reads).toEqual([]);
    await receiver.receive(delivery(1, 1));
    await expect(first).resolves.toMatchObject({ id: 1, state: 'complete' });
    expect(waiter.size).toBe(1);
    // With a receiver, the first read comes at one and a half times the expected build.
    await advance(90_000 - 21_000 - 1);
    expect(p.reads).toEqual([]);
    p.finish(2);
    await advance(1);
    await expect(second).resolves.toMatchObject({ id: 2 });
    expect(p.reads.map((r) => r.read)).toEqual(['GET /servers/2']);
  });

  it('a forged delivery never ends a wait; one for a server no one waits for is ignored', async () => {
    const p = panel();
    p.add(1, 10);
    const receiver = createWebhookReceiver({ token: TOKEN, now: () => Date.now() });
    const waiter = new BuildWaiter(p.client, { interval: 60_000 });
    waiter.listen(receiver);
    let settled = false;
    const wait = waiter.build(1, { ownerId: 10 }).finally(() => (settled = true));
    await expect(receiver.receive(delivery(1, 7, 'not-the-secret'))).rejects.toThrow();
    await receiver.receive(delivery(99, 8));
    await advance(10);
    expect(settled).toBe(false);
    expect(waiter.size).toBe(1);
    await receiver.receive(delivery(1, 9));
    await expect(wait).resolves.toMatchObject({ id: 1 });
  });
});
