import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, vi, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/testing';
import { BIN, SECRET_TOKEN, baseEnv, cliEmulator, leaks, panelEnv, parseNdjson, runCli, transcript, waitForOutput } from './helpers';

// Each test runs the built bin as child processes, several in a row: slow on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

let emu: Emulator;
let env: Record<string, string>;

beforeAll(async () => {
  emu = await cliEmulator({ seed: { servers: 2000 } });
  env = panelEnv(emu);
});
afterAll(() => emu.stop());

describe('pipes and signals', () => {
  it('a closed standard output (| head -1) ends the command quietly with 0', async () => {
    const result = await runCli([process.execPath, BIN, 'servers', 'list', '--ndjson', '|', 'head', '-1'], { env, shell: true });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(parseNdjson(result.stdout)).toEqual([expect.objectContaining({ id: 1 })]);
    // The list is long enough (2000 rows, several pipe buffers) that the reader left before the end.
    expect(emu.requests().filter((r) => r.route === 'GET /servers').length).toBeLessThan(10);
  });

  it('Ctrl-C during servers wait aborts the wait and exits 130', async () => {
    // Allocated and never built: the wait would go on for its whole 15 minutes.
    const id = (await runCli(['servers', 'create', '--package', '1', '--owner', '1001', '--group', '1', '--ipv4', '0', '-q'], { env })).stdout.trim();
    expect(id).toMatch(/^\d+$/);
    emu.clearRequests();
    const result = await runCli(['servers', 'wait', id, '--interval', '100ms'], {
      env,
      onSpawn: (child) => {
        // Once it has polled at least once, interrupt it.
        const timer = setInterval(() => {
          if (emu.requests().some((r) => r.route === 'GET /servers/{serverId}')) {
            clearInterval(timer);
            child.kill('SIGINT');
          }
        }, 20);
      },
    });
    expect(result.code).toBe(130);
    expect(result.stderr).toBe('virtfusion: interrupted\n');
    const polls = emu.requests().length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(emu.requests().length).toBe(polls);
  });
});

const hasScript = spawnSync('script', ['--version']).status === 0;
if (!hasScript) console.log('skipping the terminal spinner test: util-linux `script` is not installed');

describe.skipIf(!hasScript)('on a terminal', () => {
  it('servers wait shows a spinner with the build state, on standard error only', async () => {
    const id = (await runCli(['servers', 'create', '--package', '1', '--owner', '1001', '--group', '1', '--ipv4', '0', '-q'], { env })).stdout.trim();
    await runCli(['servers', 'build', id, '--os', '46', '-q'], { env });
    // `script` gives the command a pseudo-terminal of 100 columns; standard output goes to a file.
    const out = join(mkdtempSync(join(tmpdir(), 'vf-cli-tty-')), 'stdout.txt');
    const result = await runCli([`script -qec "stty cols 100; ${process.execPath} ${BIN} servers wait ${id} --interval 100ms > ${out}" /dev/null`], { env, shell: true });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`server ${id}: (waiting for the build|queued|complete)`));
    expect(readFileSync(out, 'utf8')).toMatch(/^state\s+complete$/m);
    expect(readFileSync(out, 'utf8')).not.toMatch(/waiting for the build/);
  });
});

describe('profiles', () => {
  it('login asks for URL and token, checks them, and writes a 0600 file that --profile then uses', async () => {
    const profileEnv = baseEnv();
    const login = await runCli(['login', '--profile', 'lab'], { env: profileEnv, input: `${emu.url}\n${SECRET_TOKEN}\n` });
    expect(login.code).toBe(0);
    expect(login.stdout).toMatch(/^Profile lab saved to .*config\.json/);
    const path = join(profileEnv.XDG_CONFIG_HOME!, 'virtfusion', 'config.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(profileEnv.XDG_CONFIG_HOME!, 'virtfusion')).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ default: 'lab', profiles: { lab: { url: emu.url, token: SECRET_TOKEN } } });
    expect(emu.requests().at(-1)).toMatchObject({ route: 'GET /connect', status: 200 });

    const listed = await runCli(['servers', 'get', '1', '--profile', 'lab', '-q'], { env: profileEnv });
    expect([listed.code, listed.stdout]).toEqual([0, '1\n']);
    // The default profile applies when nothing else names a panel.
    expect((await runCli(['servers', 'get', '2', '-q'], { env: profileEnv })).stdout).toBe('2\n');
    chmodSync(path, 0o644);
    const exposed = await runCli(['servers', 'get', '1', '--profile', 'lab', '-q'], { env: profileEnv });
    expect(exposed.stderr).toMatch(/warning: .*config\.json can be read by other users; run chmod 600/);
    const missing = await runCli(['servers', 'get', '1', '--profile', 'prod'], { env: profileEnv });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no profile "prod" .* virtfusion login --profile prod/);
  });

  it('login with a wrong token exits 3 and writes nothing', async () => {
    const profileEnv = baseEnv();
    const login = await runCli(['login', '--profile', 'bad'], { env: profileEnv, input: `${emu.url}\nvf-not-the-token\n` });
    expect(login.code).toBe(3);
    expect(() => statSync(join(profileEnv.XDG_CONFIG_HOME!, 'virtfusion', 'config.json'))).toThrow(/ENOENT/);
  });

  it('flags beat the environment: --url points elsewhere, --verbose logs routes but never the token', async () => {
    const result = await runCli(['servers', 'get', '1', '--verbose', '--retries', '0', '-q'], { env: panelEnv(emu, { VIRTFUSION_URL: 'http://127.0.0.1:9' }) });
    expect(result.code).toBe(7);
    const verbose = await runCli(['servers', 'get', '1', '--verbose', '--url', emu.url], { env: panelEnv(emu, { VIRTFUSION_URL: 'http://127.0.0.1:9' }) });
    expect(verbose.code).toBe(0);
    expect(verbose.stderr).toMatch(/^using http:\/\/127\.0\.0\.1:\d+\/api\/v1 \(from --url and VIRTFUSION_TOKEN\)$/m);
    expect(verbose.stderr).toMatch(/^GET \/servers\/\{serverId\} -> 200 in \d+ ms$/m);
  });

  it('accepts the alias variables of the SDK', async () => {
    const result = await runCli(['servers', 'get', '1', '-q'], { env: baseEnv({ VIRTFUSION_API_URL: emu.url, VIRTFUSION_API_TOKEN: SECRET_TOKEN }) });
    expect([result.code, result.stdout]).toEqual([0, '1\n']);
  });
});

