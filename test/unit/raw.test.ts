import { describe, expect, it, vi } from 'vitest';
import { cache, NotFoundError, retry, VirtFusion, type Middleware, type RequestEventMap } from '../../src/index';
import { PANEL, TOKEN, json, recordingFetch, type Responder } from '../helpers/recording-fetch';
import { refusal } from '../helpers/refusal';

// vf.raw: a route outside the OpenAPI document, with the client's base URL, token, middleware,
// redaction and typed errors, and nothing else.

function client(responder: Responder = () => json({ data: { id: 42 } }), middleware: Middleware[] = []) {
  const { fetch, requests } = recordingFetch(responder);
  const vf = new VirtFusion({ url: `${PANEL}/sub`, token: TOKEN, fetch, middleware, logger: { warn: vi.fn() } });
  const events: { name: string; route: string; method: string }[] = [];
  for (const name of ['request', 'response', 'retry', 'error'] as const) {
    vf.on(name, (event: RequestEventMap[typeof name]) => events.push({ name, route: event.route, method: event.method }));
  }
  return { vf, requests, events };
}


describe('vf.raw on the wire', () => {
  it('fills a template, appends the query PHP-style and sends the JSON body with the token, under the panel’s /api/v1', async () => {
    const { vf, requests } = client();
    const answer = await vf.raw('PUT /users/{id}/notes/{note}', { path: { id: 42, note: 'a/b c' }, query: { verbose: true, tags: ['x', 'y'], skip: undefined }, body: { name: 'Ada' } });
    expect(answer).toEqual({ data: { id: 42 } });
    const [request] = requests;
    expect(request!.method).toBe('PUT');
    expect(request!.url.href).toBe(`${PANEL}/sub/api/v1/users/42/notes/a%2Fb%20c?verbose=true&tags%5B%5D=x&tags%5B%5D=y`);
    expect(request!.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(request!.headers.get('content-type')).toBe('application/json');
    expect(request!.body).toBe('{"name":"Ada"}');
  });

  it('takes a literal path, and a full URL of the panel itself', async () => {
    const { vf, requests } = client(() => new Response(null, { status: 204 }));
    expect(await vf.raw('DELETE /users/42')).toBeUndefined();
    await vf.raw(`GET ${PANEL}/sub/api/v1/future/thing`);
    expect(requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['DELETE /sub/api/v1/users/42', 'GET /sub/api/v1/future/thing']);
  });

  it('checks nothing of the answer, and turns an error status into the same typed error as vf.request', async () => {
    const { vf } = client(() => json({ whatever: ['shape'] }));
    expect(await vf.raw('GET /servers/{id}', { path: { id: 1 } })).toEqual({ whatever: ['shape'] });
    const missing = client(() => json({ message: `no such thing for ${TOKEN}` }, { status: 404 }));
    const error = await missing.vf.raw('GET /things/{id}', { path: { id: 9 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, route: 'GET /things/{id}', method: 'GET' });
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect((error as Error).message).not.toContain(TOKEN);
  });
});

describe('vf.raw names', () => {
  it('a templated call by its template and a literal path as RAW <METHOD>, so ids never become names', async () => {
    const { vf, events } = client();
    await vf.raw('PUT /users/{id}', { path: { id: 42 }, body: {} });
    await vf.raw('PUT /users/42', { body: {} });
    expect(events.filter((e) => e.name === 'request').map((e) => e.route)).toEqual(['PUT /users/{id}', 'RAW PUT']);
  });
});

describe('vf.raw retries', () => {
  it('retries an idempotent method on a 503, never a POST, even when asked to', async () => {
    let status = 503;
    const { vf, requests, events } = client(
      () => json({ message: 'busy' }, { status: status === 503 ? ((status = 200), 503) : 200 }),
      [retry({ minTimeout: 1, maxTimeout: 1, random: () => 0 })],
    );
    await vf.raw('PUT /users/{id}', { path: { id: 1 }, body: {} });
    expect(requests).toHaveLength(2);
    expect(events.filter((e) => e.name === 'retry')).toHaveLength(1);

    status = 503;
    const error = await vf.raw('POST /users', { body: {}, retry: { unsafe: true } as never }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503 });
    expect(requests).toHaveLength(3);
  });
});

describe('vf.raw and the cache', () => {
  it('a raw write clears the cached reads of its collection', async () => {
    let name = 'first';
    const { vf, requests } = client(() => json({ data: { name } }), [cache({ defaultTtl: 60_000 })]);
    expect(await vf.raw('GET /widgets/{id}', { path: { id: 1 } })).toEqual({ data: { name: 'first' } });
    expect(await vf.raw('GET /widgets/{id}', { path: { id: 1 } })).toEqual({ data: { name: 'first' } });
    expect(requests).toHaveLength(1);
    name = 'second';
    await vf.raw('PUT /widgets/1', { body: { name } });
    expect(await vf.raw('GET /widgets/{id}', { path: { id: 1 } })).toEqual({ data: { name: 'second' } });
    expect(requests).toHaveLength(3);
  });
});

describe('vf.raw refuses what cannot be a route, before sending', () => {
  it.each([
    ['no method', '/users/42', /has no method/],
    ['a lower-case or unknown method', 'FETCH /users/42', /has method "FETCH"/],
    ['a full URL of another host', 'GET https://evil.example/api/v1/users', /is a URL outside https:\/\/panel\.example\.com\/sub\/api\/v1/],
    ['a URL of the panel outside /api/v1', `GET ${PANEL}/sub/admin/users`, /is a URL outside/],
    ['a protocol-relative URL', 'GET //evil.example/api/v1/users', /is a URL outside/],
    ['a ".." segment', 'GET /users/../../admin', /has a "\.\." segment/],
    ['an encoded ".." segment', 'GET /users/%2e%2E/admin', /has a "\.\." segment/],
    ['control characters', 'GET /users/42\r\nX-Evil: 1', /control characters/],
    ['a query in the path', 'GET /users?id=1', /query or fragment/],
    ['a backslash', 'GET /users\\..\\admin', /backslash/],
    ['a path without a leading slash', 'GET users/42', /does not start with/],
  ])('%s', async (_, route, message) => {
    const { vf, requests } = client();
    const error = await refusal(vf.raw(route));
    expect(error.message).toMatch(message);
    expect(requests).toHaveLength(0);
  });

  it('a missing, unknown or path-breaking placeholder value, and a body on a GET', async () => {
    const { vf, requests } = client();
    expect((await refusal(vf.raw('PUT /users/{id}', { body: {} }))).issues).toEqual([{ path: ['path', 'id'], message: 'is required' }]);
    expect((await refusal(vf.raw('PUT /users/{id}', { path: { id: 1, other: 2 } }))).issues).toEqual([{ path: ['path', 'other'], message: 'is not a placeholder of PUT /users/{id}' }]);
    expect((await refusal(vf.raw('GET /users/{id}', { path: { id: '..' } }))).issues[0]!.path).toEqual(['path', 'id']);
    expect((await refusal(vf.raw('GET /users', { body: { a: 1 } }))).issues).toEqual([{ path: ['body'], message: 'cannot be sent with GET' }]);
    expect(requests).toHaveLength(0);
  });

  it('an already aborted signal', async () => {
    const { vf, requests } = client();
    const error = await vf.raw('GET /users', { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'aborted', route: 'RAW GET' });
    expect(requests).toHaveLength(0);
  });
});

describe('vf.request points at vf.raw', () => {
  it('in its refusal of a route the document does not have', async () => {
    const { vf } = client();
    const error = await refusal(vf.request('PUT /users/{id}' as never, {} as never));
    expect(error.message).toMatch(/use vf\.raw\(\)/);
  });
});
