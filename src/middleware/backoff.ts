/** How long to wait between attempts when the panel did not say. */
export interface BackoffSettings {
  /** Ceiling of the first wait, in ms. */
  minTimeout: number;
  /** No wait is longer than this, in ms. */
  maxTimeout: number;
  /** Each ceiling is this many times the one before. */
  factor: number;
}

/**
 * Exponential backoff with full jitter: a uniform draw between 0 and the ceiling for this retry,
 * `min(maxTimeout, minTimeout × factor^(retry − 1))`. Spreading the waits keeps many clients that
 * failed together from coming back together.
 */
export function backoffDelay(retry: number, settings: BackoffSettings, random: () => number): number {
  const ceiling = Math.min(settings.maxTimeout, settings.minTimeout * settings.factor ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/** Resolves after `ms`, or rejects with `onAbort()` the moment `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, onAbort: () => Error): Promise<void> {
  if (signal?.aborted) return Promise.reject(onAbort());
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(onAbort());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
}
