/**
 * A vitest suite that any {@link ComputeProvider} implementation can run to show it behaves as the
 * interface promises: lifecycle, exactly-once create by name, idempotent destroy, listing while
 * creating, error codes and abort. Needs vitest (an optional peer dependency).
 *
 * @example
 * ```ts
 * // test/my-provider.conformance.test.ts
 * import { describeComputeProvider } from 'virtfusion-sdk/provider/conformance';
 *
 * describeComputeProvider('my cloud', async () => ({
 *   provider: createMyProvider(),
 *   input: { planId: 'small', imageId: 'debian-12', regionId: 'ams', owner: 'acct-1' },
 * }));
 * ```
 *
 * @packageDocumentation
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProviderError, type ProviderError } from '../errors';
import { INSTANCE_ACTIONS, INSTANCE_STATUSES, type ComputeProvider, type CreateInstanceInput, type CreateProgress, type Instance, type InstanceStatus } from '../types';

/** What the suite runs against. */
export interface ConformanceFixture {
  provider: ComputeProvider;
  /** A create input that works, without the name (the suite names its instances). */
  input: Omit<CreateInstanceInput, 'name'>;
  /** Runs after the suite (stop servers, close clients). */
  cleanup?: (() => Promise<void> | void) | undefined;
  /**
   * For providers that advertise `nameConflicts`: a change to `input` that contradicts an instance
   * made from `input` (default: another plan offered in the same region).
   */
  conflictingChange?: Partial<Omit<CreateInstanceInput, 'name'>> | undefined;
}

export interface ConformanceOptions {
  /** Milliseconds per test. Default 60 000. */
  timeout?: number | undefined;
  /** How long a status may take to settle after an action, and how often to look. Defaults 30 000 and 50 ms. */
  settle?: { timeout?: number | undefined; interval?: number | undefined } | undefined;
  /** Prefix of the instance names the suite creates. Default `conformance`. */
  namePrefix?: string | undefined;
  /** Names of tests to skip, with the reason in your own code. */
  skip?: readonly string[] | undefined;
}

/** The tests of the suite, by name, so `skip` can name them. */
export const CONFORMANCE_TESTS = [
  'validates its credentials',
  'describes its catalogue',
  'rejects bad input before creating anything',
  'runs the lifecycle',
  'creates exactly once by name',
  'destroys idempotently',
  'lists while creating',
  'reports errors with codes',
  'aborts',
  'creates until accepted',
  'refuses a name held by another request',
] as const;

async function caught(run: () => Promise<unknown>): Promise<ProviderError> {
  try {
    await run();
  } catch (error) {
    expect(isProviderError(error), `expected a ProviderError, got ${String(error)}`).toBe(true);
    return error as ProviderError;
  }
  throw new Error('expected the call to fail, and it succeeded');
}

async function collect(iterable: AsyncIterable<Instance>): Promise<Instance[]> {
  const out: Instance[] = [];
  for await (const instance of iterable) out.push(instance);
  return out;
}