describe('webhooks listen', () => {
  it('verifies deliveries from the panel and prints each one', async () => {
    let port = 0;
    const result = runCli(['webhooks', 'listen', '--port', '0', '--token', 'hook-secret-77', '--ndjson'], {
      env: baseEnv(),
      onSpawn: (child) => {
        void waitForOutput(child, /Listening for VirtFusion webhooks on http:\/\/127\.0\.0\.1:(\d+)\//).then(async (line) => {
          port = Number(/:(\d+)\//.exec(line)![1]);
          const panel = await cliEmulator({ webhooks: [{ url: `http://127.0.0.1:${port}/hooks`, token: 'hook-secret-77' }, { url: `http://127.0.0.1:${port}/hooks`, token: 'wrong-secret' }] });
          try {
            const printed = waitForOutput(child, /"event":"user\.create"[\s\S]*delivery refused|delivery refused[\s\S]*"event":"user\.create"/);
            await runCli(['users', 'ensure', '--ext', '9100', '--name', 'Hook Test', '--email', 'hook@example.com', '-q'], { env: panelEnv(panel) });
            await printed;
          } finally {
            await panel.stop();
          }
          child.kill('SIGTERM');
        });
      },
    });
    const { code, stdout, stderr } = await result;
    expect(code).toBe(0);
    const events = parseNdjson(stdout) as { event: string; data: { user: { extRelationId: number } } }[];
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ event: 'user.create', data: { user: { extRelationId: 9100 } } });
    expect(stderr).toMatch(/delivery refused/);
    expect(stderr).not.toMatch(/hook-secret-77|wrong-secret/);
  }, 20_000);
});

describe('help, version, completion', () => {
  it('--version prints the version; --help lists commands, exit codes and examples', async () => {
    const version = await runCli(['--version']);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['call', 'routes', 'login', 'servers', 'users', 'packages', 'templates', 'hypervisors', 'groups', 'queue', 'webhooks', 'emulator', 'completion']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    expect(help.stdout).toMatch(/Exit codes: 0 ok, 1 unexpected, 2 usage/);
    const servers = await runCli(['servers', 'power', '--help']);
    expect(servers.stdout).toMatch(/Examples:\n {2}virtfusion servers power restart 42/);
    const group = await runCli(['servers']);
    expect(group.code).toBe(2);
  });

  it('completion scripts for bash, zsh and fish name the commands; bash parses it', async () => {
    const bash = await runCli(['completion', 'bash']);
    expect(bash.stdout).toMatch(/complete -o default -F _virtfusion virtfusion/);
    expect(bash.stdout).toMatch(/'servers'\) words='list get create build delete power suspend unsuspend wait --help'/);
    const check = await runCli([`${process.execPath} ${BIN} completion bash > /tmp/vf-completion.bash && bash -n /tmp/vf-completion.bash && source /tmp/vf-completion.bash && COMP_WORDS=(virtfusion servers po) COMP_CWORD=2 && _virtfusion && echo "\${COMPREPLY[@]}"`], { shell: true });
    expect(check.stdout.trim()).toBe('power');
    expect((await runCli(['completion', 'zsh'])).stdout).toMatch(/^#compdef virtfusion/);
    expect((await runCli(['completion', 'fish'])).stdout).toMatch(/complete -c virtfusion -n '__fish_use_subcommand' -a servers/);
    expect((await runCli(['completion', 'tcsh'])).code).toBe(2);
  });
});

describe('the token', () => {
  it('never appears in any output stream of this file', () => {
    expect(transcript.length).toBeGreaterThan(20);
    expect(leaks(transcript)).toEqual([]);
  });
});
