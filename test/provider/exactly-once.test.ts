import { afterEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/testing';
import { ProvisionError } from '../../src/index';
import { isProviderError, type CreateProgress } from '../../src/provider';
import { emulator, FIXTURE, provider, serversCreated } from './helpers';

let emu: Emulator;
afterEach(async () => {
  await emu?.stop();
});

const input = (name: string) => ({ ...FIXTURE, name, owner: '8001', hostname: name });

function creates(emuNow: Emulator) {
  return emuNow.requests().filter((r) => r.route === 'POST /servers' && r.query.dryRun === undefined);
}

describe('createInstance under faults: exactly one server per instance', () => {
  it.each([
    ['reset', 'before the panel acts'],
    ['truncated-json', 'after the panel acted'],
    ['503', 'a gateway error before the panel acts'],
    ['html-502', 'a proxy page before the panel acts'],
  ] as const)('a %s on POST /servers (%s)', async (kind, _why) => {
    emu = await emulator();
    const p = provider(emu);
    await p.createInstance(input('warm-up'));
    emu.clearRequests();
    emu.faults.set([{ kind, route: 'POST /servers', times: 1 }]);
    const instance = await p.createInstance(input('fault-1'));
    expect(instance.status).toBe('running');
    expect(serversCreated(emu)).toBe(1);
    expect(emu.state.serverIds().filter((id) => emu.state.server(id)?.name === 'fault-1')).toEqual([Number(instance.id)]);
    const sent = creates(emu);
    expect(sent[0]!.fault).toBe(kind);
    // After a create that did happen, the provider adopts the server instead of sending another.
    expect(sent).toHaveLength(kind === 'truncated-json' ? 1 : 2);
    expect((await p.createInstance(input('fault-1'))).id).toBe(instance.id);
    expect(serversCreated(emu)).toBe(1);
  });

  it('a 503 on the build resumes the same server', async () => {
    emu = await emulator({ faults: [{ kind: '503', route: 'POST /servers/{serverId}/build', times: 1 }] });
    const p = provider(emu);
    const instance = await p.createInstance(input('build-fault'));
    expect(instance.status).toBe('running');
    expect(instance.name).toBe('build-fault');
    expect(serversCreated(emu)).toBe(1);
    expect(emu.requests().filter((r) => r.route === 'POST /servers/{serverId}/build').map((r) => r.status)).toEqual([503, 200]);
  });

  it('three instances, each under a reset, give three servers', async () => {
    emu = await emulator({ faults: [{ kind: 'reset', route: 'POST /servers', probability: 0.5 }], seed: { random: 11 } });
    const p = provider(emu);
    const names = ['a-1', 'a-2', 'a-3'];
    emu.faults.clear();
    await p.createInstance(input('warm-up'));
    emu.faults.set([{ kind: 'reset', route: 'POST /servers', probability: 0.5 }]);
    for (const name of names) await p.createInstance(input(name)).catch(() => undefined);
    emu.faults.clear();
    for (const name of names) await p.createInstance(input(name));
    expect(serversCreated(emu)).toBe(4);
    expect(emu.state.serverIds().map((id) => emu.state.server(id)?.name).filter((n) => names.includes(String(n))).sort()).toEqual(names);
    expect(creates(emu).some((r) => r.fault === 'reset')).toBe(true);
  });

  it('concurrent creates of one name make one server', async () => {
    emu = await emulator();
    const p = provider(emu);
    const results = await Promise.all([1, 2, 3].map(() => p.createInstance(input('same'))));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(serversCreated(emu)).toBe(1);
  });

  it('a second provider (a restarted process) finds the server by name', async () => {
    emu = await emulator();
    const first = await provider(emu).createInstance(input('survivor'));
    const again = await provider(emu).createInstance(input('survivor'));
    expect(again.id).toBe(first.id);
    expect(serversCreated(emu)).toBe(1);
  });

  it('a failure after the server exists names it, and a retry resumes it', async () => {
    emu = await emulator({ faults: [{ kind: '500', route: 'POST /servers/{serverId}/build', times: 1 }] });
    const p = provider(emu);
    const error = await p.createInstance(input('half')).catch((e: unknown) => e);
    expect(isProviderError(error)).toBe(true);
    if (!isProviderError(error)) return;
    expect(error.code).toBe('HTTP_500');
    expect(error.serverId).toBeDefined();
    expect(error.cause).toBeInstanceOf(ProvisionError);
    expect(error.cause).toMatchObject({ step: 'build', serverId: Number(error.serverId) });
    expect(error.message).toContain(`Server ${error.serverId} is allocated`);
    expect(emu.state.server(Number(error.serverId))?.name).toBe('half');
    const resumed = await provider(emu).createInstance(input('half'));
    expect(resumed.id).toBe(error.serverId);
    expect(resumed.status).toBe('running');
    expect(serversCreated(emu)).toBe(1);
  });

  it('reports progress in order and returns the generated password without exposing it', async () => {
    emu = await emulator();
    const steps: CreateProgress['step'][] = [];
    const instance = await provider(emu).createInstance(input('pw'), { onProgress: (p) => steps.push(p.step) });
    expect(steps.slice(0, 4)).toEqual(['validate', 'create', 'created', 'build']);
    expect(steps.at(-1)).toBe('ready');
    expect(instance.password).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(JSON.stringify(instance)).not.toContain(instance.password);
    expect(Object.keys(instance)).not.toContain('password');
  });

  it('refuses a chosen root password: VirtFusion generates it', async () => {
    emu = await emulator();
    const error = await provider(emu).createInstance({ ...input('chosen'), password: 'correct horse battery' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'password' });
    expect(String((error as Error).message)).not.toContain('correct horse');
    expect(creates(emu)).toHaveLength(0);
  });
});

describe('the name index: what a create costs', () => {
  const lookups = (e: Emulator) => e.requests().filter((r) => r.route === 'GET /servers/user/{userId}').length;

  it('reads the owner list once, then creates from the index', async () => {
    emu = await emulator();
    const p = provider(emu);
    await p.createInstance(input('c-1'));
    const cold = emu.requests().map((r) => r.route);
    emu.clearRequests();
    await p.createInstance(input('c-2'));
    const warm = emu.requests().map((r) => r.route).filter((r) => r !== 'GET /servers/{serverId}');
    expect(lookups(emu)).toBe(0);
    expect(cold.filter((r) => r === 'GET /servers/user/{userId}')).toHaveLength(1);
    // Warm: the create and the build; the rest are build polls.
    expect(warm).toEqual(['POST /servers', 'POST /servers/{serverId}/build']);
    // No network-profile dry run before the create.
    expect(cold.filter((r) => r === 'POST /servers')).toHaveLength(1);
  });

  it('reads the list again after nameIndexMaxAgeMs', async () => {
    emu = await emulator();
    const p = provider(emu, { nameIndexMaxAgeMs: 0 });
    await p.createInstance(input('d-1'));
    await new Promise((r) => setTimeout(r, 5));
    await p.createInstance(input('d-2'));
    expect(lookups(emu)).toBe(2);
  });
});