/** Registers the conformance suite for one provider. */
export function describeComputeProvider(name: string, makeProvider: () => ConformanceFixture | Promise<ConformanceFixture>, options: ConformanceOptions = {}): void {
  const timeout = options.timeout ?? 60_000;
  const settleTimeout = options.settle?.timeout ?? 30_000;
  const settleInterval = options.settle?.interval ?? 50;
  const prefix = options.namePrefix ?? 'conformance';
  const run = Math.random().toString(36).slice(2, 8);
  let counter = 0;
  const nameFor = (what: string) => `${prefix}-${run}-${what}-${(counter += 1)}`;
  let fixture: ConformanceFixture;
  const test = (title: (typeof CONFORMANCE_TESTS)[number], body: () => Promise<void>) =>
    (options.skip?.includes(title) ? it.skip : it)(title, body, timeout);

  const statusOf = async (id: string) => (await fixture.provider.getInstance(id))?.status;
  const settle = async (id: string, wanted: readonly (InstanceStatus | undefined)[]): Promise<InstanceStatus | undefined> => {
    const deadline = Date.now() + settleTimeout;
    let status = await statusOf(id);
    while (!wanted.includes(status) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, settleInterval));
      status = await statusOf(id);
    }
    expect(wanted).toContain(status);
    return status;
  };
  const create = (what: string, extra: Partial<CreateInstanceInput> = {}, onProgress?: (p: CreateProgress) => void, signal?: AbortSignal) =>
    fixture.provider.createInstance({ ...fixture.input, name: nameFor(what), ...extra }, { onProgress, signal });
  const ownerCount = async () => (await collect(fixture.provider.listInstances({ owner: fixture.input.owner }))).length;

  describe(`ComputeProvider conformance: ${name}`, () => {
    beforeAll(async () => {
      fixture = await makeProvider();
    }, timeout);
    afterAll(async () => {
      await fixture?.cleanup?.();
    }, timeout);

    test('validates its credentials', async () => {
      expect(await fixture.provider.validateCredentials()).toBe(true);
      expect(typeof fixture.provider.type).toBe('string');
      for (const action of fixture.provider.features.actions) expect(INSTANCE_ACTIONS).toContain(action);
    });

    test('describes its catalogue', async () => {
      const { provider, input } = fixture;
      const plans = await provider.getPlans();
      expect(plans.map((p) => p.id)).toContain(input.planId);
      expect(plans.find((p) => p.id === input.planId)!.regionIds).toContain(input.regionId);
      const regions = await provider.getRegions();
      expect(regions.find((r) => r.id === input.regionId)?.available).toBe(true);
      expect((await provider.getImages({ planId: input.planId })).map((i) => i.id)).toContain(input.imageId);
    });

    test('rejects bad input before creating anything', async () => {
      const before = await ownerCount();
      const cases: [Partial<CreateInstanceInput>, string][] = [
        [{ planId: 'no-such-plan' }, 'planId'],
        [{ regionId: 'no-such-region' }, 'regionId'],
        [{ imageId: 'no-such-image' }, 'imageId'],
        [{ name: '' }, 'name'],
      ];
      for (const [change, field] of cases) {
        const error = await caught(() => create('bad', change));
        expect(['VALIDATION_ERROR', 'NOT_FOUND']).toContain(error.code);
        expect(error.field).toBe(field);
        expect(error.provider).toBe(fixture.provider.type);
      }
      expect(await ownerCount()).toBe(before);
    });

    test('runs the lifecycle', async () => {
      const { provider } = fixture;
      const steps: string[] = [];
      const instance = await create('life', {}, (p) => steps.push(p.step));
      expect(steps.at(-1)).toBe('ready');
      expect(instance.status).toBe('running');
      expect(INSTANCE_STATUSES).toContain(instance.status);
      expect(typeof instance.id).toBe('string');
      expect((await provider.getInstance(instance.id))?.name).toBe(instance.name);
      expect((await provider.findInstance({ name: instance.name, owner: fixture.input.owner }))?.id).toBe(instance.id);
      expect((await collect(provider.listInstances({ owner: fixture.input.owner }))).map((i) => i.id)).toContain(instance.id);
      const actions = provider.features.actions;
      if (actions.includes('shutdown')) {
        await provider.performAction(instance.id, 'shutdown');
        await settle(instance.id, ['stopped']);
      }
      if (actions.includes('boot')) {
        await provider.performAction(instance.id, 'boot');
        await settle(instance.id, ['running']);
      }
      if (actions.includes('reboot')) {
        await provider.performAction(instance.id, 'reboot');
        await settle(instance.id, ['running']);
      }
      if (actions.includes('suspend') && actions.includes('unsuspend')) {
        await provider.performAction(instance.id, 'suspend');
        await settle(instance.id, ['suspended']);
        await provider.performAction(instance.id, 'unsuspend');
        await settle(instance.id, ['running']);
      }
      await provider.destroyInstance(instance.id);
      await settle(instance.id, [undefined, 'terminating']);
    });

    test('creates exactly once by name', async () => {
      const { provider } = fixture;
      const name = nameFor('once');
      const input = { ...fixture.input, name };
      const [a, b] = await Promise.all([provider.createInstance(input), provider.createInstance(input)]);
      expect(b.id).toBe(a.id);
      expect((await provider.createInstance(input)).id).toBe(a.id);
      const named = (await collect(provider.listInstances({ owner: fixture.input.owner }))).filter((i) => i.name === name);
      expect(named).toHaveLength(1);
      await provider.destroyInstance(a.id);
    });

    test('destroys idempotently', async () => {
      const { provider } = fixture;
      const instance = await create('gone');
      await provider.destroyInstance(instance.id);
      await provider.destroyInstance(instance.id);
      await provider.destroyInstance('999999999');
      await settle(instance.id, [undefined, 'terminating']);
    });

    test('lists while creating', async () => {
      const { provider } = fixture;
      let done = false;
      const creating = create('listing').finally(() => (done = true));
      let listings = 0;
      while (!done) {
        const ids = (await collect(provider.listInstances({ owner: fixture.input.owner }))).map((i) => i.id);
        expect(new Set(ids).size).toBe(ids.length);
        listings += 1;
        await new Promise((resolve) => setTimeout(resolve, settleInterval));
      }
      const instance = await creating;
      expect(listings).toBeGreaterThan(0);
      expect((await collect(provider.listInstances({ owner: fixture.input.owner }))).map((i) => i.id)).toContain(instance.id);
      await provider.destroyInstance(instance.id);
    });

    test('reports errors with codes', async () => {
      const { provider } = fixture;
      expect(await provider.getInstance('no-such-instance')).toBeUndefined();
      const missing = await caught(() => provider.performAction('999999999', 'boot'));
      expect(missing.code).toBe('NOT_FOUND');
      expect(missing.provider).toBe(provider.type);
      if (provider.features.actions.includes('reinstall')) {
        const instance = await create('errors');
        const error = await caught(() => provider.performAction(instance.id, 'reinstall', {}));
        expect(error.code).toBe('VALIDATION_ERROR');
        expect(error.field).toBe('imageId');
        await provider.destroyInstance(instance.id);
      }
    });

    test('aborts', async () => {
      const { provider } = fixture;
      const before = await ownerCount();
      const early = await caught(() => create('abort-early', {}, undefined, AbortSignal.abort()));
      expect(early.code).toBe('ABORTED');
      expect(await ownerCount()).toBe(before);

      const controller = new AbortController();
      const name = nameFor('abort-late');
      const late = await caught(() =>
        provider.createInstance({ ...fixture.input, name }, { signal: controller.signal, onProgress: (p) => (p.step === 'created' || p.step === 'waiting') && controller.abort() }),
      );
      expect(late.code).toBe('ABORTED');
      const left = await provider.findInstance({ name, owner: fixture.input.owner });
      if (late.serverId !== undefined) expect(left?.id).toBe(late.serverId);
      if (left) await provider.destroyInstance(left.id);
    });

    // The two below check what a provider advertises; one that advertises neither passes them as it is.
    test('creates until accepted', async () => {
      const { provider } = fixture;
      if (!provider.features.createUntil?.includes('accepted')) return;
      const instance = await fixture.provider.createInstance({ ...fixture.input, name: nameFor('accepted') }, { until: 'accepted' });
      expect(['provisioning', 'running']).toContain(instance.status);
      expect((await provider.findInstance({ name: instance.name, owner: fixture.input.owner }))?.id).toBe(instance.id);
      await settle(instance.id, ['running']);
      await provider.destroyInstance(instance.id);
    });

    test('refuses a name held by another request', async () => {
      const { provider, input } = fixture;
      if (provider.features.nameConflicts !== true) return;
      const change = fixture.conflictingChange ?? { planId: (await provider.getPlans()).find((p) => p.id !== input.planId && p.regionIds.includes(input.regionId))?.id };
      expect(Object.values(change).some((v) => v !== undefined), 'the suite needs a second plan in the region, or conflictingChange').toBe(true);
      const first = await create('conflict');
      const before = await ownerCount();
      const error = await caught(() => provider.createInstance({ ...input, ...change, name: first.name }));
      expect(error.code).toBe('CONFLICT');
      expect(error.serverId).toBe(first.id);
      expect(await ownerCount()).toBe(before);
      await provider.destroyInstance(first.id);
    });
  });
}
