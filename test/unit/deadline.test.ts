import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deadlineOf } from '../../src/core/deadline';
import type { RequestContext } from '../../src/core/middleware';

const contextWith = (timeout: number | false, signal?: AbortSignal) => ({ timeout, signal }) as RequestContext;

describe('the deadline of a call', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('aborts its signal when the timeout passes, and says it timed out', () => {
    const deadline = deadlineOf(contextWith(1_000));
    vi.advanceTimersByTime(999);
    expect(deadline.signal?.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.signal?.aborted).toBe(true);
    expect(deadline.timedOut).toBe(true);
  });

  it("aborts with the caller's reason when the caller gives up first, without saying it timed out", () => {
    const caller = new AbortController();
    const deadline = deadlineOf(contextWith(1_000, caller.signal));
    caller.abort(new Error('user pressed stop'));
    expect(deadline.signal?.aborted).toBe(true);
    expect(deadline.signal?.reason).toEqual(new Error('user pressed stop'));
    expect(deadline.timedOut).toBe(false);
  });

  it('once cleared, neither the clock nor the caller aborts it', () => {
    const caller = new AbortController();
    const deadline = deadlineOf(contextWith(1_000, caller.signal));
    deadline.clear();
    caller.abort();
    vi.advanceTimersByTime(5_000);
    expect(deadline.signal?.aborted).toBe(false);
    expect(deadline.timedOut).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("without a timeout it is the caller's signal, or none", () => {
    const caller = new AbortController();
    expect(deadlineOf(contextWith(false, caller.signal)).signal).toBe(caller.signal);
    expect(deadlineOf(contextWith(false)).signal).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });
});
