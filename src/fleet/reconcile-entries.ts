import type { Server } from '../resources/models';
import type { FieldChange } from './compare';
import type { LocalServerRecord } from './local-records';
import type { ServerFacts } from './panel-server';

/** A server in the panel and in your records, the same in every field you gave. */
export interface MatchedEntry<L extends LocalServerRecord = LocalServerRecord> {
  kind: 'matched';
  local: L;
  server: ServerFacts;
  record: Server;
}

/** A server in the panel and in your records whose owner, package, state, hostname or addresses differ. */
export interface ChangedEntry<L extends LocalServerRecord = LocalServerRecord> {
  kind: 'changed';
  local: L;
  server: ServerFacts;
  record: Server;
  /** The fields that differ, with both values. */
  changes: FieldChange[];
  /** The names of the fields that differ. */
  fields: FieldChange['field'][];
}

/** A server in the panel that none of your records names. */
export interface ExternalEntry {
  kind: 'external';
  server: ServerFacts;
  record: Server;
}

/**
 * One of your records whose server is gone: after a complete pass over every page, `GET
 * /servers/{id}` answered 404 (`reason: 'not-found'`), or answered with another uuid because the
 * panel gave the id to a new server (`reason: 'id-reused'`), or with a server your `match` function
 * refused (`reason: 'not-matched'`). Records with only a uuid are confirmed by a second complete
 * pass instead (`reason: 'not-found'`, `confirmedBy: 'second-pass'`).
 */
export interface MissingEntry<L extends LocalServerRecord = LocalServerRecord> {
  kind: 'missing';
  local: L;
  reason: 'not-found' | 'id-reused' | 'not-matched';
  confirmedBy: 'get' | 'second-pass';
}

/** Counts of what a reconcile found, and what it cost. */
export interface ReconcileSummary {
  kind: 'summary';
  matched: number;
  changed: number;
  external: number;
  missing: number;
  /** Records not seen in the pass that turned out to exist when checked one by one (a page shifted under the pass). */
  recovered: number;
  /** Pages of `GET /servers` read, both passes included. */
  pagesRead: number;
  /** Panel servers seen in the main pass. */
  serversSeen: number;
  localRecords: number;
  /** `GET /servers/{id}` confirmations made. */
  confirmations: number;
  durationMs: number;
}

/** What a reconcile yields; the last item is always the summary. */
export type ReconcileEntry<L extends LocalServerRecord = LocalServerRecord> =
  | MatchedEntry<L>
  | ChangedEntry<L>
  | ExternalEntry
  | MissingEntry<L>
  | ReconcileSummary;
