import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, vi, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/testing';
import { SECRET_TOKEN, baseEnv, cliEmulator, leaks, panelEnv, runCli, transcript } from './helpers';

// Each test runs the built bin as child processes, several in a row: slow on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

let emu: Emulator;
let env: Record<string, string>;
const run = (...args: string[]) => runCli(args, { env });

beforeAll(async () => {
  emu = await cliEmulator();
  env = panelEnv(emu);
});
afterAll(() => emu.stop());
beforeEach(() => {
  emu.clearRequests();
  emu.faults.clear();
});

/** One line on standard error, nothing on standard output. */
function expectOneLine(result: { stdout: string; stderr: string }, pattern: RegExp): void {
  expect(result.stdout).toBe('');
  expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
}

describe('bad input: exit 2, one line saying what to change, nothing sent', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown command', ['serverz', 'list'], /^virtfusion: unknown command 'serverz' \(did you mean servers\?\)/],
    ['an unknown flag', ['servers', 'list', '--jsn'], /^virtfusion: unknown option '--jsn' \(did you mean --json\?\)/],
    ['an unknown route', ['call', 'GET /servrs'], /^virtfusion: unknown route "GET \/servrs"; did you mean "GET \/servers"\?/],
    ['a key=value that is not a parameter of the route', ['call', 'GET /servers/{serverId}', 'serverId=1', 'colour=red'], /colour is not a parameter of GET \/servers\/\{serverId\}; it takes path: serverId; query: remoteState/],
    ['an undeclared --query key (the SDK refuses it)', ['call', 'GET /servers/{serverId}', 'serverId=1', '--query', 'colour=red'], /query\.colour is not a query parameter of GET \/servers\/\{serverId\}/],
    ['a path parameter of the wrong type', ['call', 'GET /servers/{serverId}', 'serverId=abc'], /path\.serverId must be an integer/],
    ['a missing path parameter', ['call', 'GET /servers/{serverId}'], /path\.serverId is required/],
    ['an unreadable @file', ['call', 'POST /servers', '--body', '@/nonexistent/server.json'], /cannot read --body file "\/nonexistent\/server\.json": no such file/],
    ['invalid JSON', ['call', 'PUT /servers/{serverId}/modify/name', 'serverId=1', '--body', '{"name": web}'], /--body is not valid JSON/],
    ['a body the route does not accept', ['call', 'POST /servers', '--body', '{"packageId":"one"}'], /Invalid request for POST \/servers: body/],
    ['a bad id', ['servers', 'get', 'forty-two'], /the server id must be a positive whole number \(got "forty-two"\)/],
    ['an unknown power action', ['servers', 'power', 'reboot', '1'], /power takes boot, shutdown, restart, poweroff \(got "reboot"\)/],
    ['a bad duration', ['servers', 'wait', '1', '--interval', 'soon'], /--interval takes a duration such as 30s/],
    ['a delete without --yes and no terminal', ['servers', 'delete', '1'], /needs --yes when no one is at a terminal/],
    ['a missing argument', ['servers', 'get'], /missing required argument 'serverId'/],
  ];
  it.each(cases)('%s', async (_name, args, pattern) => {
    const result = await run(...args);
    expect(result.code).toBe(2);
    expectOneLine(result, pattern);
    expect(emu.requests()).toEqual([]);
  });

  it('with --json the error is the SDK envelope on standard error', async () => {
    const result = await run('call', 'GET /servers/{serverId}', 'serverId=abc', '--json');
    expect(result.code).toBe(2);
    const envelope = JSON.parse(result.stderr) as { success: boolean; error: { code: string; message: string } };
    expect(envelope).toMatchObject({ success: false, error: { code: 'invalid_input', statusCode: null, retryable: false } });
    const usage = JSON.parse((await run('call', 'GET /nowhere', '--json')).stderr) as { error: { code: string } };
    expect(usage.error.code).toBe('usage_error');
    expect(emu.requests()).toEqual([]);
  });

  it('no panel configured: exit 2, naming what to set', async () => {
    const result = await runCli(['servers', 'list'], { env: baseEnv() });
    expect(result.code).toBe(2);
    expectOneLine(result, /no panel URL \(--url or VIRTFUSION_URL\)/);
  });
});

