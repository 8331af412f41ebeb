import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVirtFusionProvider, isProviderError, SkyPanelError, toSkyPanelProvider, type ComputeProvider } from '../../src/provider';
import type { Emulator } from '../../src/testing';
import { bareClient, emulator, failure, provider } from './helpers';
import { skyFailure } from './skypanel/helpers';

// Calls a plain JavaScript caller can make: each must be a typed error naming what is wrong,
// raised before anything reaches the panel.
let emu: Emulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => {
  await emu.stop();
});

function thrownAtConstruction(make: () => unknown): { code?: string; field?: string; message: string } {
  try {
    make();
  } catch (error) {
    expect(isProviderError(error) || error instanceof SkyPanelError, `typed error, got ${String(error)}`).toBe(true);
    expect((error as Error).message).not.toMatch(/is not a function|Cannot (read|destructure)/);
    return error as { code?: string; field?: string; message: string };
  }
  throw new Error('expected the construction to throw');
}

const call = (extra: Record<string, unknown>) => () => createVirtFusionProvider({ client: bareClient(emu), ...extra } as never);

describe('createVirtFusionProvider refuses options that cannot work, naming them', () => {
  it.each([
    ['no options at all', () => createVirtFusionProvider(undefined as never), 'options'],
    ['a client that is not one', () => createVirtFusionProvider({ client: {} } as never), 'client'],
    ['no url', () => createVirtFusionProvider({ token: 'x'.repeat(30) } as never), 'url'],
    ['owner: 42', call({ owner: 42 }), 'owner'],
    ["owner: { by: 'nope' }", call({ owner: { by: 'nope' } }), 'owner.by'],
    ['owner.profile that is not a function', call({ owner: { profile: 'me' } }), 'owner.profile'],
    ['wait: 42', call({ wait: 42 }), 'wait'],
    ['wait.interval: -1', call({ wait: { interval: -1 } }), 'interval'],
    ['plansByRegion: 42', call({ plansByRegion: 42 }), 'plansByRegion'],
    ['plansByRegion with numbers', call({ plansByRegion: { 2: [1] } }), 'plansByRegion.2'],
    ["remoteState: 'yes'", call({ remoteState: 'yes' }), 'remoteState'],
    ['createAttempts: 0', call({ createAttempts: 0 }), 'createAttempts'],
    ['createAttempts: 1.5', call({ createAttempts: 1.5 }), 'createAttempts'],
    ["catalogTtlMs: '5'", call({ catalogTtlMs: '5' }), 'catalogTtlMs'],
    ['defaults: 7', call({ defaults: 7 }), 'defaults'],
  ])('%s', (_, make, field) => {
    const error = thrownAtConstruction(make);
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR', field });
    expect(emu.requests()).toEqual([]);
  });
});

describe('provider calls refuse bad arguments without sending', () => {
  it.each([
    ['findInstance()', (p: ComputeProvider) => p.findInstance(undefined as never), 'query'],
    ['findInstance({ name: 7 })', (p: ComputeProvider) => p.findInstance({ name: 7 } as never), 'name'],
    ['getImages(null)', (p: ComputeProvider) => p.getImages(null as never), 'planId'],
    ['getInstance({})', (p: ComputeProvider) => p.getInstance({} as never), 'id'],
    ['destroyInstance(undefined)', (p: ComputeProvider) => p.destroyInstance(undefined as never), 'id'],
    ['destroyInstance(null)', (p: ComputeProvider) => p.destroyInstance(null as never), 'id'],
    ['destroyInstance({})', (p: ComputeProvider) => p.destroyInstance({} as never), 'id'],
    ['destroyInstance(NaN)', (p: ComputeProvider) => p.destroyInstance(Number.NaN as never), 'id'],
    ["destroyInstance('1/../2')", (p: ComputeProvider) => p.destroyInstance('1/../2'), 'id'],
    ["destroyInstance('7', { whenBusy: 'later' })", (p: ComputeProvider) => p.destroyInstance('7', { whenBusy: 'later' as never }), 'whenBusy'],
    ["performAction('7', 'boot', { until: 'soon' })", (p: ComputeProvider) => p.performAction('7', 'boot', { until: 'soon' as never }), 'until'],
    ["createInstance(…, { isOurs: true })", (p: ComputeProvider) => p.createInstance({ name: 'a', planId: '1', imageId: '46', regionId: '2', owner: '1' }, { isOurs: true as never }), 'isOurs'],
  ])('%s', async (_, run, field) => {
    emu.clearRequests();
    const promise = run(provider(emu));
    expect(promise).toBeInstanceOf(Promise);
    expect(await failure(() => promise)).toMatchObject({ code: 'VALIDATION_ERROR', field });
    expect(emu.requests()).toEqual([]);
  });
});

