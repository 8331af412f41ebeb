import { InputValidationError } from '../core/errors';
import type { ServerResources } from './panel-server';

/**
 * One of your records of a server. Give `serverId`, `uuid` or both (both is safest: a panel can
 * reuse an id). Every other field is compared only when you give it.
 */
export interface LocalServerRecord {
  /** The panel's server id. */
  serverId?: number | undefined;
  /** The panel's server uuid. */
  uuid?: string | undefined;
  /** Your id of the owner: the `extRelationId` of the panel user. */
  ownerRef?: number | string | undefined;
  /** The package you sold; compared through the package's resources (the server record does not name its package). */
  packageId?: number | undefined;
  /** Resources you expect the server to have (memory MB, CPU cores, storage GB, traffic GB). */
  resources?: Partial<ServerResources> | undefined;
  /** The panel state you expect (`complete`, `allocated`...). */
  state?: string | undefined;
  suspended?: boolean | undefined;
  hostname?: string | null | undefined;
  /** IPv4 addresses and IPv6 subnets (`2001:db8::/64`), in any order. */
  addresses?: readonly string[] | undefined;
}

/** Your records, as an array or streamed (an async iterable such as a database cursor). */
export type LocalRecords<L extends LocalServerRecord> = Iterable<L> | AsyncIterable<L>;

export interface IndexedRecord<L> {
  record: L;
  /** Position in `local`, for messages. */
  position: number;
  seen: boolean;
}

/**
 * Your records by server id and by uuid: the only thing a reconcile holds for the whole run.
 * Every record is checked as it is read; a record without an id, or an id given twice, stops the
 * run with an `InputValidationError` naming the record, before any request is sent.
 */
export class LocalIndex<L extends LocalServerRecord> {
  readonly byId = new Map<number, IndexedRecord<L>>();
  readonly byUuid = new Map<string, IndexedRecord<L>>();
  readonly all: IndexedRecord<L>[] = [];
  /** Package ids the records name, to resolve into resources. */
  readonly packageIds = new Set<number>();

  static async build<L extends LocalServerRecord>(local: LocalRecords<L>, signal: AbortSignal | undefined): Promise<LocalIndex<L>> {
    if (local === null || typeof local !== 'object' || (!(Symbol.iterator in local) && !(Symbol.asyncIterator in local))) {
      throw invalid(['local'], 'must be an array or an (async) iterable of records');
    }
    const index = new LocalIndex<L>();
    let position = 0;
    for await (const record of local as AsyncIterable<L>) {
      signal?.throwIfAborted();
      index.#add(record, position);
      position += 1;
    }
    return index;
  }

  #add(record: L, position: number): void {
    const path = ['local', position];
    if (record === null || typeof record !== 'object') throw invalid(path, `must be an object, got ${record === null ? 'null' : typeof record}`);
    const { serverId, uuid } = record;
    if (serverId === undefined && uuid === undefined) throw invalid(path, 'has neither `serverId` nor `uuid`: a record must name the server it describes');
    if (serverId !== undefined && (typeof serverId !== 'number' || !Number.isSafeInteger(serverId) || serverId < 1)) {
      throw invalid([...path, 'serverId'], `must be a positive integer, got ${JSON.stringify(serverId)}`);
    }
    if (uuid !== undefined && (typeof uuid !== 'string' || uuid.trim() === '')) throw invalid([...path, 'uuid'], `must be a non-empty string, got ${JSON.stringify(uuid)}`);
    if (record.packageId !== undefined) {
      if (typeof record.packageId !== 'number' || !Number.isSafeInteger(record.packageId) || record.packageId < 1) {
        throw invalid([...path, 'packageId'], `must be a positive integer, got ${JSON.stringify(record.packageId)}`);
      }
      this.packageIds.add(record.packageId);
    }
    const entry: IndexedRecord<L> = { record, position, seen: false };
    if (serverId !== undefined) {
      const earlier = this.byId.get(serverId);
      if (earlier) throw invalid([...path, 'serverId'], `server ${serverId} is already named by local[${earlier.position}]`);
      this.byId.set(serverId, entry);
    }
    if (uuid !== undefined) {
      const earlier = this.byUuid.get(uuid);
      if (earlier) throw invalid([...path, 'uuid'], `uuid ${uuid} is already named by local[${earlier.position}]`);
      this.byUuid.set(uuid, entry);
    }
    this.all.push(entry);
  }
}

function invalid(path: (string | number)[], message: string): InputValidationError {
  return new InputValidationError({ issues: [{ path, message }] });
}
