import { AbortError, ConnectionError, LockedError, NotFoundError, ProvisionError, ResponseValidationError, ServerError, TimeoutError, VirtFusionError } from '../../core/errors';
import type { UserId } from '../../resources/ids';
import type { BuildServerInput, CreateServerInput, Server } from '../../resources/models';
import { ProviderError, toProviderError } from '../errors';
import { parseCreateInput } from '../input';
import type { CreatedInstance, CreateInstanceInput, CreateInstanceOptions, CreateProgress } from '../types';
import { checkCreateOptions, refuseOtherServer } from './name-conflict';
import { chooseNetworkProfile } from './network-profile';
import { parseCreateOptions, splitCreateOptions } from './options';
import { PROVIDER, remember, type ProviderContext } from './context';
import { toInstance } from './records';
import { instanceStatus } from './state-map';

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
}

function report(options: CreateInstanceOptions, progress: CreateProgress): void {
  options.onProgress?.(progress);
}

/**
 * Builds (if still allocated) and waits for a server that exists, whatever step it reached:
 * the resume path of a create that failed half-way or found its name already taken.
 */
async function finish(context: ProviderContext, plan: CreatePlan, serverId: number, needsBuild: boolean): Promise<CreatedInstance> {
  const { client, wait } = context;
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
  const done = await client.servers.waitForBuild(serverId, {
    signal,
    interval: wait.interval,
    timeout: wait.timeout,
    onProgress: (p) => report(plan.options, { step: 'waiting', instanceId: id, status: instanceStatus({ state: p.state, commissionStatus: p.commissionStatus }), elapsedMs: p.elapsedMs }),
  });
  report(plan.options, { step: 'ready', instanceId: id });
  return withPassword(toInstance(done, context.known.get(serverId)), password);
}

/** Looks for the server a create without an answer may have made: new since `before`, unbuilt, unnamed or ours. */
async function findOrphan(context: ProviderContext, plan: CreatePlan, before: Set<number>): Promise<number | undefined> {
  const servers = await context.index.rescan(plan.userId, plan.options.signal);
  const fresh = servers.filter((s) => !before.has(s.id) && (s.name === plan.input.name || ((s.name ?? '') === '' && s.state === 'allocated')));
  return fresh.sort((a, b) => a.id - b.id)[0]?.id;
}

async function createOnce(context: ProviderContext, plan: CreatePlan): Promise<CreatedInstance> {
  const { client, index } = context;
  const { input, userId, options } = plan;
  const before = await index.knownIds(userId, options.signal);
  for (let attempt = 1; ; attempt += 1) {
    report(options, { step: 'create' });
    try {
      const { server, password } = await client.servers.provision({
        server: plan.server,
        build: plan.build,
        signal: options.signal,
        wait: options.until === 'accepted' ? false : { interval: context.wait.interval, timeout: context.wait.timeout },
        onProgress: (p) => {
          if (p.step === 'created') {
            index.remember(userId, input.name, p.serverId);
            remember(context, p.serverId, { planId: input.planId, regionId: input.regionId });
            report(options, { step: 'created', instanceId: String(p.serverId) });
          } else if (p.step === 'build') report(options, { step: 'build', instanceId: String(p.serverId) });
          else if (p.step === 'building') {
            const status = instanceStatus({ state: p.progress.state, commissionStatus: p.progress.commissionStatus });
            report(options, { step: 'waiting', instanceId: String(p.serverId), status, elapsedMs: p.progress.elapsedMs });
          } else if (p.step === 'complete') report(options, { step: 'ready', instanceId: String(p.serverId) });
        },
      });
      return withPassword(toInstance(server, context.known.get(server.id)), password);
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
        if (!unsure(error.cause)) throw error;
        const orphan = await findOrphan(context, plan, before);
        if (orphan !== undefined) {
          index.remember(userId, input.name, orphan);
          remember(context, orphan, { planId: input.planId, regionId: input.regionId });
          report(options, { step: 'created', instanceId: String(orphan) });
          return await resume(context, plan, orphan, error);
        }
        if (attempt >= context.createAttempts) throw error;
        continue;
      }
      if (error.step === 'build' && error.serverId !== undefined && (error.cause instanceof LockedError || unsure(error.cause))) {
        return await resume(context, plan, error.serverId, error);
      }
      if (error.serverId !== undefined) await nameIt(context, error.serverId, input.name);
      throw error;
    }
  }
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
    return await context.serialize(userId, async () => {
      const existing = await lookup(context, userId, input.name, options.signal);
      const { server: serverExtras, build: buildExtras } = splitCreateOptions(extras);
      const sshKeys = input.sshKeyIds === undefined ? undefined : await checkSshKeys(context, userId, input.sshKeyIds);
      const build: BuildServerInput = {
        operatingSystemId: Number(input.imageId),
        name: input.name,
        ...(input.hostname === undefined ? {} : { hostname: input.hostname }),
        ...(sshKeys === undefined ? {} : { sshKeys }),
        ...buildExtras,
      };
      const plan: CreatePlan = { input, userId, server: undefined as never, build, options };
      const { pkg, group, templateId } = await context.catalog.check(input);
      if (existing !== undefined) {
        report(options, { step: 'found', instanceId: String(existing.id) });
        await refuseOtherServer(context, existing, { pkg, group, templateId, extras, name: input.name, isOurs: options.isOurs });
        if (existing.state === 'complete' || existing.buildFailed) return toInstance(existing, context.known.get(existing.id));
        return await finish(context, plan, existing.id, existing.state === 'allocated');
      }
      plan.build.operatingSystemId = templateId;
      const body = { packageId: pkg.id, userId, hypervisorId: group.id, ...serverExtras } as CreateServerInput;
      const profile = await networkProfile(context, body, { pkg, group, requested: extras.networkProfile, signal: options.signal });
      plan.server = (profile === undefined ? body : { ...body, networkProfile: profile }) as CreateServerInput;
      return await createOnce(context, plan);
    });
  } catch (error) {
    throw toProviderError(error, { provider: PROVIDER, doing });
  }
}

/** The network profile for this group and package, chosen once per catalogue period (a dry run each time it is chosen). */
async function networkProfile(context: ProviderContext, body: CreateServerInput, choice: Parameters<typeof chooseNetworkProfile>[2]): Promise<number | undefined> {
  const key = `${choice.group.id}/${choice.pkg.id}/${choice.requested ?? ''}`;
  const cached = context.profiles.get(key);
  if (cached !== undefined && Date.now() - cached.at <= context.catalogTtlMs) return cached.profile;
  const profile = await chooseNetworkProfile(context.client, body, choice);
  context.profiles.set(key, { profile, at: Date.now() });
  return profile;
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
