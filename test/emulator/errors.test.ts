import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, ConflictError, LockedError, NotFoundError, PermissionError, ValidationError, type VirtFusion } from '../../src/index';
import { createManualClock, startEmulator, type Emulator } from '../../src/testing';
import { raw, sdkFor } from './helpers';

// Every error family the panel uses, with the exact bodies the emulator sends.

let emu: Emulator;
let vf: VirtFusion;

beforeAll(async () => {
  emu = await startEmulator({
    clock: createManualClock(),
    tokens: ['full-access', { token: 'monitoring', scopes: ['connect', 'status'] }, { token: 'servers-only', scopes: ['servers', 'queue'] }],
  });
  vf = await sdkFor(emu);
});

afterAll(async () => {
  await emu.stop();
});

describe('error families', () => {
  it('422 with {errors: [...]} from createServer, every problem listed', async () => {
    const answer = await raw(emu, 'POST', '/servers', { body: { packageId: 99, userId: 1001, hypervisorId: 1, networkProfile: 7, firewallRulesets: [4] } });
    expect(answer.status).toBe(422);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.json).toEqual({
      errors: ['Invalid or disabled package', 'Invalid user', 'Invalid network profile. The specified profile is not in use', 'Invalid or disabled firewall ruleset'],
    });
    const missing = await raw(emu, 'POST', '/servers', { body: {} });
    expect(missing.json).toEqual({ errors: ['The package id field is required.', 'The user id field is required.', 'The hypervisor id field is required.'] });
    const error = await vf.request('POST /servers', { body: { packageId: 99, userId: 2, hypervisorId: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 422, body: { errors: ['Invalid or disabled package'] } });
  });

  it('422 with {msg} on the routes that use the older family (build)', async () => {
    const answer = await raw(emu, 'POST', '/servers/1/build', { body: { operatingSystemId: 60 } });
    expect([answer.status, answer.json]).toEqual([422, { msg: 'Invalid operating system template' }]);
    const missing = await raw(emu, 'POST', '/servers/1/build', { body: {} });
    expect(missing.json).toEqual({ msg: 'The operating system id field is required.' });
  });

  it('422 for a page size over 200 or under 1, and for a body that is not JSON', async () => {
    for (const results of [201, 0]) {
      const answer = await raw(emu, 'GET', '/servers', { query: { results } });
      expect([answer.status, answer.json]).toEqual([422, { errors: ['The results field must be between 1 and 200.'] }]);
    }
    const page = await raw(emu, 'GET', '/compute/hypervisors', { query: { page: 0 } });
    expect([page.status, page.json]).toEqual([422, { errors: ['The page field must be at least 1.'] }]);
    const response = await fetch(`${emu.apiUrl}/users`, { method: 'POST', headers: { authorization: `Bearer ${emu.token}`, 'content-type': 'application/json' }, body: '{"name": ' });
    expect([response.status, await response.json()]).toEqual([422, { errors: ['The request body is not valid JSON.'] }]);
  });

  it('404 with {msg} for unknown records and unknown routes, 405 for a wrong method', async () => {
    const server = await vf.request('GET /servers/{serverId}', { path: { serverId: 404 } }).catch((e: unknown) => e);
    expect(server).toBeInstanceOf(NotFoundError);
    expect(server).toMatchObject({ status: 404, body: { msg: 'server not found' } });
    expect((await raw(emu, 'GET', '/ssh_keys/999')).json).toEqual({ msg: 'ssh key not found' });
    expect((await raw(emu, 'GET', '/users/999999/byExtRelation')).json).toEqual({ msg: 'user not found' });
    const unknown = await raw(emu, 'GET', '/servers/1/name');
    expect([unknown.status, unknown.json]).toEqual([404, { msg: 'The requested endpoint does not exist' }]);
    const outside = await fetch(`${emu.url}/index.php`);
    expect(outside.status).toBe(404);
    const notANumber = await raw(emu, 'GET', '/servers/abc');
    expect(notANumber.status).toBe(404);
    const wrongMethod = await raw(emu, 'PATCH', '/servers/1', { body: { name: 'x' } });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, DELETE');
    expect(wrongMethod.json).toEqual({ message: 'The PATCH method is not supported for route api/v1/servers/1. Supported methods: GET, DELETE.' });
  });

  it('409 with {msg} for a duplicate email', async () => {
    const error = await vf.request('POST /users', { body: { name: 'Copy', email: 'admin@example.com' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ status: 409, body: { msg: 'a user with this email address already exists' } });
  });

  it('401 with an empty body for an unknown or missing token', async () => {
    for (const token of ['wrong-token', null]) {
      const answer = await raw(emu, 'GET', '/connect', { token });
      expect(answer.status).toBe(401);
      expect(answer.text).toBe('');
      expect(answer.headers.get('content-type')).toBeNull();
      expect(answer.headers.get('content-length')).toBe('0');
    }
    const { VirtFusion } = await import('../../src/index');
    const stranger = new VirtFusion({ url: emu.url, token: 'not-a-real-token', middleware: [] });
    await expect(stranger.request('GET /connect')).rejects.toBeInstanceOf(AuthenticationError);
    expect(emu.requests().at(-1)).toMatchObject({ path: '/api/v1/connect', status: 401 });
  });

  it('403 for a token without the scope; GET /connect passes for any valid token', async () => {
    expect((await raw(emu, 'GET', '/connect', { token: 'monitoring' })).status).toBe(200);
    expect((await raw(emu, 'GET', '/status', { token: 'monitoring' })).status).toBe(200);
    const denied = await raw(emu, 'GET', '/compute/hypervisors', { token: 'monitoring' });
    expect([denied.status, denied.json]).toEqual([403, { message: "This action is unauthorized: the API token has no 'compute' permission." }]);
    expect((await raw(emu, 'GET', '/servers/1', { token: 'servers-only' })).status).toBe(200);
    expect((await raw(emu, 'GET', '/users/1001/byExtRelation', { token: 'servers-only' })).status).toBe(403);
    const { VirtFusion } = await import('../../src/index');
    const limited = new VirtFusion({ url: emu.url, token: 'monitoring', middleware: [] });
    await expect(limited.request('GET /packages')).rejects.toBeInstanceOf(PermissionError);
  });

  it('423 with {msg} while a build runs', async () => {
    await vf.request('POST /servers/{serverId}/build', { path: { serverId: 6 }, body: { operatingSystemId: 46 } });
    for (const [method, path] of [
      ['POST', '/servers/6/build'],
      ['POST', '/servers/6/power/boot'],
      ['PUT', '/servers/6/modify/memory'],
      ['DELETE', '/servers/6'],
    ] as const) {
      const answer = await raw(emu, method, path, { body: method === 'DELETE' ? undefined : { operatingSystemId: 46, memory: 2048 } });
      expect([answer.status, answer.json], `${method} ${path}`).toEqual([423, { msg: 'server is locked while a build is in progress' }]);
    }
    await expect(vf.request('POST /servers/{serverId}/power/boot', { path: { serverId: 6 } })).rejects.toBeInstanceOf(LockedError);
  });

  it('503 from GET /status when a health check fails', async () => {
    emu.state.setHealthy(false);
    const answer = await raw(emu, 'GET', '/status');
    expect(answer.status).toBe(503);
    expect(answer.json).toMatchObject({ data: { healthy: false } });
    emu.state.setHealthy(true);
    expect((await raw(emu, 'GET', '/status')).status).toBe(200);
  });
});
