/**
 * Fleet operations: reconcile the panel with your records, follow changes, and provision servers
 * from a queue across many workers (BullMQ, an optional peer dependency loaded on first use).
 *
 * @packageDocumentation
 */
export { reconcile, type ReconcileOptions } from './reconcile';
export type { ChangedEntry, ExternalEntry, MatchedEntry, MissingEntry, ReconcileEntry, ReconcileSummary } from './reconcile-entries';
export type { ChangedField, FieldChange } from './compare';
export type { LocalRecords, LocalServerRecord } from './local-records';
export type { ServerFacts, ServerResources } from './panel-server';
export { MissingPeerDependencyError, ReconcileIncompleteError, type ReconcileProgress } from './errors';
