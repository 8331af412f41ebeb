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
