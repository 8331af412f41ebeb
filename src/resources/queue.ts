import { TaskFailedError } from '../core/errors';
import type { Invoker, ResourceCallOptions } from './invoker';
import type { QueueItem } from './models';
import { poll, type WaitOptions } from './poll';
import { unwrap } from './unwrap';

/** Options of {@link Queue.wait}. Defaults: every 2 s, for up to 10 minutes. */
export interface QueueWaitOptions extends WaitOptions {
  onProgress?: ((task: QueueItem) => void) | undefined;
}

/**
 * The panel's background tasks, such as power actions.
 *
 * @example
 * ```ts
 * const { queueId } = await vf.servers.power.restart(42);
 * const task = await vf.queue.wait(queueId, { onProgress: (t) => console.log(`${t.progress}%`) });
 * ```
 */
export class Queue {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  async get(queueId: number, options: ResourceCallOptions = {}): Promise<QueueItem> {
    return unwrap(await this.#invoker.call('GET /queue/{queueId}', { ...options, path: { queueId } }), 'GET /queue/{queueId}') as QueueItem;
  }

  /**
   * Polls a task until it finishes. Throws `TaskFailedError` when the panel marks it failed,
   * `WaitTimeoutError` after `timeout`, `AbortError` on `signal`.
   */
  async wait(queueId: number, options: QueueWaitOptions = {}): Promise<QueueItem> {
    return poll({
      what: `queue task ${queueId}`,
      timeout: options.timeout ?? 10 * 60_000,
      interval: options.interval ?? 2_000,
      signal: options.signal,
      read: () => this.get(queueId, { signal: options.signal }),
      onRead: options.onProgress,
      settle: (task) => {
        if (task.failed) throw new TaskFailedError({ task, message: `The panel reported that queue task ${queueId} (${task.action ?? 'task'}) failed.` });
        return task.finished ? task : undefined;
      },
    });
  }
}
