import type { VirtFusion } from '../../client';
import { AbortError, BuildFailedError, InputValidationError, NotFoundError, TaskFailedError, WaitTimeoutError } from '../../core/errors';
import type { QueueItem, Server, ServerOverview } from '../../resources/models';
import type { WebhookEvent } from '../../webhooks/event-types';
import { BuildTimes } from './build-times';

/** Anything that announces accepted (verified) webhook deliveries, such as a `createWebhookReceiver()` receiver. */
export interface WebhookEventSource {
  subscribe(listener: (event: WebhookEvent) => void): () => void;
}

/** Settings of a {@link BuildWaiter}. */
export interface BuildWaiterOptions {
  /**
   * How long a build usually takes on your panel, in ms. Default 60 000. Builds are read every
   * third of it (1 s to 60 s), and the expectation follows the builds this waiter sees finish.
   */
  expectedBuildMs?: number | undefined;
  /** A fixed number of ms between reads of builds and tasks instead (tests, demos). */
  interval?: number | undefined;
  /** Ms between reads of a queue task (power actions). Default 2000. */
  taskInterval?: number | undefined;
}

/** What a build wait reports after each read that covered it. */
export interface BuildWaitProgress {
  serverId: number;
  state: string;
  commissionStatus: number | undefined;
  elapsedMs: number;
}

/** Options of one {@link BuildWaiter.build} wait. */
export interface BuildWaitOptions {
  /**
   * The panel user who owns the server. With it, every pending build of that owner is read with
   * one `GET /servers/user/{ownerId}`; without it, the server is read alone.
   */
  ownerId?: number | undefined;
  /** Give up after this many ms (`WaitTimeoutError`). Default 15 minutes. */
  timeout?: number | undefined;
  /** Ends this wait (`AbortError`), and no other. */
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: BuildWaitProgress) => void) | undefined;
}

/** Options of one {@link BuildWaiter.task} wait. */
export interface TaskWaitOptions {
  timeout?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** A built server as the read that saw it done gave it: a full record, an owner-list overview, or a webhook's record. */
export type BuiltServer = Server | ServerOverview;

interface Pending {
  kind: 'build' | 'task';
  id: number;
  ownerId: number | undefined;
  /** The owner's list did not hold the server: read it alone. */
  readAlone: boolean;
  startedAt: number;
  dueAt: number;
  readInRound: boolean;
  deadline: number;
  lastPendingAt: number;
  onProgress: ((progress: BuildWaitProgress) => void) | undefined;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  detach(): void;
}

const BUILD_TIMEOUT_MS = 15 * 60_000;
const TASK_TIMEOUT_MS = 10 * 60_000;
const PAGE_SIZE = 200;
/** Reads due this close together are made in one go. */
const COALESCE_MS = 250;

function failedBuild(record: { buildFailed?: boolean | undefined; state?: unknown }): boolean {
  return record.buildFailed === true || record.state === 'failed';
}

/**
 * One loop that watches every pending build and task of a client: each round reads the panel once
 * for all of them (one page of `GET /servers?type=full&results=200`, the newest servers, when
 * several reads would be needed; for builds not on it one `GET /servers/user/{id}` per owner with
 * several, else one `GET /servers/{id}` per server; `GET /queue/{id}` per task), at an interval that follows how long builds take here. A `server.build`
 * delivery from a receiver given to {@link BuildWaiter.listen} ends a wait at once; with a receiver
 * listening, the first read of a build is put off to one and a half times the expected build, as a
 * net for a lost delivery. A read that fails keeps every wait it covered and is made again next
 * round; an abort or a timeout ends only its own wait.
 *
 * @example
 * ```ts
 * import { buildWaiterFor } from 'virtfusion-sdk/provider';
 *
 * const waiter = buildWaiterFor(vf);
 * waiter.listen(receiver); // optional: a createWebhookReceiver() receiver
 * const built = await waiter.build(serverId, { ownerId: userId });
 * ```
 */
export class BuildWaiter {
  readonly #client: VirtFusion;
  readonly #times: BuildTimes;
  readonly #interval: number | undefined;
  readonly #taskInterval: number;
  readonly #pending = new Set<Pending>();
  #listening = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #reading = false;
  /** The page of `GET /servers?results=200` that held the newest servers at the last read. */
  #newestPage = 1;

