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
export { watchServers, type ServerWatch, type WatchServersOptions, type WebhookEventSource } from './watch';
export type {
  AddressesChangedEvent,
  ChangeSource,
  CreatedEvent,
  DeletedEvent,
  PackageChangedEvent,
  PowerChangedEvent,
  PowerState,
  ServerChangeEvent,
  StateChangedEvent,
  SuspendedEvent,
  UnsuspendedEvent,
  WatchedServer,
  WatchSnapshot,
} from './watch-events';
export { createProvisioningQueue, type EnqueueOptions, type ProvisioningJob, type ProvisioningQueue, type ProvisioningQueueOptions } from './jobs/queue';
export { createProvisioningWorker, type ProvisioningWorker, type ProvisioningWorkerOptions } from './jobs/worker';
export { scheduleReconcile, type ReconcileSchedule, type ScheduleReconcileOptions } from './jobs/schedule';
export { DEFAULT_QUEUE_NAME, type ProvisioningJobData, type ProvisioningJobProgress, type ProvisioningJobResult, type TalisRequest } from './jobs/job-data';
export type { RedisConnection, RedisConnectionOptions } from './jobs/peers';
export type { JobLike, QueueLike, TelemetryLike, WorkerLike } from './jobs/bullmq-shapes';
