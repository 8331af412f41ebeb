import { expect } from 'vitest';
import { SkyPanelError } from '../../../src/provider';

/** The SkyPanelError a call rejects with; fails the test when it resolves or rejects with anything else. */
export async function skyFailure(run: () => Promise<unknown>): Promise<SkyPanelError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a SkyPanelError').toBeInstanceOf(SkyPanelError);
  expect(error).toBeInstanceOf(Error);
  return error as SkyPanelError;
}

export const PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq2mN7XoVgDg0fG4bN1eHk3Yw0kK2mP5sQvR8tU9wXy ops@example';
