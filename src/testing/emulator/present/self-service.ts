import type { EmulatorStore } from '../state/store';
import type { CurrencyRecord, ResourcePackRecord, ServerRecord, UserRecord } from '../state/records';
import { DAY, isoOffset, monthName, monthStart, ymd } from '../time';
import { presentServerListItem } from './servers';

type Json = Record<string, unknown>;

const HOUR = 3_600_000;
const RANGE_DAYS: Record<string, number> = { d: 1, w: 7, '2w': 14, '3w': 21 };
const RANGE_NAMES: Record<string, string> = { d: 'day', w: 'week', '2w': '2 weeks', '3w': '3 weeks', m: 'month' };

/** Tokens a server costs per hour: half a token per GB of memory, a tenth per core. */
function hourlyTokens(server: ServerRecord): number {
  return server.memory / 2048 + server.cpuCores / 10;
}

const round = (n: number, places = 2): number => Math.round(n * 10 ** places) / 10 ** places;

function packUsage(total: number, used: number): Json {
  return { t: total, u: used, f: total - used, p: total === 0 ? 0 : round((used / total) * 100, 1), l: true };
}

export function presentResourcePack(store: EmulatorStore, pack: ResourcePackRecord, withServers: boolean): Json {
  const template = store.resourcePackTemplates.get(pack.templateId);
  const servers = [...store.servers.values()].filter((s) => s.resourcePackId === pack.id);
  const used = {
    servers: servers.length,
    memory: servers.reduce((sum, s) => sum + s.memory, 0),
    storage: servers.reduce((sum, s) => sum + s.storage, 0),
    cpu: servers.reduce((sum, s) => sum + s.cpuCores, 0),
    traffic: servers.reduce((sum, s) => sum + s.traffic, 0),
  };
  const limits = {
    total_servers: template?.servers ?? 0,
    total_memory: template?.memory ?? 0,
    total_storage: template?.storage ?? 0,
    total_cpu: template?.cpu ?? 0,
    total_traffic: template?.traffic ?? 0,
    max_memory: template?.maxMemory ?? 0,
    max_storage: template?.maxStorage ?? 0,
    max_cpu: template?.maxCpu ?? 0,
    max_traffic: template?.maxTraffic ?? 0,
  };
  return {
    type: 'pack',
    id: pack.id,
    pid: pack.templateId,
    label: null,
    name: `${template?.name ?? 'Pack'} · ${limits.total_servers} / ${limits.total_memory} / ${limits.total_storage}`,
    enabled: pack.enabled,
    limits,
    used,
    usage: {
      servers: packUsage(limits.total_servers, used.servers),
      memory: packUsage(limits.total_memory, used.memory),
      storage: packUsage(limits.total_storage, used.storage),
      cpu: packUsage(limits.total_cpu, used.cpu),
      traffic: packUsage(limits.total_traffic, used.traffic),
    },
    ...(withServers ? { servers: servers.map(presentServerListItem) } : {}),
  };
}

function defaultCurrency(store: EmulatorStore): CurrencyRecord | undefined {
  return [...store.currencies.values()].find((c) => c.isDefault);
}

function currencyDisplay(store: EmulatorStore, code?: string): Json {
  const fallback = defaultCurrency(store);
  const chosen = (code && [...store.currencies.values()].find((c) => c.code === code.toUpperCase())) || fallback;
  return {
    code: chosen?.code ?? '',
    prefix: chosen?.prefix ?? '',
    suffix: chosen?.suffix ?? '',
    value: chosen?.value ?? 0,
    currentValue: chosen?.value ?? 0,
    default: { code: fallback?.code ?? '', prefix: fallback?.prefix ?? '', suffix: fallback?.suffix ?? '' },
  };
}

interface Period {
  start: number;
  end: number;
}

function periodOf(first: string, range: string): Period {
  const start = Date.parse(`${first}T00:00:00Z`);
  const days = RANGE_DAYS[range];
  const end = days === undefined ? monthStart(start, 1) - 1000 : start + days * DAY - 1000;
  return { start, end };
}

/** Hours a server ran inside a period (up to `now`), and what they cost. */
function serverUsage(server: ServerRecord, period: Period, now: number): { hours: number; tokens: number } {
  const from = Math.max(server.created, period.start);
  const to = Math.min(now, period.end);
  const hours = to > from ? Math.floor((to - from) / HOUR) : 0;
  return { hours, tokens: round(hours * hourlyTokens(server)) };
}

function counter(hours: number, tokens: number): Json {
  return { hours, token: tokens, tokenReal: tokens };
}