  constructor(client: VirtFusion, options: BuildWaiterOptions = {}) {
    this.#client = client;
    this.#times = new BuildTimes(positive(options.expectedBuildMs, 60_000, 'expectedBuildMs'));
    this.#interval = options.interval === undefined ? undefined : positive(options.interval, 0, 'interval');
    this.#taskInterval = positive(options.taskInterval, this.#interval ?? 2_000, 'taskInterval');
  }

  /** The build time the reads follow now, in ms. */
  get expectedBuildMs(): number {
    return this.#times.expectedMs;
  }

  /** Waits being watched. */
  get size(): number {
    return this.#pending.size;
  }

  /**
   * Ends waits with the verified `server.build` deliveries of `source`. Deliveries for servers no
   * one waits for are ignored. Returns a function that stops listening.
   */
  listen(source: WebhookEventSource): () => void {
    if (typeof source?.subscribe !== 'function') {
      throw new InputValidationError({ issues: [{ path: ['source'], message: 'listen() needs a webhook receiver (createWebhookReceiver) or anything with subscribe(listener)' }] });
    }
    const unsubscribe = source.subscribe((event) => this.#onWebhook(event));
    this.#listening += 1;
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      this.#listening -= 1;
      unsubscribe();
    };
  }

  /**
   * Until the build of `serverId` completes. Rejects with `BuildFailedError` when the panel
   * reports it failed, `WaitTimeoutError` after `timeout`, `AbortError` on `signal`.
   */
  build(serverId: number, options: BuildWaitOptions = {}): Promise<BuiltServer> {
    const first = this.#interval ?? (this.#listening > 0 ? Math.round(this.#times.expectedMs * 1.5) : this.#times.intervalMs);
    return this.#watch('build', serverId, options.ownerId, first, options.timeout ?? BUILD_TIMEOUT_MS, options.signal, options.onProgress) as Promise<BuiltServer>;
  }

  /** Until queue task `queueId` finishes. Rejects with `TaskFailedError`, `WaitTimeoutError` or `AbortError`. */
  task(queueId: number, options: TaskWaitOptions = {}): Promise<QueueItem> {
    return this.#watch('task', queueId, undefined, this.#taskInterval, options.timeout ?? TASK_TIMEOUT_MS, options.signal, undefined) as Promise<QueueItem>;
  }

  #watch(kind: Pending['kind'], id: number, ownerId: number | undefined, firstMs: number, timeout: number, signal: AbortSignal | undefined, onProgress: Pending['onProgress']): Promise<unknown> {
    const what = kind === 'build' ? `server ${id} to finish building` : `queue task ${id}`;
    if (signal?.aborted) return Promise.reject(new AbortError({ message: `Waiting for ${what} was aborted by the caller.`, cause: signal.reason }));
    return new Promise((resolve, reject) => {
      const now = Date.now();
      const onAbort = () => this.#end(entry, new AbortError({ message: `Waiting for ${what} was aborted by the caller.`, cause: signal?.reason }));
      const entry: Pending = {
        kind,
        id,
        ownerId,
        readAlone: ownerId === undefined,
        startedAt: now,
        dueAt: now + firstMs,
        readInRound: false,
        deadline: now + timeout,
        lastPendingAt: now,
        onProgress,
        resolve,
        reject,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.add(entry);
      this.#schedule();
    });
  }

