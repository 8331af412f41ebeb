import { isResponseUnreadableError, isVirtFusionError, rateLimit, retry, RETRY_DEFAULTS, VirtFusion, type Logger, type RequestEventName } from '../../src/index';
import { FAULT_KINDS, startEmulator, type FaultKind, type FaultRule, type JournalEntry } from '../../src/testing';
import { createRandom } from '../../src/testing/emulator/random';
import { leaksIn, renderingsOf, secretForms } from '../helpers/leaks';
import { CREATE_KINDS, pickKind, planOperation, TAG, WRITE_KINDS, type OpKind, type SoakWorld } from './operations';

/*
 * The seed fixes the emulator's data, its fault draws and the sequence of operation kinds. With
 * several operations in flight, requests reach the emulator in an order that varies from run to
 * run, so which request draws which fault (and which record an operation targets) varies too:
 * a failure is reproduced from the shape its sample prints (route, error, journal trail), which
 * the emulator's counted fault rules (`times`, `route`) replay exactly; see retried-writes.test.ts.
 */

export interface SoakOptions {
  /** Seeds the operation mix, the emulator's data and its fault draws. */
  seed: number | string;
  /** Operations to run. */
  ops: number;
  /** Operations in flight at once. Default 16. */
  inFlight?: number;
  /** Share of requests that get a fault that changes the answer, spread evenly over the kinds. Default 0.2. */
  faultRate?: number;
  /** Client timeout per attempt, ms. Default 500; `slow-body` stalls three times as long. */
  timeoutMs?: number;
  /** An operation that has not settled after this long is a hang. Default 15 000 ms. */
  opBoundMs?: number;
  /** The whole run stops, counting what is still in flight as hangs, when no operation settles for this long. Default 30 000 ms. */
  stallMs?: number;
  /** Lets the retry layer resend POSTs: wrong on purpose, to show that the duplicate check bites. */
  retryPosts?: boolean;
}

/** One failure kept for the report, so a figure that is not zero can be reproduced. */
export interface SoakSample {
  opId: number;
  kind: OpKind;
  what: string;
}

export interface SoakFigures {
  seed: number | string;
  ops: number;
  inFlight: number;
  faultRate: number;
  durationMs: number;
  /** Per kind: operations that succeeded and that failed (with a typed error, or otherwise). */
  byKind: Record<string, { ok: number; failed: number }>;
  /** Requests the emulator received. */
  requests: number;
  faultsInjected: Record<string, number>;
  /** `retry` events: attempts the retry layer sent again. */
  retries: number;
  typedErrors: Record<string, number>;
  /** Creates that the journal shows applied more than once. */
  duplicates: number;
  /** POSTs sent more than once (the retry layer must never resend a POST without an opt-in). */
  postsResent: number;
  untyped: number;
  unhandled: number;
  hangs: number;
  /** Writes the journal shows applied that ended in an error claiming, or implying, that nothing happened. */
  misreportedApplied: number;
  /** ResponseUnreadableErrors whose `applied` disagrees with the journal, or that name no `lookup` for a write. */
  unreadableMisstated: number;
  tokenLeaks: number;
  samples: { untyped: SoakSample[]; misreported: SoakSample[]; leaks: string[]; hangs: SoakSample[] };
}

const EVENT_NAMES: readonly RequestEventName[] = ['request', 'response', 'retry', 'rateLimited', 'error'];
const MAY_OR_MAY_NOT = /may or may not have been applied/i;

/** True when an error tells its reader that the write may have happened: an unreadable 2xx, or a message that says so. */
export function admitsApplied(error: unknown): boolean {
  return isResponseUnreadableError(error) || MAY_OR_MAY_NOT.test(describe(error));
}
const SAMPLE_LIMIT = 20;

/** Rules giving `rate` of requests one answer-changing fault (every kind, the earlier ones a little more often), plus latency on a tenth. */
export function soakFaultRules(rate: number, timeoutMs: number): FaultRule[] {
  const kinds = FAULT_KINDS.filter((kind): kind is Exclude<FaultKind, 'latency'> => kind !== 'latency');
  // Rules are tried in order and the first that fires wins, so each gets the share that makes the total `rate`.
  const each = 1 - (1 - rate) ** (1 / kinds.length);
  return [
    { kind: 'latency', probability: 0.1, ms: 20 },
    ...kinds.map((kind): FaultRule => ({ kind, probability: each, ...(kind === 'slow-body' ? { ms: timeoutMs * 3 } : {}) })),
  ];
}

