import type { VirtFusion } from '../client';
import { AbortError, InputValidationError, NotFoundError } from '../core/errors';
import type { Server } from '../resources/models';
import type { WebhookEvent } from '../webhooks/event-types';
import { serverFacts } from './panel-server';
import type { PowerState, ServerChangeEvent, WatchedServer, WatchSnapshot } from './watch-events';
import { diffServer, watched } from './watch-state';

/** Anything that announces accepted webhook deliveries, such as a `createWebhookReceiver()` receiver. */
export interface WebhookEventSource {
  subscribe(listener: (event: WebhookEvent) => void): () => void;
}

/** Options of {@link watchServers}. */
export interface WatchServersOptions {
  client: VirtFusion;
  /** Milliseconds from the end of one polling pass to the start of the next. */
  interval: number;
  /** Ends the watch: iteration finishes without an error. */
  signal?: AbortSignal | undefined;
  /** Where a previous watch stopped (`watch.snapshot()`): only changes since are announced. */
  since?: WatchSnapshot | undefined;
  /**
   * Servers whose power state is read on every pass (`GET /servers/{id}?remoteState=true`, one
   * request each): a list, or a function read before each pass.
   */
  serverIds?: Iterable<number> | (() => Iterable<number>) | undefined;
  /** A webhook receiver whose accepted deliveries are merged: a change is announced once, by whichever sees it first. */
  webhooks?: WebhookEventSource | undefined;
  /**
   * Called when a pass fails (after the client's own retries); the watch goes on at the next
   * interval and announces no deletion from a failed pass. Without it, the error ends the iteration.
   */
  onError?: ((error: unknown) => void) | undefined;
}

/** A running watch: iterate it for events; take a snapshot to resume later. */
export interface ServerWatch extends AsyncIterable<ServerChangeEvent> {
  /** What the watch knows now, reflecting every event already handed out. */
  snapshot(): WatchSnapshot;
  /** Starts the next polling pass now instead of waiting for the interval. */
  refresh(): void;
}

const POWER_BY_EVENT: Record<string, PowerState> = {
  'server.boot': 'running',
  'server.restart': 'running',
  'server.poweroff': 'stopped',
  'server.shutdown': 'stopped',
};

function invalid(path: string, message: string): InputValidationError {
  return new InputValidationError({ issues: [{ path: [path], message }] });
}

function checkOptions(options: WatchServersOptions): void {
  if (options === null || typeof options !== 'object') throw invalid('options', 'watchServers(options) needs an object with `client` and `interval`');
  if (options.client === null || typeof options.client !== 'object' || typeof options.client.servers?.list !== 'function') throw invalid('client', 'must be a VirtFusion client');
  const { interval } = options;
  if (typeof interval !== 'number' || !Number.isFinite(interval) || interval <= 0 || interval > 2_147_483_647) {
    throw invalid('interval', `must be a positive number of milliseconds, got ${JSON.stringify(interval)}`);
  }
  const since = options.since;
  if (since !== undefined && (since === null || typeof since !== 'object' || since.version !== 1 || !Array.isArray(since.servers))) {
    throw invalid('since', 'must be a snapshot taken with watch.snapshot() (version 1)');
  }
  if (options.webhooks !== undefined && typeof options.webhooks?.subscribe !== 'function') throw invalid('webhooks', 'must be a webhook receiver (createWebhookReceiver) or have subscribe(listener)');
  if (options.serverIds !== undefined && typeof options.serverIds !== 'function' && typeof (options.serverIds as Iterable<number>)[Symbol.iterator] !== 'function') {
    throw invalid('serverIds', 'must be a list of server ids or a function returning one');
  }
}

function powerOf(record: Server): PowerState | undefined {
  if (record.state !== 'complete') return undefined;
  const remote = record.remoteState as { running?: unknown } | false | undefined;
  if (remote === false || remote === undefined || remote === null || typeof remote !== 'object' || typeof remote.running !== 'boolean') return undefined;
  return remote.running ? 'running' : 'stopped';
}

/**
 * Follows the servers of a panel and announces what changes: `created`, `deleted`,
 * `stateChanged`, `suspended`, `unsuspended`, `addressesChanged`, `packageChanged`, and
 * `powerChanged` for the servers in `serverIds` or reported by webhooks. Found by polling
 * (`GET /servers?type=full`, through the client and so within its rate limit), merged with the
 * deliveries of `webhooks`. A server is announced `deleted` only after a complete pass missed it
 * and `GET /servers/{id}` answered 404. Without `since`, the first pass announces every server as
 * `created` with `initial: true`.
 *
 * @example
 * ```ts
 * const watch = watchServers({ client: vf, interval: 60_000, since: await load(), signal });
 * for await (const event of watch) {
 *   await handle(event);
 *   await save(watch.snapshot());
 * }
 * ```
 */
