import { describe, expect, it } from 'vitest';
import {
  ExtRelationId,
  ResponseUnreadableError,
  ResponseValidationError,
  UserId,
  VirtFusion,
  isResponseUnreadableError,
  rateLimit,
  retry,
} from '../../src/index';
import { PANEL, TOKEN, json, recordingFetch } from '../helpers/recording-fetch';

const CUT = '{"data":{"id":12,"name":"Ada","email":"ada@exa';
const instantRetry = () => retry({ random: () => 0 });

function client(responder: Parameters<typeof recordingFetch>[0], middleware = [instantRetry(), rateLimit({ perMinute: 10_000 })]) {
  const recorder = recordingFetch(responder);
  return { ...recorder, vf: new VirtFusion({ url: PANEL, token: TOKEN, fetch: recorder.fetch, middleware }) };
}

describe('a write the panel applied, whose answer was lost', () => {
  it('POST /users answered 201 with a cut body: ResponseUnreadableError, applied, sent once, with the way to look the user up', async () => {
    const { vf, requests } = client(() => new Response(CUT, { status: 201, headers: { 'content-type': 'application/json' } }));
    const error = await vf.users.create({ name: 'Ada', email: 'ada@example.com', extRelationId: ExtRelationId(1042) }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ResponseUnreadableError);
    expect(error).toBeInstanceOf(ResponseValidationError); // existing catches still hold
    expect(isResponseUnreadableError(error)).toBe(true);
    const lost = error as ResponseUnreadableError;
    expect(lost).toMatchObject({ applied: true, status: 201, route: 'POST /users', method: 'POST', retryable: false, code: 'response_unreadable' });
    expect(lost.lookup).toBe('vf.users.get(1042) returns the user that was created');
    expect(lost.message).toBe(
      'The panel answered 201 to POST /users: the change WAS applied, but its answer was lost on the way (cut short or not JSON; a proxy may be rewriting answers). Do not send it again; vf.users.get(1042) returns the user that was created.',
    );
    expect(lost.toJSON().error.details).toEqual({ applied: true, status: 201, route: 'POST /users', lookup: 'vf.users.get(1042) returns the user that was created' });
    expect(requests).toHaveLength(1);
  });

  it('POST /servers: the lookup names the owner whose servers list the new one', async () => {
    const { vf } = client(() => new Response('{"data":{"id":9', { status: 201 }));
    const error = (await vf.servers.create({ packageId: 1, userId: UserId(5), hypervisorId: 2 } as never).catch((e: unknown) => e)) as ResponseUnreadableError;
    expect(error.lookup).toBe('vf.servers.listByUser(5) lists the new server (the highest id)');
  });

  it('a dry run of POST /servers answered with a cut body says nothing was created, and points at no server', async () => {
    const { vf, requests } = client(() => new Response('{"data":{"dryRun":tr', { status: 200 }));
    const error = (await vf.servers.create({ packageId: 1, userId: UserId(5), hypervisorId: 2 } as never, { dryRun: true }).catch((e: unknown) => e)) as ResponseUnreadableError;
    expect(error).toBeInstanceOf(ResponseUnreadableError);
    expect(error).toMatchObject({ applied: false, lookup: undefined, status: 200, route: 'POST /servers' });
    expect(error.message).toBe(
      'The panel answered 200 to a dry run of POST /servers, but the body could not be read (cut short or not JSON); a proxy may be rewriting answers. Nothing was created or changed (a dry run only checks): sending it again is safe.',
    );
    expect(error.message).not.toMatch(/WAS applied|listByUser/);
    expect(requests).toHaveLength(1);
    expect(new URL(requests[0]!.url).searchParams.get('dryRun')).toBe('true');
  });

  it('a PUT (idempotent, but a change) is not sent again either', async () => {
    const { vf, requests } = client(() => new Response('<html><body>proxy</body></html>', { status: 201 }));
    const error = await vf.request('PUT /servers/{serverId}/modify/name', { path: { serverId: 7 }, body: { name: 'web-1' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ applied: true, status: 201, lookup: 'vf.servers.get(7) shows the new name' });
    expect(requests).toHaveLength(1);
  });

  it('a power action answered 200 with spoiled JSON is not queued twice', async () => {
    const { vf, requests } = client(() => new Response('{"data":{"queueId":', { status: 200 }));
    const error = await vf.servers.power.restart(7).catch((e: unknown) => e);
    expect(error).toMatchObject({ applied: true, lookup: 'vf.servers.get(7) shows the power state' });
    expect(requests).toHaveLength(1);
  });
});

describe('a read whose 2xx answer was lost', () => {
  it('is retried like a 5xx and succeeds on the next attempt', async () => {
    let calls = 0;
    const { vf, requests } = client(() => (++calls === 1 ? new Response('{"data":{"id":7,"na', { status: 200 }) : json({ data: { id: 7 } })));
    await expect(vf.request('GET /servers/{serverId}', { path: { serverId: 7 } })).resolves.toEqual({ data: { id: 7 } });
    expect(requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['GET /api/v1/servers/7', 'GET /api/v1/servers/7']);
  });

  it('after the last attempt: ResponseUnreadableError, not applied, with the attempt count', async () => {
    const { vf, requests } = client(() => new Response('{"data":[{"id":1},', { status: 200 }));
    const error = (await vf.request('GET /servers').catch((e: unknown) => e)) as ResponseUnreadableError;
    expect(error).toBeInstanceOf(ResponseUnreadableError);
    expect(error).toMatchObject({ applied: false, retryable: true, attempts: 4, lookup: undefined });
    expect(error.message).toBe(
      'The panel answered 200 to GET /servers, but the body could not be read (cut short or not JSON); a proxy may be rewriting answers. Nothing was changed: reading again is safe. Failed after 4 attempts.',
    );
    expect(requests).toHaveLength(4);
  });

  it('emits a retry event for each lost answer', async () => {
    const { vf } = client(() => new Response('{', { status: 200 }));
    const retries: unknown[] = [];
    vf.on('retry', (event) => retries.push(event.status));
    await vf.request('GET /connect').catch(() => undefined);
    expect(retries).toEqual([200, 200, 200]);
  });
});
