// What response validation and the cache cost, through resource methods as users call them.
import { VirtFusion, cache, fetchTransport } from '../dist/index.js';
import type { Panel } from './overhead';
import { atLeast, atMost, us, type Row } from './report';
import { interleave } from './timing';

export async function validation(panel: Panel, quick: boolean): Promise<Row[]> {
  const client = (validate: 'strict' | 'warn' | 'off') => new VirtFusion({ url: panel.origin, token: panel.token, middleware: [], transport: fetchTransport(), validate });
  const list = (vf: VirtFusion) => async () => vf.servers.list({ results: 200 });
  const result = await interleave({ off: list(client('off')), warn: list(client('warn')), strict: list(client('strict')) }, { rounds: quick ? 3 : 8, perRound: quick ? 10 : 30, warmup: 10 });
  const strict = result.ratio('strict', 'off');
  const warn = result.ratio('warn', 'off');
  return [
    { what: "servers.list() page of 200, validate 'strict' vs 'off'", measured: `${us(result.meanMs.strict!)} vs ${us(result.meanMs.off!)}`, ratio: strict, target: '≤ 1.25×', met: atMost(strict, 1.25) },
    { what: "servers.list() page of 200, validate 'warn' (default) vs 'off'", measured: `${us(result.meanMs.warn!)} vs ${us(result.meanMs.off!)}`, ratio: warn, target: '≤ 1.25×', met: atMost(warn, 1.25) },
  ];
}

export async function caching(panel: Panel, quick: boolean): Promise<Row[]> {
  const ttl = { 'GET /servers/{serverId}': 3_600_000, 'GET /servers': 3_600_000 };
  const missing = cache({ ttl });
  const held = cache({ ttl });
  const miss = new VirtFusion({ url: panel.origin, token: panel.token, middleware: [missing] });
  const hit = new VirtFusion({ url: panel.origin, token: panel.token, middleware: [held] });
  const rows: Row[] = [];
  const cases = [
    { what: 'one server (1.6 kB)', call: (vf: VirtFusion) => vf.servers.get(1), target: 50 },
    { what: 'a page of 200 servers', call: (vf: VirtFusion) => vf.servers.list({ results: 200 }).then((page) => page), target: 200 },
  ];
  for (const { what, call, target } of cases) {
    await call(hit);
    const page = what.startsWith('a page');
    const result = await interleave(
      {
        // A miss: the answer is fetched, parsed, validated and stored (the store is emptied first).
        miss: () => (missing.clear(), call(miss)),
        hit: () => call(hit),
      },
      { rounds: quick ? 3 : 8, perRound: page ? (quick ? 10 : 30) : quick ? 200 : 600, warmup: page ? 10 : 200 },
    );
    const faster = 1 / result.ratio('hit', 'miss');
    rows.push({ what: `cache hit vs miss, ${what}`, measured: `${us(result.meanMs.hit!)} vs ${us(result.meanMs.miss!)}`, ratio: faster, target: `≥ ${target}× faster`, met: atLeast(faster, target) });
  }
  return rows;
}
