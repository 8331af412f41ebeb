import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, vi, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/testing';
import { cliEmulator, leaks, panelEnv, parseNdjson, runCli, transcript } from './helpers';

// Each test runs the built bin as child processes, several in a row: slow on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

let emu: Emulator;
let env: Record<string, string>;
const run = (...args: string[]) => runCli(args, { env });
const sent = () => emu.requests().map((r) => ({ method: r.method, route: r.route, query: r.query, body: r.body }));

beforeAll(async () => {
  emu = await cliEmulator({ seed: { servers: 450 } });
  env = panelEnv(emu);
});
afterAll(() => emu.stop());
beforeEach(() => emu.clearRequests());

describe('virtfusion servers', () => {
  it('list pages through every server (200 a request) and prints a table', async () => {
    const result = await run('servers', 'list');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+OWNER\s+HYPERVISOR\s+SUSPENDED\s+CREATED$/);
    expect(lines).toHaveLength(451);
    expect(sent().map((r) => r.query)).toEqual([
      { results: '200', page: '1' },
      { results: '200', page: '2' },
      { results: '200', page: '3' },
    ]);
  });

  it('list --limit stops early; --ndjson gives one parsable record a line', async () => {
    const result = await run('servers', 'list', '--limit', '5', '--ndjson');
    expect(result.code).toBe(0);
    const rows = parseNdjson(result.stdout) as { id: number }[];
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    expect(sent()).toEqual([{ method: 'GET', route: 'GET /servers', query: { results: '5', page: '1' }, body: undefined }]);
  });

  it('list --json is one array; --quiet prints ids', async () => {
    const json = JSON.parse((await run('servers', 'list', '--limit', '250', '--json')).stdout) as { id: number }[];
    expect(json).toHaveLength(250);
    expect(emu.requests()).toHaveLength(2);
    const quiet = await run('servers', 'list', '--limit', '3', '-q');
    expect(quiet.stdout).toBe('1\n2\n3\n');
  });

  it('get shows one server; --json gives the record', async () => {
    const table = await run('servers', 'get', '1');
    expect(table.stdout).toMatch(/^id\s+1$/m);
    expect(table.stdout).toMatch(/^state\s+complete$/m);
    const record = JSON.parse((await run('servers', 'get', '1', '--json', '--remote-state')).stdout) as { id: number; state: string };
    expect(record).toMatchObject({ id: 1, state: 'complete' });
    expect(sent().at(-1)).toMatchObject({ route: 'GET /servers/{serverId}', query: { remoteState: 'true' } });
  });

  it('create, build --wait, power, suspend, unsuspend, wait and delete a server', async () => {
    const created = await run('servers', 'create', '--package', '1', '--owner', '1001', '--group', '1', '--memory', '2048', '--json');
    expect(created.code).toBe(0);
    const server = JSON.parse(created.stdout) as { id: number };
    expect(sent().slice(-2)).toEqual([
      { method: 'GET', route: 'GET /users/{extRelationId}/byExtRelation', query: {}, body: undefined },
      { method: 'POST', route: 'POST /servers', query: {}, body: { packageId: 1, userId: 2, hypervisorId: 1, memory: 2048 } },
    ]);
    const id = String(server.id);

    const built = await run('servers', 'build', id, '--os', '46', '--hostname', 'cli-1', '--wait', '--interval', '100ms', '--json');
    expect(built.code).toBe(0);
    const builtRecord = JSON.parse(built.stdout) as { state: string; rootPassword: string };
    expect(builtRecord.state).toBe('complete');
    expect(builtRecord.rootPassword).toEqual(expect.any(String));
    expect(emu.requests().find((r) => r.route === 'POST /servers/{serverId}/build')?.body).toEqual({ operatingSystemId: 46, hostname: 'cli-1' });

    const waited = await run('servers', 'wait', id, '--interval', '100ms');
    expect([waited.code, waited.stdout]).toEqual([0, expect.stringMatching(/^state\s+complete$/m)]);
    expect(waited.stderr).toBe(''); // no spinner without a terminal

    const powered = JSON.parse((await run('servers', 'power', 'restart', id, '--wait', '--json')).stdout) as { queueId: number; task: { finished: string } };
    expect(powered.queueId).toEqual(expect.any(Number));
    expect(powered.task.finished).toBeTruthy();

    expect((await run('servers', 'suspend', id)).stdout).toBe(`server ${id} suspended\n`);
    expect(emu.state.server(server.id)?.suspended).toBe(true);
    expect((await run('servers', 'unsuspend', id, '--json')).stdout).toBe(`${JSON.stringify({ id: server.id, suspended: false }, null, 2)}\n`);

    const deleted = await run('servers', 'delete', id, '--yes');
    expect([deleted.code, deleted.stdout]).toEqual([0, `server ${id} is being deleted\n`]);
    expect(sent().at(-1)).toMatchObject({ method: 'DELETE', route: 'DELETE /servers/{serverId}' });
  }, 30_000);
});

