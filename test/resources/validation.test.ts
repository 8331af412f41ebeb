import { describe, expect, it, vi } from 'vitest';
import { ResponseValidationError, VirtFusion, type Logger } from '../../src/index';
import { PANEL, TOKEN, recordingFetch } from '../helpers/recording-fetch';

const good = { data: { id: 42, uuid: 'u-1', name: 'web-1', ownerId: 11, hypervisorId: 3, state: 'some-new-state', commissionStatus: 7, suspended: false, futureField: { a: 1 } } };
const bad = { data: { id: 'forty-two', name: 'web-1' } };

function client(answer: unknown, options: { validate?: 'strict' | 'warn' | 'off' } = {}) {
  const warn = vi.fn();
  const logger: Logger = { warn };
  const { fetch } = recordingFetch(() => Response.json(answer));
  return { vf: new VirtFusion({ url: PANEL, token: TOKEN, fetch, logger, ...options }), warn };
}

describe('response validation', () => {
  it('lets unknown fields and unknown enum-like values through, even when strict', async () => {
    const { vf, warn } = client(good, { validate: 'strict' });
    await expect(vf.servers.get(42)).resolves.toEqual(good.data);
    expect(warn).not.toHaveBeenCalled();
  });

  it('strict throws ResponseValidationError naming the fields', async () => {
    const { vf } = client(bad, { validate: 'strict' });
    const error = await vf.servers.get(42).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).message).toMatch(/^The panel's 200 answer to GET \/servers\/\{serverId\} does not match the documented shape: data\.id: /);
    expect((error as ResponseValidationError).details).toEqual(expect.arrayContaining([expect.stringMatching(/^data\.uuid: /), expect.stringMatching(/^data\.ownerId: /)]));
  });

  it('warn (the default) returns the answer and reports once per shape through the logger', async () => {
    const { vf, warn } = client(bad);
    await expect(vf.servers.get(42)).resolves.toEqual(bad.data);
    await vf.servers.get(42);
    expect(warn).toHaveBeenCalledTimes(1);
    const [details, message] = warn.mock.calls[0]!;
    expect(details).toMatchObject({ route: 'GET /servers/{serverId}', status: 200 });
    expect(message).toMatch(/does not match the documented shape/);
    expect(JSON.stringify(warn.mock.calls)).not.toContain(TOKEN);
  });

  it('off skips the check; a per-call mode overrides the client’s', async () => {
    const { vf, warn } = client(bad, { validate: 'off' });
    await expect(vf.servers.get(42)).resolves.toEqual(bad.data);
    expect(warn).not.toHaveBeenCalled();
    await expect(vf.servers.get(42, { validate: 'strict' })).rejects.toThrow(ResponseValidationError);
    const strict = client(bad, { validate: 'strict' });
    await expect(strict.vf.servers.get(42, { validate: 'off' })).resolves.toEqual(bad.data);
  });

  it('a missing data envelope is a ResponseValidationError even with validation off', async () => {
    const { vf } = client({ id: 42 }, { validate: 'off' });
    await expect(vf.servers.get(42)).rejects.toThrow('has no `data` envelope');
  });

  it('refuses an unknown validate mode', () => {
    expect(() => new VirtFusion({ url: PANEL, token: TOKEN, validate: 'loud' as never })).toThrow("`validate` must be 'strict', 'warn' or 'off'.");
  });
});
