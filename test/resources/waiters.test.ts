import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  BuildFailedError,
  ConnectionError,
  HypervisorGroupId,
  ProvisionError,
  TaskFailedError,
  UserId,
  ValidationError,
  VirtFusion,
  WaitTimeoutError,
  type BuildProgress,
  type ProvisionProgress,
} from '../../src/index';
import { PANEL, TOKEN, recordingFetch, type RecordedRequest } from '../helpers/recording-fetch';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-22T10:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

const server = (state: string, extra: Record<string, unknown> = {}) => ({ data: { id: 42, uuid: 'u', name: 'web-1', ownerId: 11, hypervisorId: 3, state, commissionStatus: 0, suspended: false, ...extra } });

/** Answers GET /servers/42 with the next state of `states` (the last one repeats). */
function building(states: (string | Record<string, unknown>)[], extra: (r: RecordedRequest) => Response | undefined = () => undefined) {
  let reads = 0;
  return recordingFetch((request) => {
    const other = extra(request);
    if (other) return other;
    const next = states[Math.min(reads, states.length - 1)]!;
    reads += 1;
    return Response.json(typeof next === 'string' ? server(next) : server(String(next.state), next));
  });
}

/** Runs the fake clock forward until `promise` settles (at most ten simulated hours). */
async function settle<T>(promise: Promise<T>): Promise<T | unknown> {
  let settled = false;
  const outcome = promise.then(
    (value) => ((settled = true), value),
    (error: unknown) => ((settled = true), error),
  );
  for (let step = 0; step < 36_000 && !settled; step += 1) await vi.advanceTimersByTimeAsync(1_000);
  return outcome;
}

describe('vf.servers.waitForBuild', () => {
  it('polls at the interval until the build completes, reporting progress', async () => {
    const { fetch, requests } = building(['queued', 'queued', 'complete']);
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, validate: 'strict' });
    const progress: BuildProgress[] = [];
    const done = vf.servers.waitForBuild(42, { interval: 5_000, onProgress: (p) => progress.push(p) });
    const result = (await settle(done)) as { state: string };
    expect(result.state).toBe('complete');
    expect(requests).toHaveLength(3);
    expect(progress.map((p) => [p.state, p.elapsedMs])).toEqual([
      ['queued', 0],
      ['queued', 5_000],
      ['complete', 10_000],
    ]);
  });

  it('throws BuildFailedError with the server when the panel reports a failed build', async () => {
    const { fetch } = building(['queued', { state: 'queued', buildFailed: true }]);
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch });
    const error = await settle(vf.servers.waitForBuild(42));
    expect(error).toBeInstanceOf(BuildFailedError);
    expect((error as BuildFailedError).message).toBe('The panel reported that the build of server 42 failed (state queued).');
    expect((error as BuildFailedError).server).toMatchObject({ id: 42, buildFailed: true });
  });

  it('gives up with WaitTimeoutError after the timeout', async () => {
    const { fetch, requests } = building(['queued']);
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch });
    const error = await settle(vf.servers.waitForBuild(42, { timeout: 12_000, interval: 5_000 }));
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as WaitTimeoutError).message).toBe('Gave up waiting for server 42 to finish building after 12000 ms.');
    expect(requests).toHaveLength(4);
  });

  it('stops at once on abort, without another read', async () => {
    const { fetch, requests } = building(['queued']);
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch });
    const controller = new AbortController();
    const waiting = vf.servers.waitForBuild(42, { signal: controller.signal, interval: 60_000 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(requests).toHaveLength(1);
    controller.abort();
    const error = await waiting;
    expect(error).toBeInstanceOf(AbortError);
    expect(requests).toHaveLength(1);
  });
});

