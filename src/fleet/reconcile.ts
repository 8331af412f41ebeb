import type { VirtFusion } from '../client';
import { AbortError, ConfigurationError, InputValidationError, NotFoundError, VirtFusionError } from '../core/errors';
import type { Server } from '../resources/models';
import { compareServer } from './compare';
import { ReconcileIncompleteError, type ReconcileProgress } from './errors';
import { LocalIndex, type IndexedRecord, type LocalRecords, type LocalServerRecord } from './local-records';
import { serverFacts, type ServerFacts, type ServerResources } from './panel-server';
import type { ReconcileEntry, ReconcileSummary } from './reconcile-entries';

/** Options of {@link reconcile}. */
export interface ReconcileOptions<L extends LocalServerRecord> {
  client: VirtFusion;
  /** Your records: an array, or an async iterable read once before the first page is requested. */
  local: LocalRecords<L>;
  /**
   * An extra identity check, after id and uuid agree: return false when your record describes
   * another server (for example a name you store that must match). Default: id and uuid decide.
   */
  match?: ((local: L, server: ServerFacts) => boolean) | undefined;
  /** What your `ownerRef` holds: the panel user's `extRelationId` (default) or its `relStr`. */
  owner?: 'extRelationId' | 'relStr' | undefined;
  signal?: AbortSignal | undefined;
  /** Called after every page and every confirmation. */
  onProgress?: ((progress: Readonly<ReconcileProgress>) => void) | undefined;
}

function checkOptions(options: ReconcileOptions<LocalServerRecord>): void {
  if (options === null || typeof options !== 'object') throw new ConfigurationError({ message: 'reconcile(options) needs an object with `client` and `local`.' });
  if (options.client === null || typeof options.client !== 'object' || typeof options.client.servers?.list !== 'function') {
    throw new ConfigurationError({ message: 'reconcile({ client }) needs a VirtFusion client.' });
  }
  if (options.match !== undefined && typeof options.match !== 'function') throw new ConfigurationError({ message: 'reconcile({ match }) must be a function.' });
  if (options.owner !== undefined && options.owner !== 'extRelationId' && options.owner !== 'relStr') {
    throw new ConfigurationError({ message: "reconcile({ owner }) must be 'extRelationId' or 'relStr'." });
  }
}

/**
 * Compares every server in the panel with your records and yields what it finds: `matched`,
 * `changed` (with the fields that differ), `external` (in the panel only) and `missing` (in your
 * records only), then a `summary`.
 *
 * The panel side is streamed, 200 full records a request; only your records are held. A record is
 * reported `missing` only after every page was read in one pass and `GET /servers/{id}` answered
 * 404 (or with another uuid) for it: paging by page number can skip a live server when others are
 * deleted during the pass, and a failed page proves nothing. Any failure ends the run with a
 * {@link ReconcileIncompleteError} and no `missing` entry at all.
 *
 * @example
 * ```ts
 * for await (const entry of reconcile({ client: vf, local: await db.servers() })) {
 *   if (entry.kind === 'missing') await db.markDeleted(entry.local.serverId);
 *   if (entry.kind === 'summary') console.log(entry);
 * }
 * ```
 */
