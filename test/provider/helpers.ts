import { VirtFusion } from '../../src/index';
import { createVirtFusionProvider, isProviderError, type ProviderError, type VirtFusionProviderOptions } from '../../src/provider';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/testing';

/** Quick builds and tasks, so a lifecycle runs in well under a second on the system clock. */
export const FAST: EmulatorOptions = { buildDuration: 60, taskDuration: 20 };

export async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ ...FAST, ...options });
}

/** A client without retry or rate limit, so every request in the journal is one the provider sent. */
export function bareClient(emu: Emulator): VirtFusion {
  return new VirtFusion({ url: emu.url, token: emu.token, middleware: [], logger: { warn() {}, error() {} } as never });
}

type Extra = Omit<VirtFusionProviderOptions, 'client' | 'url' | 'token'>;

/** The provider on the emulator, polling every 10 ms; owners by extRelationId, created on first use. */
export function provider(emu: Emulator, extra: Extra = {}) {
  return createVirtFusionProvider({
    client: bareClient(emu),
    wait: { interval: 10, timeout: 10_000 },
    owner: { by: 'extRelationId', profile: (ref) => ({ name: `Customer ${ref}`, email: `customer-${ref}@example.com` }) },
    ...extra,
  });
}

/** Seeded ids: package 1 (Starter, Linux templates), template 46 (Debian 12), group 2 (London). */
export const FIXTURE = { planId: '1', imageId: '46', regionId: '2' } as const;

/** Journal entries of answered creates (201) of `POST /servers`, dry runs excluded. */
export function serversCreated(emu: Emulator): number {
  return emu.requests().filter((r) => r.route === 'POST /servers' && r.status === 201).length;
}

/** The ProviderError a call rejects with; fails the test when it resolves or throws anything else. */
export async function failure(run: () => Promise<unknown>): Promise<ProviderError> {
  const error = await run().then(() => undefined, (e: unknown) => e);
  if (!isProviderError(error)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}
