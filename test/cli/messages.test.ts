// What the CLI says when something is wrong, in the command line's own words (flags, not SDK
// options), and what it never says (the token, a URL's user name, query or fragment). Every case
// runs the built bin (dist/cli.js) as a user would.
import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { VirtFusion } from '../../src/index';
import type { Emulator } from '../../src/testing';
import { baseEnv, cliEmulator, leaks, panelEnv, runCli, SECRET_TOKEN, transcript } from './helpers';

vi.setConfig({ testTimeout: 60_000 });

let emu: Emulator;
let env: Record<string, string>;
const run = (...args: string[]) => runCli(args, { env });
const scratch = mkdtempSync(join(tmpdir(), 'vf-cli-messages-'));

function file(name: string, content: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

beforeAll(async () => {
  emu = await cliEmulator({ seed: { servers: 3 } });
  env = panelEnv(emu);
});
afterAll(() => emu.stop());
beforeEach(() => emu.clearRequests());

describe('messages name flags, not SDK options', () => {
  it('an http:// panel URL names --url and --allow-http, which then lets it through', async () => {
    const refused = await run('servers', 'list', '--url', 'http://panel.example.com');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'virtfusion: --url uses http:// for panel.example.com, which would send the API token in clear text. Use https://, or pass --allow-http if the network path is trusted.\n',
    );
    const fromEnv = await runCli(['servers', 'list'], { env: panelEnv(emu, { VIRTFUSION_URL: 'http://panel.example.com' }) });
    expect(fromEnv.stderr).toMatch(/^virtfusion: VIRTFUSION_URL uses http:\/\/ for panel\.example\.com,.*pass --allow-http/);
    // 0.0.0.0 reaches this machine but is not a loopback name: only --allow-http lets it through.
    const port = new URL(emu.url).port;
    const plain = `http://0.0.0.0:${port}`;
    expect((await run('servers', 'get', '1', '-q', '--url', plain)).code).toBe(2);
    expect(await run('servers', 'get', '1', '-q', '--url', plain, '--allow-http')).toMatchObject({ code: 0, stdout: '1\n' });
  });

  it('provision of a talis file without --owner asks for --owner', async () => {
    const talis = file('talis.json', JSON.stringify([{ owner_id: 1, project_name: 'bench', name: 'node', provider: 'ximera', number_of_instances: 1, region: 'nyc1', memory: 2048, cpu: 2, image: '46' }]));
    const result = await run('provision', talis);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("virtfusion: --owner: a talis file's owner_id is talis's own user, not a panel user: pass the owner of the servers in --owner.\n");
  });

  it('servers create names the missing flags', async () => {
    const result = await run('servers', 'create', '--package', '1');
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe('virtfusion: servers create needs --package, --group and --user or --owner; missing: --group, --user or --owner\n');
    expect((await run('servers', 'create', '--package', '1', '--owner', '1001')).stderr).toBe('virtfusion: servers create needs --package, --group and --user or --owner; missing: --group\n');
    expect(emu.requests()).toEqual([]);
  });

  it('a provisioning file argument is named once, as a file, without the advice of --body', async () => {
    const missing = await run('provision', join(scratch, 'nowhere.json'), '--owner', '1001');
    expect(missing.stderr).toBe(`virtfusion: cannot read the provisioning file ${JSON.stringify(join(scratch, 'nowhere.json'))}: no such file\n`);
    const broken = file('broken.json', '{"instances": [');
    const invalid = await run('provision', broken, '--owner', '1001');
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/^virtfusion: the provisioning file ".*broken\.json" is not valid JSON \([^)]*\)\n$/);
    const piped = await runCli(['provision', '-', '--owner', '1001'], { env, input: 'nope' });
    expect(piped.stderr).toMatch(/^virtfusion: the provisioning file \(standard input\) is not valid JSON/);
    expect(`${missing.stderr}${invalid.stderr}${piped.stderr}`).not.toMatch(/file file|@file/);
  });

  it('a mistyped sub-command points at the help of its group', async () => {
    const result = await run('servers', 'lst');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("virtfusion: unknown command 'lst' (did you mean list?) (see virtfusion servers --help)\n");
    expect((await run('serverz')).stderr).toMatch(/\(see virtfusion --help\)\n$/);
    expect((await run('servers', 'list', '--colour')).stderr).toBe("virtfusion: unknown option '--colour' (see virtfusion servers list --help)\n");
  });

  it('reconcile --help shows a jq example a shell can run as written', async () => {
    const help = await run('reconcile', '--help');
    expect(help.stdout).toContain(`jq 'select(.kind == "missing")'`);
    const line = help.stdout.split('\n').find((l) => l.includes('| jq '))!.trim();
    // The shell hands jq the filter intact.
    const echoed = await runCli([`set -- ${line.slice(line.indexOf('jq ') + 3)}; printf '%s' "$1"`], { env, shell: true });
    expect(echoed.stdout).toBe('select(.kind == "missing")');
  });

  it('a 404 names the URL requested, as scheme, host and path', async () => {
    const wrong = panelEnv(emu, { VIRTFUSION_URL: `${emu.url}/panel` });
    const result = await runCli(['servers', 'get', '1'], { env: wrong });
    expect(result.code).toBe(4);
    expect(result.stderr).toBe(`virtfusion: Not found (404 on GET /servers/{serverId}): The requested endpoint does not exist (requested GET ${emu.url}/panel/api/v1/servers/1).\n`);
    const json = await runCli(['servers', 'get', '1', '--json'], { env: wrong });
    expect(JSON.parse(json.stderr).error.message).toContain(`(requested GET ${emu.url}/panel/api/v1/servers/1)`);
  });
});

