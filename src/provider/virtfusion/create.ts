import { AbortError, ConnectionError, LockedError, NotFoundError, ProvisionError, ResponseValidationError, ServerError, TimeoutError, VirtFusionError } from '../../core/errors';
import type { UserId } from '../../resources/ids';
import type { BuildServerInput, CreateServerInput, HypervisorGroup, Package, Server, ServerOverview } from '../../resources/models';
import { ProviderError, toProviderError } from '../errors';
import { parseCreateInput } from '../input';
import type { CreatedInstance, CreateInstanceInput, CreateInstanceOptions, CreateProgress } from '../types';
import { checkCreateOptions } from './check-calls';
import { refuseOtherServer } from './name-conflict';
import { chooseNetworkProfile, refusalOf } from './network-profile';
import { parseCreateOptions, splitCreateOptions } from './options';
import { PROVIDER, remember, type ProviderContext } from './context';
import { toInstance } from './records';
import { instanceStatus } from './state-map';
import type { Release } from './turns';

/** A create whose answer never arrived (or arrived broken) may have happened. */
function unsure(error: unknown): boolean {
  return (
    error instanceof ConnectionError ||
    error instanceof TimeoutError ||
    error instanceof ResponseValidationError ||
    (error instanceof ServerError && error.status !== undefined && [502, 503, 504].includes(error.status))
  );
}

function withPassword(instance: CreatedInstance, password: string | undefined): CreatedInstance {
  if (password !== undefined) Object.defineProperty(instance, 'password', { value: password, enumerable: false });
  return instance;
}

interface CreatePlan {
  input: CreateInstanceInput;
  userId: UserId;
  server: CreateServerInput;
  build: BuildServerInput;
  options: CreateInstanceOptions;
  /** What the network-profile fallback needs when the panel refuses the profile sent. */
  profile: { pkg: Package; group: HypervisorGroup; requested: number | undefined; key: string };
}

function report(options: CreateInstanceOptions, progress: CreateProgress): void {
  options.onProgress?.(progress);
}

/**
 * Builds (if still allocated) and waits for a server that exists, whatever step it reached:
 * the resume path of a create that failed half-way or found its name already taken.
 */
async function finish(context: ProviderContext, plan: CreatePlan, serverId: number, needsBuild: boolean): Promise<CreatedInstance> {
  const { client } = context;
  const { signal } = plan.options;
  const id = String(serverId);
  let password: string | undefined;
  if (needsBuild) {
    report(plan.options, { step: 'build', instanceId: id });
    try {
      password = (await client.servers.build(serverId, plan.build, { signal })).settings?.decryptedPassword ?? undefined;
    } catch (error) {
      if (!(error instanceof LockedError) && !unsure(error)) throw error;
      // A build that may have started: the record says whether it did.
      const current = await client.servers.get(serverId, { signal });
      if (current.state === 'allocated') password = (await client.servers.build(serverId, plan.build, { signal })).settings?.decryptedPassword ?? undefined;
    }
  }
  if (plan.options.until === 'accepted') {
    const accepted = await client.servers.get(serverId, { signal });
    return withPassword(toInstance(accepted, context.known.get(serverId)), password);
  }
  return withPassword(toInstance(await built(context, plan, serverId), context.known.get(serverId)), password);
}

/** Waits for the build with every other pending build of the process (the shared waiter). */
async function built(context: ProviderContext, plan: CreatePlan, serverId: number): Promise<Server | ServerOverview> {
  const id = String(serverId);
  const done = await context.waiter.build(serverId, {
    ownerId: plan.userId,
    signal: plan.options.signal,
    timeout: context.wait.timeout,
    onProgress: (p) => report(plan.options, { step: 'waiting', instanceId: id, status: instanceStatus({ state: p.state, commissionStatus: p.commissionStatus }), elapsedMs: p.elapsedMs }),
  });
  report(plan.options, { step: 'ready', instanceId: id });
  return done;
}

/** Looks for the server a create without an answer may have made: new since `before`, unbuilt, unnamed or ours. */
async function findOrphan(context: ProviderContext, plan: CreatePlan, before: Set<number>): Promise<number | undefined> {
  const servers = await context.index.rescan(plan.userId, plan.options.signal);
  const fresh = servers.filter((s) => !before.has(s.id) && (s.name === plan.input.name || ((s.name ?? '') === '' && s.state === 'allocated')));
  return fresh.sort((a, b) => a.id - b.id)[0]?.id;
}

/**
 * Sends the create (holding the owner's turn, `release`, until the new id is recorded), then the
 * build, then waits with the shared waiter. The network profile is not tried first: a refusal of
 * the one sent falls back on a profile in use in the region (the refusal created nothing).
 */
