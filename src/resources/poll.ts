import { AbortError, WaitTimeoutError } from '../core/errors';

/** Options shared by every waiter. */
export interface WaitOptions {
  /** Give up after this many milliseconds. */
  timeout?: number | undefined;
  /** Milliseconds between two reads. */
  interval?: number | undefined;
  /** Stops waiting at once. */
  signal?: AbortSignal | undefined;
}

interface PollSpec<T> {
  read: () => Promise<T>;
  /** Returns the result when done, throws when failed, undefined to keep waiting. */
  settle: (value: T) => T | undefined;
  onRead?: ((value: T) => void) | undefined;
  what: string;
  timeout: number;
  interval: number;
  signal: AbortSignal | undefined;
}

export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortError({ message: 'Waiting was aborted by the caller.', cause: signal.reason }));
      return;
    }
    const onAbort = () => {
      clearTimeout(handle);
      reject(new AbortError({ message: 'Waiting was aborted by the caller.', cause: signal?.reason }));
    };
    const handle = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Reads until `settle` says done (or throws), never longer than `timeout`. */
export async function poll<T>(spec: PollSpec<T>): Promise<T> {
  const deadline = Date.now() + spec.timeout;
  for (;;) {
    if (spec.signal?.aborted) throw new AbortError({ message: `Waiting for ${spec.what} was aborted by the caller.`, cause: spec.signal.reason });
    const value = await spec.read();
    spec.onRead?.(value);
    const done = spec.settle(value);
    if (done !== undefined) return done;
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new WaitTimeoutError({ message: `Gave up waiting for ${spec.what} after ${spec.timeout} ms.`, retryable: true });
    }
    await sleep(Math.min(spec.interval, left), spec.signal);
  }
}
