import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionError, ServerError, TimeoutError } from '../../src/index';
import { createVirtFusionProvider, ProviderError, toProviderError, type ProviderErrorCode } from '../../src/provider';
import type { Emulator } from '../../src/testing';
import { emulator, FIXTURE, provider, failure } from './helpers';

let emu: Emulator;
afterEach(async () => {
  await emu?.stop();
});


const quiet = { warn() {}, error() {} } as never;

describe('ProviderError codes from the panel', () => {
  it('401: INVALID_CREDENTIALS from validateCredentials, UNAUTHORIZED elsewhere', async () => {
    emu = await emulator();
    const p = createVirtFusionProvider({ url: emu.url, token: 'vf-not-the-token-0000000000', middleware: [], logger: quiet });
    const check = await failure(() => p.validateCredentials());
    expect(check).toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401, provider: 'virtfusion' });
    expect(check.message).not.toContain('vf-not-the-token');
    expect((await failure(() => p.getPlans())).code).toBe('UNAUTHORIZED');
  });

  it('403: a token that may only connect is FORBIDDEN, though /connect passes', async () => {
    emu = await emulator({ tokens: [{ token: 'vf-connect-only-token-000000', scopes: ['connect'] }] });
    const p = createVirtFusionProvider({ url: emu.url, token: 'vf-connect-only-token-000000', middleware: [], logger: quiet });
    expect(await failure(() => p.validateCredentials())).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(emu.requests().map((r) => r.status)).toEqual([200, 403]);
  });

  it('404: NOT_FOUND for an action on an unknown server; getInstance gives undefined', async () => {
    emu = await emulator();
    const p = provider(emu);
    expect(await failure(() => p.performAction('999999', 'boot'))).toMatchObject({ code: 'NOT_FOUND', status: 404, serverId: '999999' });
    expect(await p.getInstance('999999')).toBeUndefined();
  });

  it('409: CONFLICT when the owner cannot be created (an email already taken)', async () => {
    emu = await emulator();
    const p = provider(emu, { owner: { profile: () => ({ name: 'Dup', email: 'admin@example.com' }) } });
    expect(await failure(() => p.createInstance({ ...FIXTURE, name: 'dup', owner: '9301' }))).toMatchObject({ code: 'CONFLICT', status: 409, field: 'owner' });
  });

  it('422: VALIDATION_ERROR with what the panel said', async () => {
    emu = await emulator();
    const p = provider(emu);
    const instance = await p.createInstance({ ...FIXTURE, name: 'reinstall', owner: '9302' });
    const error = await failure(() => p.performAction(instance.id, 'reinstall', { imageId: '60' }));
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR', status: 422 });
    expect(error.message).toContain('Invalid operating system template');
  });

  it('423: CONFLICT with busy while building, or waits when asked to', async () => {
    emu = await emulator({ buildDuration: 1_000 });
    const p = provider(emu);
    const started = p.createInstance({ ...FIXTURE, name: 'busy', owner: '9303' }, {});
    while (!emu.requests().some((r) => r.route === 'POST /servers/{serverId}/build' && r.status === 200)) await new Promise((r) => setTimeout(r, 5));
    const id = emu.state.serverIds().find((s) => emu.state.server(s)?.name === 'busy')!;
    expect(await failure(() => p.destroyInstance(String(id), { whenBusy: 'fail' }))).toMatchObject({ code: 'CONFLICT', busy: true, status: 423, serverId: String(id) });
    await p.destroyInstance(String(id));
    expect(emu.state.server(id)).toBeUndefined();
    // The create waited on the same build: it saw it complete, or the server gone.
    expect(['running', 'NOT_FOUND']).toContain(await started.then((i) => i.status, (e: ProviderError) => e.code));
  });

  it('429: RATE_LIMIT_EXCEEDED', async () => {
    emu = await emulator({ rateLimit: { perMinute: 2 } });
    const p = provider(emu);
    await p.getPlans();
    expect(await failure(() => p.getImages({ planId: '1' }))).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', status: 429, retryable: true });
  });

  it.each([
    ['500', 'HTTP_500', 500],
    ['503', 'SERVICE_UNAVAILABLE', 503],
    ['html-502', 'SERVICE_UNAVAILABLE', 502],
  ] as const)('a %s is %s', async (kind, code, status) => {
    emu = await emulator({ faults: [{ kind, route: 'GET /packages' }] });
    expect(await failure(() => provider(emu).getPlans())).toMatchObject({ code, status });
  });

  it('a refused connection is NETWORK_ERROR; a stalled answer is TIMEOUT', async () => {
    emu = await emulator({ faults: [{ kind: 'slow-body', ms: 5_000, route: 'GET /packages' }] });
    const slow = createVirtFusionProvider({ url: emu.url, token: emu.token, middleware: [], timeout: 100, logger: quiet });
    expect((await failure(() => slow.getPlans())).code).toBe('TIMEOUT');
    const url = emu.url;
    await emu.stop();
    const gone = createVirtFusionProvider({ url, token: emu.token, middleware: [], logger: quiet });
    expect((await failure(() => gone.getPlans())).code).toBe('NETWORK_ERROR');
  });

  it('maps errors without an answer from the table, and passes ProviderErrors through', () => {
    const context = { provider: 'virtfusion' };
    const cases: [unknown, ProviderErrorCode][] = [
      [new ServerError({ message: 'x', status: 504 }), 'SERVICE_UNAVAILABLE'],
      [new ServerError({ message: 'x', status: 507 }), 'HTTP_507'],
      [new ConnectionError({ message: 'x' }), 'NETWORK_ERROR'],
      [new TimeoutError({ message: 'x' }), 'TIMEOUT'],
      [new DOMException('stop', 'AbortError'), 'ABORTED'],
      [new Error('odd'), 'PROVIDER_ERROR'],
    ];
    for (const [error, code] of cases) expect(toProviderError(error, context).code).toBe(code);
    const own = new ProviderError({ code: 'CONFLICT', provider: 'x', message: 'm' });
    expect(toProviderError(own, context)).toBe(own);
  });

  it('is branded: instanceof holds for an error from another copy of the class', () => {
    const foreign = Object.create(Error.prototype) as object;
    Object.defineProperty(foreign, Symbol.for('virtfusion-sdk.provider-error'), { value: true });
    expect(foreign instanceof ProviderError).toBe(true);
    expect(new Error('x') instanceof ProviderError).toBe(false);
    const error = new ProviderError({ code: 'NOT_FOUND', provider: 'virtfusion', message: 'm', field: 'id', serverId: '4' });
    expect(JSON.parse(JSON.stringify(error))).toEqual({ code: 'NOT_FOUND', message: 'm', provider: 'virtfusion', field: 'id', serverId: '4' });
  });
});