interface Outcome {
  opId: number;
  kind: OpKind;
  error?: unknown;
  hung?: boolean;
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `non-error thrown: ${String(error)}`;
}

/**
 * Runs `ops` operations (creates, builds, power actions, renames, deletes, reads) with `inFlight`
 * at once against an emulator that faults `faultRate` of requests, through a client with the
 * default middleware (retry, then rate limit). Returns the figures; it asserts nothing itself.
 */
export async function runSoak(options: SoakOptions): Promise<SoakFigures> {
  const inFlight = options.inFlight ?? 16;
  const faultRate = options.faultRate ?? 0.2;
  const timeoutMs = options.timeoutMs ?? 500;
  const opBoundMs = options.opBoundMs ?? 15_000;
  const stallMs = options.stallMs ?? 30_000;
  const random = createRandom(`${options.seed}/soak`);

  // The verdict reads every request of the run, so the journal keeps them all (its default keeps 5000).
  const emu = await startEmulator({
    seed: { random: options.seed },
    buildDuration: 60,
    taskDuration: 30,
    faults: soakFaultRules(faultRate, timeoutMs),
    journal: { limit: Number.MAX_SAFE_INTEGER },
  });
  const forms = secretForms(emu.token);
  const leaks: string[] = [];
  const noteLeaks = (where: string, renderings: Record<string, string>) => {
    for (const place of leaksIn(renderings, forms)) if (leaks.push(`${where}: ${place}`) > 1000) leaks.length = 1000;
  };
  const logLine = (level: string) => (details: unknown, message?: string) => noteLeaks(`log.${level}`, { line: `${safeJson(details)} ${String(message)}` });
  const logger: Logger = { debug: logLine('debug'), info: logLine('info'), warn: logLine('warn'), error: logLine('error') };

  // The default middleware (retry, then rate limit), with waits short enough for a soak and a budget that never throttles it.
  const vf = new VirtFusion({
    url: emu.url,
    token: emu.token,
    timeout: timeoutMs,
    logger,
    middleware: [
      retry({ minTimeout: 5, maxTimeout: 40, maxElapsed: 10_000, ...(options.retryPosts ? { methods: [...RETRY_DEFAULTS.methods, 'POST'] } : {}) }),
      rateLimit({ perMinute: 10_000_000, maxConcurrent: inFlight }),
    ],
  });
  let retries = 0;
  for (const name of EVENT_NAMES) {
    vf.on(name, (event) => {
      if (name === 'retry') retries += 1;
      noteLeaks(`event.${name}`, { event: safeJson(event) });
    });
  }

  let unhandled = 0;
  const onUnhandled = (reason: unknown) => {
    unhandled += 1;
    noteLeaks('unhandledRejection', renderingsOf(reason));
  };
  process.on('unhandledRejection', onUnhandled);

  const world: SoakWorld = {
    servers: emu.state.serverIds(),
    createdServers: [],
    users: [1001, 1002, 1003, 1004, 1005].map((ext) => ({ ext, id: Number((emu.state.user(ext) as { id: number }).id) })),
  };

  const outcomes: Outcome[] = [];
  const started = performance.now();
  let next = 0;
  let lastSettled = performance.now();
  let stalled = false;
  const pending = new Set<Outcome>();

  const runOne = async (opId: number): Promise<void> => {
    const kind = pickKind(random);
    const run = planOperation(kind, opId, { seed: options.seed, random, world, vf, timeoutMs, secrets: forms });
    const outcome: Outcome = { opId, kind };
    pending.add(outcome);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bound = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), opBoundMs)));
    try {
      const settled = await Promise.race([run().then(() => 'ok' as const), bound]);
      if (settled === 'hung') outcome.hung = true;
    } catch (error) {
      outcome.error = error;
    } finally {
      clearTimeout(timer);
      pending.delete(outcome);
      lastSettled = performance.now();
    }
    outcomes.push(outcome);
  };

  const worker = async (): Promise<void> => {
    while (next < options.ops && !stalled) await runOne((next += 1));
  };
  let watchdog: ReturnType<typeof setInterval> | undefined;
  const stall = new Promise<void>((resolve) => {
    watchdog = setInterval(() => {
      if (performance.now() - lastSettled > stallMs) {
        stalled = true;
        resolve();
      }
    }, 1_000);
  });
  await Promise.race([Promise.all(Array.from({ length: inFlight }, worker)), stall]);
  clearInterval(watchdog);
  for (const outcome of pending) outcomes.push({ ...outcome, hung: true });
  const durationMs = performance.now() - started;

  await vf.close();
  const journal = emu.requests();
  await emu.stop();
  // Late rejections of abandoned calls get a moment to surface before the listener goes.
  await new Promise((resolve) => setTimeout(resolve, 50));
  process.off('unhandledRejection', onUnhandled);

  const { samples, ...verdict } = judge(outcomes, journal, noteLeaks);
  return {
    ...verdict,
    seed: options.seed,
    ops: outcomes.length,
    inFlight,
    faultRate,
    durationMs: Math.round(durationMs),
    requests: journal.length,
    faultsInjected: countFaults(journal),
    retries,
    unhandled,
    tokenLeaks: leaks.length,
    samples: { ...samples, leaks: leaks.slice(0, SAMPLE_LIMIT) },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function countFaults(journal: readonly JournalEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of journal) if (entry.fault) increment(counts, entry.fault);
  return counts;
}

