import { VirtFusion } from '../../client';
import { LockedError, NotFoundError } from '../../core/errors';
import type { UserId } from '../../resources/ids';
import { ProviderError, toProviderError } from '../errors';
import type { ActionParams, ComputeProvider, DestroyOptions, Instance, InstanceAction, ListInstancesFilter, ProviderFeatures, SshKey } from '../types';
import { Catalog } from './catalog';
import { checkActionParams, checkDestroy, checkFindQuery, checkIdType } from './check-calls';
import { checkProviderOptions } from './check-options';
import { serverIdOf } from './json';
import { PROVIDER, remember, type ProviderContext } from './context';
import { createInstance } from './create';
import { NameIndex } from './name-index';
import { parseCreateOptions, type VirtFusionProviderOptions } from './options';
import { Owners } from './owners';
import { toInstance, toSshKey } from './records';
import { Turns } from './turns';
import { buildWaiterFor } from '../waiter/for-client';
import type { BuildWaiter } from '../waiter/waiter';

const FEATURES: ProviderFeatures = Object.freeze({
  createInstance: Object.freeze(['ssh_key', 'hostname', 'generates_password', 'custom_resources'] as const),
  actions: Object.freeze(['boot', 'shutdown', 'reboot', 'poweroff', 'suspend', 'unsuspend', 'reinstall'] as const),
  resize: true,
  sshKeys: true,
  createUntil: Object.freeze(['running', 'accepted'] as const),
  nameConflicts: true,
});

/** The VirtFusion provider: a {@link ComputeProvider} plus what only VirtFusion has. */
export interface VirtFusionProvider extends ComputeProvider {
  readonly type: 'virtfusion';
  /** The SDK client underneath, for what the neutral interface does not cover. */
  readonly client: VirtFusion;
  /** The region (hypervisor group) of a `hypervisorId` as a create reads it: a group id, else a node's group. */
  regionOfHost(hypervisorId: number): Promise<string | undefined>;
  /** The panel user id of an owner reference (resolving or creating it as configured). */
  resolveOwner(owner: string): Promise<UserId>;
  /** The loop that watches this provider's builds and tasks (shared with every user of the same client and settings). */
  readonly waiter: BuildWaiter;
}


/**
 * VirtFusion behind the provider-neutral {@link ComputeProvider}: plans are packages, images the
 * templates a package allows, regions hypervisor groups, instances servers. Creates are exactly
 * once by name; see docs/provider.md for the state map and the request counts.
 *
 * @example
 * ```ts
 * const provider = createVirtFusionProvider({
 *   url: 'https://panel.example.com',
 *   token: process.env.VIRTFUSION_TOKEN!,
 *   owner: { by: 'extRelationId', profile: async (ref) => ({ name: `Customer ${ref}`, email: `c${ref}@example.com` }) },
 * });
 * const web = await provider.createInstance({ name: 'web-1', planId: '1', imageId: '46', regionId: '2', owner: '1042' });
 * ```
 */
