import { describe, expect, it } from 'vitest';
import { ExtRelationId, ResponseValidationError, VirtFusion } from '../../src/index';
import { PANEL, TOKEN, recordingFetch } from '../helpers/recording-fetch';

const user = { data: { id: 11, name: 'Ada', email: 'ada@example.com', extRelationId: 1042 } };

describe('vf.users', () => {
  it('ensure() returns the existing user without creating one', async () => {
    const { fetch, requests } = recordingFetch(() => Response.json(user));
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch });
    const found = await vf.users.ensure({ extRelationId: ExtRelationId(1042), name: 'Ada', email: 'ada@example.com' });
    expect(found.id).toBe(11);
    expect(requests.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`)).toEqual(['GET /api/v1/users/1042/byExtRelation']);
  });

  it('ensure() creates the user on a 404, once', async () => {
    const { fetch, requests } = recordingFetch((request) =>
      request.method === 'GET' ? Response.json({ msg: 'user not found' }, { status: 404 }) : Response.json(user, { status: 201 }),
    );
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch });
    await vf.users.ensure({ extRelationId: ExtRelationId(1042), name: 'Ada', email: 'ada@example.com' });
    expect(requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['GET /api/v1/users/1042/byExtRelation', 'POST /api/v1/users']);
    expect(JSON.parse(requests[1]!.body)).toEqual({ extRelationId: 1042, name: 'Ada', email: 'ada@example.com' });
  });

  it('ensure() by relStr looks up with ?relStr=true', async () => {
    const { fetch, requests } = recordingFetch(() => Response.json(user));
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch });
    await vf.users.ensure({ relStr: 'acme-7', name: 'Ada', email: 'ada@example.com' });
    expect(`${requests[0]?.url.pathname}${requests[0]?.url.search}`).toBe('/api/v1/users/acme-7/byExtRelation?relStr=true');
  });

  it('ensure() does not create on other errors', async () => {
    const { fetch, requests } = recordingFetch(() => new Response(null, { status: 401 }));
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch });
    await expect(vf.users.ensure({ extRelationId: ExtRelationId(1042), name: 'Ada', email: 'a@example.com' })).rejects.toThrow(/401/);
    expect(requests).toHaveLength(1);
  });

  it('loginUrl() builds the URL on the configured panel origin', async () => {
    const { fetch } = recordingFetch(() => Response.json({ data: { authentication: { endpoint_complete: '/token_login?t=abc&u=1' } } }));
    const vf = new VirtFusion({ url: 'https://panel.example.com:8443/api/v1', token: TOKEN, fetch });
    await expect(vf.users.loginUrl(ExtRelationId(1042))).resolves.toBe('https://panel.example.com:8443/token_login?t=abc&u=1');
  });

  it.each(['https://evil.example.net/login', '//evil.example.net/login', '/\\evil.example.net', 'javascript:alert(1)', ''])(
    'loginUrl() refuses an endpoint off the panel origin: %j',
    async (endpoint) => {
      const { fetch } = recordingFetch(() => Response.json({ data: { authentication: { endpoint_complete: endpoint } } }));
      const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch });
      const error = await vf.users.loginUrl(ExtRelationId(1042)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect((error as Error).message).toMatch(/refusing to build a login URL to another host/);
    },
  );

  it('branded id constructors refuse what is not a positive integer', () => {
    expect(ExtRelationId(5)).toBe(5);
    expect(ExtRelationId('17')).toBe(17);
    expect(() => ExtRelationId(0)).toThrow('ExtRelationId: must be a positive integer, got 0');
    expect(() => ExtRelationId(1.5)).toThrow(/must be a positive integer/);
  });
});
