import { expect } from 'vitest';
import { InputValidationError } from '../../src/index';

/** The InputValidationError a call rejects with; fails the test when it rejects with anything else or resolves. */
export async function refusal(call: Promise<unknown>): Promise<InputValidationError> {
  const error = await call.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputValidationError);
  return error as InputValidationError;
}
