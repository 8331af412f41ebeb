import { afterEach, describe, expect, it } from 'vitest';
import { toSkyPanelProvider } from '../../src/provider';
import type { Emulator } from '../../src/testing';
import { bareClient, emulator, failure, FIXTURE, provider, serversCreated } from './helpers';
import { skyFailure } from './skypanel/helpers';

let emu: Emulator;
afterEach(async () => {
  await emu?.stop();
});

const input = { name: 'shop-1', owner: '7301', ...FIXTURE };

describe('a name is never answered with a server the call did not ask for', () => {
  it('resumes the same request exactly once', async () => {
    emu = await emulator();
    const p = provider(emu);
    const first = await p.createInstance(input, { until: 'accepted' });
    const again = await p.createInstance(input);
    expect(again.id).toBe(first.id);
    expect(serversCreated(emu)).toBe(1);
  });

  it.each([
    ['another plan', { planId: '2' }, 'it has 1 vCPUs, the plan 2'],
    ['another region', { regionId: '1' }, 'it is in region 2, not 1'],
    ['another image once built', { imageId: '52' }, 'it runs image 46, not 52'],
  ])('refuses %s with a CONFLICT (409) and sends no create', async (_, change, reason) => {
    emu = await emulator();
    const p = provider(emu);
    const first = await p.createInstance(input);
    emu.clearRequests();
    const error = await failure(() => p.createInstance({ ...input, ...change }));
    expect(error).toMatchObject({ code: 'CONFLICT', field: 'name', serverId: first.id, status: 409 });
    expect(error.message).toContain(reason);
    expect(emu.requests().filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('lets isOurs refuse a server made outside this system', async () => {
    emu = await emulator();
    const p = provider(emu);
    const userId = await p.resolveOwner(input.owner);
    const outside = await bareClient(emu).servers.create({ packageId: 1, userId, hypervisorId: 2 } as never);
    await bareClient(emu).servers.modify.name(outside.id, 'shop-1');
    const seen: string[] = [];
    const error = await failure(() => p.createInstance(input, { isOurs: (instance) => (seen.push(instance.id), false) }));
    expect(seen).toEqual([String(outside.id)]);
    expect(error).toMatchObject({ code: 'CONFLICT', serverId: String(outside.id) });
    expect(error.message).toContain('isOurs()');
    expect(serversCreated(emu)).toBe(1);
    expect(emu.requests().filter((r) => r.route === 'POST /servers/{serverId}/build')).toEqual([]);
  });

  it('reaches the panel as a 409 SkyPanelError', async () => {
    emu = await emulator();
    const service = toSkyPanelProvider(provider(emu), { owner: input.owner });
    await service.createInstance({ label: 'shop-1', type: '1', region: '2', image: '46', rootPassword: 'x' });
    const error = await skyFailure(() => service.createInstance({ label: 'shop-1', type: '3', region: '2', image: '46', rootPassword: 'x' }));
    expect(error).toMatchObject({ code: 'CONFLICT', field: 'name', provider: 'virtfusion', response: { status: 409 } });
  });
});

describe('createInstance until', () => {
  it("'accepted' resolves provisioning, with the generated password and no build polling", async () => {
    emu = await emulator({ buildDuration: 60_000 });
    const p = provider(emu);
    const made = await p.createInstance(input, { until: 'accepted' });
    expect(made.status).toBe('provisioning');
    expect(made.password).toMatch(/^\S{8,}$/);
    expect(emu.requests().filter((r) => r.route === 'GET /servers/{serverId}')).toEqual([]);
  });

  it('refuses an unknown until before sending anything', async () => {
    emu = await emulator();
    const error = await failure(() => provider(emu).createInstance(input, { until: 'built' as never }));
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'until' });
    expect(emu.requests()).toEqual([]);
  });
});
