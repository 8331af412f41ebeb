import { describe, expect, it } from 'vitest';
import { InputValidationError, VirtFusion, type Route } from '../../src/index';
import { PANEL, TOKEN, recordingFetch } from '../helpers/recording-fetch';
import { TRANSPORTS } from '../helpers/transports';

describe.each(TRANSPORTS)('over $name', ({ connect }) => {

  function client() {
    const recorder = recordingFetch(() => Response.json({ data: {} }));
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, ...connect(recorder.fetch) });
    return { vf, requests: recorder.requests };
  }

  async function rejection(promise: Promise<unknown>): Promise<InputValidationError> {
    const error = await promise.then(
      () => expect.unreachable('the call should have been rejected'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputValidationError);
    return error as InputValidationError;
  }

  describe('path parameters', () => {
    it('fills an integer id into the path', async () => {
      const { vf, requests } = client();
      await vf.request('GET /servers/{serverId}', { path: { serverId: 42 } });
      expect(requests[0]?.url.href).toBe('https://panel.example.com/api/v1/servers/42');
    });

    it('accepts an integer id given as a numeric string', async () => {
      const { vf, requests } = client();
      await vf.request('GET /servers/{serverId}', { path: { serverId: '42' as unknown as number } });
      expect(requests[0]?.url.pathname).toBe('/api/v1/servers/42');
    });

    it.each([
      ['../users', /path\.serverId must be an integer, got "\.\.\/users"/],
      ['1?x=2', /path\.serverId must be an integer, got "1\?x=2"/],
      ['1/../../users', /must be an integer/],
      [1.5, /path\.serverId must be an integer, got 1\.5/],
      [0, /path\.serverId must be at least 1, got 0/],
      [-3, /must be at least 1/],
      [Number.NaN, /must be an integer/],
      [{}, /must be an integer, got object/],
    ])('refuses serverId %j before sending', async (value, message) => {
      const { vf, requests } = client();
      const error = await rejection(vf.request('GET /servers/{serverId}', { path: { serverId: value as number } }));
      expect(error.message).toMatch(message);
      expect(error.issues[0]?.path).toEqual(['path', 'serverId']);
      expect(requests).toHaveLength(0);
    });

    it('percent-encodes a string parameter so it stays one path segment', async () => {
      const { vf, requests } = client();
      await vf.request('GET /users/{extRelationId}/byExtRelation', { path: { extRelationId: 'acme/1?x=2#y' }, query: { relStr: true } });
      expect(requests[0]?.url.pathname).toBe('/api/v1/users/acme%2F1%3Fx%3D2%23y/byExtRelation');
      expect(requests[0]?.url.search).toBe('?relStr=true');
    });

    it.each(['.', '..'])('refuses the dot segment %j, which would change the route', async (value) => {
      const { vf, requests } = client();
      const error = await rejection(vf.request('GET /users/{extRelationId}/byExtRelation', { path: { extRelationId: value } }));
      expect(error.message).toContain(`must not be "${value}"`);
      expect(requests).toHaveLength(0);
    });

    it('checks enumerated path parameters', async () => {
      const { vf, requests } = client();
      const error = await rejection(
        vf.request('GET /servers/{serverId}/firewall/{interface}', { path: { serverId: 1, interface: 'tertiary' as 'primary' } }),
      );
      expect(error.message).toContain('path.interface must be one of "primary", "secondary" or a ten-digit interface tag, got "tertiary"');
      expect(requests).toHaveLength(0);
    });

    it('reports a missing path parameter and every other problem at once', async () => {
      const { vf, requests } = client();
      const error = await rejection(
        vf.request('PUT /servers/{serverId}/package/{packageId}', { path: { serverId: 'x' } } as never),
      );
      expect(error.issues).toEqual([
        { path: ['path', 'serverId'], message: 'must be an integer, got "x"' },
        { path: ['path', 'packageId'], message: 'is required' },
      ]);
      expect(requests).toHaveLength(0);
    });
  });

  describe('query parameters', () => {
    it('sends arrays PHP-style and scalars as they are', async () => {
      const { vf, requests } = client();
      await vf.request('GET /servers', { query: { hypervisorId: [1, 2], results: 200, page: 3 } });
      expect(requests[0]?.url.search).toBe('?hypervisorId%5B%5D=1&hypervisorId%5B%5D=2&results=200&page=3');
      expect(requests[0]?.url.searchParams.getAll('hypervisorId[]')).toEqual(['1', '2']);
    });

    it('sends a single value of an array parameter in the PHP form too', async () => {
      const { vf, requests } = client();
      await vf.request('GET /servers', { query: { hypervisorId: 5 as unknown as number[] } });
      expect(requests[0]?.url.searchParams.getAll('hypervisorId[]')).toEqual(['5']);
    });

    it('sends booleans as true/false and leaves out undefined values', async () => {
      const { vf, requests } = client();
      await vf.request('GET /servers/{serverId}', { path: { serverId: 9 }, query: { remoteState: true } });
      await vf.request('GET /servers/{serverId}', { path: { serverId: 9 }, query: { remoteState: undefined } });
      expect(requests.map((r) => r.url.search)).toEqual(['?remoteState=true', '']);
    });

    it.each([
      [{ results: 201 }, 'query.results must be at most 200, got 201'],
      [{ results: 0 }, 'query.results must be at least 1, got 0'],
      [{ page: 0 }, 'query.page must be at least 1, got 0'],
      [{ type: 'partial' }, 'query.type must be one of "simple", "full", got "partial"'],
      [{ hypervisorId: [1, 'two'] }, 'query.hypervisorId.1 must be an integer, got "two"'],
    ])('refuses %j before sending', async (query, message) => {
      const { vf, requests } = client();
      const error = await rejection(vf.request('GET /servers', { query: query as never }));
      expect(error.message).toContain(message);
      expect(requests).toHaveLength(0);
    });

    it('checks delay against 0–43800 minutes', async () => {
      const { vf, requests } = client();
      await rejection(vf.request('DELETE /servers/{serverId}', { path: { serverId: 1 }, query: { delay: 43801 } }));
      await vf.request('DELETE /servers/{serverId}', { path: { serverId: 1 }, query: { delay: 0 } });
      expect(requests.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`)).toEqual(['DELETE /api/v1/servers/1?delay=0']);
    });
  });

  describe('routes and bodies', () => {
    it('refuses an unknown route and suggests the closest one', async () => {
      const { vf, requests } = client();
      const error = await rejection(vf.request('GET /server/{serverId}' as Route, { path: { serverId: 1 } } as never));
      expect(error.message).toBe('Unknown route "GET /server/{serverId}": routes are written "METHOD /path/{param}"; did you mean "GET /servers/{serverId}"? For a route the SDK does not describe, use vf.raw().');
      expect(requests).toHaveLength(0);
    });

    it('requires the body of an operation that needs one', async () => {
      const { vf, requests } = client();
      const error = await rejection(vf.request('POST /servers', {} as never));
      expect(error.issues).toEqual([{ path: ['body'], message: 'is required by POST /servers: send { packageId, userId, hypervisorId }' }]);
      expect(requests).toHaveLength(0);
    });

    it('refuses a body on an operation that takes none', async () => {
      const { vf } = client();
      const error = await rejection(vf.request('GET /connect', { body: { a: 1 } } as never));
      expect(error.issues[0]?.message).toBe('GET /connect takes no request body');
    });

    it('sends the body as JSON with its content type', async () => {
      const { vf, requests } = client();
      await vf.request('POST /servers', { query: { dryRun: true }, body: { packageId: 1, userId: 2, hypervisorId: 3 } });
      const sent = requests[0]!;
      expect(sent.method).toBe('POST');
      expect(sent.url.href).toBe('https://panel.example.com/api/v1/servers?dryRun=true');
      expect(sent.headers.get('content-type')).toBe('application/json');
      expect(JSON.parse(sent.body)).toEqual({ packageId: 1, userId: 2, hypervisorId: 3 });
    });

    it('refuses a body that cannot become JSON', async () => {
      const { vf } = client();
      const body: Record<string, unknown> = { packageId: 1n };
      const error = await rejection(vf.request('POST /servers', { body: body as never }));
      expect(error.issues).toContainEqual({ path: ['body'], message: expect.stringMatching(/^cannot be serialised as JSON/) });
    });
  });

  describe('request bodies are checked against the operation', () => {
    it('lists every problem of a body the panel would reject, sending nothing', async () => {
      const { vf, requests } = client();
      const error = await rejection(
        vf.request('POST /servers', { body: { packageId: 0, userId: 'seven', extra: true } as never }),
      );
      expect(error.issues.map((i) => i.path.join('.'))).toEqual(
        expect.arrayContaining(['body.packageId', 'body.userId', 'body.hypervisorId', 'body']),
      );
      expect(error.message).toMatch(/^Invalid request for POST \/servers: body\.packageId /);
      expect(requests).toHaveLength(0);
    });

    it('checks enums of a body', async () => {
      const { vf, requests } = client();
      const error = await rejection(
        vf.request('POST /servers/{serverId}/vnc', { path: { serverId: 1 }, body: { action: 'toggle' } as never }),
      );
      expect(error.issues).toEqual([{ path: ['body', 'action'], message: expect.stringContaining('"enable"') }]);
      expect(requests).toHaveLength(0);
    });

    it.each([
      ['email', () => ({ route: 'POST /users', body: { name: 'Ada', email: 'not-an-email' } }), ['body', 'email']],
      ['ipv4', () => ({ route: 'PUT /connectivity/ipv4/rdns', body: { address: '300.1.2.3', ptr: 'a.example.net' } }), ['body', 'address']],
      ['ipv4 in a list', () => ({ route: 'POST /servers/{serverId}/ipv4', path: { serverId: 1 }, body: { ip: ['192.0.2.1', 'example.net'] } }), ['body', 'ip', 1]],
    ] as const)('enforces format: %s', async (_format, make, where) => {
      const { vf, requests } = client();
      const { route, ...options } = make() as { route: Route; path?: Record<string, unknown>; body: unknown };
      const error = await rejection(vf.request(route, options as never));
      expect(error.issues.map((i) => i.path)).toContainEqual(where);
      expect(requests).toHaveLength(0);
    });

    it('a well-formed email passes the format check', async () => {
      const { vf, requests } = client();
      await vf.request('POST /users', { body: { name: 'Ada', email: 'ada@example.com' } });
      expect(JSON.parse(requests[0]!.body)).toEqual({ name: 'Ada', email: 'ada@example.com' });
    });

    it('lets a valid body through untouched', async () => {
      const { vf, requests } = client();
      await vf.request('PUT /servers/{serverId}/modify/memory', { path: { serverId: 4 }, body: { memory: 2048 } });
      expect(requests[0]?.body).toBe('{"memory":2048}');
    });
  });
});
