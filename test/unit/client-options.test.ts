import { describe, expect, it } from 'vitest';
import { ApiError, ConfigurationError, fetchTransport, kyTransport, VirtFusion, type VirtFusionOptions } from '../../src/index';
import { PANEL, TOKEN, recordingFetch } from '../helpers/recording-fetch';

// Options of the wrong type are ConfigurationErrors naming the option, never a TypeError from deep inside.

const make = (extra: Record<string, unknown>) => () => new VirtFusion({ url: PANEL, token: TOKEN, ...extra } as VirtFusionOptions);

function configurationError(run: () => unknown): ConfigurationError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ConfigurationError);
  return caught as ConfigurationError;
}

describe('client options of the wrong type', () => {
  it.each([
    ['middleware: 42', { middleware: 42 }, '`middleware` must be an array of middleware functions, such as [retry(), rateLimit()] (got number).'],
    ['middleware: [42]', { middleware: [42] }, '`middleware`[0] must be a middleware function, such as retry() (got number).'],
    ['middleware: {}', { middleware: {} }, '`middleware` must be an array of middleware functions, such as [retry(), rateLimit()] (got object).'],
    ['allowInsecureHttp: "yes"', { allowInsecureHttp: 'yes' }, '`allowInsecureHttp` must be true or false (got string).'],
    ['userAgent: 7', { userAgent: 7 }, '`userAgent` must be a single-line string (got number).'],
    ['logger: "console"', { logger: 'console' }, '`logger` must be a pino-compatible logger, an object whose error, warn, info and debug are functions (got string).'],
    ['logger: { warn: true }', { logger: { warn: true } }, '`logger` must be a pino-compatible logger, an object whose error, warn, info and debug are functions (got object).'],
    ['fetch: "fetch"', { fetch: 'fetch' }, '`fetch` must be a function with the signature of the global fetch (got string).'],
    ['transport: 1', { transport: 1 }, '`transport` must come from kyTransport() or fetchTransport() (an object with `send`).'],
  ])('%s', (_, extra, message) => {
    expect(configurationError(make(extra)).message).toBe(message);
  });

  it('use() checks what it is given the same way', () => {
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, middleware: [] });
    expect(configurationError(() => vf.use(42 as never)).message).toBe('use(…)[0] must be a middleware function, such as retry() (got number).');
  });
});

describe('redirects', () => {
  for (const [name, transport] of [
    ['kyTransport', kyTransport],
    ['fetchTransport', fetchTransport],
  ] as const) {
    it(`${name} asks fetch not to follow them, and a refusal names the host the redirect points to`, async () => {
      const { fetch, requests } = recordingFetch(() => new Response(null, { status: 301, headers: { location: 'https://new-panel.example.net/api/v1/servers/1?secret=1' } }));
      const seen: RequestRedirect[] = [];
      const spy: typeof fetch = (input, init) => {
        seen.push((input instanceof Request ? input : new Request(input, init)).redirect);
        return fetch(input, init);
      };
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, transport: transport({ fetch: spy }), middleware: [] });
      const error = await vf.request('GET /servers/{serverId}', { path: { serverId: 1 } }).catch((e: unknown) => e);
      expect(seen).toEqual(['manual']);
      expect(requests).toHaveLength(1);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 301 });
      expect((error as Error).message).toBe(
        "The panel's address redirected GET /servers/{serverId} (301) to https://new-panel.example.net/api/v1/servers/1; the SDK does not follow redirects, so that the token and the request go nowhere but the panel. If that is where the panel lives, make the client with that URL (the panel answered at panel.example.com).",
      );
      expect((error as Error).message).not.toContain('secret');
    });
  }

  it('names a same-host redirect to https by its scheme', async () => {
    const { fetch } = recordingFetch(() => new Response(null, { status: 308, headers: { location: '/api/v1/connect' } }));
    const vf = new VirtFusion({ url: 'http://localhost:8080', token: TOKEN, fetch, middleware: [] });
    const error = await vf.connect().catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^The panel's address redirected GET \/connect \(308\) to http:\/\/localhost:8080\/api\/v1\/connect;/);
  });
});