describe('bad input: a typed error naming the field, and nothing created', () => {
  const cases: [string, Record<string, unknown>, { code: ProviderErrorCode; field: string }, object?][] = [
    ['an unknown plan', { planId: '99' }, { code: 'VALIDATION_ERROR', field: 'planId' }],
    ['a disabled plan', { planId: '5' }, { code: 'VALIDATION_ERROR', field: 'planId' }],
    ['an unknown image', { imageId: '999' }, { code: 'VALIDATION_ERROR', field: 'imageId' }],
    ['an image the plan does not allow', { imageId: '60' }, { code: 'VALIDATION_ERROR', field: 'imageId' }],
    ['an unknown region', { regionId: '42' }, { code: 'VALIDATION_ERROR', field: 'regionId' }],
    ['a closed region', { regionId: '4' }, { code: 'VALIDATION_ERROR', field: 'regionId' }],
    ['a plan not offered in the region', { planId: '2' }, { code: 'VALIDATION_ERROR', field: 'planId' }, { plansByRegion: { '2': ['1'] } }],
    ['an owner that is not an extRelationId', { owner: 'acct-7' }, { code: 'VALIDATION_ERROR', field: 'owner' }],
    ['an owner with no panel user', { owner: '424242' }, { code: 'NOT_FOUND', field: 'owner' }, { owner: { by: 'extRelationId' } }],
    ['an ssh key of someone else', { sshKeyIds: ['1'] }, { code: 'VALIDATION_ERROR', field: 'sshKeyIds[0]' }],
    ['an empty name', { name: '' }, { code: 'VALIDATION_ERROR', field: 'name' }],
    ['a bad host name', { hostname: 'web_1!' }, { code: 'VALIDATION_ERROR', field: 'hostname' }],
    ['an override outside the allow-list', { providerOptions: { hypervisorAssetGroups: [1] } }, { code: 'VALIDATION_ERROR', field: 'providerOptions.hypervisorAssetGroups' }],
  ];
  it.each(cases)('%s', async (_label, change, expected, extra = {}) => {
    emu = await emulator();
    const p = provider(emu, extra as never);
    const error = await failure(() => p.createInstance({ ...FIXTURE, name: 'bad', owner: '9400', ...change } as never));
    expect(error).toMatchObject(expected);
    expect(emu.requests().filter((r) => r.route === 'POST /servers')).toHaveLength(0);
  });

  it('a valid owner reference creates the panel user once, by extRelationId', async () => {
    emu = await emulator();
    const p = provider(emu);
    await p.createInstance({ ...FIXTURE, name: 'o-1', owner: '9500' });
    await p.createInstance({ ...FIXTURE, name: 'o-2', owner: '9500' });
    expect(emu.requests().filter((r) => r.route === 'POST /users')).toHaveLength(1);
    expect(emu.state.user(9500)).toMatchObject({ email: 'customer-9500@example.com' });
  });
});