describe('vf.queue.wait', () => {
  const task = (fields: Record<string, unknown>) => ({ data: { id: 88, action: 'restart', failed: false, progress: 0, finished: null, ...fields } });

  it('resolves when the task finishes', async () => {
    const answers = [task({ progress: 10 }), task({ progress: 60 }), task({ progress: 100, finished: '2026-11-22 10:00:04' })];
    const { fetch, requests } = recordingFetch(() => Response.json(answers.shift()));
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch });
    const seen: number[] = [];
    const done = (await settle(vf.queue.wait(88, { onProgress: (t) => seen.push(t.progress) }))) as { progress: number };
    expect(done.progress).toBe(100);
    expect(seen).toEqual([10, 60, 100]);
    expect(requests.map((r) => r.url.pathname)).toEqual(Array(3).fill('/api/v1/queue/88'));
  });

  it('throws TaskFailedError when the task fails', async () => {
    const { fetch } = recordingFetch(() => Response.json(task({ failed: true })));
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch });
    const error = await settle(vf.queue.wait(88));
    expect(error).toBeInstanceOf(TaskFailedError);
    expect((error as TaskFailedError).message).toBe('The panel reported that queue task 88 (restart) failed.');
  });

  it('times out and aborts like the build waiter', async () => {
    const { fetch } = recordingFetch(() => Response.json(task({})));
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch });
    expect(await settle(vf.queue.wait(88, { timeout: 3_000, interval: 1_000 }))).toBeInstanceOf(WaitTimeoutError);
    expect(await settle(vf.queue.wait(88, { signal: AbortSignal.abort() }))).toBeInstanceOf(AbortError);
  });
});

describe('vf.servers.provision', () => {
  const input = {
    server: { packageId: 1, userId: UserId(11), hypervisorId: HypervisorGroupId(2) },
    build: { operatingSystemId: 28, hostname: 'web-1' },
  };

  it('creates, builds and waits, reporting each step, and returns the root password', async () => {
    const { fetch, requests } = building(['queued', 'complete'], (request) => {
      if (request.method === 'POST' && request.url.pathname === '/api/v1/servers') return Response.json(server('allocated'), { status: 201 });
      if (request.url.pathname.endsWith('/build')) return Response.json(server('queued', { settings: { decryptedPassword: 'S3cret!' } }));
      return undefined;
    });
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch });
    const steps: string[] = [];
    const result = (await settle(vf.servers.provision({ ...input, onProgress: (p: ProvisionProgress) => steps.push(p.step) }))) as {
      server: { state: string };
      password: string;
    };
    expect(result.password).toBe('S3cret!');
    expect(result.server.state).toBe('complete');
    expect(steps).toEqual(['create', 'created', 'build', 'building', 'building', 'complete']);
    expect(requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'POST /api/v1/servers',
      'POST /api/v1/servers/42/build',
      'GET /api/v1/servers/42',
      'GET /api/v1/servers/42',
    ]);
  });

  it('a failed build step names the step and the allocated server, and creates nothing twice', async () => {
    const { fetch, requests } = recordingFetch((request) =>
      request.url.pathname.endsWith('/build')
        ? Response.json({ errors: ['Invalid operating system'] }, { status: 422 })
        : Response.json(server('allocated'), { status: 201 }),
    );
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch });
    const error = (await settle(vf.servers.provision(input))) as ProvisionError;
    expect(error).toBeInstanceOf(ProvisionError);
    expect(error.step).toBe('build');
    expect(error.serverId).toBe(42);
    expect(error.cause).toBeInstanceOf(ValidationError);
    expect(error.message).toBe(
      'Provisioning failed at the build step: The panel rejected the input (422 on POST /servers/{serverId}/build): Invalid operating system. Server 42 is allocated; resume with build() or waitForBuild(), or delete it.',
    );
    expect(requests.filter((r) => r.method === 'POST' && r.url.pathname === '/api/v1/servers')).toHaveLength(1);
  });

  it('a connection failure on create says the server may or may not exist, and is not retried', async () => {
    const { fetch, requests } = recordingFetch(() => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) });
    });
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch, middleware: [] });
    const error = (await settle(vf.servers.provision(input))) as ProvisionError;
    expect(error.step).toBe('create');
    expect(error.serverId).toBeUndefined();
    expect(error.cause).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(/may or may not have been allocated: look it up before trying again\.$/);
    expect(requests).toHaveLength(1);
  });

  it('a failed build during the wait step carries the server id', async () => {
    const { fetch } = building([{ state: 'failed', buildFailed: true }], (request) => {
      if (request.method === 'POST' && request.url.pathname === '/api/v1/servers') return Response.json(server('allocated'), { status: 201 });
      if (request.url.pathname.endsWith('/build')) return Response.json(server('queued'));
      return undefined;
    });
    const vf = new VirtFusion({ url: PANEL, token: TOKEN, fetch });
    const error = (await settle(vf.servers.provision(input))) as ProvisionError;
    expect([error.step, error.serverId]).toEqual(['wait', 42]);
    expect(error.cause).toBeInstanceOf(BuildFailedError);
  });
});
