import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputValidationError, ServerError, VirtFusion, type Middleware } from '../../src/index';
import { ReconcileIncompleteError, reconcile, type ReconcileEntry, type LocalServerRecord } from '../../src/fleet';
import { startEmulator, type Emulator } from '../../src/testing';
import { collect, emulatorClient, localRecordOf } from './helpers';

const byKind = (entries: ReconcileEntry[], kind: ReconcileEntry['kind']) => entries.filter((e) => e.kind === kind);

describe('reconcile against 10 000 emulated servers', () => {
  let emu: Emulator;
  let local: (LocalServerRecord & { serverId: number; uuid: string })[];
  const deleted: number[] = [];
  const added: number[] = [];
  const ownerChanged: number[] = [];
  const reused: number[] = [];

  beforeAll(async () => {
    emu = await startEmulator({ seed: { servers: 10_000, users: 40 } });
    const ids = emu.state.serverIds().sort((a, b) => a - b);
    expect(ids).toHaveLength(10_000);
    local = ids.map((id) => localRecordOf(emu.state.server(id)!));
    // Spread the drift over the whole list: ids i*50 + k for the four kinds.
    for (let i = 0; i < 50; i += 1) {
      const base = ids[i * 199]!;
      deleted.push(base);
      added.push(ids[i * 199 + 1]!);
      ownerChanged.push(ids[i * 199 + 2]!);
      reused.push(ids[i * 199 + 3]!);
    }
    const vf = emulatorClient(emu);
    for (const id of deleted) await vf.servers.delete(id);
    for (let waited = 0; deleted.some((id) => emu.state.server(id) !== undefined) && waited < 5_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(deleted.filter((id) => emu.state.server(id) !== undefined)).toEqual([]);
    const addedSet = new Set(added);
    local = local.filter((record) => !addedSet.has(record.serverId));
    for (const record of local) {
      if (ownerChanged.includes(record.serverId)) record.ownerRef = Number(record.ownerRef) + 100_000;
      if (reused.includes(record.serverId)) record.uuid = `00000000-0000-4000-8000-${String(record.serverId).padStart(12, '0')}`;
    }
  }, 120_000);

  afterAll(() => emu?.stop());

  it('finds every deletion, addition, owner change and reused id, and nothing else', async () => {
    emu.clearRequests();
    const started = performance.now();
    const entries = await collect(reconcile({ client: emulatorClient(emu), local }));
    const seconds = (performance.now() - started) / 1000;
    console.log(`reconcile of 10 000 servers with 200 drifted: ${seconds.toFixed(2)} s`);

    const summary = entries.at(-1)!;
    expect(summary.kind).toBe('summary');
    const missing = byKind(entries, 'missing') as Extract<ReconcileEntry, { kind: 'missing' }>[];
    expect(missing.filter((e) => e.reason === 'not-found').map((e) => e.local.serverId).sort((a, b) => a! - b!)).toEqual(deleted);
    expect(missing.filter((e) => e.reason === 'id-reused').map((e) => e.local.serverId).sort((a, b) => a! - b!)).toEqual(reused);
    const external = byKind(entries, 'external') as Extract<ReconcileEntry, { kind: 'external' }>[];
    expect(external.map((e) => e.server.id).sort((a, b) => a - b)).toEqual([...added, ...reused].sort((a, b) => a - b));
    const changed = byKind(entries, 'changed') as Extract<ReconcileEntry, { kind: 'changed' }>[];
    expect(changed.map((e) => e.server.id).sort((a, b) => a - b)).toEqual(ownerChanged);
    for (const entry of changed) {
      expect(entry.fields).toEqual(['owner']);
      expect(entry.changes[0]).toEqual({ field: 'owner', local: Number(entry.server.ownerRef) + 100_000, panel: entry.server.ownerRef });
    }
    expect(byKind(entries, 'matched')).toHaveLength(10_000 - 50 - 50 - 50 - 50);
    expect(summary).toMatchObject({ matched: 9_800, changed: 50, external: 100, missing: 100, recovered: 0, pagesRead: 50, serversSeen: 9_950, localRecords: 9_950, confirmations: 100 });

    // On the wire: 50 pages of 200 full records, then one GET per candidate, nothing else.
    const requests = emu.requests();
    const pages = requests.filter((r) => r.route === 'GET /servers');
    expect(pages.map((r) => r.query)).toEqual(Array.from({ length: 50 }, (_, i) => ({ type: 'full', results: '200', page: String(i + 1) })));
    const gets = requests.filter((r) => r.route === 'GET /servers/{serverId}').map((r) => Number(r.path.split('/').at(-1)));
    expect(gets.sort((a, b) => a - b)).toEqual([...deleted, ...reused].sort((a, b) => a - b));
    expect(requests).toHaveLength(150);
    // Missing entries come last, after every other kind, just before the summary.
    const firstMissing = entries.findIndex((e) => e.kind === 'missing');
    expect(entries.slice(firstMissing, -1).every((e) => e.kind === 'missing')).toBe(true);
  }, 120_000);

  it('a 503 on page 7 ends the run with ReconcileIncompleteError and not one missing entry', async () => {
    const seen: ReconcileEntry[] = [];
    let error: unknown;
    try {
      for await (const entry of reconcile({
        client: emulatorClient(emu, { retry: false }),
        local,
        onProgress: (p) => {
          if (p.stage === 'listing' && p.pagesRead === 6) emu.faults.set([{ kind: '503', route: 'GET /servers' }]);
        },
      })) {
        seen.push(entry);
      }
    } catch (caught) {
      error = caught;
    } finally {
      emu.faults.clear();
    }
    expect(error).toBeInstanceOf(ReconcileIncompleteError);
    const incomplete = error as ReconcileIncompleteError;
    expect(incomplete.progress).toEqual({ stage: 'listing', pagesRead: 6, lastPage: 50, serversSeen: 1_200, candidatesChecked: 0, candidates: 0 });
    expect(incomplete.cause).toBeInstanceOf(ServerError);
    expect(incomplete.message).toMatch(/^Reconcile stopped after 6 of 50 pages: .*No server was reported missing\.$/);
    expect(seen.filter((e) => e.kind === 'missing')).toEqual([]);
    expect(seen.some((e) => e.kind === 'summary')).toBe(false);
  }, 60_000);

  it('a failed confirmation also ends the run without a missing entry', async () => {
    emu.faults.set([{ kind: '500', route: 'GET /servers/{serverId}', times: 1 }]);
    const kinds: string[] = [];
    const error = await (async () => {
      for await (const entry of reconcile({ client: emulatorClient(emu, { retry: false }), local })) kinds.push(entry.kind);
    })().catch((e: unknown) => e);
    emu.faults.clear();
    expect(error).toBeInstanceOf(ReconcileIncompleteError);
    expect((error as ReconcileIncompleteError).progress.stage).toBe('confirming');
    expect(kinds).not.toContain('missing');
  }, 60_000);
});

describe('reconcile: never a false missing', () => {
  it('a live server skipped because a deletion shifted the pages is checked and reported as it is', async () => {
    const emu = await startEmulator({ seed: { servers: 450, users: 3 } });
    try {
      const ids = emu.state.serverIds().sort((a, b) => a - b);
      const local = ids.map((id) => localRecordOf(emu.state.server(id)!));
      const admin = emulatorClient(emu);
      // Just before page 2 is requested, another process deletes the first server: page 2 now
      // starts one row later, so the server that was row 201 is on no page of this pass.
      const deleteBeforePage2: Middleware = async (ctx, next) => {
        if (ctx.route === 'GET /servers' && new URL(ctx.url).searchParams.get('page') === '2') await admin.servers.delete(ids[0]!);
        return next();
      };
      const vf = new VirtFusion({ url: emu.url, token: emu.token, middleware: [deleteBeforePage2] });
      const entries = await collect(reconcile({ client: vf, local }));
      const missing = entries.filter((e) => e.kind === 'missing');
      const summary = entries.at(-1) as Extract<ReconcileEntry, { kind: 'summary' }>;
      // The skipped live server (index 200 before the deletion) was a candidate, the GET found it.
      // A naive sync would call row 201 deleted. Here it is a candidate, the GET finds it, and it is
      // matched; the deleted server was read on page 1 before it went, so it is not missing either.
      expect(summary).toMatchObject({ matched: 450, recovered: 1, missing: 0, external: 0, serversSeen: 449, confirmations: 1 });
      expect(missing).toEqual([]);
      expect(emu.requests().filter((r) => r.route === 'GET /servers/{serverId}').map((r) => r.path)).toEqual([`/api/v1/servers/${ids[200]}`]);
      expect(entries.filter((e) => e.kind === 'matched').map((e) => (e as { server: { id: number } }).server.id)).toContain(ids[200]);
    } finally {
      await emu.stop();
    }
  }, 60_000);

  it('a record with only a uuid matches by uuid; one whose uuid is gone is confirmed by a second pass', async () => {
    const emu = await startEmulator({ seed: { servers: 30, users: 2 } });
    try {
      const [first, second] = emu.state.serverIds();
      const server = emu.state.server(first!)!;
      const local: LocalServerRecord[] = [{ uuid: String(server.uuid), hostname: String(server.hostname) }, { uuid: 'gone-uuid' }, { serverId: second! }];
      emu.clearRequests();
      const entries = await collect(reconcile({ client: emulatorClient(emu), local }));
      expect(entries.filter((e) => e.kind === 'matched')).toHaveLength(2);
      expect(entries.filter((e) => e.kind === 'missing')).toEqual([{ kind: 'missing', local: { uuid: 'gone-uuid' }, reason: 'not-found', confirmedBy: 'second-pass' }]);
      expect(emu.requests().filter((r) => r.route === 'GET /servers')).toHaveLength(2);
    } finally {
      await emu.stop();
    }
  });
});

describe('reconcile: owner and identity options', () => {
  it("compares the owner's relStr with owner: 'relStr', and a match function can refuse a pair", async () => {
    const emu = await startEmulator({ seed: { servers: 4, users: 2 } });
    try {
      const servers = emu.state.serverIds().map((id) => emu.state.server(id) as Record<string, any>);
      const withRelStr = servers.find((s) => typeof s.owner.relStr === 'string')!;
      const other = servers.find((s) => s.id !== withRelStr.id)!;
      const local: (LocalServerRecord & { name: string })[] = [
        { serverId: withRelStr.id, uuid: String(withRelStr.uuid), ownerRef: String(withRelStr.owner.relStr), name: String(withRelStr.name) },
        { serverId: other.id, uuid: String(other.uuid), ownerRef: 'cust-someone-else', name: 'not-its-name' },
      ];
      const entries = await collect(reconcile({ client: emulatorClient(emu), local, owner: 'relStr', match: (record, server) => record.name === server.name }));
      const kinds = Object.fromEntries(entries.filter((e) => 'local' in e).map((e) => [(e as { local: { serverId: number } }).local.serverId, e.kind]));
      expect(kinds).toEqual({ [withRelStr.id]: 'matched', [other.id]: 'missing' });
      expect(entries.find((e) => e.kind === 'missing')).toMatchObject({ reason: 'not-matched', confirmedBy: 'get' });
      // The refused pair: the server exists (the GET answered) but is not the one the record describes.
      expect(entries.filter((e) => e.kind === 'external').map((e) => (e as { server: { id: number } }).server.id)).toContain(other.id);
    } finally {
      await emu.stop();
    }
  });
});

describe('reconcile: bad input is refused before any request', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu?.stop());

  const cases: [string, unknown[], string][] = [
    ['a record without any id', [{ serverId: 1 }, { hostname: 'web-1' }], 'local.1: has neither `serverId` nor `uuid`: a record must name the server it describes'],
    ['duplicate server ids', [{ serverId: 4 }, { serverId: 5 }, { serverId: 4 }], 'local.2.serverId: server 4 is already named by local[0]'],
    ['duplicate uuids', [{ uuid: 'a' }, { uuid: 'a', serverId: 9 }], 'local.1.uuid: uuid a is already named by local[0]'],
    ['a bad id', [{ serverId: -3 }], 'local.0.serverId: must be a positive integer, got -3'],
  ];
  for (const [name, local, message] of cases) {
    it(`${name}: InputValidationError naming the record`, async () => {
      emu.clearRequests();
      async function* stream() {
        yield* local as LocalServerRecord[];
      }
      for (const source of [local, stream()]) {
        const error = await collect(reconcile({ client: emulatorClient(emu), local: source as LocalServerRecord[] })).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InputValidationError);
        expect((error as Error).message).toBe(`Invalid input: ${message}`);
      }
      expect(emu.requests()).toEqual([]);
    });
  }
});
