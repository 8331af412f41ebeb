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

/** Set in `ctx.state` by the retry layer when an earlier attempt of a write may have been applied. */
export const EARLIER_ATTEMPT_UNSURE: unique symbol = Symbol.for('virtfusion-sdk.earlierAttemptUnsure');

const UNSURE = ' An earlier attempt got no answer, so the change may or may not have been applied: look the record up before trying again.';

/** Says in the message of the final error that an earlier attempt of the write may have been applied. */
export function noteEarlierAttemptUnsure(error: VirtFusionError): void {
  if (/may or may not have been applied/.test(error.message)) return;
  const before = error.message;
  const stack = error.stack;
  error.message = `${before}${UNSURE}`;
  if (typeof stack === 'string') error.stack = stack.replace(before, error.message);
}
