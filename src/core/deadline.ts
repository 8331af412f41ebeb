import type { RequestContext } from './middleware';

/** The signal a transport sends with, and whether it fired because the call ran out of time. */
export interface Deadline {
  readonly signal: AbortSignal | undefined;
  readonly timedOut: boolean;
  /** Stops the clock and lets go of the caller's signal; call it once the answer is read, or has failed. */
  clear(): void;
}

const NO_DEADLINE = { timedOut: false, clear: () => undefined };

/**
 * The caller's signal joined to the call's timeout, which covers the exchange and the reading of
 * the body (an abort fails a body still streaming in). The join is a listener rather than
 * `AbortSignal.any`, which costs about 5 µs a call on Node 24.
 */
export function deadlineOf(ctx: RequestContext): Deadline {
  const caller = ctx.signal;
  if (ctx.timeout === false) return { signal: caller, ...NO_DEADLINE };
  const controller = new AbortController();
  const stop = () => controller.abort(caller?.reason);
  const deadline = {
    signal: controller.signal,
    timedOut: false,
    clear: () => {
      clearTimeout(timer);
      caller?.removeEventListener('abort', stop);
    },
  };
  const timer = setTimeout(() => {
    deadline.timedOut = true;
    controller.abort();
  }, ctx.timeout);
  caller?.addEventListener('abort', stop, { once: true });
  return deadline;
}
