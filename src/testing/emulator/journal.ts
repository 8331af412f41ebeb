import type { Route } from '../../generated/operations';
import type { FaultKind } from './faults';

/**
 * One request the emulator received, in arrival order.
 *
 * @example
 * ```ts
 * const [first] = emu.requests();
 * // { seq: 1, method: 'GET', path: '/api/v1/connect', route: 'GET /connect', query: {}, status: 200, durationMs: 1.2, ... }
 * ```
 */
export interface JournalEntry {
  /** 1 for the first request after start or reset; keeps counting when old entries are dropped. */
  seq: number;
  /** The emulator clock's time at arrival, in milliseconds. */
  time: number;
  method: string;
  /** The path as received, including `/api/v1`. */
  path: string;
  /** The operation that answered, when the path matched one. */
  route?: Route;
  /** The query, PHP style: `name[]` keys become arrays under `name`. */
  query: Record<string, string | string[]>;
  /**
   * The parsed JSON body, the raw text when it was not JSON, or undefined when empty. A body
   * longer than the journal's `bodyLimit` is kept as its first `bodyLimit` characters (a string).
   */
  body: unknown;
  /** Set when `body` was cut to the journal's `bodyLimit`. */
  bodyTruncated?: true;
  /** The status sent; 0 when the connection was reset without an answer. */
  status: number;
  /** The answer's body as sent, read like `body` (parsed JSON, text, or undefined when none). */
  answer?: unknown;
  /** Set when `answer` was cut to the journal's `bodyLimit`. */
  answerTruncated?: true;
  /** Real milliseconds from arrival to the last byte sent (or the reset); undefined while still answering. */
  durationMs?: number;
  /** The server the request was about: from the path, or the answer of `POST /servers`. */
  serverId?: number;
  /** The injected fault that shaped this answer, if any. */
  fault?: FaultKind;
}

/**
 * How much the journal keeps. Old entries beyond `limit` are dropped (and counted), so a long run
 * keeps the emulator's memory bounded.
 *
 * @example
 * ```ts
 * const journal: JournalOptions = { limit: 50_000, bodyLimit: 2048 };
 * ```
 */
export interface JournalOptions {
  /** Entries kept, newest last; older ones are dropped. Default 5000. */
  limit?: number;
  /** Characters kept of each request and answer body. Default 8192. */
  bodyLimit?: number;
}

/** What the journal has seen since start or reset, dropped entries included. */
export interface JournalStats {
  /** Requests received (the last `seq`). */
  total: number;
  /** Entries kept now. */
  kept: number;
  /** Oldest entries dropped to stay within `limit`. */
  dropped: number;
  /** Requests per status sent (`'0'` for resets, `'pending'` while answering). */
  byStatus: Record<string, number>;
}

/** What narrows a page of the journal. */
export interface JournalFilter {
  /** Part of the route template or of the path (case-insensitive). */
  route?: string;
  /** An exact status (`404`) or a class (`'5xx'`). */
  status?: string;
  serverId?: number;
}

const SERVER_PATH = /^\/api\/v1\/servers\/(\d+)(?:\/|$)/;

/**
 * Reads a body the way the journal keeps it: parsed JSON, the text, or undefined when empty.
 * `parse` gives the parsed value when the caller has it already.
 */
function readable(text: string | undefined, limit: number, parse?: () => unknown): { value: unknown; truncated: boolean } {
  if (text === undefined || text.trim() === '') return { value: undefined, truncated: false };
  if (text.length > limit) return { value: cut(text, limit), truncated: true };
  if (parse) return { value: parse(), truncated: false };
  try {
    return { value: JSON.parse(text) as unknown, truncated: false };
  } catch {
    return { value: text, truncated: false };
  }
}

/**
 * The first `limit` characters as a string of their own: a plain slice may keep the whole body
 * alive in V8 (a sliced string points into its parent), which would defeat the cap.
 */
function cut(text: string, limit: number): string {
  return Buffer.from(text.slice(0, limit), 'utf8').toString('utf8');
}

function positiveInteger(value: number | undefined, fallback: number, label: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`journal.${label} must be a whole number of at least 1`);
  return value;
}

function statusMatches(status: number, wanted: string): boolean {
  const klass = /^([1-5])xx$/i.exec(wanted);
  if (klass) return Math.floor(status / 100) === Number(klass[1]);
  return String(status) === wanted;
}

export class Journal {
  readonly limit: number;
  readonly bodyLimit: number;
  /** Kept entries, oldest first, from index `#head`. */
  #entries: JournalEntry[] = [];
  #head = 0;
  #seq = 0;
  #dropped = 0;
  #byStatus = new Map<string, number>();
  /** Entries of this generation (since the last clear) not yet closed. */
  #open = new WeakSet<JournalEntry>();
  /** Answer bodies as sent (cut to `bodyLimit`), read only when an entry is handed out: text is smaller than parsed JSON. */
  #answers = new WeakMap<JournalEntry, string>();