async function createOnce(context: ProviderContext, plan: CreatePlan, release: Release): Promise<CreatedInstance> {
  const { client, index } = context;
  const { input, userId, options } = plan;
  const before = await index.knownIds(userId, options.signal);
  let profileChecked = false;
  for (let attempt = 1; ; ) {
    report(options, { step: 'create' });
    let result: { server: Server; password: string | undefined };
    try {
      result = await client.servers.provision({
        server: plan.server,
        build: plan.build,
        signal: options.signal,
        wait: false,
        onProgress: (p) => {
          if (p.step === 'created') {
            index.remember(userId, input.name, p.serverId);
            const created = typeof p.server.created === 'string' && !Number.isNaN(Date.parse(p.server.created)) ? new Date(Date.parse(p.server.created)).toISOString() : undefined;
            remember(context, p.serverId, { planId: input.planId, regionId: input.regionId, imageId: input.imageId, createdAt: created });
            release();
            report(options, { step: 'created', instanceId: String(p.serverId) });
          } else if (p.step === 'build') report(options, { step: 'build', instanceId: String(p.serverId) });
        },
      });
    } catch (error) {
      if (!(error instanceof ProvisionError)) throw error;
      if (error.step === 'create') {
        if (error.cause instanceof AbortError) {
          // The caller gave up while the create was in flight: find and name what it may have made, then report it.
          const orphan = await findOrphan(context, { ...plan, options: {} }, before).catch(() => undefined);
          if (orphan === undefined) throw error;
          index.remember(userId, input.name, orphan);
          await nameIt(context, orphan, input.name);
          throw new ProvisionError({ step: 'create', serverId: orphan, cause: error.cause, message: `Aborted after server ${orphan} was allocated; call createInstance again with the same name to resume, or destroy it.` });
        }
        const refused = profileChecked ? undefined : refusalOf(error.cause);
        if (refused !== undefined) {
          profileChecked = true;
          await fallBackOnProfile(context, plan, refused);
          continue;
        }
        if (!unsure(error.cause)) throw error;
        const orphan = await findOrphan(context, plan, before);
        if (orphan !== undefined) {
          index.remember(userId, input.name, orphan);
          remember(context, orphan, { planId: input.planId, regionId: input.regionId, imageId: input.imageId });
          release();
          report(options, { step: 'created', instanceId: String(orphan) });
          return await resume(context, plan, orphan, error);
        }
        if (attempt >= context.createAttempts) throw error;
        attempt += 1;
        continue;
      }
      if (error.step === 'build' && error.serverId !== undefined && (error.cause instanceof LockedError || unsure(error.cause))) {
        return await resume(context, plan, error.serverId, error);
      }
      if (error.serverId !== undefined) await nameIt(context, error.serverId, input.name);
      throw error;
    }
    const { server, password } = result;
    context.profiles.set(plan.profile.key, { profile: (plan.server as { networkProfile?: number }).networkProfile, at: Date.now() });
    if (options.until === 'accepted') return withPassword(toInstance(server, context.known.get(server.id)), password);
    let done: Server | ServerOverview;
    try {
      done = await built(context, plan, server.id);
    } catch (error) {
      throw new ProvisionError({
        step: 'wait',
        serverId: server.id,
        cause: error,
        status: error instanceof VirtFusionError ? error.status : undefined,
        retryable: false,
        message: `Provisioning failed at the wait step: ${error instanceof Error ? error.message : String(error)} Server ${server.id} is allocated; resume with build() or waitForBuild(), or delete it.`,
      });
    }
    return withPassword(toInstance(done, context.known.get(server.id)), password);
  }
}

/** After the panel refused the profile sent: the one to send instead, found with dry runs (cached for the catalogue period). */
async function fallBackOnProfile(context: ProviderContext, plan: CreatePlan, refused: string): Promise<void> {
  const { pkg, group, requested, key } = plan.profile;
  const { networkProfile: _sent, ...body } = plan.server as CreateServerInput & { networkProfile?: number };
  const profile = await chooseNetworkProfile(context.client, body as CreateServerInput, { pkg, group, requested, signal: plan.options.signal, refused });
  context.profiles.set(key, { profile, at: Date.now() });
  plan.server = (profile === undefined ? body : { ...body, networkProfile: profile }) as CreateServerInput;
}

/** Best effort: a server that failed before its build carries no name; give it ours so a retry finds it. */
async function nameIt(context: ProviderContext, serverId: number, name: string): Promise<void> {
  try {
    await context.client.servers.modify.name(serverId, name);
  } catch {
    // The error the caller gets already names the server id.
  }
}

async function resume(context: ProviderContext, plan: CreatePlan, serverId: number, failure: ProvisionError): Promise<CreatedInstance> {
  try {
    const server = await context.client.servers.get(serverId, { signal: plan.options.signal });
    return await finish(context, plan, serverId, server.state === 'allocated');
  } catch (error) {
    await nameIt(context, serverId, plan.input.name);
    throw new ProvisionError({
      step: failure.step,
      serverId,
      cause: error,
      status: error instanceof VirtFusionError ? error.status : undefined,
      message: `Server ${serverId} exists but is not ready: ${error instanceof Error ? error.message : String(error)} Call createInstance again with the same name to resume, or destroy it.`,
    });
  }
}