  #end(entry: Pending, error: unknown, value?: unknown): void {
    if (!this.#pending.delete(entry)) return;
    entry.detach();
    if (error === undefined) entry.resolve(value);
    else entry.reject(error);
    if (this.#pending.size === 0 && this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  #schedule(): void {
    if (this.#reading) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.size === 0) return;
    let next = Infinity;
    for (const entry of this.#pending) next = Math.min(next, entry.dueAt, entry.deadline);
    this.#timer = setTimeout(() => void this.#round(), Math.max(0, next - Date.now()));
  }

  #intervalOf(entry: Pending): number {
    return entry.kind === 'task' ? this.#taskInterval : (this.#interval ?? this.#times.intervalMs);
  }

  async #round(): Promise<void> {
    this.#timer = undefined;
    this.#reading = true;
    try {
      const now = Date.now();
      for (const entry of this.#pending) {
        if (now >= entry.deadline) {
          const what = entry.kind === 'build' ? `server ${entry.id} to finish building` : `queue task ${entry.id}`;
          this.#end(entry, new WaitTimeoutError({ message: `Gave up waiting for ${what} after ${entry.deadline - entry.startedAt} ms.`, retryable: true }));
        }
      }
      for (const entry of this.#pending) entry.readInRound = false;
      const due = [...this.#pending].filter((e) => e.dueAt <= now + COALESCE_MS);
      const owners = new Set<number>();
      const alone = new Set<number>();
      const tasks = new Set<number>();
      const perOwner = new Map<number, number>();
      for (const entry of this.#pending) if (entry.kind === 'build' && !entry.readAlone) perOwner.set(entry.ownerId!, (perOwner.get(entry.ownerId!) ?? 0) + 1);
      for (const entry of due) {
        if (entry.kind === 'task') tasks.add(entry.id);
        // An owner with one pending build: its full record costs the same one read.
        else if (entry.readAlone || perOwner.get(entry.ownerId!) === 1) alone.add(entry.id);
        else owners.add(entry.ownerId!);
      }
      // Several reads of builds: one page of the panel's list (the newest 200 servers) may answer for all of them.
      if (owners.size + alone.size >= 2) {
        const found = await this.#readPage();
        const missed = due.filter((e) => e.kind === 'build' && !found.has(e.id));
        for (const id of [...alone]) if (!missed.some((e) => e.id === id)) alone.delete(id);
        for (const ownerId of [...owners]) if (!missed.some((e) => e.ownerId === ownerId)) owners.delete(ownerId);
      }
      await Promise.all([
        ...[...owners].map((ownerId) => this.#readOwner(ownerId)),
        ...[...alone].map((serverId) => this.#readServer(serverId)),
        ...[...tasks].map((queueId) => this.#readTask(queueId)),
      ]);
      // What this round learnt of build times applies to every wait it read: their next read is together, one interval on.
      const end = Date.now();
      for (const entry of this.#pending) if (entry.readInRound) entry.dueAt = end + this.#intervalOf(entry);
    } finally {
      this.#reading = false;
      this.#schedule();
    }
  }

  /** The waits matching `match`, marked as read in this round (a failed read counts: it is tried again next interval). */
  #read(match: (entry: Pending) => boolean): Pending[] {
    const covered = [...this.#pending].filter(match);
    for (const entry of covered) entry.readInRound = true;
    return covered;
  }

  /**
   * Reads the list page that held the newest servers (`GET /servers?type=full&results=200`) and
   * settles every pending build on it. Resolves with the ids it held; when the read failed, with
   * every build's (they wait for the next round).
   */
  async #readPage(): Promise<Set<number>> {
    const page = this.#newestPage;
    let answer: { data?: unknown; last_page?: unknown };
    try {
      answer = (await this.#client.request('GET /servers', { query: { type: 'full', results: PAGE_SIZE, page } })) as typeof answer;
    } catch {
      return new Set(this.#read((e) => e.kind === 'build').map((e) => e.id));
    }
    const rows = (Array.isArray(answer?.data) ? answer.data : []) as Server[];
    const byId = new Map(rows.map((s) => [s.id, s]));
    const newestOnPage = Math.max(0, ...rows.map((s) => s.id));
    for (const entry of this.#read((e) => e.kind === 'build' && byId.has(e.id))) this.#settleBuild(entry, byId.get(entry.id)!);
    // Servers newer than this page: the panel lists by id, so they are on its last page.
    const lastPage = typeof answer?.last_page === 'number' ? answer.last_page : page;
    if ([...this.#pending].some((e) => e.kind === 'build' && e.id > newestOnPage)) this.#newestPage = Math.max(page, lastPage);
    return new Set(byId.keys());
  }

  async #readOwner(ownerId: number): Promise<void> {
    let servers: ServerOverview[];
    try {
      servers = await this.#client.servers.listByUser(ownerId as never);
    } catch {
      this.#read((e) => e.kind === 'build' && !e.readAlone && e.ownerId === ownerId);
      return;
    }
    const byId = new Map(servers.map((s) => [s.id, s]));
    for (const entry of this.#read((e) => e.kind === 'build' && !e.readAlone && e.ownerId === ownerId)) {
      const server = byId.get(entry.id);
      if (server === undefined) {
        // Given away or deleted: the server's own record says which, next round.
        entry.readAlone = true;
        continue;
      }
      this.#settleBuild(entry, server);
    }
  }

  async #readServer(serverId: number): Promise<void> {
    const matches = (e: Pending) => e.kind === 'build' && e.id === serverId;
    const server = await this.#readFor(matches, () => this.#client.servers.get(serverId));
    if (server === undefined) return;
    for (const entry of this.#read(matches)) this.#settleBuild(entry, server);
  }

  async #readTask(queueId: number): Promise<void> {
    const matches = (e: Pending) => e.kind === 'task' && e.id === queueId;
    const task = await this.#readFor(matches, () => this.#client.queue.get(queueId));
    if (task === undefined) return;
    for (const entry of this.#read(matches)) {
      if (task.failed) this.#end(entry, new TaskFailedError({ task, message: `The panel reported that queue task ${queueId} (${task.action ?? 'task'}) failed.` }));
      else if (task.finished) this.#end(entry, undefined, task);
    }
  }

  /**
   * One read for the entries `matches` picks. A failed read counts as their read this round; a 404
   * ends them with it, and other failures leave them for the next round.
   */
  async #readFor<T>(matches: (e: Pending) => boolean, load: () => Promise<T>): Promise<T | undefined> {
    try {
      return await load();
    } catch (error) {
      const covered = this.#read(matches);
      if (error instanceof NotFoundError) for (const entry of covered) this.#end(entry, error);
      return undefined;
    }
  }

  #settleBuild(entry: Pending, server: BuiltServer, viaWebhook = false): void {
    const now = Date.now();
    if (failedBuild(server)) {
      this.#end(entry, new BuildFailedError({ server, message: `The panel reported that the build of server ${entry.id} failed (state ${String(server.state)}).` }));
      return;
    }
    if (server.state === 'complete') {
      // A read saw it done somewhere since the last read that saw it pending: take the middle.
      this.#times.observe(viaWebhook ? now - entry.startedAt : (entry.lastPendingAt + now) / 2 - entry.startedAt);
      this.#end(entry, undefined, server);
      return;
    }
    entry.lastPendingAt = now;
    try {
      entry.onProgress?.({ serverId: entry.id, state: String(server.state), commissionStatus: server.commissionStatus, elapsedMs: now - entry.startedAt });
    } catch {
      // A progress listener's failure is its own.
    }
  }

  #onWebhook(event: WebhookEvent): void {
    if (event.event !== 'server.build') return;
    const server = (event.data as { server?: unknown })?.server as BuiltServer | undefined;
    if (server === null || typeof server !== 'object' || typeof server.id !== 'number') return;
    const failed = event.eventStatus === 'fail' || failedBuild(server);
    for (const entry of [...this.#pending]) {
      if (entry.kind !== 'build' || entry.id !== server.id) continue;
      if (failed) this.#settleBuild(entry, { ...server, buildFailed: true });
      else if (server.state === undefined || server.state === 'complete') this.#settleBuild(entry, { ...server, state: 'complete' }, true);
    }
  }
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InputValidationError({ issues: [{ path: [name], message: `must be a number of milliseconds, at least 0, got ${JSON.stringify(value)}` }] });
  }
  return value;
}
