// Per-request cost of the SDK core against the peers, small record, one call at a time; and
// throughput with many calls in flight.
import { Agent as HttpAgent } from 'node:http';
import axios from 'axios';
import ky from 'ky';
import createClient from 'openapi-fetch';
import { Agent, request as undiciRequest } from 'undici';
import { VirtFusion, fetchTransport } from '../dist/index.js';
import type { paths } from '../src/generated/openapi';
import { atLeast, atMost, us, type Row } from './report';
import { interleave, orderOf } from './timing';

export interface Panel {
  origin: string;
  token: string;
}

function contenders(panel: Panel) {
  const headers = { authorization: `Bearer ${panel.token}`, accept: 'application/json' };
  const url = `${panel.origin}/api/v1/servers/1`;
  const bareKy = ky.create({ retry: 0, headers });
  const dispatcher = new Agent({ keepAliveTimeout: 60_000 });
  const viaAxios = axios.create({ headers, httpAgent: new HttpAgent({ keepAlive: true }) });
  const viaOpenapiFetch = createClient<paths>({ baseUrl: `${panel.origin}/api/v1`, headers });
  const sdkKy = new VirtFusion({ url: panel.origin, token: panel.token, middleware: [] });
  const sdkFetch = new VirtFusion({ url: panel.origin, token: panel.token, middleware: [], transport: fetchTransport() });
  const sdkFetchUntimed = new VirtFusion({ url: panel.origin, token: panel.token, middleware: [], transport: fetchTransport(), timeout: false });
  const get = (vf: VirtFusion) => () => vf.request('GET /servers/{serverId}', { path: { serverId: 1 } });
  return {
    'raw fetch + JSON.parse': async () => JSON.parse(await (await fetch(url, { headers })).text()),
    // What a timeout costs fetch itself: an AbortSignal, as every call of a client with a timeout has.
    'raw fetch + JSON.parse, with a 30 s timeout signal': async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 30_000);
      try {
        return JSON.parse(await (await fetch(url, { headers, signal: controller.signal })).text());
      } finally {
        clearTimeout(timer);
      }
    },
    'undici.request': async () => JSON.parse(await (await undiciRequest(url, { headers, dispatcher })).body.text()),
    axios: async () => (await viaAxios.get(url)).data,
    ky: () => bareKy.get(url).json(),
    'openapi-fetch': async () => (await viaOpenapiFetch.GET('/servers/{serverId}', { params: { path: { serverId: 1 } } })).data,
    'SDK core, kyTransport': get(sdkKy),
    'SDK core, fetchTransport': get(sdkFetch),
    'SDK core, fetchTransport, timeout: false': get(sdkFetchUntimed),
  };
}

export async function overhead(panel: Panel, quick: boolean): Promise<Row[]> {
  const runs = contenders(panel);
  const result = await interleave(runs, { rounds: quick ? 6 : 30, perRound: quick ? 200 : 500, warmup: quick ? 200 : 1_000 });
  const rows: Row[] = Object.keys(runs).map((name) => ({
    what: `GET one server (1.6 kB), one at a time: ${name}`,
    measured: us(result.meanMs[name]!),
    ratio: result.ratio(name, 'raw fetch + JSON.parse'),
    target: '',
    met: undefined,
  }));
  const overKy = result.ratio('SDK core, kyTransport', 'ky');
  const overFetch = result.ratio('SDK core, fetchTransport', 'raw fetch + JSON.parse');
  rows.push(
    { what: 'SDK core (kyTransport) over a bare ky call', measured: `${us(result.meanMs['SDK core, kyTransport']!)} vs ${us(result.meanMs.ky!)}`, ratio: overKy, target: '≤ 1.05×', met: atMost(overKy, 1.05) },
    {
      what: 'SDK core (fetchTransport) over raw fetch + JSON.parse',
      measured: `${us(result.meanMs['SDK core, fetchTransport']!)} vs ${us(result.meanMs['raw fetch + JSON.parse']!)}`,
      ratio: overFetch,
      target: '≤ 1.10×',
      met: atMost(overFetch, 1.1),
    },
    {
      what: 'SDK core (fetchTransport) over raw fetch with the same timeout signal',
      measured: `${us(result.meanMs['SDK core, fetchTransport']!)} vs ${us(result.meanMs['raw fetch + JSON.parse, with a 30 s timeout signal']!)}`,
      ratio: result.ratio('SDK core, fetchTransport', 'raw fetch + JSON.parse, with a 30 s timeout signal'),
      target: '',
      met: undefined,
    },
  );
  return rows;
}

/** Requests per second of `fn`, `total` calls with `inFlight` at once. */
async function throughputOf(fn: () => Promise<unknown>, total: number, inFlight: number): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < total) {
        next += 1;
        await fn();
      }
    }),
  );
  return total / ((performance.now() - start) / 1_000);
}

export async function throughput(panel: Panel, quick: boolean): Promise<Row[]> {
  const runs = contenders(panel);
  const total = 2_000;
  const rounds = quick ? 2 : 10;
  const perRound: Record<string, number[]> = Object.fromEntries(Object.keys(runs).map((name) => [name, []]));
  for (const fn of Object.values(runs)) await throughputOf(fn, 500, 32);
  for (let round = 0; round < rounds; round += 1) {
    for (const name of orderOf(Object.keys(runs), round)) {
      perRound[name]!.push(await throughputOf(runs[name as keyof typeof runs], total, 32));
    }
  }
  const ratioToFetch = (name: string) => {
    const ratios = perRound[name]!.map((rate, i) => rate / perRound['raw fetch + JSON.parse']![i]!).sort((a, b) => a - b);
    return ratios[Math.floor(ratios.length / 2)]!;
  };
  const rate = (name: string) => `${Math.round(perRound[name]!.reduce((a, b) => a + b, 0) / rounds)} req/s`;
  const rows: Row[] = Object.keys(runs).map((name) => ({ what: `throughput, 2000 requests 32 in flight: ${name}`, measured: rate(name), ratio: ratioToFetch(name), target: '', met: undefined }));
  const sdk = ratioToFetch('SDK core, fetchTransport');
  rows.push({ what: 'throughput of the SDK (fetchTransport) vs raw fetch', measured: `${rate('SDK core, fetchTransport')} vs ${rate('raw fetch + JSON.parse')}`, ratio: sdk, target: '≥ 0.90×', met: atLeast(sdk, 0.9) });
  return rows;
}
