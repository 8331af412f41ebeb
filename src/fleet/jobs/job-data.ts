import type { CreateInstanceInput } from '../../provider/types';

/** The default queue of provisioning jobs. */
export const DEFAULT_QUEUE_NAME = 'virtfusion-provisioning';

/** How long finished jobs, and the claims of the servers they created, are kept by default: 7 days. */
export const DEFAULT_KEEP_JOBS_MS = 7 * 24 * 3_600_000;

/** One talis file instance (`instances[]` of a talis request file), with what it needs beyond the file. */
export interface TalisRequest {
  /** An entry of a talis file's `instances`. */
  instance: Record<string, unknown>;
  /** The owner reference of the servers. */
  owner: string;
  /** The plan; without it the smallest plan that covers the instance's resources. */
  planId?: string | undefined;
}

/** What a provisioning job holds in Redis. Never a password. */
export interface ProvisioningJobData {
  /** A provider create input, or a talis instance resolved by the worker. */
  request: { kind: 'instance'; input: CreateInstanceInput } | { kind: 'talis'; talis: TalisRequest };
  /** Server ids created for this job, by instance name: a retry resumes these instead of creating again. */
  servers: Record<string, string>;
  /**
   * Creates this job began, by instance name: the owner's highest server id just before. A retry
   * that finds no recorded id adopts the unnamed, unbuilt server newer than that which no job
   * claimed (the worker died between the panel's answer and the record).
   */
  intents?: Record<string, { maxServerId: number }> | undefined;
}

/** What a finished provisioning job returns (`job.returnvalue`). */
export interface ProvisioningJobResult {
  instances: { name: string; id: string; status: string; ipv4: string[]; ipv6: string[]; hostname: string | undefined }[];
}

/** What `job.progress` holds while a job runs. */
export interface ProvisioningJobProgress {
  name: string;
  step: string;
  instanceId?: string | undefined;
  status?: string | undefined;
  /** Index of the instance in the job, and how many it holds (a talis instance can ask for several). */
  index: number;
  count: number;
}

/** The job name and id a request gets: its instance name. */
export function requestName(request: ProvisioningJobData['request']): string {
  return request.kind === 'instance' ? request.input.name : String(request.talis.instance.name);
}
