import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionError, ServerError, VirtFusion, cache, rateLimit, retry, type RetryEvent } from '../../src/index';
import { startEmulator, type Emulator } from '../../src/testing';

// Against the emulator (a real HTTP server with seeded data and fault injection), with the
// documented stack; backoff is shortened so the suite stays quick.
describe('middleware against the emulator', () => {
  let emu: Emulator;
  let vf: VirtFusion;
  let retries: RetryEvent[];

  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(async () => {
    await emu?.stop();
  });
  beforeEach(async () => {
    await vf?.close();
    emu.reset();
    emu.faults.clear();
    vf = new VirtFusion({ url: emu.url, token: emu.token, middleware: [cache(), retry({ minTimeout: 20 }), rateLimit({ perMinute: 600 })] });
    retries = [];
    vf.on('retry', (event) => retries.push(event));
  });

  const journal = (route: string) => emu.requests().filter((entry) => `${entry.method} ${entry.path}` === route).map((entry) => entry.fault ?? entry.status);

  it('GETs succeed through injected 503s, proxy 502 pages and connection resets', async () => {
    emu.faults.set([
      { kind: '503', times: 2, route: 'GET /servers/{serverId}' },
      { kind: 'reset', times: 1, route: 'GET /packages' },
      { kind: 'html-502', times: 1, route: 'GET /packages' },
    ]);
    const server = await vf.request('GET /servers/{serverId}', { path: { serverId: 1 } });
    const packages = await vf.request('GET /packages');
    expect(server).toMatchObject({ data: { id: 1 } });
    expect(packages).toMatchObject({ data: expect.any(Array) });
    expect(journal('GET /api/v1/servers/1')).toEqual(['503', '503', 200]);
    expect(journal('GET /api/v1/packages')).toEqual(['reset', 'html-502', 200]);
    expect(retries.map((r) => r.status ?? r.code)).toEqual([503, 503, 'connection_error', 502]);
  });

  it('honours a Retry-After from a panel in maintenance', async () => {
    emu.faults.set([{ kind: '503', times: 1, retryAfter: 1, route: 'GET /connect' }]);
    const started = Date.now();
    await vf.request('GET /connect');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(retries).toMatchObject([{ delayMs: 1_000, retryAfterMs: 1_000 }]);
  });

  it('a POST /servers hit by a connection reset is sent exactly once, and the error says it may have been applied', async () => {
    emu.faults.set([{ kind: 'reset', route: 'POST /servers' }]);
    const error = await vf.request('POST /servers', { body: { packageId: 1, userId: 1, hypervisorId: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).message).toMatch(/^Could not reach the panel at 127\.0\.0\.1:\d+ \(\w+\) for POST \/servers\. A write may or may not have been applied\.$/);
    expect((error as ConnectionError).attempts).toBe(1);
    expect(journal('POST /api/v1/servers')).toEqual(['reset']);
    expect(retries).toEqual([]);
  });

  it('a POST /servers answered 503 is sent exactly once too', async () => {
    emu.faults.set([{ kind: '503', route: 'POST /servers' }]);
    const error = await vf.request('POST /servers', { body: { packageId: 1, userId: 1, hypervisorId: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(journal('POST /api/v1/servers')).toEqual(['503']);
  });

  it('a cached read costs one request; a write to its collection drops it, and the next read sees the change', async () => {
    const cached = new VirtFusion({ url: emu.url, token: emu.token, middleware: [cache({ ttl: { 'GET /servers/{serverId}': 60_000 } }), retry(), rateLimit()] });
    try {
      const read = () => cached.request('GET /servers/{serverId}', { path: { serverId: 1 } }) as Promise<{ data: { name: string } }>;
      await read();
      await read();
      await cached.request('GET /packages');
      await cached.request('GET /packages');
      expect(journal('GET /api/v1/servers/1')).toEqual([200]);
      await cached.request('PUT /servers/{serverId}/modify/name', { path: { serverId: 1 }, body: { name: 'renamed-1' } });
      expect((await read()).data.name).toBe('renamed-1');
      await cached.request('GET /packages'); // another collection: still cached
      expect(journal('GET /api/v1/servers/1')).toEqual([200, 200]);
      expect(journal('GET /api/v1/packages')).toEqual([200]);
    } finally {
      await cached.close();
    }
  });
});
