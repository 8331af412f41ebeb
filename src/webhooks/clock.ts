import { ConfigurationError } from '../core/errors';
import { WebhookVerificationError } from './errors';

/**
 * The current time for freshness checks: a `Date`, milliseconds since the epoch, or a function
 * returning either. Tests inject a fixed time through it.
 */
export type WebhookClock = Date | number | (() => Date | number);

/** Five minutes, in seconds: the window within which a delivery's timestamp must fall, both ways. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Milliseconds since the epoch according to `clock` (the system clock when none is given). */
export function currentTimeMs(clock: WebhookClock | undefined): number {
  const value = typeof clock === 'function' ? clock() : (clock ?? Date.now());
  const ms = value instanceof Date ? value.getTime() : value;
  if (!Number.isFinite(ms)) throw new ConfigurationError({ message: '`now` gave an invalid time.' });
  return ms;
}

/** Checks a tolerance in seconds; `Infinity` turns the freshness check off. */
export function resolveTolerance(tolerance: number | undefined): number {
  const seconds = tolerance ?? DEFAULT_TOLERANCE_SECONDS;
  if (typeof seconds !== 'number' || Number.isNaN(seconds) || seconds < 0) {
    throw new ConfigurationError({ message: '`tolerance` must be a number of seconds, zero or more (Infinity turns the check off).' });
  }
  return seconds;
}

/** Throws `stale` or `future` when `sentAtMs` is further than `toleranceSeconds` from `nowMs`. */
export function assertFresh(sentAtMs: number, nowMs: number, toleranceSeconds: number, header: string): void {
  const ageMs = nowMs - sentAtMs;
  if (Math.abs(ageMs) <= toleranceSeconds * 1000) return;
  const seconds = Math.round(Math.abs(ageMs) / 1000);
  const stale = ageMs > 0;
  throw new WebhookVerificationError(stale ? 'stale' : 'future', {
    detail: `${header} is ${seconds} s ${stale ? 'old' : 'in the future'}, beyond the ${toleranceSeconds} s tolerance.`,
    header,
  });
}

const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/**
 * Milliseconds since the epoch of an ISO-8601 date-time with a zone (`Z` or `±hh:mm`) and up to
 * nanosecond digits, or `undefined` when the text is not one. Parsed by hand because engines
 * disagree about fractions longer than milliseconds.
 */
export function parseIsoTimestamp(text: string): number | undefined {
  const match = ISO_TIMESTAMP.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zulu, sign, offsetHours, offsetMinutes] = match;
  const parts = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  const [y, mo, d, h, mi, s] = parts;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(utc).getUTCDate() !== d) return undefined;
  const ms = Number(fraction.slice(0, 3).padEnd(3, '0'));
  let offsetMs = 0;
  if (zulu === undefined) {
    const oh = Number(offsetHours);
    const om = Number(offsetMinutes);
    if (oh > 23 || om > 59) return undefined;
    offsetMs = (sign === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  return utc + ms - offsetMs;
}
