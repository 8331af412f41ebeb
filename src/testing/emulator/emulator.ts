import type { Server } from 'node:http';
import { TokenRegistry, type EmulatorToken } from './auth';
import { isManualClock, systemClock, type Clock } from './clock';
import { FaultInjector, type FaultRule } from './faults';
import { createInspectorHandler } from './inspector/http';
import { Journal, type JournalEntry, type JournalOptions, type JournalStats } from './journal';
import { createRandom } from './random';
import { RateLimiter, type RateLimitOptions } from './rate-limit';
import { createRouter } from './router';
import { resolveSeed, seedStore, type EmulatorSeed, type ResolvedSeed } from './seed';
import { LiveResources, listen } from './server';
import { createStateView, type EmulatorStateView } from './state-view';
import { EmulatorStore, type StoreSettings } from './state/store';
import { receiverSecrets, WebhookDispatcher, type WebhookDelivery, type WebhookReceiverConfig } from './webhooks';

/**
 * Options of {@link startEmulator}. Every one is optional.
 *
 * @example
 * ```ts
 * const emu = await startEmulator({
 *   seed: { servers: 450 },
 *   clock: createManualClock(),
 *   buildDuration: 30_000,
 *   rateLimit: { perMinute: 120 },
 *   faults: [{ kind: '503', probability: 0.1, method: 'GET' }],
 *   webhooks: [{ url: 'http://127.0.0.1:8080/hooks', token: 'hook-secret' }],
 * });
 * ```
 */
export interface EmulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Loopback address to listen on: `127.0.0.1` (default), `::1` or `localhost`. */
  host?: string;
  /** The data the panel starts with: `'default'` (default), `'empty'`, or an {@link EmulatorSeed}. */
  seed?: EmulatorSeed | 'default' | 'empty';
  /** Accepted API tokens. Default: one token with every scope, derived from the seed (`emu.token`). */
  tokens?: readonly (string | EmulatorToken)[];
  /** Per-token rate limit; off by default. */
  rateLimit?: RateLimitOptions;
  /** Fault-injection rules, applied in order; change them later with `emu.faults`. */
  faults?: readonly FaultRule[];
  /** Milliseconds (on the emulator clock) from a build request to `state: complete`. Default 5000. */
  buildDuration?: number;
  /** Milliseconds a queued task (power action, VNC, rescue...) takes. Default 1000. */
  taskDuration?: number;
  /** Where time comes from. Default: the system clock. A {@link ManualClock} enables `emu.advance()`. */
  clock?: Clock;
  /** Receivers of VirtFusion-format webhook deliveries. */
  webhooks?: readonly WebhookReceiverConfig[];
  /** How a package change answers: 200 `{info: [...]}` (default, current panels) or 204 (older panels). */
  packageChangeStatus?: 200 | 204;
  /** How much of the journal is kept: `{ limit: 5000, bodyLimit: 8192 }` by default. */
  journal?: JournalOptions;
}

/**
 * Changes fault injection while the emulator runs.
 *
 * @example
 * ```ts
 * emu.faults.set([{ kind: 'reset', times: 1, route: 'POST /servers' }], { seed: 7 });
 * emu.faults.clear();
 * ```
 */
export interface FaultControls {
  /** Replaces every rule; restarts the random sequence (from `seed` when given). */
  set(rules: readonly FaultRule[], options?: { seed?: number | string }): void;
  add(rule: FaultRule): void;
  clear(): void;
  list(): FaultRule[];
}

/**
 * A running emulator. Give `url` and `token` to the SDK (`new VirtFusion({ url, token })`).
 *
 * @example
 * ```ts
 * const emu = await startEmulator();
 * try {
 *   const vf = new VirtFusion({ url: emu.url, token: emu.token });
 *   await vf.request('GET /connect');
 * } finally {
 *   await emu.stop();
 * }
 * ```
 */
