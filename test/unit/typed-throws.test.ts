import { describe, expect, it } from 'vitest';
import { ConfigurationError, ExtRelationId, InputValidationError, VirtFusion } from '../../src/index';
import { PANEL, TOKEN, recordingFetch } from '../helpers/recording-fetch';

function client() {
  const recorder = recordingFetch(() => Response.json({ data: {} }));
  return { vf: new VirtFusion({ url: PANEL, token: TOKEN, fetch: recorder.fetch, middleware: [] }), requests: recorder.requests };
}

async function inputError(promise: Promise<unknown>): Promise<InputValidationError> {
  const error = await promise.then(() => expect.unreachable('expected a rejection'), (e: unknown) => e);
  expect(error).toBeInstanceOf(InputValidationError);
  return error as InputValidationError;
}

describe('a lone surrogate in any string parameter is an InputValidationError, never a URIError', () => {
  const LONE = 'ab\ud800cd';

  it.each([
    ['users.get (extRelationId as relStr)', (vf: VirtFusion) => vf.users.get(LONE as never, { relStr: true } as never)],
    ['a string path id', (vf: VirtFusion) => vf.request('GET /users/{extRelationId}/byExtRelation', { path: { extRelationId: LONE as never } })],
    ['a disk reference', (vf: VirtFusion) => vf.request('DELETE /servers/{serverId}/disks/{diskRef}', { path: { serverId: 1, diskRef: LONE } } as never)],
    ['a query value', (vf: VirtFusion) => vf.request('GET /selfService/report/byUserExtRelationId/{extRelationId}', { path: { extRelationId: 1 }, query: { period: 1, currency: '\udc00' } } as never)],
  ])('%s', async (_name, call) => {
    const { vf, requests } = client();
    const error = await inputError(call(vf));
    expect(error.message).toContain('contains a lone surrogate (half of a UTF-16 pair), which cannot be sent; pass well-formed text');
    expect(requests).toHaveLength(0);
  });

  it('a well-formed pair (an emoji) is sent, percent-encoded', async () => {
    const { vf, requests } = client();
    await vf.request('GET /users/{extRelationId}/byExtRelation', { path: { extRelationId: 'a😀' as never }, query: { relStr: true } });
    expect(requests[0]!.url.pathname).toBe('/api/v1/users/a%F0%9F%98%80/byExtRelation');
  });
});

describe('query keys', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])('a key named %s is an InputValidationError and never reaches the wire', async (key) => {
    const { vf, requests } = client();
    const query = JSON.parse(`{"${key}": 1}`) as Record<string, unknown>;
    const error = await inputError(vf.request('GET /servers', { query } as never));
    expect(error.issues).toEqual([{ path: ['query', key], message: 'is not a query parameter of GET /servers; it takes type, hypervisorId, results, page' }]);
    expect(requests).toHaveLength(0);
  });

  it('an undeclared key names the accepted ones (none, for a route that takes none)', async () => {
    const { vf, requests } = client();
    const error = await inputError(vf.request('GET /packages', { query: { perPage: 50 } } as never));
    expect(error.message).toBe('Invalid request for GET /packages: query.perPage is not a query parameter of GET /packages; it takes none');
    expect(requests).toHaveLength(0);
  });

  it('a path key named after a prototype member is refused too', async () => {
    const { vf, requests } = client();
    const path = JSON.parse('{"serverId": 1, "constructor": 2}') as Record<string, unknown>;
    const error = await inputError(vf.request('GET /servers/{serverId}', { path } as never));
    expect(error.issues).toEqual([{ path: ['path', 'constructor'], message: 'is not a parameter of /servers/{serverId}' }]);
    expect(requests).toHaveLength(0);
  });
});

describe('headers', () => {
  it('a per-call header value the wire cannot carry is an InputValidationError', async () => {
    const { vf, requests } = client();
    const error = await inputError(vf.request('GET /connect', { headers: { 'x-note': 'caf\u00e9\u200b' } }));
    expect(error.issues[0]!.path).toEqual(['headers', 'x-note']);
    expect(requests).toHaveLength(0);
  });
});

describe('a token the wire cannot carry is refused at construction', () => {
  it.each([
    ['\u200b', 'U+200B (zero-width space)'],
    ['\u2019', 'U+2019 (right single quotation mark)'],
    ['\u0100', 'U+0100'],
  ])('%j', (character, described) => {
    const token = `vf-abcdefgh${character}ijkl`;
    const error = (() => {
      try {
        new VirtFusion({ url: PANEL, token });
      } catch (caught) {
        return caught;
      }
      return expect.unreachable('expected a ConfigurationError');
    })() as ConfigurationError;
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(
      `\`token\` contains ${described} at character 12 of 16, which an HTTP header cannot carry; copy the token again from the panel (Configuration → API), without it.`,
    );
    expect(error.message).not.toContain('vf-abcdefgh');
  });

  it('the environment variable is named when the token came from there', () => {
    expect(() => VirtFusion.fromEnv({ env: { VIRTFUSION_URL: PANEL, VIRTFUSION_TOKEN: `${TOKEN}\u200b` } })).toThrow(
      /^VIRTFUSION_TOKEN contains U\+200B \(zero-width space\) at character 27 of 27/,
    );
  });
});
