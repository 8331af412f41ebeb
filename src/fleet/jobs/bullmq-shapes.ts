import { InputValidationError } from '../../core/errors';

// The parts of BullMQ's objects this API hands out, described here so that the entry's types do
// not require bullmq to be installed. The objects are BullMQ's own: cast them to bullmq's types
// (`Queue`, `Worker`, `Job`) for the rest of their API.

/** A BullMQ job, as far as fleet jobs use it. */
export interface JobLike<Data = unknown, Result = unknown> {
  id?: string | undefined;
  name: string;
  data: Data;
  progress: unknown;
  returnvalue: Result;
  failedReason: string;
  attemptsMade: number;
  updateProgress(progress: object | number): Promise<void>;
}

/** A BullMQ queue, as far as fleet jobs use it. */
export interface QueueLike<Data = unknown, Result = unknown> {
  readonly name: string;
  getJob(jobId: string): Promise<JobLike<Data, Result> | undefined>;
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/** A BullMQ worker, as far as fleet jobs use it. */
export interface WorkerLike {
  readonly name: string;
  on(event: string, listener: (...args: any[]) => void): unknown;
  close(force?: boolean): Promise<void>;
}

/**
 * BullMQ's `telemetry` option, handed to BullMQ as is: for OpenTelemetry, `new BullMQOtel(name)`
 * from the `bullmq-otel` package. BullMQ then traces `add` and `process` and carries the
 * producer's trace context in the job's options, so each job's span continues the enqueuer's trace.
 */
export interface TelemetryLike {
  tracer: unknown;
  contextManager: unknown;
}

/** Checks a `telemetry` option: undefined, or an object with a tracer and a context manager. */
export function telemetryOption(telemetry: TelemetryLike | undefined): { telemetry?: TelemetryLike } {
  if (telemetry === undefined) return {};
  if (telemetry === null || typeof telemetry !== 'object' || typeof telemetry.tracer !== 'object' || typeof telemetry.contextManager !== 'object') {
    throw new InputValidationError({ issues: [{ path: ['telemetry'], message: "must be BullMQ telemetry (an object with tracer and contextManager), for example new BullMQOtel('my-app') from bullmq-otel" }] });
  }
  return { telemetry };
}
