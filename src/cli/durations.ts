import { UsageError } from './errors';

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** Reads `500ms`, `90s`, `15m`, `1h` or a bare number of milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new UsageError(`${flag} takes a duration such as 30s, 15m or 500ms (got ${JSON.stringify(text)})`);
  const ms = Number(match[1]) * UNITS[match[2] ?? 'ms']!;
  if (ms <= 0 || ms > 2_147_483_647) throw new UsageError(`${flag} must be more than 0 and at most 24 days (got ${JSON.stringify(text)})`);
  return Math.round(ms);
}

/** Reads a positive whole number (an id, a count). */
export function parsePositiveInt(text: string, what: string): number {
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(Number(text)) || Number(text) < 1) {
    throw new UsageError(`${what} must be a positive whole number (got ${JSON.stringify(text)})`);
  }
  return Number(text);
}

/** Reads a whole number from 0 up. */
export function parseCount(text: string, what: string): number {
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(Number(text))) throw new UsageError(`${what} must be a whole number (got ${JSON.stringify(text)})`);
  return Number(text);
}

/** `--limit n`, when given. */
export function parseLimit(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parsePositiveInt(text, '--limit');
}