export interface Emulator {
  /** The panel's origin, such as `http://127.0.0.1:40123` (the API is under `/api/v1`). */
  readonly url: string;
  /** `url` followed by `/api/v1`. */
  readonly apiUrl: string;
  /** The inspector page: `url` followed by `/_emulator/`. Its JSON API is under `/_emulator/api/`. */
  readonly inspectorUrl: string;
  /** The first accepted token. */
  readonly token: string;
  readonly port: number;
  readonly clock: Clock;
  /** The seed the data was made from, every field decided. */
  readonly seed: ResolvedSeed;
  /** The panel's memory, for assertions. */
  readonly state: EmulatorStateView;
  readonly faults: FaultControls;
  /**
   * The requests received since start or the last reset, oldest first: the newest `journal.limit`
   * (5000 by default) with bodies cut to `journal.bodyLimit` characters. Older ones are dropped;
   * `seq` keeps counting and {@link Emulator.journalStats} counts them.
   */
  requests(): JournalEntry[];
  /** How many requests came, how many are kept and dropped, and how many got each status. */
  journalStats(): JournalStats;
  clearRequests(): void;
  /** Every webhook delivery made or under way. */
  deliveries(): WebhookDelivery[];
  /** Resolves when no webhook delivery is pending (retries included). */
  webhooksSettled(): Promise<void>;
  /** Moves a manual clock forward and runs whatever became due (builds, tasks, deletions). */
  advance(ms: number): void;
  /** Back to the seeded state: data, journal, deliveries, rate-limit windows and fault counters. */
  reset(): void;
  /** Closes the server and every connection. Safe to call twice. */
  stop(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function duration(value: number | undefined, fallback: number, label: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${label} must be a number of milliseconds, at least 0`);
  return value;
}

/**
 * Starts a stateful VirtFusion panel stand-in on a loopback port: every operation of the API, with
 * seeded data, a build lifecycle on an injectable clock, the panel's error bodies, an optional rate
 * limit, seeded fault injection and webhook deliveries.
 *
 * @example
 * ```ts
 * import { startEmulator, createManualClock } from 'virtfusion-sdk/testing';
 *
 * const clock = createManualClock();
 * const emu = await startEmulator({ clock, buildDuration: 60_000 });
 * const vf = new VirtFusion({ url: emu.url, token: emu.token });
 * const { data: server } = await vf.request('POST /servers', { body: { packageId: 1, userId: 2, hypervisorId: 1 } });
 * await vf.request('POST /servers/{serverId}/build', { path: { serverId: server.id }, body: { operatingSystemId: 46 } });
 * emu.advance(60_000);
 * await emu.stop();
 * ```
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new TypeError(`The emulator listens on loopback only (127.0.0.1, ::1 or localhost), not ${JSON.stringify(host)}`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError('port must be a whole number from 0 to 65535');
  const seed = resolveSeed(options.seed);
  const clock = options.clock ?? systemClock;
  const settings: StoreSettings = {
    buildDuration: duration(options.buildDuration, 5000, 'buildDuration'),
    taskDuration: duration(options.taskDuration, 1000, 'taskDuration'),
    packageChangeStatus: options.packageChangeStatus ?? 200,
  };
  if (settings.packageChangeStatus !== 200 && settings.packageChangeStatus !== 204) throw new RangeError('packageChangeStatus must be 200 or 204');
  const tokens = options.tokens ?? [`vf-emulator-${createRandom(`${seed.random}/token`).hex(40)}`];
  if (tokens.length === 0) throw new TypeError('tokens must hold at least one token');
  const registry = new TokenRegistry(tokens);
  const firstToken = typeof tokens[0] === 'string' ? tokens[0] : tokens[0]!.token;
  const rateLimiter = options.rateLimit ? new RateLimiter(options.rateLimit, clock) : undefined;
  const faults = new FaultInjector(options.faults ?? [], seed.random);
  const journal = new Journal(options.journal);
  const live = new LiveResources();
  let origin = '';
  const webhooks = new WebhookDispatcher(options.webhooks ?? [], clock, () => new URL(origin).host);

  const build = (): EmulatorStore => {
    const store = new EmulatorStore(clock, settings, seed.random);
    seedStore(store, seed, clock.now());
    store.emit = (event, data) => webhooks.emit(event, data);
    return store;
  };
  let store = build();

  const advance = (ms: number): void => {
    if (!isManualClock(clock)) throw new TypeError('advance() needs a manual clock: startEmulator({ clock: createManualClock() })');
    clock.advance(ms);
    store.tick();
  };
  const secrets = [...tokens.map((t) => (typeof t === 'string' ? t : t.token)), ...receiverSecrets(options.webhooks ?? [])];
  let actualPort = port;
  const inspector = createInspectorHandler(
    {
      store: () => store,
      journal,
      faults,
      webhooks,
      clock,
      advance,
      urls: () => ({ url: origin, apiUrl: `${origin}/api/v1`, inspectorUrl: `${origin}/_emulator/` }),
    },
    () => secrets,
    () => actualPort,
  );
  const listening = await listen(
    { route: createRouter(), faults, journal, pipeline: () => ({ store, tokens: registry, rateLimiter, origin }), inspector },
    live,
    host,
    port,
  );
  const { server } = listening;
  actualPort = listening.port;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  const ticker = isManualClock(clock) ? undefined : setInterval(() => store.tick(), 100);
  ticker?.unref();
  let stopping: Promise<void> | undefined;

  return {
    url: origin,
    apiUrl: `${origin}/api/v1`,
    inspectorUrl: `${origin}/_emulator/`,
    token: firstToken,
    port: actualPort,
    clock,
    seed,
    state: createStateView(() => store),
    faults: {
      set: (rules, setOptions) => faults.set(rules, setOptions?.seed),
      add: (rule) => faults.add(rule),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    requests: () => journal.list(),
    journalStats: () => journal.stats(),
    clearRequests: () => journal.clear(),
    deliveries: () => webhooks.deliveries(),
    webhooksSettled: () => webhooks.settled(),
    advance,
    reset() {
      store = build();
      journal.clear();
      webhooks.clear();
      rateLimiter?.reset();
      faults.rewind();
    },
    stop() {
      stopping ??= (async () => {
        if (ticker) clearInterval(ticker);
        live.clear();
        await webhooks.stop();
        await closeServer(server);
      })();
      return stopping;
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
