import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/testing';
import { emulator, FIXTURE, provider, serversCreated } from './helpers';

let emu: Emulator;
afterEach(async () => {
  await emu?.stop();
});

const BUILD_MS = 1_500;
const input = (name: string, owner = '8101') => ({ ...FIXTURE, name, owner, hostname: name });

describe('creates side by side', () => {
  it("an owner's creates wait for each other only until the new id is recorded, never through the build", async () => {
    emu = await emulator({ buildDuration: BUILD_MS });
    const p = provider(emu);
    await p.resolveOwner('8101');
    emu.clearRequests();
    const made = await Promise.all(['a', 'b', 'c', 'd'].map((name) => p.createInstance(input(`side-${name}`))));
    expect(made.map((m) => m.status)).toEqual(['running', 'running', 'running', 'running']);
    expect(new Set(made.map((m) => m.id)).size).toBe(4);
    expect(serversCreated(emu)).toBe(4);
    const builds = emu.requests().filter((r) => r.route === 'POST /servers/{serverId}/build');
    expect(builds).toHaveLength(4);
    // Every build was accepted before the first one could have finished: no create waited for a build.
    const times = builds.map((b) => b.time);
    expect(Math.max(...times) - Math.min(...times)).toBeLessThan(BUILD_MS);
  }, 30_000);

  it("an abort while waiting for the owner's turn ends that create alone, before it sends anything", async () => {
    emu = await emulator();
    const p = provider(emu);
    await p.resolveOwner('8103');
    await p.createInstance(input('warm-turn', '8103'));
    emu.clearRequests();
    emu.faults.set([{ kind: 'latency', ms: 3_000, route: 'POST /servers', times: 1 }]);
    const slow = p.createInstance(input('slow', '8103'));
    const controller = new AbortController();
    const waiting = p.createInstance(input('given-up', '8103'), { signal: controller.signal }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    const started = Date.now();
    const error = (await waiting) as { code?: string };
    // It did not wait for the slow create (3 s) to record its id.
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.code).toBe('ABORTED');
    await expect(slow).resolves.toMatchObject({ name: 'slow', status: 'running' });
    expect(serversCreated(emu)).toBe(1);
    expect(emu.requests().filter((r) => r.route === 'POST /servers')).toHaveLength(1);
  }, 30_000);

  it('two creates of one name at once make one server, and both get it', async () => {
    emu = await emulator();
    const p = provider(emu);
    const [first, second] = await Promise.all([p.createInstance(input('twin')), p.createInstance(input('twin'))]);
    expect(first.id).toBe(second.id);
    expect(serversCreated(emu)).toBe(1);
    expect(emu.requests().filter((r) => r.route === 'POST /servers/{serverId}/build')).toHaveLength(1);
  });

  it('the builds of one owner are read together: one owner list a round, not one record per server', async () => {
    emu = await emulator({ buildDuration: 400 });
    const p = provider(emu, { wait: { interval: 150, timeout: 10_000 } });
    await p.resolveOwner('8102');
    await p.createInstance(input('warm', '8102'));
    emu.clearRequests();
    await Promise.all(['x', 'y', 'z'].map((name) => p.createInstance(input(`together-${name}`, '8102'))));
    const reads = emu.requests().filter((r) => r.method === 'GET').map((r) => r.route);
    // While several are pending, the owner's list answers for all; a last one alone is read by its record.
    expect(reads).toContain('GET /servers/user/{userId}');
    expect(reads.every((r) => r === 'GET /servers/user/{userId}' || r === 'GET /servers/{serverId}')).toBe(true);
    // Each round is one read for all three builds: far fewer reads than three per round.
    expect(reads.length).toBeLessThanOrEqual(Math.ceil(400 / 150) + 2);
  });
});
