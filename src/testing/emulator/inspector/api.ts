import { isManualClock, type Clock } from '../clock';
import { FAULT_KINDS, type FaultInjector } from '../faults';
import type { Journal, JournalFilter } from '../journal';
import type { EmulatorStore } from '../state/store';
import type { WebhookDispatcher } from '../webhooks';
import { FaultInputError, parseFaultRule } from './fault-input';
import { deliveryRow, journalRow, serverView } from './views';

/** What the inspector reads and changes. */
export interface InspectorDeps {
  store: () => EmulatorStore;
  journal: Journal;
  faults: FaultInjector;
  webhooks: WebhookDispatcher;
  clock: Clock;
  /** Moves a manual clock and runs what became due (`emu.advance`). */
  advance: (ms: number) => void;
  /** Where the emulator listens. */
  urls: () => { url: string; apiUrl: string; inspectorUrl: string };
}

/** An answer of the JSON API before masking and serialising. */
export interface ApiAnswer {
  status: number;
  body: unknown;
}

/** A request to the JSON API, below `/_emulator/api`. */
export interface ApiCall {
  method: string;
  /** `''` for the overview, otherwise `/servers`, `/journal/12`... */
  path: string;
  query: URLSearchParams;
  /** The parsed JSON body of a POST. */
  body: unknown;
}

class BadInput extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function problem(status: number, message: string, field?: string): ApiAnswer {
  return { status, body: { error: { message, ...(field === undefined ? {} : { field }) } } };
}

function wholeParam(query: URLSearchParams, name: string, fallback: number | undefined, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const text = query.get(name);
  if (text === null || text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) throw new BadInput(name, `${name} must be a whole number from 1 to ${max}`);
  return Number(text);
}

function clockView(clock: Clock) {
  const now = clock.now();
  return { now, iso: new Date(now).toISOString(), manual: isManualClock(clock) };
}

function faultsView(faults: FaultInjector) {
  return { rules: faults.active().map((live, index) => ({ index, ...live })), kinds: FAULT_KINDS };
}

function overview(deps: InspectorDeps): ApiAnswer {
  const store = deps.store();
  return {
    status: 200,
    body: {
      ...deps.urls(),
      servers: store.servers.size,
      users: store.users.size,
      journal: deps.journal.stats(),
      deliveries: deps.webhooks.records().length,
      faults: deps.faults.active().length,
      clock: clockView(deps.clock),
    },
  };
}

function servers(deps: InspectorDeps, query: URLSearchParams): ApiAnswer {
  const limit = wholeParam(query, 'limit', 50, 500)!;
  const page = wholeParam(query, 'page', 1)!;
  const store = deps.store();
  const now = store.clock.now();
  const ids = [...store.servers.keys()].sort((a, b) => b - a);
  const items = ids.slice((page - 1) * limit, page * limit).map((id) => serverView(store, store.servers.get(id)!, now));
  return { status: 200, body: { total: ids.length, page, limit, items } };
}

function journal(deps: InspectorDeps, query: URLSearchParams): ApiAnswer {
  const limit = wholeParam(query, 'limit', 50, 500)!;
  const before = wholeParam(query, 'before', undefined);
  const server = wholeParam(query, 'server', undefined);
  const status = query.get('status')?.trim() || undefined;
  if (status !== undefined && !/^([1-5]\d\d|0|[1-5]xx)$/i.test(status)) throw new BadInput('status', "status must be a status (404), 0 for resets, or a class ('5xx')");
  const filter: JournalFilter = { route: query.get('route')?.trim() || undefined, status, serverId: server };
  const { entries, matched } = deps.journal.page(filter, before, limit);
  const last = entries.at(-1);
  const more = last !== undefined && deps.journal.page(filter, last.seq, 1).entries.length > 0;
  return { status: 200, body: { stats: deps.journal.stats(), matched, items: entries.map(journalRow), nextBefore: more ? last.seq : null } };
}

function webhooks(deps: InspectorDeps, query: URLSearchParams): ApiAnswer {
  const limit = wholeParam(query, 'limit', 50, 500)!;
  const page = wholeParam(query, 'page', 1)!;
  const records = deps.webhooks.records();
  const items: unknown[] = [];
  for (let i = records.length - 1 - (page - 1) * limit; i >= 0 && items.length < limit; i -= 1) items.push(deliveryRow(records[i]!));
  return { status: 200, body: { total: records.length, page, limit, items } };
}

function postFault(deps: InspectorDeps, body: unknown): ApiAnswer {
  try {
    deps.faults.add(parseFaultRule(body));
  } catch (error) {
    if (error instanceof FaultInputError) return problem(400, error.message, error.field);
    throw error;
  }
  return { status: 201, body: faultsView(deps.faults) };
}

function advance(deps: InspectorDeps, body: unknown): ApiAnswer {
  if (!isManualClock(deps.clock)) return problem(409, 'the emulator runs on the system clock; start it with clock: createManualClock() to move time by hand');
  const ms = (body as { ms?: unknown } | null)?.ms;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > 366 * 86_400_000) return problem(400, 'ms must be milliseconds from 0 to one year', 'ms');
  deps.advance(ms);
  return { status: 200, body: clockView(deps.clock) };
}

/** Answers one call of the inspector's JSON API (documented in docs/emulator.md). */
export function answerApi(call: ApiCall, deps: InspectorDeps): ApiAnswer {
  const { method, path, query, body } = call;
  const item = /^\/(journal|webhooks|faults)\/(\d+)$/.exec(path);
  try {
    if (method === 'GET') {
      if (path === '') return overview(deps);
      if (path === '/servers') return servers(deps, query);
      if (path === '/journal') return journal(deps, query);
      if (path === '/webhooks') return webhooks(deps, query);
      if (path === '/faults') return { status: 200, body: faultsView(deps.faults) };
      if (path === '/clock') return { status: 200, body: clockView(deps.clock) };
      if (item?.[1] === 'journal') {
        const entry = deps.journal.get(Number(item[2]));
        return entry ? { status: 200, body: entry } : problem(404, `request ${item[2]} is not in the journal (never received, or dropped)`);
      }
      if (item?.[1] === 'webhooks') {
        const delivery = deps.webhooks.records().find((d) => d.id === Number(item[2]));
        return delivery ? { status: 200, body: delivery } : problem(404, `no webhook delivery ${item[2]}`);
      }
    }
    if (method === 'POST' && path === '/faults') return postFault(deps, body);
    if (method === 'POST' && path === '/clock/advance') return advance(deps, body);
    if (method === 'DELETE' && path === '/faults') {
      deps.faults.clear();
      return { status: 200, body: faultsView(deps.faults) };
    }
    if (method === 'DELETE' && item?.[1] === 'faults') {
      return deps.faults.remove(Number(item[2])) ? { status: 200, body: faultsView(deps.faults) } : problem(404, `no fault rule at index ${item[2]}`);
    }
  } catch (error) {
    if (error instanceof BadInput) return problem(400, error.message, error.field);
    throw error;
  }
  return problem(404, `no inspector endpoint ${method} /_emulator/api${path}`);
}
