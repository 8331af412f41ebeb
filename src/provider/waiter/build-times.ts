/** Reads a build gets, at most, if it takes as long as expected: one every third of the expected time. */
export const READS_PER_EXPECTED_BUILD = 3;
const MIN_INTERVAL_MS = 1_000;
const MAX_INTERVAL_MS = 60_000;
const KEPT = 8;

/**
 * How long builds take on this panel: the expectation given (default a minute), then the median of
 * the last builds this process saw finish. The waiter's interval follows it.
 */
export class BuildTimes {
  readonly #initialMs: number;
  readonly #observed: number[] = [];

  constructor(initialMs: number) {
    this.#initialMs = initialMs;
  }

  get expectedMs(): number {
    if (this.#observed.length === 0) return this.#initialMs;
    const sorted = [...this.#observed].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  }

  /** Milliseconds between two reads of a build. */
  get intervalMs(): number {
    return Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, Math.round(this.expectedMs / READS_PER_EXPECTED_BUILD)));
  }

  /** A build seen to finish `ms` after its wait began. */
  observe(ms: number): void {
    if (!Number.isFinite(ms) || ms <= 0) return;
    this.#observed.push(ms);
    if (this.#observed.length > KEPT) this.#observed.shift();
  }
}
