import { BuildFailedError, ConnectionError, ProvisionError, TimeoutError, VirtFusionError, type ProvisionStep } from '../core/errors';
import type { components } from '../generated/openapi';
import type { HypervisorId, UserId } from './ids';
import type { Invoker, ResourceCallOptions } from './invoker';
import type { BuildServerInput, CreateServerInput, Server, ServerListItem, ServerOverview, TemplateGroup } from './models';
import { PagePromise, toPage } from './page';
import { poll, type WaitOptions } from './poll';
import { ServerDisks, ServerHypervisorAssets, ServerRescue } from './server-extras';
import { ServerFirewall } from './server-firewall';
import { ServerInterfaces } from './server-interfaces';
import { ServerBackups, ServerIpv4, ServerModify, ServerPower, ServerTraffic, ServerVnc, ServerWhitelist } from './server-parts';
import { unwrap, unwrapOptional } from './unwrap';

type Schemas = components['schemas'];

/** Filters and paging of `vf.servers.list()`. */
export interface ListServersOptions extends ResourceCallOptions {
  /** `simple` (the default) gives short rows; `full` gives whole server records. */
  type?: 'simple' | 'full' | undefined;
  /** Only servers on these hypervisors (nodes). */
  hypervisorId?: HypervisorId | HypervisorId[] | undefined;
  /** Rows per page, 1–200. Iteration uses 200 unless this is set. */
  results?: number | undefined;
}

/** What `waitForBuild` reports after each read. */
export interface BuildProgress {
  serverId: number;
  state: string;
  commissionStatus: number | undefined;
  elapsedMs: number;
}

/** Options of {@link Servers.waitForBuild}. Defaults: every 5 s, for up to 15 minutes. */
export interface WaitForBuildOptions extends WaitOptions {
  onProgress?: ((progress: BuildProgress) => void) | undefined;
}

/** Steps `provision()` reports, in order. */
export type ProvisionProgress =
  | { step: 'create'; serverId: undefined }
  | { step: 'created'; serverId: number; server: Server }
  | { step: 'build'; serverId: number }
  | { step: 'building'; serverId: number; progress: BuildProgress }
  | { step: 'complete'; serverId: number; server: Server };

