import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, startEmulator, type Emulator, type EmulatorOptions } from '../../src/testing';
import { raw, stopStartedEmulators, trackEmulator, trackedEmulator } from './helpers';

const emulator = trackedEmulator;

afterEach(stopStartedEmulators);

/** Everything a client can list, as one JSON text. */
async function snapshot(emu: Emulator): Promise<string> {
  const parts = await Promise.all(
    ['/servers?type=full&results=200', '/compute/hypervisors', '/compute/hypervisors/groups', '/packages', '/connectivity/ipblocks', '/ssh_keys/user/2', '/users/1001/byExtRelation'].map(async (path) => {
      const [route, search] = path.split('?');
      const query = Object.fromEntries(new URLSearchParams(search ?? ''));
      return (await raw(emu, 'GET', route!, { query })).text.replaceAll(emu.url, 'ORIGIN');
    }),
  );
  return parts.join('\n');
}

describe('seed data', () => {
  it('is the same for the same seed and different for another', async () => {
    const a = await snapshot(await emulator({ seed: { random: 5 } }));
    const b = await snapshot(await emulator({ seed: { random: 5 } }));
    const c = await snapshot(await emulator({ seed: { random: 6 } }));
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    const first = await emulator({ seed: { random: 5 } });
    const second = await emulator({ seed: { random: 5 } });
    expect(first.token).toBe(second.token);
    expect(first.token).toMatch(/^vf-emulator-[0-9a-f]{40}$/);
  });

  it('looks like a small installation', async () => {
    const emu = await emulator();
    expect(emu.seed).toEqual({ name: 'default', random: 1, servers: 6, users: 5 });
    expect(emu.state.counts()).toMatchObject({ users: 6, servers: 6, sshKeys: 6 });

    const groups = ((await raw(emu, 'GET', '/compute/hypervisors/groups')).json as { data: { name: string; enabled: boolean; default: boolean }[] }).data;
    expect(groups.map((g) => [g.name, g.enabled, g.default])).toEqual([
      ['Default', true, true],
      ['London', true, false],
      ['Frankfurt', true, false],
      ['Legacy', false, false],
    ]);
    const hypervisors = ((await raw(emu, 'GET', '/compute/hypervisors')).json as { data: { name: string; enabled: boolean; maintenance: boolean; networks: unknown[]; group: { id: number } }[] }).data;
    expect(hypervisors).toHaveLength(7);
    expect(hypervisors.filter((h) => h.maintenance).map((h) => h.name)).toEqual(['lon-hv02']);
    expect(hypervisors.filter((h) => !h.enabled).map((h) => h.name)).toEqual(['fra-hv02', 'old-hv07']);
    expect(hypervisors.every((h) => h.networks.length >= 1)).toBe(true);

    const packages = ((await raw(emu, 'GET', '/packages')).json as { data: { name: string; enabled: boolean }[] }).data;
    expect(packages.filter((p) => !p.enabled).map((p) => p.name)).toEqual(['Legacy 512']);
    const templates = ((await raw(emu, 'GET', '/media/templates/fromServerPackageSpec/4')).json as { data: { name: string; templates: { id: number; type: string }[] }[] }).data;
    expect(templates.map((g) => g.name)).toEqual(['Debian', 'Ubuntu', 'AlmaLinux', 'Rocky Linux', 'Windows Server']);
    const linuxOnly = ((await raw(emu, 'GET', '/media/templates/fromServerPackageSpec/1')).json as { data: { templates: { type: string }[] }[] }).data;
    expect(linuxOnly.flatMap((g) => g.templates).every((t) => t.type === 'linux')).toBe(true);

    const blocks = ((await raw(emu, 'GET', '/connectivity/ipblocks')).json as { data: { name: string; type: number }[] }).data;
    expect(blocks.map((b) => [b.name, b.type])).toEqual([
      ['192.0.2.0/24', 4],
      ['198.51.100.0/24', 4],
      ['203.0.113.0/24', 4],
      ['IPv6 2001:db8:100::/48', 6],
    ]);
    const documentation = /^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$/;
    expect(Object.keys(emu.state.assignedIpv4()).every((ip) => documentation.test(ip))).toBe(true);

    const servers = emu.state.serverIds().map((id) => emu.state.server(id)!);
    expect(servers.map((s) => [s.name, s.state, s.suspended])).toEqual([
      ['web-01', 'complete', false],
      ['db-01', 'complete', false],
      ['mail-01', 'complete', false],
      ['vpn-01', 'complete', true],
      ['ci-01', 'complete', false],
      ['cache-01', 'allocated', false],
    ]);
    expect(emu.state.user(1001)).toMatchObject({ extRelationId: 1001, admin: false });
    expect(emu.state.user(String(emu.state.user(1001)!.relStr))).toMatchObject({ extRelationId: 1001 });
  });

  it('starts empty on request, and scales users and servers', async () => {
    const empty = await emulator({ seed: 'empty' });
    expect(empty.state.counts()).toMatchObject({ users: 1, servers: 0, sshKeys: 0 });
    expect(((await raw(empty, 'GET', '/packages')).json as { data: unknown[] }).data).toHaveLength(5);
    const scaled = await emulator({ seed: { servers: 40, users: 12 } });
    expect(scaled.state.counts()).toMatchObject({ users: 13, servers: 40 });
    await expect(startEmulator({ seed: { servers: -1 } })).rejects.toThrow(RangeError);
    await expect(startEmulator({ seed: 'huge' as never })).rejects.toThrow(/Unknown seed/);
  });

  it('listens on loopback only', async () => {
    await expect(startEmulator({ host: '0.0.0.0' })).rejects.toThrow(/loopback only/);
    const emu = await emulator({ host: 'localhost' });
    expect(emu.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect((await raw(emu, 'GET', '/connect')).status).toBe(200);
  });

  it('reset() brings back the seeded state and clears the journal', async () => {
    const emu = await emulator();
    await raw(emu, 'DELETE', '/servers/1');
    await raw(emu, 'POST', '/users', { body: { name: 'Temp', email: 'temp@example.org' } });
    expect(emu.state.counts()).toMatchObject({ servers: 5, users: 7 });
    emu.reset();
    expect(emu.state.counts()).toMatchObject({ servers: 6, users: 6 });
    expect(emu.requests()).toEqual([]);
    expect(() => emu.advance(1)).not.toThrow();
  });

  it('needs a manual clock for advance()', async () => {
    const emu = trackEmulator(await startEmulator());
    expect(() => emu.advance(1000)).toThrow(/manual clock/);
  });
});