describe('toSkyPanelProvider refuses what cannot work, at construction', () => {
  it.each([
    ['no provider', () => toSkyPanelProvider(undefined as never, { owner: '1' }), 'provider'],
    ['something that is not a provider', () => toSkyPanelProvider({ type: 'x' } as never, { owner: '1' }), 'provider'],
    ['no options', () => toSkyPanelProvider(provider(emu), undefined as never), 'options'],
    ['owner: 42', () => toSkyPanelProvider(provider(emu), { owner: 42 as never }), 'owner'],
    ["owner: ''", () => toSkyPanelProvider(provider(emu), { owner: '' }), 'owner'],
    ['pricing: 42', () => toSkyPanelProvider(provider(emu), { owner: '1', pricing: 42 as never }), 'pricing'],
    ['pricing with a string price', () => toSkyPanelProvider(provider(emu), { owner: '1', pricing: { '1': { hourly: '1', monthly: 5 } as never } }), 'pricing.1'],
    ["list: 'mine'", () => toSkyPanelProvider(provider(emu), { owner: '1', list: 'mine' as never }), 'list'],
    ["until: 'soon'", () => toSkyPanelProvider(provider(emu), { owner: '1', until: 'soon' as never }), 'until'],
    ['isOurs: true', () => toSkyPanelProvider(provider(emu), { owner: '1', isOurs: true as never }), 'isOurs'],
  ])('%s', (_, make, field) => {
    expect(thrownAtConstruction(make)).toMatchObject({ code: 'VALIDATION_ERROR', field });
  });
});

describe('SkyPanel calls refuse bad arguments without sending', () => {
  const service = () => toSkyPanelProvider(provider(emu), { owner: '9601' });
  const params = { label: 'h-1', type: '1', region: '2', image: '46', rootPassword: 'x' };

  it.each([
    ["performAction('1', '__proto__')", () => service().performAction('1', '__proto__'), 'action', 'Unknown action "__proto__"'],
    ["performAction('1', 'constructor')", () => service().performAction('1', 'constructor'), 'action', 'Unknown action "constructor"'],
    ['performAction(undefined, "boot")', () => service().performAction(undefined as never, 'boot'), 'instanceId', 'instanceId'],
    ['createInstance(undefined)', () => service().createInstance(undefined as never), 'params', 'createInstance takes'],
    ['createInstance with sshKeys: [42]', () => service().createInstance({ ...params, sshKeys: [42 as never] }), 'sshKeys', 'sshKeys must be'],
    ['createInstance with label: 7', () => service().createInstance({ ...params, label: 7 as never }), 'label', 'label must be'],
    ['createInstance with an owner function returning 5', () => toSkyPanelProvider(provider(emu), { owner: () => 5 as never }).createInstance(params), 'owner', 'owner function'],
    ['getInstance(42)', () => service().getInstance(42 as never), 'instanceId', 'instanceId'],
  ])('%s', async (_, run, field, words) => {
    emu.clearRequests();
    const error = await skyFailure(run);
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR', field, response: { status: 400 } });
    expect(error.message).toContain(words);
    expect(emu.requests()).toEqual([]);
  });
});
