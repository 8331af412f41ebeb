import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/testing';
import { raw, stopStartedEmulators, trackEmulator, trackedEmulator } from './helpers';

afterEach(stopStartedEmulators);

const JSON_HEADERS = { 'content-type': 'application/json' };

async function api(emu: Emulator, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${emu.url}/_emulator/api${path}`, {
    method,
    headers: body === undefined ? headers : { ...JSON_HEADERS, ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) as any };
}

/** A request with a Host header of our choosing (fetch does not allow setting it). */
function withHost(emu: Emulator, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const call = httpRequest({ host: '127.0.0.1', port: emu.port, path, headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    call.on('error', reject);
    call.end();
  });
}

async function createAndBuild(emu: Emulator): Promise<{ serverId: number; password: string }> {
  const created = await raw(emu, 'POST', '/servers', { body: { packageId: 1, userId: 2, hypervisorId: 1 } });
  const serverId = (created.json as any).data.id as number;
  const built = await raw(emu, 'POST', `/servers/${serverId}/build`, { body: { operatingSystemId: 46 } });
  return { serverId, password: (built.json as any).data.settings.decryptedPassword as string };
}

describe('the inspector page and its assets', () => {
  it('serves a self-contained page, script and stylesheet with a strict content security policy', async () => {
    const emu = await trackedEmulator();
    expect(emu.inspectorUrl).toBe(`${emu.url}/_emulator/`);
    const page = await fetch(emu.inspectorUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'; script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    for (const asset of ['inspector.js', 'inspector.css']) {
      const answer = await fetch(`${emu.inspectorUrl}${asset}`);
      expect(answer.status).toBe(200);
      expect(await answer.text()).not.toMatch(/https?:\/\//);
    }
    const bare = await fetch(`${emu.url}/_emulator`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([308, '/_emulator/']);
    expect(emu.requests()).toEqual([]);
  });

  it('answers only for its loopback address (no DNS rebinding)', async () => {
    const emu = await trackedEmulator();
    expect(await withHost(emu, '/_emulator/api/journal', `127.0.0.1:${emu.port}`)).toBe(200);
    expect(await withHost(emu, '/_emulator/api/journal', `localhost:${emu.port}`)).toBe(200);
    expect(await withHost(emu, '/_emulator/api/journal', `attacker.example:${emu.port}`)).toBe(403);
    expect(await withHost(emu, '/_emulator/', `attacker.example:${emu.port}`)).toBe(403);
    expect(await withHost(emu, '/_emulator/api/journal', '127.0.0.1:1')).toBe(403);
  });
});

describe('the JSON API', () => {
  it('lists servers newest first with owner, package, state, build progress and addresses, paged', async () => {
    const emu = await trackedEmulator({ buildDuration: 10_000 });
    const { serverId } = await createAndBuild(emu);
    emu.advance(2_500);
    const first = await api(emu, 'GET', '/servers?limit=2');
    expect(first.json).toMatchObject({ total: 7, page: 1, limit: 2 });
    expect(first.json.items.map((s: any) => s.id)).toEqual([serverId, serverId - 1]);
    expect(first.json.items[0]).toEqual({
      id: serverId,
      name: '',
      hostname: null,
      owner: { id: 2, name: 'Lena Silva', extRelationId: 1001 },
      package: { id: 1, name: 'Starter' },
      state: 'queued',
      power: 'stopped',
      suspended: false,
      buildFailed: false,
      buildProgress: 25,
      ipv4: [expect.stringMatching(/^192\.0\.2\.\d+$/)],
      ipv6: [],
      deleteAt: null,
    });
    const last = await api(emu, 'GET', '/servers?limit=2&page=4');
    expect(last.json.items.map((s: any) => s.id)).toEqual([1]);
    expect((await api(emu, 'GET', '/servers?limit=501')).json).toEqual({ error: { field: 'limit', message: 'limit must be a whole number from 1 to 500' } });
  });

  it('pages the journal newest first with a cursor, and filters by route, status and server', async () => {
    const emu = await trackedEmulator();
    const { serverId } = await createAndBuild(emu);
    for (let i = 0; i < 5; i += 1) await raw(emu, 'GET', '/servers/1');
    await raw(emu, 'GET', '/servers/99999');
    const seen: number[] = [];
    let before: number | null | undefined;
    do {
      const page = await api(emu, 'GET', `/journal?limit=3${before ? `&before=${before}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.json.matched).toBe(8);
      seen.push(...page.json.items.map((e: any) => e.seq));
      before = page.json.nextBefore;
    } while (before);
    expect(seen).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);

    const row = (await api(emu, 'GET', '/journal?limit=1')).json.items[0];
    expect(row).toEqual({ seq: 8, time: expect.any(Number), method: 'GET', path: '/api/v1/servers/99999', route: 'GET /servers/{serverId}', status: 404, serverId: 99999, durationMs: expect.any(Number) });
    const only = async (query: string) => (await api(emu, 'GET', `/journal?${query}`)).json.items.map((e: any) => e.seq);
    expect(await only('status=4xx')).toEqual([8]);
    expect(await only('status=201')).toEqual([1]);
    expect(await only(`server=${serverId}`)).toEqual([2, 1]);
    expect(await only('route=build')).toEqual([2]);
    expect(await only('route=POST%20/servers&status=2xx')).toEqual([2, 1]);
    expect((await api(emu, 'GET', '/journal?status=abc')).json.error.field).toBe('status');
    expect((await api(emu, 'GET', '/journal?before=x')).json.error.field).toBe('before');
  });

  it('gives one request with its bodies, status, duration and fault; 404 for one never received', async () => {
    const emu = await trackedEmulator({ faults: [{ kind: 'latency', ms: 120, route: 'POST /servers' }] });
    await createAndBuild(emu);
    const entry = (await api(emu, 'GET', '/journal/1')).json;
    expect(entry).toMatchObject({ seq: 1, method: 'POST', route: 'POST /servers', status: 201, fault: 'latency', body: { packageId: 1, userId: 2, hypervisorId: 1 }, answer: { data: { id: 7, state: 'allocated' } } });
    expect(entry.durationMs).toBeGreaterThanOrEqual(120);
    expect(emu.requests()[0]!.durationMs).toBe(entry.durationMs);
    expect(await api(emu, 'GET', '/journal/3')).toMatchObject({ status: 404, json: { error: { message: 'request 3 is not in the journal (never received, or dropped)' } } });
  });

  it('masks the API token, build passwords and webhook Bearer tokens in every answer', async () => {
    const emu = trackEmulator(await startEmulator({ webhooks: [{ url: 'http://127.0.0.1:9/hooks', token: 'hook-token-123', maxAttempts: 1, timeoutMs: 200 }] }));
    const { password } = await createAndBuild(emu);
    await raw(emu, 'POST', '/users', { body: { name: 'Leak', email: 'leak@example.com', extRelationId: 9001, note: `token ${emu.token}` } });
    await emu.webhooksSettled();
    const answers = await Promise.all(['', '/servers', '/journal', '/journal/1', '/journal/2', '/journal/3', '/webhooks', '/webhooks/1', '/faults', '/clock'].map((path) => api(emu, 'GET', path)));
    const everything = answers.map((a) => a.text).join('\n');
    const hookBase64 = Buffer.from('hook-token-123').toString('base64');
    for (const secret of [emu.token, password, 'hook-token-123', hookBase64]) expect(everything).not.toContain(secret);
    expect(answers[4]!.json.answer.data.settings.decryptedPassword).toBe('••••••');
    expect(answers[5]!.json.body.note).toBe('token ••••••');
    expect(answers[7]!.json.headers).toMatchObject({ authorization: 'Bearer ••••••', 'x-virtfusion-event': 'server.create', 'x-virtfusion-hook-event': '1' });
    expect(emu.deliveries()[0]!.headers.authorization).toBe('Bearer ••••••');
  });

  it('adds, lists and removes fault rules that apply to the next request', async () => {
    const emu = await trackedEmulator();
    const added = await api(emu, 'POST', '/faults', { kind: '503', route: 'GET /servers/{serverId}', times: 1, retryAfter: 3 });
    expect(added.status).toBe(201);
    expect(added.json.rules).toEqual([{ index: 0, rule: { kind: '503', route: 'GET /servers/{serverId}', times: 1, retryAfter: 3 }, fired: 0 }]);
    const failed = await raw(emu, 'GET', '/servers/1');
    expect([failed.status, failed.headers.get('retry-after')]).toEqual([503, '3']);
    expect((await raw(emu, 'GET', '/servers/1')).status).toBe(200);
    expect((await api(emu, 'GET', '/faults')).json.rules[0].fired).toBe(1);
    await api(emu, 'POST', '/faults', { kind: 'html-502', method: 'post' });
    expect(emu.faults.list()).toEqual([{ kind: '503', route: 'GET /servers/{serverId}', times: 1, retryAfter: 3 }, { kind: 'html-502', method: 'POST' }]);
    expect((await api(emu, 'DELETE', '/faults/0')).json.rules.map((r: any) => r.rule.kind)).toEqual(['html-502']);
    expect((await api(emu, 'DELETE', '/faults/5')).status).toBe(404);
    expect((await api(emu, 'DELETE', '/faults')).json.rules).toEqual([]);
    expect(emu.faults.list()).toEqual([]);
  });

  it.each([
    [{ kind: 'explode' }, 'kind'],
    [{ probability: 0.5 }, 'kind'],
    [{ kind: '503', probability: 1.5 }, 'probability'],
    [{ kind: '503', probability: '1' }, 'probability'],
    [{ kind: '503', method: 'FETCH' }, 'method'],
    [{ kind: '503', route: 'servers' }, 'route'],
    [{ kind: '503', times: 1.5 }, 'times'],
    [{ kind: 'latency', ms: -1 }, 'ms'],
    [{ kind: '503', retryAfter: 'soon' }, 'retryAfter'],
    [{ kind: '503', chance: 1 }, 'chance'],
    [['503'], '(body)'],
    ['{"kind":', '(body)'],
  ])('refuses the malformed rule %j with a 400 naming %s', async (body, field) => {
    const emu = await trackedEmulator();
    const answer = await api(emu, 'POST', '/faults', body);
    expect(answer.status).toBe(400);
    expect(answer.json.error.field).toBe(field);
    expect(answer.json.error.message).toContain(field === '(body)' ? 'body' : field);
    expect(emu.faults.list()).toEqual([]);
  });

  it('changes state only for JSON from its own origin', async () => {
    const emu = await trackedEmulator();
    const rule = JSON.stringify({ kind: '503' });
    expect((await api(emu, 'POST', '/faults', rule, { origin: 'http://attacker.example' })).status).toBe(403);
    expect((await api(emu, 'POST', '/faults', rule, { origin: 'null' })).status).toBe(403);
    expect((await api(emu, 'POST', '/faults', rule, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await api(emu, 'DELETE', '/faults', undefined, { origin: 'http://attacker.example' })).status).toBe(403);
    const plain = await fetch(`${emu.url}/_emulator/api/faults`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: rule });
    expect(plain.status).toBe(415);
    const form = await fetch(`${emu.url}/_emulator/api/faults`, { method: 'POST', body: new URLSearchParams({ kind: '503' }) });
    expect(form.status).toBe(415);
    expect(emu.faults.list()).toEqual([]);
    expect((await api(emu, 'POST', '/faults', rule, { origin: emu.url, 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    expect(emu.faults.list()).toEqual([{ kind: '503' }]);
  });

  it('advances a manual clock and runs what became due; refuses on the system clock', async () => {
    const emu = await trackedEmulator({ buildDuration: 30_000 });
    const { serverId } = await createAndBuild(emu);
    const moved = await api(emu, 'POST', '/clock/advance', { ms: 30_000 });
    expect(moved.json).toEqual({ now: Date.UTC(2025, 0, 20, 12, 0, 30), iso: '2025-01-20T12:00:30.000Z', manual: true });
    expect(emu.state.server(serverId)?.state).toBe('complete');
    expect((await api(emu, 'POST', '/clock/advance', { ms: -5 })).json.error.field).toBe('ms');
    const system = trackEmulator(await startEmulator());
    const refused = await api(system, 'POST', '/clock/advance', { ms: 1000 });
    expect(refused.status).toBe(409);
    expect((await api(system, 'GET', '/clock')).json.manual).toBe(false);
  });
});

describe('a bounded journal', () => {
  async function flood(options: EmulatorOptions, count: number): Promise<Emulator> {
    const emu = await trackedEmulator(options);
    for (let i = 0; i < count; i += 1) await raw(emu, 'GET', '/connect');
    return emu;
  }

  it('keeps the newest `limit` entries, counts the dropped ones and keeps seq and counts going', async () => {
    const emu = await flood({ journal: { limit: 20 } }, 50);
    await raw(emu, 'GET', '/servers/4242');
    const kept = emu.requests();
    expect(kept).toHaveLength(20);
    expect([kept[0]!.seq, kept.at(-1)!.seq]).toEqual([32, 51]);
    expect(emu.journalStats()).toEqual({ total: 51, kept: 20, dropped: 31, byStatus: { '200': 50, '404': 1 } });
    expect((await api(emu, 'GET', '/journal/31')).status).toBe(404);
    expect((await api(emu, 'GET', '/journal/32')).json.seq).toBe(32);
    expect((await api(emu, 'GET', '/')).json.journal).toEqual(emu.journalStats());
    emu.reset();
    expect(emu.journalStats()).toEqual({ total: 0, kept: 0, dropped: 0, byStatus: {} });
  });

  it('cuts request and answer bodies to bodyLimit characters and says so', async () => {
    const emu = await trackedEmulator({ journal: { bodyLimit: 40 } });
    await raw(emu, 'POST', '/servers', { body: { packageId: 1, userId: 2, hypervisorId: 1, firewallRulesets: [] } });
    const [entry] = emu.requests();
    expect(entry).toMatchObject({ bodyTruncated: true, answerTruncated: true, status: 201 });
    expect(entry!.body).toBe('{"packageId":1,"userId":2,"hypervisorId":1,"firewallRulesets":[]}'.slice(0, 40));
    expect(String(entry!.answer)).toHaveLength(40);
    const small = await trackedEmulator();
    await raw(small, 'GET', '/connect');
    expect(small.requests()[0]).not.toHaveProperty('answerTruncated');
  });

  it('refuses journal options that are not whole numbers', async () => {
    await expect(startEmulator({ journal: { limit: 0 } })).rejects.toThrow('journal.limit must be a whole number of at least 1');
    await expect(startEmulator({ journal: { bodyLimit: 1.5 } })).rejects.toThrow('journal.bodyLimit must be a whole number of at least 1');
  });
});
