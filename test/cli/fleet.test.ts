import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, vi, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/testing';
import { cliEmulator, leaks, panelEnv, parseNdjson, runCli, transcript } from './helpers';

// Each test runs the built bin as child processes, several in a row: slow on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

let emu: Emulator;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'vf-cli-fleet-'));
const run = (...args: string[]) => runCli(args, { env, timeoutMs: 60_000 });
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

beforeAll(async () => {
  emu = await cliEmulator();
  env = panelEnv(emu);
});
afterAll(() => emu.stop());
beforeEach(() => emu.clearRequests());

interface Provisioned {
  instances: { name: string; id: string; status: string; ipv4: string[]; created: boolean }[];
  notes: string[];
}

describe('virtfusion provision', () => {
  it('creates the servers of a talis file once: a second run creates nothing and prints the same table', async () => {
    const cluster = file('cluster.json', { project_name: 'demo', instances: [{ name: 'web', number_of_instances: 3, hypervisor_group: 'Default', template: '46', resources: { memory: 1024 } }] });
    const before = emu.state.counts().servers;
    const first = await run('provision', cluster, '--owner', '1001', '--interval', '100ms', '--json');
    expect(first.code).toBe(0);
    const created = JSON.parse(first.stdout) as Provisioned;
    expect(created.instances.map((i) => [i.name, i.created, i.status])).toEqual([
      ['web-1', true, 'running'],
      ['web-2', true, 'running'],
      ['web-3', true, 'running'],
    ]);
    expect(created.instances.every((i) => i.ipv4.length === 1)).toBe(true);
    expect(emu.state.counts().servers).toBe(before + 3);

    emu.clearRequests();
    const second = await run('provision', cluster, '--owner', '1001', '--interval', '100ms');
    expect(second.code).toBe(0);
    expect(emu.state.counts().servers).toBe(before + 3);
    expect(emu.requests().filter((r) => r.method === 'POST')).toEqual([]);
    const rows = second.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^NAME\s+ID\s+STATUS\s+IPV4\s+IPV6\s+NEW$/);
    expect(rows.slice(1).map((row) => row.split(/\s{2,}/).slice(0, 2))).toEqual(created.instances.map((i) => [i.name, i.id]));
    expect(rows.slice(1).every((row) => row.endsWith('no (existed)'))).toBe(true);
  }, 60_000);

  it('--parallel N creates N at once: the builds run side by side, the table keeps the file order', async () => {
    const slow = await cliEmulator({ buildDuration: 3_000 });
    try {
      const cluster = file('parallel.json', { project_name: 'par', instances: [{ name: 'par', number_of_instances: 4, hypervisor_group: 'Default', template: '46', resources: { memory: 1024 } }] });
      const result = await runCli(['provision', cluster, '--owner', '1001', '--parallel', '4', '--json'], { env: panelEnv(slow), timeoutMs: 60_000 });
      expect(result.code).toBe(0);
      expect((JSON.parse(result.stdout) as Provisioned).instances.map((i) => [i.name, i.status])).toEqual([
        ['par-1', 'running'],
        ['par-2', 'running'],
        ['par-3', 'running'],
        ['par-4', 'running'],
      ]);
      const builds = slow.requests().filter((r) => r.route === 'POST /servers/{serverId}/build').map((r) => r.time);
      expect(builds).toHaveLength(4);
      // One after another, the last build would start three builds (9 s) after the first.
      expect(Math.max(...builds) - Math.min(...builds)).toBeLessThan(3_000);
      const refused = await runCli(['provision', cluster, '--owner', '1001', '--parallel', '0'], { env: panelEnv(slow), timeoutMs: 60_000 });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('--parallel takes how many servers to create at once, 1 to 100 (got "0")');
    } finally {
      await slow.stop();
    }
  }, 60_000);

  it('takes our own format from standard input, one NDJSON line per instance', async () => {
    const result = await runCli(['provision', '-', '--owner', '1001', '--interval', '100ms', '--ndjson'], {
      env,
      input: JSON.stringify([{ name: 'solo-1', planId: '1', imageId: '46', regionId: '1' }]),
      timeoutMs: 60_000,
    });
    expect(result.code).toBe(0);
    expect(parseNdjson(result.stdout)).toEqual([expect.objectContaining({ name: 'solo-1', created: true })]);
  }, 60_000);

  it("reads talis's current file: --region places entries whose region names no group, --skip-other-providers skips the do entry, notes go to standard error", async () => {
    const talis = file('talis.json', [
      { owner_id: 1, project_name: 'bench', name: 'node', provider: 'ximera', number_of_instances: 2, region: 'nyc1', memory: 2048, cpu: 2, image: '46', tags: ['talis'], volumes: [{ name: 'data', size_gb: 30, mount_point: '/mnt/data' }] },
      { owner_id: 1, project_name: 'bench', name: 'droplet', provider: 'do', region: 'nyc1', size: 's-1vcpu-1gb', image: 'ubuntu-22-04-x64', volumes: [{ size_gb: 15 }] },
    ]);
    const refused = await run('provision', talis, '--owner', '1001', '--region', '1');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/talis file \[1\]\.provider: entry \[1\] is for provider "do"/);
    expect(emu.requests().filter((r) => r.method === 'POST')).toEqual([]);

    const made = await run('provision', talis, '--owner', '1001', '--region', '1', '--skip-other-providers', '--interval', '100ms', '--json');
    expect(made.code).toBe(0);
    expect((JSON.parse(made.stdout) as Provisioned).instances.map((i) => [i.name, i.created])).toEqual([
      ['node-1', true],
      ['node-2', true],
    ]);
    const creates = emu.requests().filter((r) => r.route === 'POST /servers' && r.status === 201).map((r) => r.body);
    expect(creates).toEqual([expect.objectContaining({ hypervisorId: 1, memory: 2048, cpuCores: 2, storage: 30 }), expect.objectContaining({ hypervisorId: 1, memory: 2048, cpuCores: 2, storage: 30 })]);
    expect(made.stderr).toMatch(/^note: \[1\]: provider "do": skipped/m);
    expect(made.stderr).toMatch(/^note: \[0\]\.tags: VirtFusion servers carry no tags/m);
    expect(made.stderr).toMatch(/^note: \[0\]\.region: names no hypervisor group of this panel; the servers go to region 1 \(Default\)/m);
  }, 60_000);

  it('a file that is not JSON, or names no template, exits 2 before any server is created', async () => {
    const broken = await run('provision', file('broken.json', '{"project_name": "x", instances: []}'), '--owner', '1001');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^virtfusion: cannot read|is not valid JSON/);
    const noTemplate = await run('provision', file('no-template.json', { project_name: 'x', instances: [{ name: 'a', hypervisor_group: 'Default' }] }), '--owner', '1001');
    expect(noTemplate.code).toBe(2);
    expect(noTemplate.stderr.trim().split('\n')).toHaveLength(1);
    expect(noTemplate.stderr).toMatch(/template/);
    const missing = await run('provision', join(dir, 'nowhere.json'), '--owner', '1001');
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/no such file/)]);
    expect(emu.requests().filter((r) => r.method !== 'GET')).toEqual([]);
  });
});

