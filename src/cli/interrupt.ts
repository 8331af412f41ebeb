import { InterruptedError } from './errors';

const controller = new AbortController();
let interrupted = false;

/** Aborted on Ctrl-C: every request and wait of the command listens to it. */
export const interruptSignal: AbortSignal = controller.signal;

export function wasInterrupted(): boolean {
  return interrupted;
}

/**
 * The first Ctrl-C aborts what is in flight, so the command unwinds and exits 130; a second one,
 * or a command still busy after `graceMs`, exits 130 at once.
 */
export function installInterruptHandler(graceMs = 3_000): void {
  process.on('SIGINT', () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    controller.abort(new InterruptedError());
    setTimeout(() => process.exit(130), graceMs).unref();
  });
}
