import { describe, expect, it } from 'vitest';
import { runSoak } from './run-soak';

// A short seeded soak for CI; `npm run soak -- --ops 10000` runs the long one and prints the figures.
describe('fault soak (seed 1, 1 500 operations, 16 in flight, 20 % faults)', () => {
  it('creates nothing twice, throws only typed errors, never hangs, never misreports an applied write, never leaks the token', async () => {
    const figures = await runSoak({ seed: 1, ops: 1_500, inFlight: 16, faultRate: 0.2 });
    const failures = {
      duplicates: figures.duplicates,
      postsResent: figures.postsResent,
      untyped: figures.untyped,
      unhandled: figures.unhandled,
      hangs: figures.hangs,
      misreportedApplied: figures.misreportedApplied,
      unreadableMisstated: figures.unreadableMisstated,
      tokenLeaks: figures.tokenLeaks,
    };
    expect({ failures, samples: figures.samples }).toEqual({
      failures: { duplicates: 0, postsResent: 0, untyped: 0, unhandled: 0, hangs: 0, misreportedApplied: 0, unreadableMisstated: 0, tokenLeaks: 0 },
      samples: { untyped: [], misreported: [], leaks: [], hangs: [] },
    });

    // The soak is only worth its zeros if it did what it says: every fault kind fired, about the
    // rate asked for, the retry layer worked, and every kind of operation succeeded many times.
    expect(figures.ops).toBe(1_500);
    for (const kind of ['latency', '500', '503', 'html-502', 'reset', 'truncated-json', 'malformed-json', 'slow-body']) {
      expect(figures.faultsInjected[kind] ?? 0, kind).toBeGreaterThan(5);
    }
    const faulted = Object.entries(figures.faultsInjected).reduce((sum, [kind, n]) => sum + (kind === 'latency' ? 0 : n), 0);
    expect(faulted / figures.requests).toBeGreaterThan(0.12);
    expect(faulted / figures.requests).toBeLessThan(0.3);
    expect(figures.retries).toBeGreaterThan(50);
    for (const [kind, { ok }] of Object.entries(figures.byKind)) expect(ok, kind).toBeGreaterThan(10);
    expect(Object.keys(figures.byKind)).toHaveLength(10);
    expect(figures.typedErrors.ResponseUnreadableError ?? 0).toBeGreaterThan(0);
    expect(figures.typedErrors.TimeoutError ?? 0).toBeGreaterThan(0);
    expect(figures.typedErrors.ConnectionError ?? 0).toBeGreaterThan(0);
  }, 60_000);
});

describe("the soak's checks bite", () => {
  it('a client that retries POSTs is caught creating twice and resending POSTs', async () => {
    const figures = await runSoak({ seed: 2, ops: 800, faultRate: 0.5, retryPosts: true });
    expect(figures.postsResent).toBeGreaterThan(0);
    expect(figures.duplicates).toBeGreaterThan(0);
  }, 60_000);

  it('an operation bound shorter than a stalled answer counts hangs', async () => {
    const figures = await runSoak({ seed: 3, ops: 200, opBoundMs: 100 });
    expect(figures.hangs).toBeGreaterThan(0);
    expect(figures.samples.hangs.length).toBeGreaterThan(0);
  }, 60_000);
});