export function createVirtFusionProvider(options: VirtFusionProviderOptions): VirtFusionProvider {
  checkProviderOptions(options);
  const { client: given, url, token, owner, defaults, wait, webhooks, waiter: givenWaiter, plansByRegion, catalogTtlMs, nameIndexMaxAgeMs, createAttempts, remoteState, destroyDelayMinutes, ...clientOptions } =
    options;
  const client = given ?? new VirtFusion({ ...clientOptions, url: url!, token: token! });
  const waiter =
    givenWaiter ??
    buildWaiterFor(client, {
      ...(wait?.interval === undefined ? {} : { interval: wait.interval }),
      ...(wait?.expectedBuildMs === undefined ? {} : { expectedBuildMs: wait.expectedBuildMs }),
    });
  if (webhooks !== undefined) {
    if (typeof webhooks?.subscribe !== 'function') {
      throw new ProviderError({ code: 'VALIDATION_ERROR', provider: PROVIDER, field: 'webhooks', message: 'webhooks must be a webhook receiver (createWebhookReceiver) or have subscribe(listener).' });
    }
    waiter.listen(webhooks);
  }
  const context: ProviderContext = {
    client,
    owners: new Owners(client, owner),
    index: new NameIndex(client, nameIndexMaxAgeMs ?? 5 * 60_000),
    catalog: new Catalog(client, catalogTtlMs ?? 5 * 60_000, plansByRegion),
    known: new Map(),
    defaults: parseCreateOptions(defaults, 'defaults'),
    wait: { timeout: wait?.timeout ?? 15 * 60_000 },
    createAttempts: createAttempts ?? 2,
    remoteState: remoteState ?? true,
    profiles: new Map(),
    catalogTtlMs: catalogTtlMs ?? 5 * 60_000,
    destroyDelayMinutes: Math.min(43_800, Math.floor(destroyDelayMinutes ?? 0)),
    turns: new Turns(),
    waiter,
  };
  const fail = (doing: string, id?: string) => (error: unknown) => {
    throw toProviderError(error, { provider: PROVIDER, doing, serverId: id });
  };

  async function rebooting(id: number): Promise<boolean> {
    const queueId = context.known.get(id)?.rebootQueueId;
    if (queueId === undefined) return false;
    const task = await client.queue.get(queueId);
    if (task.finished || task.failed) {
      remember(context, id, { rebootQueueId: undefined, rebooting: false });
      return false;
    }
    return true;
  }

  async function getInstance(id: string): Promise<Instance | undefined> {
    checkIdType(id);
    const numeric = serverIdOf(id);
    if (numeric === undefined) return undefined;
    try {
      const server = await client.servers.get(numeric, { remoteState: context.remoteState });
      const isRebooting = await rebooting(numeric);
      return toInstance(server, { ...context.known.get(numeric), rebooting: isRebooting });
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  function requireId(id: string): number {
    checkIdType(id);
    const numeric = serverIdOf(id);
    if (numeric === undefined) throw new ProviderError({ code: 'NOT_FOUND', provider: PROVIDER, field: 'id', serverId: id, message: `There is no instance ${JSON.stringify(id)}.` });
    return numeric;
  }

  async function destroy(id: string, destroyOptions: DestroyOptions = {}): Promise<void> {
    const numeric = checkDestroy(id, destroyOptions);
    const delay = context.destroyDelayMinutes;
    for (;;) {
      try {
        await client.servers.delete(numeric, { signal: destroyOptions.signal, ...(delay > 0 ? { delay } : {}) });
        if (delay > 0) {
          remember(context, numeric, { pendingDeletion: true });
          return;
        }
        break;
      } catch (error) {
        if (error instanceof NotFoundError) break;
        if (!(error instanceof LockedError) || destroyOptions.whenBusy === 'fail') throw error;
        await waiter.build(numeric, { signal: destroyOptions.signal, timeout: context.wait.timeout }).catch((waitError: unknown) => {
          if (!(waitError instanceof Error && waitError.name === 'BuildFailedError')) throw waitError;
        });
      }
    }
    context.index.forget(numeric);
    context.known.delete(numeric);
  }

  async function act(id: string, action: InstanceAction, params: ActionParams = {}): Promise<void> {
    const numeric = requireId(id);
    checkActionParams(params);
    const { signal } = params;
    const accepted = params.until === 'accepted';
    const taskWait = { signal, timeout: context.wait.timeout };
    switch (action) {
      case 'boot':
      case 'shutdown':
      case 'poweroff': {
        const { queueId } = await client.servers.power[action](numeric, { signal });
        if (accepted) return;
        await waiter.task(queueId, taskWait);
        remember(context, numeric, { power: action === 'boot' ? 'running' : 'stopped' });
        return;
      }
      case 'reboot': {
        const { queueId } = await client.servers.power.restart(numeric, { signal });
        remember(context, numeric, { rebootQueueId: queueId });
        if (accepted) return;
        await waiter.task(queueId, taskWait);
        remember(context, numeric, { rebootQueueId: undefined, power: 'running' });
        return;
      }
      case 'suspend':
        await client.servers.suspend(numeric, { signal });
        return;
      case 'unsuspend':
        await client.servers.unsuspend(numeric, { signal });
        return;
      case 'reinstall': {
        if (params.imageId === undefined || serverIdOf(params.imageId) === undefined) {
          throw new ProviderError({ code: 'VALIDATION_ERROR', provider: PROVIDER, field: 'imageId', serverId: id, message: 'reinstall needs params.imageId, the id of an image of the instance.' });
        }
        const current = await client.servers.get(numeric, { signal });
        await client.servers.build(numeric, { operatingSystemId: Number(params.imageId), name: current.name, ...(current.hostname ? { hostname: current.hostname } : {}) }, { signal });
        if (accepted) return;
        await waiter.build(numeric, { signal, timeout: context.wait.timeout });
        return;
      }
      default:
        throw new ProviderError({ code: 'VALIDATION_ERROR', provider: PROVIDER, field: 'action', serverId: id, message: `Unknown action ${JSON.stringify(action)}; use one of ${FEATURES.actions.join(', ')}.` });
    }
  }

  async function* listInstances(filter: ListInstancesFilter = {}): AsyncGenerator<Instance> {
    try {
      if (filter.owner !== undefined) {
        const userId = await context.owners.resolve(filter.owner);
        // The same read refreshes the owner's name index: a create right after finds names by it.
        for (const server of await context.index.rescan(userId, filter.signal)) yield toInstance(server, context.known.get(server.id));
        return;
      }
      for await (const server of client.servers.list({ type: 'full', signal: filter.signal })) yield toInstance(server, context.known.get(server.id));
    } catch (error) {
      throw toProviderError(error, { provider: PROVIDER, doing: 'Listing instances' });
    }
  }

  return {
    type: PROVIDER,
    features: FEATURES,
    client,

    async validateCredentials() {
      try {
        await client.request('GET /connect');
        await client.hypervisors.groups.list({ results: 1 });
        return true;
      } catch (error) {
        throw toProviderError(error, { provider: PROVIDER, credentialsCheck: true, doing: 'Checking the credentials' });
      }
    },

    listInstances,

    getInstance: (id) => getInstance(id).catch(fail(`Reading instance ${id}`, id)),

    async findInstance(query) {
      try {
        const { name, owner: ref } = checkFindQuery(query);
        if (ref !== undefined) {
          const userId = await context.owners.resolve(ref);
          const id = await context.index.lookup(userId, name);
          const found = id === undefined ? undefined : await getInstance(String(id));
          if (found !== undefined || id === undefined) return found;
          context.index.forget(id);
          await context.index.rescan(userId);
          const again = await context.index.lookup(userId, name);
          return again === undefined ? undefined : await getInstance(String(again));
        }
        for await (const server of client.servers.list()) if (server.name === name) return await getInstance(String(server.id));
        return undefined;
      } catch (error) {
        throw toProviderError(error, { provider: PROVIDER, doing: `Finding instance ${JSON.stringify((query as { name?: unknown } | undefined)?.name)}` });
      }
    },

    createInstance: (input, createOptions) => createInstance(context, input, createOptions),

    destroyInstance: (id, destroyOptions) => destroy(id, destroyOptions).catch(fail(`Destroying instance ${id}`, id)),

    performAction: (id, action, params) => act(id, action, params).catch(fail(`${action} of instance ${id}`, id)),

    async resizeInstance(id, planId) {
      try {
        const numeric = requireId(id);
        const pkg = await context.catalog.plan(planId, 'planId');
        await client.servers.changePackage(numeric, pkg.id);
        remember(context, numeric, { planId: String(pkg.id) });
        const instance = await getInstance(id);
        if (instance === undefined) throw new ProviderError({ code: 'NOT_FOUND', provider: PROVIDER, serverId: id, message: `Instance ${id} disappeared during the resize.` });
        return instance;
      } catch (error) {
        throw toProviderError(error, { provider: PROVIDER, doing: `Resizing instance ${id}`, serverId: id });
      }
    },

    getPlans: () => context.catalog.plans().catch(fail('Reading plans')),
    getImages: async (query = {}) => {
      if (query === null || typeof query !== 'object' || (query.planId !== undefined && typeof query.planId !== 'string')) {
        throw new ProviderError({ code: 'VALIDATION_ERROR', provider: PROVIDER, field: 'planId', message: 'getImages takes { planId?: string }.' });
      }
      return context.catalog.images(query.planId).catch(fail('Reading images'));
    },
    getRegions: () => context.catalog.regions().catch(fail('Reading regions')),

    async listSshKeys(ref) {
      try {
        return (await client.sshKeys.listByUser(await context.owners.resolve(ref))).map(toSshKey);
      } catch (error) {
        throw toProviderError(error, { provider: PROVIDER, doing: `Listing the SSH keys of ${JSON.stringify(ref)}` });
      }
    },

    async importSshKey(ref, key): Promise<SshKey> {
      try {
        const publicKey = typeof key?.publicKey === 'string' ? key.publicKey.trim() : '';
        if (!/^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp\d+|sk-\S+) [A-Za-z0-9+/=]+/.test(publicKey)) {
          throw new ProviderError({ code: 'VALIDATION_ERROR', provider: PROVIDER, field: 'publicKey', message: 'publicKey must be an OpenSSH public key ("ssh-ed25519 AAAA…").' });
        }
        if (typeof key.name !== 'string' || key.name.trim() === '') {
          throw new ProviderError({ code: 'VALIDATION_ERROR', provider: PROVIDER, field: 'name', message: 'name must be a non-empty string.' });
        }
        const userId = await context.owners.resolve(ref);
        const material = (text: string | undefined) => (text ?? '').trim().split(/\s+/).slice(0, 2).join(' ');
        const existing = (await client.sshKeys.listByUser(userId)).find((k) => material(k.publicKey) === material(publicKey));
        if (existing) return toSshKey(existing);
        const created = await client.sshKeys.create({ userId, name: key.name, publicKey });
        // The create answer carries no publicKey (reads do).
        return { ...toSshKey(created), publicKey: created.publicKey ?? publicKey };
      } catch (error) {
        throw toProviderError(error, { provider: PROVIDER, doing: `Importing an SSH key for ${JSON.stringify(ref)}` });
      }
    },

    waiter,
    regionOfHost: (hypervisorId) => context.catalog.regionOfHost(hypervisorId).catch(fail(`Finding the region of hypervisor ${hypervisorId}`)),
    resolveOwner: (ref) => context.owners.resolve(ref),
  };
}