/** What `provision()` takes. */
export interface ProvisionInput {
  server: CreateServerInput;
  build: BuildServerInput;
  /** Wait for the build to complete (default), with these waiting options, or not at all. */
  wait?: boolean | WaitOptions | undefined;
  onProgress?: ((progress: ProvisionProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/** What `provision()` resolves with. `password` is the root password, shown only once by the panel. */
export interface ProvisionResult {
  server: Server;
  password: string | undefined;
}

const BUILD_INTERVAL_MS = 5_000;
const BUILD_TIMEOUT_MS = 15 * 60_000;

function buildFailed(server: Server): boolean {
  return server.buildFailed === true || server.state === 'failed';
}

/**
 * Servers: everything from allocation to deletion.
 *
 * @example
 * ```ts
 * const server = await vf.servers.create({ packageId: 1, userId, hypervisorId: groupId });
 * const built = await vf.servers.build(server.id, { operatingSystemId: 46, hostname: 'web-1' });
 * console.log(built.settings?.decryptedPassword);
 * await vf.servers.waitForBuild(server.id, { onProgress: (p) => console.log(p.state) });
 * ```
 */
export class Servers {
  readonly #invoker: Invoker;
  /** Boot, shut down, restart, power off. */
  readonly power: ServerPower;
  /** Name, memory, CPU cores, traffic, CPU throttle, storage. */
  readonly modify: ServerModify;
  readonly vnc: ServerVnc;
  readonly traffic: ServerTraffic;
  readonly backups: ServerBackups;
  readonly firewall: ServerFirewall;
  /** @since 7.1.0 */
  readonly interfaces: ServerInterfaces;
  readonly ipv4: ServerIpv4;
  readonly whitelist: ServerWhitelist;
  /** @since 7.1.0 */
  readonly disks: ServerDisks;
  /** @since 7.1.0 */
  readonly rescue: ServerRescue;
  /** @since 7.1.0 */
  readonly hypervisorAssets: ServerHypervisorAssets;

  constructor(invoker: Invoker) {
    this.#invoker = invoker;
    this.power = new ServerPower(invoker);
    this.modify = new ServerModify(invoker);
    this.vnc = new ServerVnc(invoker);
    this.traffic = new ServerTraffic(invoker);
    this.backups = new ServerBackups(invoker);
    this.firewall = new ServerFirewall(invoker);
    this.interfaces = new ServerInterfaces(invoker);
    this.ipv4 = new ServerIpv4(invoker);
    this.whitelist = new ServerWhitelist(invoker);
    this.disks = new ServerDisks(invoker);
    this.rescue = new ServerRescue(invoker);
    this.hypervisorAssets = new ServerHypervisorAssets(invoker);
  }

  /** Every server, paged. `await` gives the first page; `for await` walks them all. */
  list(options: ListServersOptions & { type: 'full' }): PagePromise<Server>;
  list(options?: ListServersOptions & { type?: 'simple' | undefined }): PagePromise<ServerListItem>;
  list(options: ListServersOptions = {}): PagePromise<Server | ServerListItem> {
    const { type, hypervisorId, results, ...call } = options;
    const hypervisors = hypervisorId === undefined ? undefined : Array.isArray(hypervisorId) ? hypervisorId : [hypervisorId];
    return new PagePromise(
      async (page, perPage, signal) =>
        toPage(
          (await this.#invoker.call('GET /servers', {
            ...call,
            signal,
            query: { type, hypervisorId: hypervisors, results: perPage, page },
          })) as Schemas['ServerPage'] as never,
        ),
      { perPage: results, signal: call.signal },
    );
  }

  /** The servers a user owns (not paged). Takes the panel's user id, not your external id. */
  async listByUser(userId: UserId, options: ResourceCallOptions = {}): Promise<ServerOverview[]> {
    return unwrap(await this.#invoker.call('GET /servers/user/{userId}', { ...options, path: { userId } }), 'GET /servers/user/{userId}') as ServerOverview[];
  }

  /** One server. `remoteState: true` adds the live hypervisor state (slower). */
  async get(serverId: number, options: ResourceCallOptions & { remoteState?: boolean } = {}): Promise<Server> {
    const { remoteState, ...call } = options;
    return unwrap(
      await this.#invoker.call('GET /servers/{serverId}', { ...call, path: { serverId }, query: { remoteState } }),
      'GET /servers/{serverId}',
    ) as Server;
  }

  /**
   * Allocates a server (`state: 'allocated'`); `build()` installs it. `hypervisorId` is a
   * hypervisor GROUP id. With `dryRun: true` the panel only validates. Never retried
   * automatically: after a connection error, look the server up before trying again.
   */
  async create(body: CreateServerInput, options: ResourceCallOptions & { dryRun?: boolean } = {}): Promise<Server> {
    const { dryRun, ...call } = options;
    const answer = await this.#invoker.call('POST /servers', { ...call, query: { dryRun }, body });
    return (dryRun ? (unwrapOptional(answer) ?? answer) : unwrap(answer, 'POST /servers')) as Server;
  }

  /**
   * Installs the operating system (or reinstalls). Resolves with the server in `state: 'queued'`;
   * the root password is in `settings.decryptedPassword` and is not shown again.
   */
  async build(serverId: number, body: BuildServerInput, options: ResourceCallOptions = {}): Promise<Server> {
    return unwrap(await this.#invoker.call('POST /servers/{serverId}/build', { ...options, path: { serverId }, body }), 'POST /servers/{serverId}/build') as Server;
  }

  /** Deletes a server, after `delay` minutes (0–43800) when given. */
  async delete(serverId: number, options: ResourceCallOptions & { delay?: number } = {}): Promise<void> {
    const { delay, ...call } = options;
    await this.#invoker.call('DELETE /servers/{serverId}', { ...call, path: { serverId }, query: { delay } });
  }

  async suspend(serverId: number, options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('POST /servers/{serverId}/suspend', { ...options, path: { serverId } });
  }

  async unsuspend(serverId: number, options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('POST /servers/{serverId}/unsuspend', { ...options, path: { serverId } });
  }

  /** Gives the server to another user (the panel's user id). */
  async changeOwner(serverId: number, newOwnerId: UserId, options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('PUT /servers/{serverId}/owner/{newOwnerId}', { ...options, path: { serverId, newOwnerId } });
  }

  /**
   * Moves the server to another package. Resolves with the panel's notes (`info`) when it
   * answered 200, or undefined for a 204 (older panels).
   */
  async changePackage(
    serverId: number,
    packageId: number,
    body?: Schemas['ChangePackageRequest'],
    options: ResourceCallOptions = {},
  ): Promise<{ info: string[] } | undefined> {
    const answer = await this.#invoker.call('PUT /servers/{serverId}/package/{packageId}', {
      ...options,
      path: { serverId, packageId },
      ...(body === undefined ? {} : { body }),
    });
    return (answer ?? undefined) as { info: string[] } | undefined;
  }

  /** Sets a new root password (or generates one) and returns it. */
  async resetPassword(serverId: number, body: Schemas['ResetServerPasswordRequest'], options: ResourceCallOptions = {}) {
    return unwrap(await this.#invoker.call('POST /servers/{serverId}/resetPassword', { ...options, path: { serverId }, body }), 'POST /servers/{serverId}/resetPassword');
  }

  /** Templates the server can be rebuilt with, grouped as the panel groups them. */
  async templates(serverId: number, options: ResourceCallOptions = {}): Promise<TemplateGroup[]> {
    return unwrap(await this.#invoker.call('GET /servers/{serverId}/templates', { ...options, path: { serverId } }), 'GET /servers/{serverId}/templates') as TemplateGroup[];
  }

  /** Replaces a section of the server's libvirt XML. */
  async customXml(serverId: number, body: Schemas['CustomXmlRequest'], options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('POST /servers/{serverId}/customXML', { ...options, path: { serverId }, body });
  }

  /**
   * Polls the server until its build completes. Throws `BuildFailedError` when the panel
   * reports a failed build, `WaitTimeoutError` after `timeout`, `AbortError` on `signal`.
   */
  async waitForBuild(serverId: number, options: WaitForBuildOptions = {}): Promise<Server> {
    const started = Date.now();
    return poll({
      what: `server ${serverId} to finish building`,
      timeout: options.timeout ?? BUILD_TIMEOUT_MS,
      interval: options.interval ?? BUILD_INTERVAL_MS,
      signal: options.signal,
      read: () => this.get(serverId, { signal: options.signal }),
      onRead: (server) =>
        options.onProgress?.({ serverId, state: String(server.state), commissionStatus: server.commissionStatus, elapsedMs: Date.now() - started }),
      settle: (server) => {
        if (buildFailed(server)) {
          throw new BuildFailedError({ server, message: `The panel reported that the build of server ${serverId} failed (state ${String(server.state)}).` });
        }
        return server.state === 'complete' ? server : undefined;
      },
    });
  }

  /**
   * Create, build and (by default) wait, reporting each step. If a step fails, the error is a
   * `ProvisionError` naming the step and carrying the id of the server already allocated, so
   * you can resume or clean up: nothing is retried, nothing is created twice.
   *
   * @example
   * ```ts
   * const { server, password } = await vf.servers.provision({
   *   server: { packageId: 1, userId, hypervisorId: groupId },
   *   build: { operatingSystemId: 46, hostname: 'web-1' },
   *   onProgress: (p) => console.log(p.step),
   * });
   * ```
   */
  async provision(input: ProvisionInput): Promise<ProvisionResult> {
    const { signal, onProgress } = input;
    let serverId: number | undefined;
    const step = async <T>(name: ProvisionStep, run: () => Promise<T>): Promise<T> => {
      try {
        return await run();
      } catch (error) {
        throw provisionError(name, serverId, error);
      }
    };

    onProgress?.({ step: 'create', serverId: undefined });
    const created = await step('create', () => this.create(input.server, { signal }));
    serverId = created.id;
    onProgress?.({ step: 'created', serverId, server: created });

    onProgress?.({ step: 'build', serverId });
    const built = await step('build', () => this.build(created.id, input.build, { signal }));
    const password = built.settings?.decryptedPassword ?? undefined;
    if (input.wait === false) return { server: built, password };

    const waitOptions = typeof input.wait === 'object' ? input.wait : {};
    const id = created.id;
    const done = await step('wait', () =>
      this.waitForBuild(id, { signal, ...waitOptions, onProgress: (progress) => onProgress?.({ step: 'building', serverId: id, progress }) }),
    );
    onProgress?.({ step: 'complete', serverId: id, server: done });
    return { server: done, password };
  }
}

function provisionError(step: ProvisionStep, serverId: number | undefined, cause: unknown): ProvisionError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const unsure = step === 'create' && (cause instanceof ConnectionError || cause instanceof TimeoutError);
  const where =
    serverId === undefined
      ? unsure
        ? 'The server may or may not have been allocated: look it up before trying again.'
        : 'No server was allocated.'
      : `Server ${serverId} is allocated; resume with build() or waitForBuild(), or delete it.`;
  return new ProvisionError({
    step,
    serverId,
    cause,
    status: cause instanceof VirtFusionError ? cause.status : undefined,
    retryable: false,
    message: `Provisioning failed at the ${step} step: ${reason} ${where}`,
  });
}
