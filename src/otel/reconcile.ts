import type { Tracer } from '@opentelemetry/api';
import type { ReconcileProgress } from '../fleet/errors';
import type { ReconcileEntry } from '../fleet/reconcile-entries';
import type { LocalServerRecord } from '../fleet/local-records';
import { ConfigurationError } from '../core/errors';
import { consoleWarn, TelemetryFailures } from './failures';
import { OperationSpan } from './long-operation';
import { checkProviders, checkWarn, tracerOf } from './options';
import type { TraceProviderOptions } from './provider';

/** Options of {@link traceReconcile}. */
export type TraceReconcileOptions = TraceProviderOptions;

const KINDS = ['matched', 'changed', 'external', 'missing'] as const;

/**
 * The same entries, read inside a `reconcile` span: the panel calls of the run are its children
 * (with {@link openTelemetry} on the client), and it ends with the pages read, the servers seen
 * and the entries by kind, also when the run fails half-way or the loop stops early.
 *
 * @example
 * ```ts
 * for await (const entry of traceReconcile(reconcile({ client: vf, local: records }))) {
 *   if (entry.kind === 'summary') console.log(entry.pagesRead);
 * }
 * ```
 */
export function traceReconcile<L extends LocalServerRecord>(
  entries: AsyncIterable<ReconcileEntry<L>>,
  options: TraceReconcileOptions = {},
): AsyncGenerator<ReconcileEntry<L>, void, undefined> {
  if (entries === null || typeof entries !== 'object' || typeof (entries as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function') {
    throw new ConfigurationError({ message: 'traceReconcile(entries) needs what reconcile() returns (an async iterable).' });
  }
  const providers = checkProviders('traceReconcile', options);
  const warn = checkWarn('traceReconcile', options?.warn) ?? consoleWarn;
  const failures = new TelemetryFailures();
  let tracer: Tracer | undefined;
  try {
    tracer = tracerOf(providers);
  } catch (error) {
    failures.report(error, warn);
  }
  return traced(entries, () => new OperationSpan(tracer, 'reconcile', {}, failures, warn));
}

async function* traced<L extends LocalServerRecord>(entries: AsyncIterable<ReconcileEntry<L>>, start: () => OperationSpan): AsyncGenerator<ReconcileEntry<L>, void, undefined> {
  const operation = start();
  const counts: Record<(typeof KINDS)[number], number> = { matched: 0, changed: 0, external: 0, missing: 0 };
  const iterator = operation.run(() => entries[Symbol.asyncIterator]());
  let finished = false;
  let failure: { error: unknown } | undefined;
  const record = (facts: Partial<Record<'pages_read' | 'servers_seen' | 'local_records' | 'confirmations' | 'recovered', number>>) =>
    operation.guard((span) => {
      for (const kind of KINDS) span.setAttribute(`virtfusion.reconcile.${kind}`, counts[kind]);
      for (const [name, value] of Object.entries(facts)) if (typeof value === 'number') span.setAttribute(`virtfusion.reconcile.${name}`, value);
    });
  try {
    while (true) {
      const step = await operation.run(() => iterator.next());
      if (step.done) break;
      const entry = step.value;
      if (entry.kind === 'summary') {
        record({ pages_read: entry.pagesRead, servers_seen: entry.serversSeen, local_records: entry.localRecords, confirmations: entry.confirmations, recovered: entry.recovered });
      } else {
        counts[entry.kind] += 1;
      }
      yield entry;
    }
    finished = true;
  } catch (error) {
    failure = { error };
    const progress = (error as { progress?: ReconcileProgress } | null)?.progress;
    record(progress === undefined ? {} : { pages_read: progress.pagesRead, servers_seen: progress.serversSeen });
    throw error;
  } finally {
    if (!finished && failure === undefined) {
      record({});
      operation.guard((span) => span.setAttribute('virtfusion.reconcile.stopped_early', true));
      await iterator.return?.();
    }
    operation.end(failure !== undefined, failure?.error);
  }
}