describe('login without a terminal', () => {
  it('writes nothing but the result: no question on standard error', async () => {
    const login = await runCli(['login', '--profile', 'ci'], { env: baseEnv(), input: `${emu.url}\n${SECRET_TOKEN}\n` });
    expect(login.code).toBe(0);
    expect(login.stderr).toBe('');
    expect(login.stdout).toMatch(/^Profile ci saved to .*config\.json \(http:\/\/127\.0\.0\.1:\d+, the default\)\.\n$/);
    const json = await runCli(['login', '--profile', 'ci', '--json'], { env: baseEnv(), input: `${emu.url}\n${SECRET_TOKEN}\n` });
    expect([json.stderr, JSON.parse(json.stdout).profile]).toEqual(['', 'ci']);
  });
});

describe('the configuration folder', () => {
  it('login makes a folder others could write to its owner alone (0700) and says so; other commands warn until then', async () => {
    const home = baseEnv();
    const folder = join(home.XDG_CONFIG_HOME!, 'virtfusion');
    mkdirSync(folder, { recursive: true });
    chmodSync(folder, 0o777);
    const first = await runCli(['login', '--profile', 'lab'], { env: home, input: `${emu.url}\n${SECRET_TOKEN}\n` });
    expect(first.code).toBe(0);
    expect(first.stderr).toBe(`virtfusion: ${folder} was open to other users (mode 0777); it is now 0700, readable and writable by you alone\n`);
    expect(statSync(folder).mode & 0o777).toBe(0o700);

    chmodSync(folder, 0o757);
    const used = await runCli(['servers', 'get', '1', '-q'], { env: home });
    expect(used.stdout).toBe('1\n');
    expect(used.stderr).toBe(`warning: others can write to ${folder} and so replace your profiles; run chmod 700 ${JSON.stringify(folder)} (virtfusion login does it)\n`);
  });
});

describe('URLs and the token in messages, in every output mode', () => {
  const OTHER_SECRET = 'query-secret-Hh7Jk3';
  const modes: string[][] = [[], ['--json'], ['--ndjson']];
  const cases: [string, (url: string) => string, RegExp][] = [
    ['the token pasted as the URL', () => SECRET_TOKEN, /VIRTFUSION_URL is not a valid URL \(a \d+-character value, not shown\)/],
    ['the token as the URL password', () => `https://admin:${SECRET_TOKEN}@panel.example.com`, /VIRTFUSION_URL must not contain a user name or password/],
    ['a secret in the query and fragment', () => `https://panel.example.com/vf?key=${OTHER_SECRET}#${OTHER_SECRET}`, /must not have a query string or fragment \(https:\/\/panel\.example\.com\/vf\)/],
    ['the token in the path, answered 404', (url) => `${url}/${SECRET_TOKEN}`, /\(requested GET http:\/\/127\.0\.0\.1:\d+\/\[REDACTED\]\/api\/v1\/servers\/1\)/],
  ];
  for (const [name, urlOf, expected] of cases) {
    it(`${name}: shown as scheme, host and path, the token masked`, async () => {
      for (const mode of modes) {
        const result = await runCli(['servers', 'get', '1', ...mode], { env: panelEnv(emu, { VIRTFUSION_URL: urlOf(emu.url) }) });
        expect(result.code, `${name} ${mode.join(' ')}`).not.toBe(0);
        expect(result.stderr).toMatch(expected);
        expect(result.stderr).not.toContain(OTHER_SECRET);
        if (mode.length > 0) expect(JSON.parse(result.stderr)).toMatchObject({ success: false });
      }
    });
  }
});

describe('the emulator', () => {
  it('lists a server built with a host name and no name under its host name', async () => {
    const vf = new VirtFusion({ url: emu.url, token: emu.token });
    const created = await vf.servers.create({ packageId: 1, userId: 1, hypervisorId: 1 } as never);
    await vf.servers.build(created.id, { operatingSystemId: 46, hostname: 'web-7.example.net' } as never);
    const listed = await run('servers', 'get', String(created.id), '--json');
    expect(JSON.parse(listed.stdout)).toMatchObject({ id: created.id, name: 'web-7.example.net', hostname: 'web-7.example.net' });
  });
});

describe('the token', () => {
  it('never appears in any output stream of this file', () => {
    expect(transcript.length).toBeGreaterThan(20);
    expect(leaks(transcript)).toEqual([]);
  });
});
