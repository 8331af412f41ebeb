/** Freezes a JSON value and everything in it, so that one copy can be shared by every reader. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}

/** Answers the client already checked against their response schema (shared, frozen values only). */
const validated = new WeakSet<object>();

export function markValidated(value: unknown): void {
  if (value !== null && typeof value === 'object' && Object.isFrozen(value)) validated.add(value);
}

export function isValidated(value: unknown): boolean {
  return value !== null && typeof value === 'object' && validated.has(value);
}
