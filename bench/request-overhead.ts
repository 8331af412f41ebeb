// Overhead of the SDK core against raw fetch + JSON.parse and bare ky, in one run, on a
// node:http server on loopback. Prints a table and writes bench/results/request-overhead.json.
//   node --import tsx bench/request-overhead.ts [--quick]
import { mkdirSync, writeFileSync } from 'node:fs';
import ky from 'ky';
import { VirtFusion } from '../src/index';
import { startPanelStub } from './panel-stub';
import { serverRecord } from './server-record';
import { mean, median, p99, time } from './timing';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 3 : 10;
const PER_ROUND = quick ? 200 : 1_000;
const WARMUP = quick ? 200 : 1_000;
const TOKEN = 'bench-token-0123456789abcdef';

const onePayload = JSON.stringify({ data: serverRecord(1) });
const pagePayload = JSON.stringify({
  current_page: 1,
  data: Array.from({ length: 200 }, (_, i) => serverRecord(i + 1)),
  last_page: 1,
  per_page: 200,
  total: 200,
});
const { origin, server } = await startPanelStub(TOKEN, (url) => (url.startsWith('/api/v1/servers?') ? pagePayload : onePayload));
const headers = { authorization: `Bearer ${TOKEN}`, accept: 'application/json' };
const vf = new VirtFusion({ url: origin, token: TOKEN, middleware: [] });
const bareKy = ky.create({ retry: 0, headers });

interface Scenario {
  title: string;
  bodyBytes: number;
  contenders: Record<string, () => Promise<unknown>>;
}
const oneUrl = `${origin}/api/v1/servers/1`;
const pageUrl = `${origin}/api/v1/servers?results=200&page=1`;
const scenarios: Scenario[] = [
  {
    title: 'GET /servers/{serverId} (one server)',
    bodyBytes: onePayload.length,
    contenders: {
      'raw fetch + JSON.parse': async () => JSON.parse(await (await fetch(oneUrl, { headers })).text()),
      'bare ky': () => bareKy.get(oneUrl).json(),
      'virtfusion-sdk core': () => vf.request('GET /servers/{serverId}', { path: { serverId: 1 } }),
    },
  },
  {
    title: 'GET /servers?results=200 (a full page)',
    bodyBytes: pagePayload.length,
    contenders: {
      'raw fetch + JSON.parse': async () => JSON.parse(await (await fetch(pageUrl, { headers })).text()),
      'bare ky': () => bareKy.get(pageUrl).json(),
      'virtfusion-sdk core': () => vf.request('GET /servers', { query: { results: 200, page: 1 } }),
    },
  },
];



const results = [];
for (const scenario of scenarios) {
  const rounds = scenario.bodyBytes > 100_000 ? Math.max(1, Math.floor(ROUNDS / 2)) : ROUNDS;
  const perRound = scenario.bodyBytes > 100_000 ? Math.max(20, Math.floor(PER_ROUND / 10)) : PER_ROUND;
  for (const fn of Object.values(scenario.contenders)) await time(fn, scenario.bodyBytes > 100_000 ? 20 : WARMUP);
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(scenario.contenders).map((name) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    // Interleave contenders so drift in the machine's load falls on all of them alike.
    for (const [name, fn] of Object.entries(scenario.contenders)) samples[name]!.push(...(await time(fn, perRound)));
  }
  const baseline = mean(samples['raw fetch + JSON.parse']!);
  const rows = Object.entries(samples).map(([name, values]) => ({
    name,
    requests: values.length,
    meanUs: Math.round(mean(values) * 1000),
    medianUs: Math.round(median(values) * 1000),
    p99Us: Math.round(p99(values) * 1000),
    ratioToRawFetch: Number((mean(values) / baseline).toFixed(3)),
  }));
  results.push({ scenario: scenario.title, bodyBytes: scenario.bodyBytes, rows });

  console.log(`\n${scenario.title} on loopback, ${scenario.bodyBytes} byte body, ${rounds}×${perRound} requests each, Node ${process.version}`);
  console.log(`${'contender'.padEnd(24)} ${'mean µs'.padStart(8)} ${'median µs'.padStart(10)} ${'p99 µs'.padStart(8)} ${'× raw fetch'.padStart(12)}`);
  for (const row of rows) {
    console.log(`${row.name.padEnd(24)} ${String(row.meanUs).padStart(8)} ${String(row.medianUs).padStart(10)} ${String(row.p99Us).padStart(8)} ${row.ratioToRawFetch.toFixed(3).padStart(12)}`);
  }
  const sdk = rows.find((row) => row.name === 'virtfusion-sdk core')!;
  const ky_ = rows.find((row) => row.name === 'bare ky')!;
  console.log(`SDK core: ${sdk.ratioToRawFetch.toFixed(3)}× raw fetch (target 1.10×: ${sdk.ratioToRawFetch <= 1.1 ? 'met' : 'not met'}), ${(sdk.meanUs / ky_.meanUs).toFixed(3)}× bare ky`);
}
server.close();

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/request-overhead.json', import.meta.url),
  JSON.stringify({ date: new Date().toISOString(), node: process.version, quick, results }, null, 2),
);
