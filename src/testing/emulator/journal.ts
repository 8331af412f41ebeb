import type { Route } from '../../generated/operations';
import type { FaultKind } from './faults';

/**
 * One request the emulator received, in arrival order.
 *
 * @example
 * ```ts
 * const [first] = emu.requests();
 * // { seq: 1, method: 'GET', path: '/api/v1/connect', route: 'GET /connect', query: {}, status: 200, ... }
 * ```
 */
export interface JournalEntry {
  /** 1 for the first request after start or reset. */
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
  /** The parsed JSON body, the raw text when it was not JSON, or undefined when empty. */
  body: unknown;
  /** The status sent; 0 when the connection was reset without an answer. */
  status: number;
  /** The injected fault that shaped this answer, if any. */
  fault?: FaultKind;
}

export class Journal {
  #entries: JournalEntry[] = [];
  #seq = 0;

  open(entry: Omit<JournalEntry, 'seq' | 'status'>): JournalEntry {
    this.#seq += 1;
    const record: JournalEntry = { seq: this.#seq, ...entry, status: 0 };
    this.#entries.push(record);
    return record;
  }

  list(): JournalEntry[] {
    return this.#entries.map((entry) => structuredClone(entry));
  }

  clear(): void {
    this.#entries = [];
    this.#seq = 0;
  }
}
