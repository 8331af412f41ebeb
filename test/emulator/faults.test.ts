import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, FAULT_KINDS, startEmulator, type Emulator, type EmulatorOptions, type FaultRule } from '../../src/testing';
import { raw, stopStartedEmulators, trackedEmulator } from './helpers';

const emulator = trackedEmulator;

afterEach(stopStartedEmulators);

/** Statuses of `count` GETs of server 1; 0 stands for a connection reset. */
async function statuses(emu: Emulator, count: number, path = '/servers/1'): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i += 1) out.push(await raw(emu, 'GET', path).then((a) => a.status, () => 0));
  return out;
}

describe('fault injection', () => {
  it('repeats the same faulted requests for the same seed, and differs for another', async () => {
    const rules: FaultRule[] = [{ kind: '503', probability: 0.3, route: 'GET /servers/{serverId}' }];
    const first = await statuses(await emulator({ faults: rules, seed: { random: 42 } }), 30);
    const second = await statuses(await emulator({ faults: rules, seed: { random: 42 } }), 30);
    const other = await statuses(await emulator({ faults: rules, seed: { random: 43 } }), 30);
    expect(second).toEqual(first);
    expect(other).not.toEqual(first);
    const faulted = first.filter((s) => s === 503).length;
    expect(faulted).toBeGreaterThan(3);
    expect(faulted).toBeLessThan(20);
    expect(first.filter((s) => s !== 503).every((s) => s === 200)).toBe(true);
  });

  it('replays after reset() and after faults.set() with the same seed', async () => {
    const emu = await emulator({ faults: [{ kind: '500', probability: 0.5 }], seed: { random: 'replay' } });
    const first = await statuses(emu, 20);
    emu.reset();
    expect(await statuses(emu, 20)).toEqual(first);
    emu.faults.set([{ kind: '500', probability: 0.5 }], { seed: 'replay' });
    expect(await statuses(emu, 20)).toEqual(first);
    expect(emu.requests().filter((r) => r.fault === '500').length).toBe(2 * first.filter((s) => s === 500).length);
  });

  it('for every kind, the same seed gives the same sequence of faulted requests', async () => {
    for (const kind of FAULT_KINDS) {
      const rules: FaultRule[] = [{ kind, probability: 0.5, ms: 5 }];
      const runs: string[][] = [];
      for (let run = 0; run < 2; run += 1) {
        const emu = await emulator({ faults: rules, seed: { random: 7 } });
        await statuses(emu, 12, '/packages/1');
        runs.push(emu.requests().map((r) => `${r.seq}:${r.fault ?? '-'}`));
      }
      expect(runs[1], kind).toEqual(runs[0]);
      expect(runs[0]!.some((r) => r.endsWith(`:${kind}`)), kind).toBe(true);
      expect(runs[0]!.some((r) => r.endsWith(':-')), kind).toBe(true);
    }
  });

  it('fires a counted rule exactly `times` times, and only on matching methods and routes', async () => {
    const emu = await emulator({
      faults: [
        { kind: '503', times: 2, method: 'GET', route: '/servers/*' },
        { kind: '500', method: 'POST', route: 'POST /servers/{serverId}/power/**' },
      ],
    });
    expect(await statuses(emu, 4)).toEqual([503, 503, 200, 200]);
    expect((await raw(emu, 'GET', '/servers/1/vnc')).status).toBe(200);
    expect((await raw(emu, 'GET', '/servers')).status).toBe(200);
    expect((await raw(emu, 'POST', '/servers/1/power/boot')).status).toBe(500);
    expect((await raw(emu, 'POST', '/servers/1/suspend')).status).toBe(204);
    expect(emu.requests().map((r) => [r.path, r.status, r.fault])).toEqual([
      ['/api/v1/servers/1', 503, '503'],
      ['/api/v1/servers/1', 503, '503'],
      ['/api/v1/servers/1', 200, undefined],
      ['/api/v1/servers/1', 200, undefined],
      ['/api/v1/servers/1/vnc', 200, undefined],
      ['/api/v1/servers', 200, undefined],
      ['/api/v1/servers/1/power/boot', 500, '500'],
      ['/api/v1/servers/1/suspend', 204, undefined],
    ]);
    emu.faults.clear();
    expect((await raw(emu, 'POST', '/servers/1/power/boot')).status).toBe(200);
  });

  it('answers 500 and 503 as Laravel does, before the panel acts', async () => {
    const emu = await emulator({ faults: [{ kind: '500', times: 1 }, { kind: '503', times: 1, retryAfter: 7 }] });
    const before = emu.state.counts().servers;
    const crash = await raw(emu, 'POST', '/servers', { body: { packageId: 1, userId: 2, hypervisorId: 1 } });
    expect([crash.status, crash.json]).toEqual([500, { message: 'Server Error' }]);
    const down = await raw(emu, 'POST', '/servers', { body: { packageId: 1, userId: 2, hypervisorId: 1 } });
    expect([down.status, down.json, down.headers.get('retry-after')]).toEqual([503, { message: 'Service Unavailable' }, '7']);
    expect(emu.state.counts().servers).toBe(before);
  });

  it('sends a proxy HTML 502 page', async () => {
    const emu = await emulator({ faults: [{ kind: 'html-502' }] });
    const answer = await raw(emu, 'GET', '/connect');
    expect(answer.status).toBe(502);
    expect(answer.headers.get('content-type')).toBe('text/html');
    expect(answer.text).toContain('<title>502 Bad Gateway</title>');
    expect(emu.requests()[0]).toMatchObject({ status: 502, fault: 'html-502' });
  });

  it('resets the connection without an answer', async () => {
    const emu = await emulator({ faults: [{ kind: 'reset', times: 1 }] });
    await expect(raw(emu, 'GET', '/connect')).rejects.toThrow(/fetch failed/);
    expect((await raw(emu, 'GET', '/connect')).status).toBe(200);
    expect(emu.requests().map((r) => [r.status, r.fault])).toEqual([
      [0, 'reset'],
      [200, undefined],
    ]);
  });

  it('cuts the JSON short after the panel did the work', async () => {
    const emu = await emulator({ faults: [{ kind: 'truncated-json', times: 1, route: 'POST /servers' }] });
    const before = emu.state.counts().servers;
    const answer = await raw(emu, 'POST', '/servers', { body: { packageId: 1, userId: 2, hypervisorId: 1 } });
    expect(answer.status).toBe(201);
    expect(() => JSON.parse(answer.text)).toThrow();
    expect(emu.state.counts().servers).toBe(before + 1);
    const whole = JSON.stringify({ data: emu.state.server(7) });
    expect(whole.startsWith(answer.text)).toBe(true);
    expect(answer.text.length).toBe(Math.floor(whole.length * 0.6));
  });

  it('puts a PHP warning before the JSON', async () => {
    const emu = await emulator({ faults: [{ kind: 'malformed-json', times: 1 }] });
    const answer = await raw(emu, 'GET', '/packages/1');
    expect(answer.status).toBe(200);
    expect(answer.text.startsWith('<br />\n<b>Warning</b>:')).toBe(true);
    expect(() => JSON.parse(answer.text)).toThrow();
    expect(JSON.parse(answer.text.slice(answer.text.indexOf('{"data"')))).toEqual((await raw(emu, 'GET', '/packages/1')).json);
  });

  it('sends the headers and half the body, then stalls (a real socket timing)', async () => {
    const emu = await emulator({ faults: [{ kind: 'slow-body', ms: 400, times: 1 }] });
    const url = new URL(`${emu.apiUrl}/packages/1`);
    const startedAt = performance.now();
    const timing = await new Promise<{ headersAt: number; endAt: number; text: string }>((resolve, reject) => {
      const req = httpRequest(url, { headers: { authorization: `Bearer ${emu.token}` } }, (res) => {
        const headersAt = performance.now() - startedAt;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ headersAt, endAt: performance.now() - startedAt, text }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(timing.headersAt).toBeLessThan(300);
    expect(timing.endAt).toBeGreaterThanOrEqual(390);
    expect(JSON.parse(timing.text)).toEqual((await raw(emu, 'GET', '/packages/1')).json);
  });

  it('adds latency and still answers normally', async () => {
    const emu = await emulator({ faults: [{ kind: 'latency', ms: 250, route: '/connect' }, { kind: '503', route: '/connect', times: 1 }] });
    const t0 = performance.now();
    const slowFailure = await raw(emu, 'GET', '/connect');
    const t1 = performance.now();
    const slow = await raw(emu, 'GET', '/connect');
    const t2 = performance.now();
    expect([slowFailure.status, slow.status, slow.text]).toEqual([503, 200, '[]']);
    expect(t1 - t0).toBeGreaterThanOrEqual(240);
    expect(t2 - t1).toBeGreaterThanOrEqual(240);
    expect(emu.requests().map((r) => r.fault)).toEqual(['503', 'latency']);
  });

  it('rejects rules it cannot apply', async () => {
    await expect(startEmulator({ faults: [{ kind: 'teapot' as never }] })).rejects.toThrow(/Unknown fault kind/);
    await expect(startEmulator({ faults: [{ kind: '500', probability: 2 }] })).rejects.toThrow(RangeError);
  });
});