describe('virtfusion users', () => {
  it('ensure creates once, then finds the same user', async () => {
    const first = await run('users', 'ensure', '--ext', '7001', '--name', 'Ada Lovelace', '--email', 'ada@example.com', '-q');
    const second = await run('users', 'ensure', '--ext', '7001', '--name', 'Ada Lovelace', '--email', 'ada@example.com', '-q');
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(sent().filter((r) => r.route === 'POST /users')).toHaveLength(1);
  });

  it('get and login-url', async () => {
    const user = JSON.parse((await run('users', 'get', '1001', '--json')).stdout) as { extRelationId: number };
    expect(user.extRelationId).toBe(1001);
    const url = (await run('users', 'login-url', '1001')).stdout.trim();
    expect(new URL(url).origin).toBe(emu.url);
    expect(sent().at(-1)).toMatchObject({ method: 'POST', route: 'POST /users/{extRelationId}/authenticationTokens' });
  });
});

describe('catalogue and queue', () => {
  it('packages list, templates, hypervisors list, groups list', async () => {
    const packages = await run('packages', 'list');
    expect(packages.stdout).toMatch(/^ID\s+NAME\s+ENABLED/);
    expect(packages.stdout).toMatch(/^1\s+Starter\s/m);
    const templates = parseNdjson((await run('templates', '1', '--ndjson')).stdout) as { id: number }[];
    expect(templates.map((t) => t.id)).toContain(46);
    const hypervisors = JSON.parse((await run('hypervisors', 'list', '--json')).stdout) as unknown[];
    expect(hypervisors.length).toBeGreaterThan(1);
    const groups = (await run('groups', 'list', '-q')).stdout.trim().split('\n');
    expect(groups).toContain('1');
    expect(sent().map((r) => r.route)).toEqual([
      'GET /packages',
      'GET /media/templates/fromServerPackageSpec/{serverPackageId}',
      'GET /compute/hypervisors',
      'GET /compute/hypervisors/groups',
    ]);
  }, 15_000);

  it('queue wait follows a task to its end', async () => {
    const power = JSON.parse((await run('servers', 'power', 'boot', '1', '--json')).stdout) as { queueId: number };
    const task = await run('queue', 'wait', String(power.queueId), '--json');
    expect(task.code).toBe(0);
    expect(JSON.parse(task.stdout)).toMatchObject({ id: power.queueId, failed: false });
  });
});

describe('virtfusion call', () => {
  it('reaches a route with path and query parameters given as key=value', async () => {
    const result = await run('call', 'GET /servers/{serverId}', 'serverId=2', '--query', 'remoteState=true');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { data: { id: number } }).data.id).toBe(2);
    expect(sent()).toEqual([{ method: 'GET', route: 'GET /servers/{serverId}', query: { remoteState: 'true' }, body: undefined }]);
  });

  it('accepts a concrete path, repeated keys as a list, and --ndjson for a paged answer', async () => {
    const result = await run('call', 'GET', '/servers', 'results=3', 'hypervisorId=1', 'hypervisorId=3', '--ndjson');
    expect(result.code).toBe(0);
    expect(parseNdjson(result.stdout).length).toBeGreaterThan(0);
    expect(sent()[0]!.query).toEqual({ results: '3', hypervisorId: ['1', '3'] });
    const concrete = await run('call', 'GET /servers/3');
    expect((JSON.parse(concrete.stdout) as { data: { id: number } }).data.id).toBe(3);
  });

  it('sends a body from @file, from standard input and inline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vf-cli-body-'));
    writeFileSync(join(dir, 'name.json'), '{"name":"renamed-by-file"}');
    expect((await run('call', 'PUT /servers/{serverId}/modify/name', 'serverId=1', '--body', `@${join(dir, 'name.json')}`)).code).toBe(0);
    expect((await runCli(['call', 'PUT /servers/{serverId}/modify/name', 'serverId=1', '--body', '-'], { env, input: '{"name":"from-stdin"}' })).code).toBe(0);
    expect((await run('request', 'POST /servers/{serverId}/suspend', '--path', 'serverId=2')).code).toBe(0);
    expect(sent()).toEqual([
      { method: 'PUT', route: 'PUT /servers/{serverId}/modify/name', query: {}, body: { name: 'renamed-by-file' } },
      { method: 'PUT', route: 'PUT /servers/{serverId}/modify/name', query: {}, body: { name: 'from-stdin' } },
      { method: 'POST', route: 'POST /servers/{serverId}/suspend', query: {}, body: undefined },
    ]);
  });

  it('routes lists the operations, filtered', async () => {
    const all = parseNdjson((await run('routes', '--ndjson')).stdout) as { route: string }[];
    expect(all.length).toBeGreaterThan(80);
    const power = (await run('routes', 'power')).stdout;
    expect(power).toMatch(/POST \/servers\/\{serverId\}\/power\/boot\s+bootServer/);
    expect(power).not.toMatch(/GET \/packages/);
    expect(emu.requests()).toHaveLength(0);
  });
});

describe('the token', () => {
  it('never appears in any output stream of this file', () => {
    expect(transcript.length).toBeGreaterThan(20);
    expect(leaks(transcript)).toEqual([]);
  });
});