/** The journal entries of each tagged operation. */
function entriesByOp(journal: readonly JournalEntry[]): Map<number, JournalEntry[]> {
  const byOp = new Map<number, JournalEntry[]>();
  for (const entry of journal) {
    const tag = entry.query[TAG];
    if (typeof tag !== 'string') continue;
    const id = Number(tag);
    const list = byOp.get(id);
    if (list) list.push(entry);
    else byOp.set(id, [entry]);
  }
  return byOp;
}

const applied = (entry: JournalEntry) => entry.status >= 200 && entry.status <= 299;

/** Compares what each call ended with against what the journal says the panel did. */
function judge(outcomes: readonly Outcome[], journal: readonly JournalEntry[], noteLeaks: (where: string, renderings: Record<string, string>) => void) {
  const byOp = entriesByOp(journal);
  const byKind: Record<string, { ok: number; failed: number }> = {};
  const typedErrors: Record<string, number> = {};
  const samples = { untyped: [] as SoakSample[], misreported: [] as SoakSample[], hangs: [] as SoakSample[] };
  const keep = (list: SoakSample[], sample: SoakSample) => list.length < SAMPLE_LIMIT && list.push(sample);
  let duplicates = 0;
  let postsResent = 0;
  let untyped = 0;
  let hangs = 0;
  let misreportedApplied = 0;
  let unreadableMisstated = 0;
  const misreportShapes = new Set<string>();

  for (const { opId, kind, error, hung } of outcomes) {
    const tally = (byKind[kind] ??= { ok: 0, failed: 0 });
    const entries = byOp.get(opId) ?? [];
    if (hung) {
      hangs += 1;
      keep(samples.hangs, { opId, kind, what: `still pending; journal: ${entries.map((e) => `${e.method} ${e.path} ${e.status} ${e.fault ?? ''}`).join(', ')}` });
      continue;
    }
    if (error === undefined) tally.ok += 1;
    else {
      tally.failed += 1;
      noteLeaks(`error of op ${opId} (${kind})`, renderingsOf(error));
      if (isVirtFusionError(error)) increment(typedErrors, error.name);
      else {
        untyped += 1;
        keep(samples.untyped, { opId, kind, what: describe(error) });
      }
    }
    const appliedCount = entries.filter(applied).length;
    if (isResponseUnreadableError(error)) {
      const write = WRITE_KINDS.has(kind);
      const truthful = write ? error.applied && appliedCount > 0 && typeof error.lookup === 'string' : !error.applied;
      if (!truthful) {
        unreadableMisstated += 1;
        keep(samples.misreported, { opId, kind, what: `${describe(error)} (applied: ${String(error.applied)}, lookup: ${String(error.lookup)}, journal applied ${appliedCount})` });
      }
    }
    if (!WRITE_KINDS.has(kind)) continue;
    if (CREATE_KINDS.has(kind) && appliedCount > 1) duplicates += 1;
    if (entries.filter((entry) => entry.method === 'POST').length > 1) postsResent += 1;
    if (appliedCount > 0 && error !== undefined && !admitsApplied(error)) {
      misreportedApplied += 1;
      const trail = entries.map((e) => `${e.status}${e.fault ? `/${e.fault}` : ''}`).join(' → ');
      // One sample per shape of failure (class, method, journal trail), so that rare shapes are not hidden behind a common one.
      const shape = `${(error as Error).name} ${entries[0]?.method} ${trail}`;
      if (!misreportShapes.has(shape)) {
        misreportShapes.add(shape);
        keep(samples.misreported, { opId, kind, what: `${describe(error)} [journal: ${entries[0]?.method} ${entries[0]?.path}: ${trail}]` });
      }
    }
  }
  return { byKind, typedErrors, duplicates, postsResent, untyped, hangs, misreportedApplied, unreadableMisstated, samples };
}
