import { afterEach, describe, expect, it } from 'vitest';
import { retry, VirtFusion } from '../../src/index';
import { startEmulator, type Emulator, type FaultRule } from '../../src/testing';
import { admitsApplied } from './run-soak';

// Shapes the soak found: an idempotent write (PUT, DELETE) whose first attempt the panel applied
// but whose answer never arrived (a stalled body, so a timeout) is retried, and the call then ends
// with the error of a later attempt (404 because the server is already gone, or a 5xx), which says
// nothing of the attempt that did happen.

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.stop();
  emu = undefined;
});

async function callWith(faults: FaultRule[], call: (vf: VirtFusion) => Promise<unknown>) {
  emu = await startEmulator({ faults });
  const vf = new VirtFusion({ url: emu.url, token: emu.token, timeout: 150, logger: { warn: () => undefined }, middleware: [retry({ minTimeout: 1, maxTimeout: 5 })] });
  const outcome = await call(vf).then(
    () => ({ error: undefined }),
    (error: unknown) => ({ error }),
  );
  await vf.close();
  return { ...outcome, journal: emu.requests().map((entry) => `${entry.method} ${entry.status}${entry.fault ? `/${entry.fault}` : ''}`) };
}

describe('a retried idempotent write whose earlier attempt was applied', () => {
  it('DELETE applied, answer lost, retried into a 404: the caller is not told the server is merely "not found"', async () => {
    const { error, journal } = await callWith([{ kind: 'slow-body', times: 1, route: 'DELETE /servers/{serverId}', ms: 1_000 }], (vf) => vf.servers.delete(1, { delay: 0 }));
    expect(journal).toEqual(['DELETE 200/slow-body', 'DELETE 404']);
    if (error !== undefined) expect(admitsApplied(error), (error as Error).message).toBe(true);
  });

  it('PUT applied, answer lost, retried into 503s: the final ServerError says an earlier attempt may have been applied', async () => {
    const faults: FaultRule[] = [
      { kind: 'slow-body', times: 1, route: 'PUT /servers/{serverId}/modify/name', ms: 1_000 },
      { kind: '503', route: 'PUT /servers/{serverId}/modify/name' },
    ];
    const { error, journal } = await callWith(faults, (vf) => vf.servers.modify.name(1, 'renamed'));
    expect(journal).toEqual(['PUT 201/slow-body', 'PUT 503/503', 'PUT 503/503', 'PUT 503/503']);
    expect(emu!.state.server(1)).toMatchObject({ name: 'renamed' });
    expect(error).toBeDefined();
    expect(admitsApplied(error), (error as Error).message).toBe(true);
  });
});