export function watchServers(options: WatchServersOptions): ServerWatch {
  checkOptions(options);
  const { client, interval, signal } = options;
  /** The latest the watch knows, queued events included: what new reads are compared with. */
  const known = new Map<number, WatchedServer>();
  /** What the events already handed out say: what a snapshot holds. */
  const committed = new Map<number, WatchedServer>();
  for (const server of options.since?.servers ?? []) {
    known.set(server.id, server);
    committed.set(server.id, server);
  }
  let takenAt = options.since?.takenAt ?? 0;
  let first = options.since === undefined;
  /** When a webhook last changed what the watch knows of a server; older poll reads of it are stale. */
  const webhookAt = new Map<number, number>();
  const queue: ServerChangeEvent[] = [];
  let wake: (() => void) | undefined;
  let refreshAsked = false;
  let iterating = false;
  const notify = () => {
    wake?.();
    wake = undefined;
  };

  const apply = (after: WatchedServer, source: 'poll' | 'webhook', initial = false) => {
    const before = known.get(after.id);
    if (after.power === undefined && before?.power !== undefined && after.state === 'complete' && before.uuid === after.uuid) after.power = before.power;
    const events = diffServer(before, after, source, Date.now(), initial);
    if (events.length === 0) committed.set(after.id, after);
    queue.push(...events);
    known.set(after.id, after);
  };
  const commit = (event: ServerChangeEvent) => {
    if (event.type === 'deleted') {
      if (committed.get(event.serverId)?.uuid === event.server.uuid) committed.delete(event.serverId);
    } else committed.set(event.serverId, event.server);
  };

  const onWebhook = (event: WebhookEvent) => {
    const data = event.data as { server?: unknown };
    const server = data?.server;
    if (server === null || typeof server !== 'object' || typeof (server as { id?: unknown }).id !== 'number') return;
    const at = Date.now();
    const record = server as Server;
    if (event.event === 'server.destroy') {
      const before = known.get(record.id);
      if (before === undefined) return;
      known.delete(record.id);
      webhookAt.set(record.id, at);
      queue.push({ type: 'deleted', serverId: record.id, server: before, source: 'webhook', at });
    } else {
      const power = POWER_BY_EVENT[event.event];
      const after = watched(serverFacts(record), power);
      if (power === undefined) {
        const before = known.get(after.id);
        if (before?.power !== undefined) after.power = before.power;
      }
      webhookAt.set(record.id, at);
      apply(after, 'webhook');
    }
    takenAt = at;
    notify();
  };

  const readPower = async (ids: Iterable<number>) => {
    for (const id of ids) {
      const requested = Date.now();
      const record = await client.servers.get(id, { remoteState: true, signal }).catch((error: unknown) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      });
      if (record === undefined || (webhookAt.get(id) ?? 0) > requested) continue;
      apply(watched(serverFacts(record), powerOf(record)), 'poll', first);
    }
  };

  const pass = async () => {
    const seen = new Set<number>();
    let requested = Date.now();
    for await (const page of client.servers.list({ type: 'full', signal }).pages()) {
      for (const record of page.data) {
        seen.add(record.id);
        if ((webhookAt.get(record.id) ?? 0) > requested) continue;
        apply(watched(serverFacts(record), undefined), 'poll', first);
      }
      notify();
      requested = Date.now();
    }
    const powerIds = options.serverIds === undefined ? [] : [...(typeof options.serverIds === 'function' ? options.serverIds() : options.serverIds)];
    await readPower(powerIds);
    // Not on any page of a complete pass: deleted only if the panel says 404 (pages shift under deletions).
    for (const [id, before] of [...known]) {
      if (seen.has(id)) continue;
      const checked = Date.now();
      const record = await client.servers.get(id, { signal }).catch((error: unknown) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      });
      if ((webhookAt.get(id) ?? 0) > checked || known.get(id) !== before) continue;
      if (record === undefined) {
        known.delete(id);
        queue.push({ type: 'deleted', serverId: id, server: before, source: 'poll', at: Date.now() });
      } else {
        apply(watched(serverFacts(record), undefined), 'poll');
      }
    }
    first = false;
    takenAt = Date.now();
    for (const [id, at] of webhookAt) if (at < requested - interval) webhookAt.delete(id);
  };

  async function* run(): AsyncGenerator<ServerChangeEvent, void, undefined> {
    if (iterating) throw invalid('watch', 'is already being iterated; iterate a watch once');
    iterating = true;
    const unsubscribe = options.webhooks?.subscribe(onWebhook);
    const onAbort = () => notify();
    signal?.addEventListener('abort', onAbort);
    let passRunning: Promise<void> | undefined;
    let passError: { error: unknown } | undefined;
    let nextPassAt = 0;
    try {
      while (!signal?.aborted) {
        while (queue.length > 0) {
          const event = queue.shift()!;
          commit(event);
          yield event;
          if (signal?.aborted) return;
        }
        if (passError !== undefined) {
          const { error } = passError;
          passError = undefined;
          if (signal?.aborted || error instanceof AbortError) return;
          if (options.onError === undefined) throw error;
          options.onError(error);
        }
        if (passRunning === undefined && (refreshAsked || Date.now() >= nextPassAt)) {
          refreshAsked = false;
          passRunning = pass()
            .catch((error: unknown) => {
              passError = { error };
            })
            .finally(() => {
              passRunning = undefined;
              nextPassAt = Date.now() + interval;
              notify();
            });
        }
        if (queue.length > 0 || passError !== undefined) continue;
        await new Promise<void>((resolve) => {
          wake = resolve;
          const timer = passRunning === undefined ? setTimeout(notify, Math.max(0, nextPassAt - Date.now())) : undefined;
          const clear = () => timer !== undefined && clearTimeout(timer);
          wake = () => {
            clear();
            resolve();
          };
          if (signal?.aborted) wake();
        });
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      unsubscribe?.();
      await passRunning?.catch(() => undefined);
      iterating = false;
    }
  }

  return {
    [Symbol.asyncIterator]: () => run(),
    snapshot: () => ({ version: 1, takenAt, servers: [...committed.values()].map((server) => structuredClone(server)) }),
    refresh: () => {
      refreshAsked = true;
      notify();
    },
  };
}
