import { ConfigurationError, VirtFusionError, type VirtFusionErrorOptions } from '../core/errors';

/** How far a reconcile got before it stopped. */
export interface ReconcileProgress {
  /** `listing` while pages are read; `confirming` while missing candidates are checked one by one. */
  stage: 'indexing' | 'listing' | 'confirming';
  /** Pages read successfully. */
  pagesRead: number;
  /** The last page number the panel reported, once one page was read. */
  lastPage: number | undefined;
  /** Panel servers seen so far. */
  serversSeen: number;
  /** Missing candidates checked with `GET /servers/{id}` so far. */
  candidatesChecked: number;
  /** Missing candidates found after the pass (0 while listing). */
  candidates: number;
}

/**
 * A reconcile stopped before it could be sure of anything missing: a page or a confirmation
 * request failed, or the run was aborted. No `missing` entry was yielded. `progress` says how far
 * it got; `cause` is the failure.
 */
export class ReconcileIncompleteError extends VirtFusionError {
  static override readonly code: string = 'reconcile_incomplete';
  readonly progress: Readonly<ReconcileProgress>;

  constructor(options: VirtFusionErrorOptions & { progress: ReconcileProgress }) {
    super({ ...options, details: options.progress });
    this.progress = Object.freeze({ ...options.progress });
  }
}

/** The optional peer dependency a fleet job needs (`bullmq`) is not installed. */
export class MissingPeerDependencyError extends ConfigurationError {
  static override readonly code: string = 'missing_peer_dependency';
  readonly dependency: string;

  constructor(options: VirtFusionErrorOptions & { dependency: string }) {
    super(options);
    this.dependency = options.dependency;
  }
}