describe('each exit code from a real cause', () => {
  it('0: success', async () => {
    expect((await run('servers', 'get', '1', '-q')).code).toBe(0);
  });

  it('3: the panel refuses the token (401)', async () => {
    const result = await runCli(['servers', 'list'], { env: panelEnv(emu, { VIRTFUSION_TOKEN: 'vf-some-other-token' }) });
    expect(result.code).toBe(3);
    expectOneLine(result, /rejected the API token \(401/);
  });

  it('3: a token without the scope (403)', async () => {
    const limited = await cliEmulator({ tokens: [SECRET_TOKEN, { token: 'vf-read-only-token', scopes: ['servers'] }] });
    try {
      const result = await runCli(['users', 'get', '1001'], { env: panelEnv(limited, { VIRTFUSION_TOKEN: 'vf-read-only-token' }) });
      expect(result.code).toBe(3);
    } finally {
      await limited.stop();
    }
  });

  it('4: not found', async () => {
    const result = await run('servers', 'get', '9999');
    expect(result.code).toBe(4);
    expectOneLine(result, /404/);
  });

  it('5: conflict (a user whose email is taken) and locked (a server not built yet)', async () => {
    const conflict = await run('users', 'ensure', '--ext', '8123', '--name', 'Twin', '--email', 'lena.silva@example.com');
    expect(conflict.code).toBe(5);
    expectOneLine(conflict, /409/);
    const id = (await run('servers', 'create', '--package', '1', '--owner', '1001', '--group', '1', '-q')).stdout.trim();
    const locked = await run('servers', 'power', 'restart', id);
    expect(locked.code).toBe(5);
    expectOneLine(locked, /423/);
  });

  it('6: rate limited', async () => {
    const limited = await cliEmulator({ rateLimit: { perMinute: 1 } });
    try {
      const limitedEnv = panelEnv(limited);
      expect((await runCli(['servers', 'get', '1', '-q'], { env: limitedEnv })).code).toBe(0);
      const result = await runCli(['servers', 'get', '1', '--retries', '0'], { env: limitedEnv });
      expect(result.code).toBe(6);
      expectOneLine(result, /429/);
    } finally {
      await limited.stop();
    }
  });

  it('7: the panel fails (503) and the panel is unreachable', async () => {
    emu.faults.set([{ kind: '503', route: 'GET /servers/{serverId}' }]);
    const failing = await run('servers', 'get', '1', '--retries', '0');
    expect(failing.code).toBe(7);
    expectOneLine(failing, /503/);
    const unreachable = await runCli(['servers', 'get', '1', '--retries', '0'], { env: baseEnv({ VIRTFUSION_URL: 'http://127.0.0.1:9', VIRTFUSION_TOKEN: SECRET_TOKEN }) });
    expect(unreachable.code).toBe(7);
    expectOneLine(unreachable, /Could not reach the panel/);
  });

  it('1: an unexpected failure (the configuration folder cannot be made)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vf-cli-xdg-'));
    writeFileSync(join(dir, 'not-a-folder'), '');
    const result = await runCli(['login', '--profile', 'x'], { env: baseEnv({ XDG_CONFIG_HOME: join(dir, 'not-a-folder') }), input: `${emu.url}\n${SECRET_TOKEN}\n` });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^virtfusion: unexpected failure: cannot read .*ENOTDIR/m);
  });
});

describe('the token', () => {
  it('never appears in any output stream of this file', () => {
    expect(transcript.length).toBeGreaterThan(20);
    expect(leaks(transcript)).toEqual([]);
  });
});
