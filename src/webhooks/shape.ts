import { isRecord } from './dotted-keys';
import type { WebhookDataIssue } from './event-types';

/**
 * A check of one value of an event's data: returns the value to keep (defaults filled in) and
 * records what does not fit in `issues`. Hand-written rather than zod, so that the webhooks entry
 * stays a few kilobytes and loads in no time on edge runtimes.
 */
export type Shape<T = unknown> = (value: unknown, path: (string | number)[], issues: WebhookDataIssue[]) => T;

function kind(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function mismatch(expected: string, value: unknown, path: (string | number)[], issues: WebhookDataIssue[]): unknown {
  issues.push({ path, message: `Invalid input: expected ${expected}, received ${kind(value)}` });
  return value;
}

/** Any value at all. */
export const anything: Shape = (value) => value;

/** An array of anything. */
export const list: Shape = (value, path, issues) => (Array.isArray(value) ? value : mismatch('array', value, path, issues));

/** A number, or absent. */
export const optionalNumber: Shape = (value, path, issues) => (value === undefined || typeof value === 'number' ? value : mismatch('number', value, path, issues));

/**
 * An object with at least these fields; other fields pass through. PHP's json_encode writes an
 * empty associative array as `[]`, so an empty array counts as an empty object.
 */
export function object(fields: Record<string, Shape>): Shape<Record<string, unknown>> {
  const entries = Object.entries(fields);
  return (value, path, issues) => {
    const input = Array.isArray(value) && value.length === 0 ? {} : value;
    if (!isRecord(input)) return mismatch('object', value, path, issues) as Record<string, unknown>;
    const output: Record<string, unknown> = { ...input };
    for (const [key, shape] of entries) {
      const checked = shape(input[key], [...path, key], issues);
      if (checked !== undefined || key in input) output[key] = checked;
    }
    return output;
  };
}

/** `shape`, or absent. */
export const optional =
  <T>(shape: Shape<T>): Shape<T | undefined> =>
  (value, path, issues) =>
    value === undefined ? undefined : shape(value, path, issues);

/** `shape`, with `fallback()` in place of an absent value. */
export const withDefault =
  <T>(shape: Shape<T>, fallback: () => unknown): Shape<T> =>
  (value, path, issues) =>
    shape(value === undefined ? fallback() : value, path, issues);

/** `shape`, or `false` (the panel's way of saying "none", e.g. a failed creation). */
export const orFalse =
  <T>(shape: Shape<T>): Shape<T | false> =>
  (value, path, issues) =>
    value === false ? false : shape(value, path, issues);
