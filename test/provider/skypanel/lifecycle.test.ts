import { afterEach, describe, expect, it } from 'vitest';
import { createVirtFusionProvider, toSkyPanelProvider } from '../../../src/provider';
import { createManualClock, type Emulator } from '../../../src/testing';
import { emulator, FIXTURE, provider, serversCreated } from '../helpers';
import { PUBLIC_KEY, skyFailure } from './helpers';

let emu: Emulator;
afterEach(async () => {
  await emu?.stop();
});

const create = { label: 'sky-web-1', type: FIXTURE.planId, region: FIXTURE.regionId, image: FIXTURE.imageId, rootPassword: 'chosen-by-the-customer' };

/** An emulator whose builds and power tasks last until the test moves its clock. */
async function slowPanel(): Promise<void> {
  emu = await emulator({ clock: createManualClock(), buildDuration: 60_000, taskDuration: 30_000 });
}

describe('toSkyPanelProvider answers as the panel’s other providers do', () => {
  it('creates: answers once the create and build are accepted, provisioning, with the generated password', async () => {
    await slowPanel();
    const service = toSkyPanelProvider(provider(emu), { owner: '9601' });
    const created = await service.createInstance({ ...create, sshKeys: [PUBLIC_KEY], tags: ['web'] });

    expect(created).toMatchObject({ label: 'sky-web-1', status: 'provisioning', region: '2', specs: { vcpus: 1, memory: 1024, disk: 25, transfer: 1000 } });
    const build = emu.requests().find((r) => r.route === 'POST /servers/{serverId}/build')!;
    expect(build.body).toMatchObject({ operatingSystemId: 46, name: 'sky-web-1', hostname: 'sky-web-1', sshKeys: [expect.any(Number)] });
    expect(emu.state.server(Number(created.id))).toMatchObject({ state: 'queued', tasks: { active: true } });
    expect(created.rootPassword).toMatch(/^\S{8,}$/);
    expect(Object.keys(created)).not.toContain('rootPassword');
    expect(JSON.stringify(created)).not.toContain(created.rootPassword!);
    expect(JSON.stringify(emu.requests())).not.toContain('chosen-by-the-customer');
    expect(emu.requests().filter((r) => r.route === 'GET /servers/{serverId}')).toEqual([]);
  });

  it('creates until running when configured to', async () => {
    emu = await emulator();
    const service = toSkyPanelProvider(provider(emu), { owner: '9601', until: 'running' });
    const created = await service.createInstance(create);
    expect(created.status).toBe('running');
    expect(created.rootPassword).toMatch(/^\S{8,}$/);
  });

  it('acts once the panel accepted the action, without waiting for its task', async () => {
    await slowPanel();
    const service = toSkyPanelProvider(provider(emu), { owner: '9601' });
    const created = await service.createInstance(create);
    emu.advance(60_000);
    emu.clearRequests();

    for (const action of ['shutdown', 'boot', 'power_off', 'power_on', 'reboot']) await service.performAction(created.id, action);
    expect(emu.requests().map((r) => `${r.method} ${r.path.replace(/^\/api\/v1/, '')}`)).toEqual([
      `POST /servers/${created.id}/power/shutdown`,
      `POST /servers/${created.id}/power/boot`,
      `POST /servers/${created.id}/power/poweroff`,
      `POST /servers/${created.id}/power/boot`,
      `POST /servers/${created.id}/power/restart`,
    ]);
    expect((await service.getInstance(created.id)).status).toBe('rebooting');
  });

  it('deletes with performAction, and refuses a delete during a build with a 409 marked busy', async () => {
    await slowPanel();
    const service = toSkyPanelProvider(provider(emu), { owner: '9601' });
    const created = await service.createInstance(create);

    const busy = await skyFailure(() => service.performAction(created.id, 'delete'));
    expect(busy).toMatchObject({ code: 'CONFLICT', busy: true, provider: 'virtfusion', response: { status: 409 } });
    emu.advance(60_000);
    await service.performAction(created.id, 'delete');
    expect(emu.requests().filter((r) => r.route === 'DELETE /servers/{serverId}').map((r) => r.status)).toEqual([423, 204]);
    const gone = await skyFailure(() => service.getInstance(created.id));
    expect(gone).toMatchObject({ code: 'NOT_FOUND', field: 'instanceId', response: { status: 404 } });
  });

  it('reinstalls with rebuild and an image id, once the build is accepted', async () => {
    emu = await emulator();
    const service = toSkyPanelProvider(provider(emu), { owner: '9601', until: 'running' });
    const created = await service.createInstance(create);
    await service.performAction(created.id, 'rebuild', { image: '52' });
    const builds = emu.requests().filter((r) => r.route === 'POST /servers/{serverId}/build');
    expect(builds.at(-1)!.body).toMatchObject({ operatingSystemId: 52, name: 'sky-web-1' });
    const missing = await skyFailure(() => service.performAction(created.id, 'rebuild'));
    expect(missing).toMatchObject({ code: 'VALIDATION_ERROR', field: 'image', response: { status: 400 } });
  });

  it('lists the owner’s instances and reads the catalogue in the panel’s shapes', async () => {
    emu = await emulator();
    const service = toSkyPanelProvider(provider(emu), { owner: '9601', pricing: { '1': { hourly: 0.007, monthly: 5 } } });
    expect(service.getProviderType()).toBe('virtfusion');
    const plans = await service.getPlans();
    expect(plans[0]).toEqual({ id: '1', label: 'Starter', vcpus: 1, memory: 1024, disk: 25, transfer: 1000, price: { hourly: 0.007, monthly: 5 }, regions: ['1', '2', '3'] });
    expect(plans[1]!.price).toEqual({ hourly: 0, monthly: 0 });
    expect(await service.getRegions()).toContainEqual({ id: '4', label: 'Legacy', available: false });
    expect((await service.getImages()).find((i) => i.id === '46')).toMatchObject({ label: 'Debian 12 (Bookworm) Minimal', slug: 'debian-12-minimal', distribution: 'Debian', public: true });
    const created = await service.createInstance(create);
    expect((await service.listInstances()).map((i) => i.id)).toEqual([created.id]);
  });

  it('gets an unknown instance as NOT_FOUND, an Error with the panel’s status', async () => {
    emu = await emulator();
    const service = toSkyPanelProvider(provider(emu), { owner: '9601' });
    const error = await skyFailure(() => service.getInstance('123456'));
    expect(error).toMatchObject({ code: 'NOT_FOUND', provider: 'virtfusion', response: { status: 404 } });
    expect(error.stack).toContain('SkyPanelError');
  });

  it('validates credentials: true, false when refused, false when the panel cannot be reached', async () => {
    emu = await emulator();
    const good = toSkyPanelProvider(provider(emu), { owner: '1' });
    expect(await good.validateCredentials()).toBe(true);
    const refused = toSkyPanelProvider(createVirtFusionProvider({ url: emu.url, token: 'vf-another-token-entirely-0000', middleware: [] }), { owner: '1' });
    expect(await refused.validateCredentials()).toBe(false);
    const url = emu.url;
    await emu.stop();
    const unreachable = toSkyPanelProvider(createVirtFusionProvider({ url, token: 'vf-another-token-entirely-0000', middleware: [], timeout: 2000 }), { owner: '1' });
    expect(await unreachable.validateCredentials()).toBe(false);
  });

  it('refuses create params VirtFusion cannot honour instead of dropping them, before anything is sent', async () => {
    emu = await emulator();
    const service = toSkyPanelProvider(provider(emu), { owner: '9601' });
    for (const [field, value] of [['backups', true], ['privateIP', true], ['stackscriptId', 7], ['appSlug', 'wordpress'], ['vpc_uuid', 'v'], ['monitoring', true]] as const) {
      const error = await skyFailure(() => service.createInstance({ ...create, [field]: value }));
      expect(error).toMatchObject({ code: 'NOT_SUPPORTED', field, response: { status: 400 } });
    }
    expect(serversCreated(emu)).toBe(0);
    expect(emu.requests().filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
