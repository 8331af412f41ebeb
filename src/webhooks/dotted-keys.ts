/** Whether `value` is a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Copies an event's `data` with its top-level dotted keys expanded into nested objects:
 * `{ "ipv6.block": b }` becomes `{ ipv6: { block: b } }`, merged with an `ipv6` object already
 * there. The panel's documentation names these fields with dots without saying whether they
 * arrive nested or literally, so both forms end up in the nested one. A dotted key whose path
 * runs into a value that is not an object stays as it was. Keys are defined, never assigned, so
 * a `__proto__` key in a body stays an ordinary key.
 */
export function expandDottedKeys(data: Record<string, unknown>): Record<string, unknown> {
  const expanded: Record<string, unknown> = {};
  const dotted: [string, unknown][] = [];
  for (const [key, value] of Object.entries(data)) {
    if (key.includes('.') && !key.startsWith('.') && !key.endsWith('.') && !key.includes('..')) dotted.push([key, value]);
    else define(expanded, key, value);
  }
  for (const [key, value] of dotted) {
    const path = key.split('.');
    const last = path.pop() as string;
    let target: Record<string, unknown> | undefined = expanded;
    for (const segment of path) {
      const next = Object.hasOwn(target, segment) ? target[segment] : undefined;
      if (next === undefined || isRecord(next) || (Array.isArray(next) && next.length === 0)) {
        // Copied on the way down so that the caller's objects are never changed.
        const copy: Record<string, unknown> = isRecord(next) ? { ...next } : {};
        define(target, segment, copy);
        target = copy;
      } else {
        target = undefined;
        break;
      }
    }
    if (target === undefined || (Object.hasOwn(target, last) && target[last] !== undefined)) define(expanded, key, value);
    else define(target, last, value);
  }
  return expanded;
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
