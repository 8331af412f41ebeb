/**
 * Where the emulator reads the time from: build progress, queue progress, delayed deletions,
 * rate-limit windows and every timestamp it writes.
 *
 * @example
 * ```ts
 * const frozen: Clock = { now: () => Date.UTC(2025, 0, 20) };
 * ```
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/**
 * A clock that moves only when told to, for tests that must not sleep.
 *
 * @example
 * ```ts
 * const clock = createManualClock();
 * const emu = await startEmulator({ clock, buildDuration: 60_000 });
 * emu.advance(60_000); // the build has finished
 * ```
 */
export interface ManualClock extends Clock {
  /** Moves the clock forward and returns the new time. */
  advance(ms: number): number;
  /** Jumps to a point in time (never backwards). */
  set(time: number | Date): void;
}

/** 2025-01-20 12:00:00 UTC: where a manual clock starts unless told otherwise. */
export const MANUAL_CLOCK_START = Date.UTC(2025, 0, 20, 12, 0, 0);

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * Creates a {@link ManualClock}, by default at 2025-01-20 12:00:00 UTC so that seeded data and
 * timestamps are the same on every run.
 *
 * @example
 * ```ts
 * const clock = createManualClock(new Date('2025-06-01T00:00:00Z'));
 * clock.advance(1500);
 * ```
 */
export function createManualClock(start: number | Date = MANUAL_CLOCK_START): ManualClock {
  let current = typeof start === 'number' ? start : start.getTime();
  if (!Number.isFinite(current)) throw new TypeError('createManualClock: start must be a finite time');
  return {
    now: () => current,
    advance(ms: number): number {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('ManualClock.advance: ms must be a finite number >= 0');
      current += ms;
      return current;
    },
    set(time: number | Date): void {
      const next = typeof time === 'number' ? time : time.getTime();
      if (!Number.isFinite(next) || next < current) throw new RangeError('ManualClock.set: time must be finite and not in the past');
      current = next;
    },
  };
}

/** Whether a clock can be moved by hand. */
export function isManualClock(clock: Clock): clock is ManualClock {
  return typeof (clock as Partial<ManualClock>).advance === 'function';
}
