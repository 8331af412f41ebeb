import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPERATIONS, VirtFusion, type Route } from '../../src/index';
import { json, PANEL, recordingFetch, TOKEN } from '../helpers/recording-fetch';
import { hostileString, hostileValue } from './arbitraries';
import { check, checkFailure, checkWire } from './wire';

const RUNS = 3_000;

type Call = (vf: VirtFusion, id: never) => Promise<unknown>;

/** Resource methods that put a caller's value into a path segment, and the route each must call. */
const METHODS: readonly { route: Route; param: string; call: Call }[] = [
  { route: 'GET /users/{extRelationId}/byExtRelation', param: 'extRelationId', call: (vf, id) => vf.users.get(id) },
  { route: 'GET /users/{extRelationId}/byExtRelation', param: 'extRelationId', call: (vf, id) => vf.users.get(id, { relStr: false }) },
  { route: 'PUT /users/{extRelationId}/byExtRelation', param: 'extRelationId', call: (vf, id) => vf.users.update(id, { name: 'n' }) },
  { route: 'DELETE /users/{extRelationId}/byExtRelation', param: 'extRelationId', call: (vf, id) => vf.users.delete(id) },
  { route: 'POST /users/{extRelationId}/authenticationTokens', param: 'extRelationId', call: (vf, id) => vf.users.loginTokens(id) },
  { route: 'GET /servers/{serverId}', param: 'serverId', call: (vf, id) => vf.servers.get(id) },
  { route: 'DELETE /servers/{serverId}', param: 'serverId', call: (vf, id) => vf.servers.delete(id) },
  { route: 'PUT /servers/{serverId}/modify/name', param: 'serverId', call: (vf, id) => vf.servers.modify.name(id, 'web-1') },
  { route: 'GET /servers/{serverId}/disks/{diskRef}', param: 'diskRef', call: (vf, id) => vf.servers.disks.get(1, id) },
  { route: 'DELETE /servers/{serverId}/disks/{diskRef}', param: 'diskRef', call: (vf, id) => vf.servers.disks.delete(1, id) },
  { route: 'GET /servers/{serverId}/firewall/{interface}', param: 'interface', call: (vf, id) => vf.servers.firewall.get(1, id) },
  { route: 'GET /selfService/usage/byUserExtRelationId/{extRelationId}', param: 'extRelationId', call: (vf, id) => vf.billing.usage(id) },
  { route: 'GET /servers/user/{userId}', param: 'userId', call: (vf, id) => vf.servers.listByUser(id) },
];

describe('fuzz: resource methods with hostile ids', () => {
  it('throw only typed errors without the token, and send an id that arrives intact in its one segment', async () => {
    const { fetch, requests } = recordingFetch(() => json({ data: { id: 1 } }));
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, middleware: [], validate: 'off', logger: { warn: () => undefined } });
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...METHODS), fc.oneof(hostileString, hostileValue), async (method, id) => {
        requests.length = 0;
        const error = await method.call(vf, id as never).then(
          () => undefined,
          (caught: unknown) => caught ?? new Error('rejected with nothing'),
        );
        if (error !== undefined) checkFailure(error, requests);
        check(requests.length <= 1, `${requests.length} requests`);
        sent += requests.length;
        const operation = OPERATIONS[method.route];
        for (const request of requests) {
          checkWire(operation, request);
          const at = `/api/v1${operation.path}`.split('/').indexOf(`{${method.param}}`);
          const segment = request.url.pathname.split('/')[at]!;
          const decoded = decodeURIComponent(segment);
          // A string id is sent as given; an integer-only parameter takes numeric strings and sends their number.
          if (!operation.pathParams[method.param]!.types.includes('string')) check(/^-?\d+$/.test(decoded), `${method.route}: ${JSON.stringify(decoded)} sent as an integer id`);
          else if (typeof id === 'string') check(decoded === id, `${method.route}: ${JSON.stringify(id)} arrived as ${JSON.stringify(decoded)}`);
        }
      }),
      { numRuns: RUNS },
    );
    // The intact-id check only bites on calls that went out.
    expect(sent).toBeGreaterThan(RUNS / 6);
  }, 30_000);
});