export function presentUsage(store: EmulatorStore, user: UserRecord, periods: readonly string[], range: string, now: number): Json {
  const servers = [...store.servers.values()].filter((s) => s.ownerId === user.id);
  const firstDays = periods.length > 0 ? periods : [ymd(monthStart(now))];
  let totalHours = 0;
  let totalTokens = 0;
  const rows = firstDays.map((first) => {
    const period = periodOf(first, range);
    const perServer = servers.map((server) => ({ server, ...serverUsage(server, period, now) }));
    const hours = perServer.reduce((sum, s) => sum + s.hours, 0);
    const tokens = round(perServer.reduce((sum, s) => sum + s.tokens, 0));
    totalHours += hours;
    totalTokens += tokens;
    const seconds = Math.round((period.end + 1000 - period.start) / 1000);
    return {
      period: first,
      range: RANGE_NAMES[range] ?? 'month',
      start: isoOffset(period.start),
      end: isoOffset(period.end),
      timezone: 'UTC',
      currentPeriod: now >= period.start && now <= period.end,
      hoursInMonthPeriod: Math.round((monthStart(period.start, 1) - monthStart(period.start)) / HOUR),
      monthToHourRate: 730,
      monthToHourRateType: 1,
      days: Math.round(seconds / 86_400),
      hours: Math.round(seconds / 3600),
      minutes: Math.round(seconds / 60),
      seconds,
      usageServers: counter(hours, tokens),
      usageServersBillable: counter(hours, tokens),
      usageAddons: counter(0, 0),
      usageAddonsBillable: counter(0, 0),
      servers: perServer.filter((s) => s.hours > 0).map((s) => ({ id: s.server.id, name: s.server.name, hours: s.hours, tokens: s.tokens })),
    };
  });
  return {
    user: { id: user.id, relationalId: user.extRelationId ?? user.relStr, currency: defaultCurrency(store)?.code ?? null, timezone: user.timezone, name: user.name, email: user.email },
    usageServers: counter(totalHours, round(totalTokens)),
    usageServersBillable: counter(totalHours, round(totalTokens)),
    usageAddons: counter(0, 0),
    usageAddonsBillable: counter(0, 0),
    periods: rows,
  };
}

function monthTotals(store: EmulatorStore, user: UserRecord, offset: number, now: number): { hours: number; tokens: number; servers: number } {
  const start = monthStart(now, -offset);
  const period = { start, end: monthStart(start, 1) - 1000 };
  const servers = [...store.servers.values()].filter((s) => s.ownerId === user.id);
  const usage = servers.map((server) => serverUsage(server, period, now));
  return { hours: usage.reduce((s, u) => s + u.hours, 0), tokens: round(usage.reduce((s, u) => s + u.tokens, 0)), servers: servers.length };
}

function money(tokens: number, currency: CurrencyRecord | undefined): string {
  return (tokens * Number(currency?.value ?? 0)).toFixed(2);
}

export function presentHourlyStats(store: EmulatorStore, user: UserRecord, now: number): Json {
  const totals = monthTotals(store, user, 0, now);
  const credit = [...store.credits.values()].filter((c) => c.userId === user.id).reduce((sum, c) => sum + c.tokens, 0);
  return {
    periodId: 0,
    period: monthName(now),
    previousPeriod: monthName(monthStart(now, -1)),
    nextPeriod: monthName(monthStart(now, 1)),
    monthlyTotal: { hours: totals.hours, value: money(totals.tokens, defaultCurrency(store)), tokens: totals.tokens },
    servers: totals.servers,
    credit: { value: round(credit) },
    currency: currencyDisplay(store),
  };
}

export function presentReport(store: EmulatorStore, user: UserRecord, offset: number, currencyCode: string | undefined, now: number): Json {
  const start = monthStart(now, -offset);
  const totals = monthTotals(store, user, offset, now);
  const currency = currencyDisplay(store, currencyCode);
  const chosen = [...store.currencies.values()].find((c) => c.code === currency.code);
  const packs = [...store.resourcePacks.values()].filter((p) => p.userId === user.id).map((p) => presentResourcePack(store, p, false));
  return {
    usage: {
      servers: [],
      serversTotal: { hours: totals.hours, value: money(totals.tokens, chosen), tokens: totals.tokens },
      hourConversionRate: 730,
      monthlyTotal: { hours: totals.hours, value: money(totals.tokens, chosen), tokens: totals.tokens },
      addonsTotal: { hours: 0, value: 0, tokens: false },
      taxStatus: 3,
      success: true,
      history: String(offset),
      breakdown: true,
      term: monthName(start),
      previousTerm: monthName(monthStart(start, -1)),
      nextTerm: monthName(monthStart(start, 1)),
      period: { ymd: ymd(start), start: isoOffset(start), end: isoOffset(monthStart(start, 1) - DAY) },
      showHourlyRate: false,
      showMonthlyRate: false,
    },
    currency,
    limits: { success: true, packs },
  };
}
