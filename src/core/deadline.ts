import type { RequestContext } from './middleware';

/** The signal a transport sends with, and whether it fired because the call ran out of time. */
export interface Deadline {
  readonly signal: AbortSignal | undefined;
  readonly timedOut: boolean;
  /** Stops the clock; call it once the answer has been read in full, or has failed. */
  clear(): void;
}

/**
 * The caller's signal joined to the call's timeout, which covers the exchange and the reading of
 * the body (an abort fails a body still streaming in). One timer a call, no timer without a timeout.
 */
export function deadlineOf(ctx: RequestContext): Deadline {
  if (ctx.timeout === false) return { signal: ctx.signal, timedOut: false, clear: () => undefined };
  const controller = new AbortController();
  const deadline = {
    signal: ctx.signal ? AbortSignal.any([ctx.signal, controller.signal]) : controller.signal,
    timedOut: false,
    clear: () => clearTimeout(timer),
  };
  const timer = setTimeout(() => {
    deadline.timedOut = true;
    controller.abort();
  }, ctx.timeout);
  return deadline;
}