describe('virtfusion reconcile', () => {
  it('prints what differs between your records and the panel', async () => {
    const servers = (JSON.parse((await run('servers', 'list', '--full', '--json')).stdout) as { id: number; uuid: string; hostname: string | null }[]).slice(0, 3);
    const records = [
      { serverId: servers[0]!.id, uuid: servers[0]!.uuid },
      { serverId: servers[1]!.id, uuid: servers[1]!.uuid, hostname: 'renamed.example.net' },
      { serverId: 99_999, uuid: '00000000-0000-4000-8000-000000000000' },
    ];
    const local = file('records.json', records);
    const table = await run('reconcile', '--local', local);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`^changed\\s+${servers[1]!.id}\\s+hostname: renamed\\.example\\.net -> ${servers[1]!.hostname}`, 'm'));
    expect(table.stdout).toMatch(/^missing\s+99999\s+gone from the panel$/m);
    expect(table.stdout).toMatch(/^external\s+\d+\s+/m);
    expect(table.stdout).toMatch(/^1 matched, 1 changed, \d+ only in the panel, 1 missing/m);

    const json = JSON.parse((await runCli(['reconcile', '--local', '-', '--json'], { env, input: records.map((r) => JSON.stringify(r)).join('\n') })).stdout) as {
      drift: { kind: string }[];
      summary: { matched: number; changed: number; missing: number };
    };
    expect(json.summary).toMatchObject({ matched: 1, changed: 1, missing: 1 });
    expect(json.drift.filter((e) => e.kind !== 'external').map((e) => e.kind)).toEqual(['changed', 'missing']);
  });

  it('records without an id are refused with exit 2, nothing sent', async () => {
    const result = await run('reconcile', '--local', file('bad-records.json', [{ hostname: 'x' }]));
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(emu.requests()).toEqual([]);
  });
});

describe('the token', () => {
  it('never appears in any output stream of this file', () => {
    expect(transcript.length).toBeGreaterThan(10);
    expect(leaks(transcript)).toEqual([]);
  });
});