/** The exactly-once create of the VirtFusion provider (see docs/provider.md, "Exactly once"). */
export async function createInstance(context: ProviderContext, raw: CreateInstanceInput, options: CreateInstanceOptions = {}): Promise<CreatedInstance> {
  const doing = `Creating instance ${JSON.stringify((raw as { name?: unknown })?.name)}`;
  try {
    const input = parseCreateInput(PROVIDER, raw);
    if (input.password !== undefined) {
      throw new ProviderError({
        code: 'VALIDATION_ERROR',
        provider: PROVIDER,
        field: 'password',
        message: 'VirtFusion generates the root password during the build (returned as `password` on the result); it cannot be set to one of your choice.',
      });
    }
    const extras = { ...context.defaults, ...parseCreateOptions(input.providerOptions, 'providerOptions') };
    if (input.resources?.memoryMb !== undefined) extras.memory = input.resources.memoryMb;
    if (input.resources?.diskGb !== undefined) extras.storage = input.resources.diskGb;
    if (input.resources?.vcpus !== undefined) extras.cpuCores = input.resources.vcpus;
    checkCreateOptions(options);
    options.signal?.throwIfAborted();
    report(options, { step: 'validate' });
    const userId = await context.owners.resolve(input.owner);
    // Creates of one name wait for each other throughout; creates of one owner only until the new id is recorded.
    return await context.turns.run(
      `name:${userId}:${input.name}`,
      async () => {
        const { server: serverExtras, build: buildExtras } = splitCreateOptions(extras);
        const sshKeys = input.sshKeyIds === undefined ? undefined : await checkSshKeys(context, userId, input.sshKeyIds);
        const { pkg, group, templateId } = await context.catalog.check(input);
        const build: BuildServerInput = {
          operatingSystemId: Number(input.imageId),
          name: input.name,
          ...(input.hostname === undefined ? {} : { hostname: input.hostname }),
          ...(sshKeys === undefined ? {} : { sshKeys }),
          ...buildExtras,
        };
        const requested = extras.networkProfile;
        const profile = { pkg, group, requested, key: `${group.id}/${pkg.id}/${requested ?? ''}` };
        const plan: CreatePlan = { input, userId, server: undefined as never, build, options, profile };
        const release = await context.turns.take(`user:${userId}`, options.signal);
        try {
          const existing = await lookup(context, userId, input.name, options.signal);
          if (existing !== undefined) {
            release();
            report(options, { step: 'found', instanceId: String(existing.id) });
            await refuseOtherServer(context, existing, { pkg, group, templateId, extras, name: input.name, isOurs: options.isOurs });
            if (existing.state === 'complete' || existing.buildFailed) return toInstance(existing, context.known.get(existing.id));
            return await finish(context, plan, existing.id, existing.state === 'allocated');
          }
          plan.build.operatingSystemId = templateId;
          const body = { packageId: pkg.id, userId, hypervisorId: group.id, ...serverExtras } as CreateServerInput;
          const chosen = knownProfile(context, profile.key) ?? { profile: requested };
          plan.server = (chosen.profile === undefined ? body : { ...body, networkProfile: chosen.profile }) as CreateServerInput;
          return await createOnce(context, plan, release);
        } finally {
          release();
        }
      },
      options.signal,
    );
  } catch (error) {
    throw toProviderError(error, { provider: PROVIDER, doing });
  }
}

/** The network profile a fallback chose for this group, package and request within the catalogue period. */
function knownProfile(context: ProviderContext, key: string): { profile: number | undefined } | undefined {
  const cached = context.profiles.get(key);
  return cached !== undefined && Date.now() - cached.at <= context.catalogTtlMs ? cached : undefined;
}

/** The server already carrying this name for this owner, read fresh; undefined when there is none. */
async function lookup(context: ProviderContext, userId: UserId, name: string, signal: AbortSignal | undefined): Promise<Server | undefined> {
  const id = await context.index.lookup(userId, name, signal);
  if (id === undefined) return undefined;
  try {
    return await context.client.servers.get(id, { signal });
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    context.index.forget(id);
    return undefined;
  }
}

async function checkSshKeys(context: ProviderContext, userId: UserId, ids: string[]): Promise<number[]> {
  const keys = await context.client.sshKeys.listByUser(userId);
  return ids.map((id, index) => {
    const key = keys.find((k) => String(k.id) === id);
    if (key === undefined) {
      throw new ProviderError({ code: 'VALIDATION_ERROR', provider: PROVIDER, field: `sshKeyIds[${index}]`, message: `SSH key ${id} is not a key of this owner (import it with importSshKey first).` });
    }
    return key.id;
  });
}