  constructor(options: JournalOptions = {}) {
    this.limit = positiveInteger(options.limit, 5000, 'limit');
    this.bodyLimit = positiveInteger(options.bodyLimit, 8192, 'bodyLimit');
  }

  /** Records an arrival; `text` is the raw request body and `parsed` what it reads as. */
  open(entry: Omit<JournalEntry, 'seq' | 'status' | 'body'>, text: string, parsed: unknown): JournalEntry {
    this.#seq += 1;
    const body = readable(text, this.bodyLimit, () => parsed);
    const record: JournalEntry = { seq: this.#seq, ...entry, body: body.value, status: 0 };
    if (body.truncated) record.bodyTruncated = true;
    const server = SERVER_PATH.exec(entry.path);
    if (server) record.serverId = Number(server[1]);
    this.#entries.push(record);
    this.#open.add(record);
    this.#count('pending', 1);
    if (this.#entries.length - this.#head > this.limit) {
      this.#head += 1;
      this.#dropped += 1;
      // Compacting now and then keeps dropping O(1) on average.
      if (this.#head >= this.limit) {
        this.#entries = this.#entries.slice(this.#head);
        this.#head = 0;
      }
    }
    return record;
  }

  /** Records what was sent; `text` is the answer's body (undefined when none). */
  answer(entry: JournalEntry, status: number, text: string | undefined): void {
    entry.status = status;
    if (text === undefined || text.trim() === '') return;
    const truncated = text.length > this.bodyLimit;
    this.#answers.set(entry, truncated ? cut(text, this.bodyLimit) : text);
    if (truncated) entry.answerTruncated = true;
    else if (entry.serverId === undefined && entry.route === 'POST /servers' && status === 201) {
      const id = (readable(text, this.bodyLimit).value as { data?: { id?: unknown } } | undefined)?.data?.id;
      if (typeof id === 'number') entry.serverId = id;
    }
  }

  /** Records the end of the exchange: the duration, and the status in the counts. */
  close(entry: JournalEntry, durationMs: number): void {
    if (entry.durationMs !== undefined) return;
    entry.durationMs = Math.round(durationMs * 1000) / 1000;
    if (!this.#open.delete(entry)) return;
    this.#count('pending', -1);
    this.#count(String(entry.status), 1);
  }

  #count(key: string, delta: number): void {
    const next = (this.#byStatus.get(key) ?? 0) + delta;
    if (next === 0) this.#byStatus.delete(key);
    else this.#byStatus.set(key, next);
  }

  /** A copy of an entry with its answer read. */
  #handOut(entry: JournalEntry): JournalEntry {
    const copy = structuredClone(entry);
    const text = this.#answers.get(entry);
    if (text !== undefined) copy.answer = entry.answerTruncated ? text : readable(text, Infinity).value;
    return copy;
  }

  list(): JournalEntry[] {
    return this.#entries.slice(this.#head).map((entry) => this.#handOut(entry));
  }

  /** A copy of a kept entry, by `seq`. */
  get(seq: number): JournalEntry | undefined {
    const first = this.#entries[this.#head];
    if (first === undefined || !Number.isInteger(seq) || seq < first.seq) return undefined;
    const entry = this.#entries[this.#head + (seq - first.seq)];
    return entry && this.#handOut(entry);
  }

  /**
   * Up to `limit` kept entries (live records, without their answers), newest first, with `seq` below `before` (all when undefined) and
   * matching the filter; `matched` counts every kept entry that matches.
   */
  page(filter: JournalFilter, before: number | undefined, limit: number): { entries: JournalEntry[]; matched: number } {
    const entries: JournalEntry[] = [];
    let matched = 0;
    const route = filter.route?.toLowerCase();
    for (let i = this.#entries.length - 1; i >= this.#head; i -= 1) {
      const entry = this.#entries[i]!;
      if (route && !(entry.route ?? '').toLowerCase().includes(route) && !entry.path.toLowerCase().includes(route)) continue;
      if (filter.status && !statusMatches(entry.status, filter.status)) continue;
      if (filter.serverId !== undefined && entry.serverId !== filter.serverId) continue;
      matched += 1;
      if (entries.length < limit && (before === undefined || entry.seq < before)) entries.push(entry);
    }
    return { entries, matched };
  }

  stats(): JournalStats {
    return { total: this.#seq, kept: this.#entries.length - this.#head, dropped: this.#dropped, byStatus: Object.fromEntries(this.#byStatus) };
  }

  clear(): void {
    this.#entries = [];
    this.#head = 0;
    this.#seq = 0;
    this.#dropped = 0;
    this.#byStatus = new Map();
    this.#open = new WeakSet();
    this.#answers = new WeakMap();
  }
}
