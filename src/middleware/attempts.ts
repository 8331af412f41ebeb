import type { VirtFusionError } from '../core/errors';

/** Records on an error how many attempts were made, and says so in its message when there was more than one. */
export function noteAttempts(error: VirtFusionError, attempts: number): void {
  error.attempts = attempts;
  if (attempts < 2 || error.message.includes(' attempts.')) return;
  const before = error.message;
  error.message = `${before} Failed after ${attempts} attempts.`;
  if (typeof error.stack === 'string') error.stack = error.stack.replace(before, error.message);
}
