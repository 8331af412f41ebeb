import { afterEach, describe, expect, it } from 'vitest';
import { createVirtFusionProvider, toSkyPanelProvider, type SkyPanelProviderError } from '../../src/provider';
import type { Emulator } from '../../src/testing';
import { createMemoryProvider } from './memory-provider';
import { emulator, FIXTURE, provider } from './helpers';

let emu: Emulator;
afterEach(async () => {
  await emu?.stop();
});

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq2mN7XoVgDg0fG4bN1eHk3Yw0kK2mP5sQvR8tU9wXy ops@example';

async function thrown(run: () => Promise<unknown>): Promise<SkyPanelProviderError> {
  return run().then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as SkyPanelProviderError,
  );
}

describe('toSkyPanelProvider on VirtFusion (emulator)', () => {
  it('runs the whole lifecycle in the panel’s shapes', async () => {
    emu = await emulator();
    const service = toSkyPanelProvider(provider(emu), { owner: '9601', pricing: { '1': { hourly: 0.007, monthly: 5 } } });
    expect(service.getProviderType()).toBe('virtfusion');
    expect(await service.validateCredentials()).toBe(true);

    const plans = await service.getPlans();
    expect(plans[0]).toEqual({ id: '1', label: 'Starter', vcpus: 1, memory: 1024, disk: 25, transfer: 1000, price: { hourly: 0.007, monthly: 5 }, regions: ['1', '2', '3'] });
    expect(plans[1]!.price).toEqual({ hourly: 0, monthly: 0 });
    expect(await service.getRegions()).toContainEqual({ id: '4', label: 'Legacy', available: false });
    const debian = (await service.getImages()).find((i) => i.id === '46');
    expect(debian).toMatchObject({ label: 'Debian 12 (Bookworm) Minimal', slug: 'debian-12-minimal', distribution: 'Debian', public: true });

    const created = await service.createInstance({ label: 'sky-web-1', type: FIXTURE.planId, region: FIXTURE.regionId, image: FIXTURE.imageId, rootPassword: 'not-used-by-virtfusion', sshKeys: [KEY], tags: ['web'] });
    expect(created).toMatchObject({ label: 'sky-web-1', status: 'running', region: '2', specs: { vcpus: 1, memory: 1024, disk: 25, transfer: 1000 }, image: '46' });
    expect(created.ipv4).toHaveLength(1);
    expect(Date.parse(created.created)).not.toBeNaN();
    const build = emu.requests().find((r) => r.route === 'POST /servers/{serverId}/build')!;
    expect(build.body).toMatchObject({ operatingSystemId: 46, name: 'sky-web-1', hostname: 'sky-web-1', sshKeys: [expect.any(Number)] });
    expect(JSON.stringify(emu.requests())).not.toContain('not-used-by-virtfusion');

    expect((await service.listInstances()).map((i) => i.id)).toEqual([created.id]);
    await service.performAction(created.id, 'shutdown');
    expect((await service.getInstance(created.id))?.status).toBe('stopped');
    await service.performAction(created.id, 'power_on');
    await service.performAction(created.id, 'suspend');
    expect((await service.getInstance(created.id))?.status).toBe('stopped');
    await service.performAction(created.id, 'unsuspend');
    await service.performAction(created.id, 'rebuild', { image: '52' });
    expect((await service.getInstance(created.id))?.image).toBe('52');
    expect(await service.getInstance('123456')).toBeNull();

    const unknownAction = await thrown(() => service.performAction(created.id, 'explode'));
    expect(unknownAction).toMatchObject({ code: 'VALIDATION_ERROR', field: 'action', provider: 'virtfusion' });
    expect(unknownAction).not.toBeInstanceOf(Error);
    const badPlan = await thrown(() => service.createInstance({ label: 'x', type: '99', region: '2', image: '46', rootPassword: 'p' }));
    expect(badPlan).toMatchObject({ code: 'VALIDATION_ERROR', field: 'planId', provider: 'virtfusion' });
    expect(badPlan.originalError).toBeInstanceOf(Error);
  });

  it('reports rejected credentials as false, not as an error', async () => {
    emu = await emulator();
    const wrong = createVirtFusionProvider({ url: emu.url, token: 'vf-another-token-entirely-0000', middleware: [] });
    const service = toSkyPanelProvider(wrong, { owner: '1' });
    expect(await service.validateCredentials()).toBe(false);
  });
});

describe('toSkyPanelProvider on another provider', () => {
  it('maps our eight statuses to the panel’s six', async () => {
    const memory = createMemoryProvider({ transitionMs: 1 });
    const service = toSkyPanelProvider(memory, { owner: 'acct-1' });
    const made = await service.createInstance({ label: 'm-1', type: 'small', region: 'ams', image: 'debian-12', rootPassword: 'secret-password' });
    await service.performAction(made.id, 'suspend');
    expect((await service.getInstance(made.id))?.status).toBe('stopped');
    await memory.destroyInstance(made.id);
    expect((await service.getInstance(made.id))?.status).toBe('unknown');
  });
});