export async function* reconcile<L extends LocalServerRecord>(options: ReconcileOptions<L>): AsyncGenerator<ReconcileEntry<L>, void, undefined> {
  checkOptions(options as unknown as ReconcileOptions<LocalServerRecord>);
  const { client, signal, onProgress } = options;
  const started = Date.now();
  const progress: ReconcileProgress = { stage: 'indexing', pagesRead: 0, lastPage: undefined, serversSeen: 0, candidatesChecked: 0, candidates: 0 };
  const summary: ReconcileSummary = {
    kind: 'summary', matched: 0, changed: 0, external: 0, missing: 0, recovered: 0, pagesRead: 0, serversSeen: 0, localRecords: 0, confirmations: 0, durationMs: 0,
  };
  const fail = (error: unknown): never => {
    if (error instanceof InputValidationError || error instanceof ConfigurationError) throw error;
    const aborted = error instanceof AbortError || (signal?.aborted ?? false);
    const where = progress.stage === 'confirming' ? `while confirming missing servers (${progress.candidatesChecked} of ${progress.candidates} checked)` : `after ${progress.pagesRead} of ${progress.lastPage ?? '?'} pages`;
    throw new ReconcileIncompleteError({
      message: `Reconcile ${aborted ? 'was aborted' : 'stopped'} ${where}: ${error instanceof Error ? error.message : String(error)} No server was reported missing.`,
      progress: { ...progress },
      retryable: !aborted && (error instanceof VirtFusionError ? error.retryable : false),
      cause: error,
    });
  };
  const report = () => onProgress?.({ ...progress });

  const index = await LocalIndex.build(options.local, signal).catch((error: unknown) => fail(error));
  summary.localRecords = index.all.length;
  const packages = await packageResources(client, index, signal).catch((error: unknown) => fail(error));
  const ownerOf = (record: Server): ServerFacts => {
    const facts = serverFacts(record);
    if (options.owner === 'relStr') facts.ownerRef = record.owner === undefined ? undefined : (record.owner.relStr ?? null) as never;
    return facts;
  };
  const same = (entry: IndexedRecord<L>, facts: ServerFacts): boolean =>
    (entry.record.serverId === undefined || entry.record.serverId === facts.id) &&
    (entry.record.uuid === undefined || entry.record.uuid === facts.uuid) &&
    (options.match === undefined || options.match(entry.record, facts));
  const compared = (entry: IndexedRecord<L>, facts: ServerFacts, record: Server): ReconcileEntry<L> => {
    const changes = compareServer(entry.record, facts, packages);
    if (changes.length === 0) {
      summary.matched += 1;
      return { kind: 'matched', local: entry.record, server: facts, record };
    }
    summary.changed += 1;
    return { kind: 'changed', local: entry.record, server: facts, record, changes, fields: changes.map((c) => c.field) };
  };
  /** Ids already reported external: a page that shifts forward (a server created mid-pass) repeats rows. */
  const externals = new Set<number>();
  const external = (facts: ServerFacts, record: Server): ReconcileEntry<L> | undefined => {
    if (externals.has(facts.id)) return undefined;
    externals.add(facts.id);
    summary.external += 1;
    return { kind: 'external', server: facts, record };
  };

  progress.stage = 'listing';
  try {
    for await (const page of client.servers.list({ type: 'full', signal }).pages()) {
      progress.pagesRead += 1;
      progress.lastPage = page.lastPage;
      for (const record of page.data) {
        progress.serversSeen += 1;
        const facts = ownerOf(record);
        const entry = [index.byId.get(facts.id), index.byUuid.get(facts.uuid)].find((e) => e !== undefined && same(e, facts));
        if (entry !== undefined) {
          if (entry.seen) continue;
          entry.seen = true;
          yield compared(entry, facts, record);
        } else {
          const out = external(facts, record);
          if (out) yield out;
        }
      }
      report();
    }
  } catch (error) {
    fail(error);
  }
  summary.pagesRead = progress.pagesRead;
  summary.serversSeen = progress.serversSeen;

  // Every page was read. What was not seen is only a candidate until checked one by one.
  progress.stage = 'confirming';
  const candidates = index.all.filter((entry) => !entry.seen);
  progress.candidates = candidates.length;
  const missing: ReconcileEntry<L>[] = [];
  const found: ReconcileEntry<L>[] = [];
  try {
    const byUuidOnly: IndexedRecord<L>[] = [];
    for (const entry of candidates) {
      signal?.throwIfAborted();
      if (entry.record.serverId === undefined) {
        byUuidOnly.push(entry);
        continue;
      }
      const record = await client.servers.get(entry.record.serverId, { signal }).catch((error: unknown) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      });
      summary.confirmations += 1;
      progress.candidatesChecked += 1;
      report();
      if (record === undefined) {
        missing.push({ kind: 'missing', local: entry.record, reason: 'not-found', confirmedBy: 'get' });
        continue;
      }
      const facts = ownerOf(record);
      if (same(entry, facts)) {
        summary.recovered += 1;
        found.push(compared(entry, facts, record));
      } else {
        const reused = entry.record.uuid !== undefined && entry.record.uuid !== facts.uuid;
        missing.push({ kind: 'missing', local: entry.record, reason: reused ? 'id-reused' : 'not-matched', confirmedBy: 'get' });
        const out = external(facts, record);
        if (out) found.push(out);
      }
    }
    if (byUuidOnly.length > 0) {
      const wanted = new Map(byUuidOnly.map((entry) => [entry.record.uuid!, entry]));
      for await (const page of client.servers.list({ type: 'full', signal }).pages()) {
        progress.pagesRead += 1;
        for (const record of page.data) {
          const entry = wanted.get(String(record.uuid));
          if (entry === undefined) continue;
          wanted.delete(String(record.uuid));
          summary.recovered += 1;
          found.push(compared(entry, ownerOf(record), record));
        }
        report();
      }
      progress.candidatesChecked += byUuidOnly.length;
      for (const entry of wanted.values()) missing.push({ kind: 'missing', local: entry.record, reason: 'not-found', confirmedBy: 'second-pass' });
    }
  } catch (error) {
    fail(error);
  }
  yield* found;
  summary.missing = missing.length;
  yield* missing;
  summary.pagesRead = progress.pagesRead;
  summary.durationMs = Date.now() - started;
  yield summary;
}

async function packageResources(client: VirtFusion, index: LocalIndex<LocalServerRecord>, signal: AbortSignal | undefined): Promise<Map<number, Partial<ServerResources>>> {
  const resources = new Map<number, Partial<ServerResources>>();
  if (index.packageIds.size === 0) return resources;
  for (const pkg of await client.packages.list({ signal })) {
    const p = pkg as { id: number; memory?: number; cpuCores?: number; primaryStorage?: number; traffic?: number };
    resources.set(p.id, { memory: p.memory, cpuCores: p.cpuCores, storage: p.primaryStorage, traffic: p.traffic });
  }
  for (const id of index.packageIds) {
    if (!resources.has(id)) {
      const entry = index.all.find((e) => e.record.packageId === id)!;
      throw new InputValidationError({ issues: [{ path: ['local', entry.position, 'packageId'], message: `package ${id} does not exist in the panel` }] });
    }
  }
  return resources;
}
