import type { VirtFusionError } from '../core/errors';

/** Records on an error how many attempts were made, and says so in its message when there was more than one. */
export function noteAttempts(error: VirtFusionError, attempts: number): void {
  error.attempts = attempts;
  if (attempts < 2 || error.message.includes(' attempts.')) return;
  const before = error.message;
  // Read the stack first: V8 writes it out on first read, with the message of that moment.
  const stack = error.stack;
  error.message = `${before} Failed after ${attempts} attempts.`;
  if (typeof stack === 'string') error.stack = stack.replace(before, error.message);
}
