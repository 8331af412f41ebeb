import { afterEach, describe, expect, it } from 'vitest';
import { RateLimitError } from '../../src/index';
import { createManualClock, startEmulator, type Emulator } from '../../src/testing';
import { raw } from './helpers';

let emu: Emulator | undefined;

afterEach(async () => {
  await emu?.stop();
  emu = undefined;
});

const limits = (headers: Headers) => [headers.get('x-ratelimit-limit'), headers.get('x-ratelimit-remaining'), headers.get('retry-after')];

describe('per-token rate limit', () => {
  it('is off by default: no X-RateLimit headers', async () => {
    emu = await startEmulator({ clock: createManualClock() });
    const answer = await raw(emu, 'GET', '/connect');
    expect(limits(answer.headers)).toEqual([null, null, null]);
  });

  it('answers 429 with Retry-After once a token spends its budget, and resets after the window', async () => {
    emu = await startEmulator({ clock: createManualClock(), rateLimit: { perMinute: 3 }, tokens: ['alpha', 'beta'] });
    const seen = [];
    for (let i = 0; i < 3; i += 1) {
      const answer = await raw(emu, 'GET', '/connect', { token: 'alpha' });
      seen.push([answer.status, ...limits(answer.headers)]);
    }
    expect(seen).toEqual([
      [200, '3', '2', null],
      [200, '3', '1', null],
      [200, '3', '0', null],
    ]);
    const refused = await raw(emu, 'GET', '/servers/1', { token: 'alpha' });
    expect([refused.status, ...limits(refused.headers)]).toEqual([429, '3', '0', '60']);
    expect(refused.json).toEqual({ message: 'Too Many Attempts.' });
    expect(refused.headers.get('x-ratelimit-reset')).toBe(String(Date.UTC(2025, 0, 20, 12, 1, 0) / 1000));

    const other = await raw(emu, 'GET', '/connect', { token: 'beta' });
    expect([other.status, ...limits(other.headers)]).toEqual([200, '3', '2', null]);

    emu.advance(15_000);
    const later = await raw(emu, 'GET', '/connect', { token: 'alpha' });
    expect([later.status, ...limits(later.headers)]).toEqual([429, '3', '0', '45']);

    emu.advance(45_000);
    const reopened = await raw(emu, 'GET', '/connect', { token: 'alpha' });
    expect([reopened.status, ...limits(reopened.headers)]).toEqual([200, '3', '2', null]);
  });

  it('does not count requests with an unknown token', async () => {
    emu = await startEmulator({ clock: createManualClock(), rateLimit: { perMinute: 1 } });
    expect((await raw(emu, 'GET', '/connect', { token: 'nobody' })).status).toBe(401);
    expect((await raw(emu, 'GET', '/connect')).status).toBe(200);
    expect((await raw(emu, 'GET', '/connect')).status).toBe(429);
  });

  it('reaches the SDK as RateLimitError with the wait in milliseconds', async () => {
    emu = await startEmulator({ clock: createManualClock(), rateLimit: { perMinute: 1 } });
    const { VirtFusion } = await import('../../src/index');
    const vf = new VirtFusion({ url: emu.url, token: emu.token, middleware: [] });
    await vf.request('GET /connect');
    emu.advance(20_000);
    const error = await vf.request('GET /packages').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 40_000 });
  });
});
