// The panel writes times in three styles, depending on the endpoint; these produce each one.

const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const DAY = 24 * HOUR;

/** `2025-01-20T14:00:47+00:00` (servers, hypervisors, groups). */
export function isoOffset(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

/** `2025-01-20T12:41:28.000000Z` (users, packages, ssh key creation). */
export function isoMicros(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** `2025-01-06 00:00:00` (traffic periods, template end-of-life dates). */
export function sqlTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** `2025-01-06`. */
export function ymd(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `January 2025`. */
export function monthName(ms: number): string {
  return new Date(ms).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** First instant of the calendar month holding `ms`, shifted by `offset` months. */
export function monthStart(ms: number, offset = 0): number {
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1);
}

/**
 * The accounting month of a server that was created at `anchor`: months start on the same day of
 * the month as the creation (clamped to the month's length). `index` 0 is the month holding `now`,
 * 1 the one before, and so on; negative values look ahead.
 */
export function billingPeriod(anchor: number, now: number, index: number): { start: number; end: number } {
  const anchorDay = new Date(anchor).getUTCDate();
  const at = (year: number, month: number): number => {
    const length = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    return Date.UTC(year, month, Math.min(anchorDay, length));
  };
  const today = new Date(now);
  let year = today.getUTCFullYear();
  let month = today.getUTCMonth();
  if (at(year, month) > now) month -= 1;
  month -= index;
  year += Math.floor(month / 12);
  month = ((month % 12) + 12) % 12;
  const start = at(year, month);
  const end = at(year + Math.floor((month + 1) / 12), (month + 1) % 12) - 1;
  return { start, end };
}
