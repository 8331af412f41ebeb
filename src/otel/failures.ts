/** Where a failure of the telemetry itself is told. */
export type WarnSink = (details: Record<string, unknown>, message: string) => void;

/**
 * A tracer, meter or exporter that throws must not break the call it observes: the call goes on
 * and the first such failure is logged, once for the life of the instrumentation.
 */
export class TelemetryFailures {
  #told = false;

  report(error: unknown, warn: WarnSink | undefined): void {
    if (this.#told) return;
    this.#told = true;
    try {
      warn?.(
        { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) },
        'OpenTelemetry (the tracer, meter or one of their processors) threw; the SDK call went on without it. Later failures are not logged.',
      );
    } catch {
      // A broken logger must not break the call either.
    }
  }
}

/** The console, for wrappers that have no client logger to hand. */
export const consoleWarn: WarnSink = (details, message) => console.warn(message, details);
