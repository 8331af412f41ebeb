// Every performance target of the SDK, measured in one run against its peers (raw fetch, undici,
// axios, ky, openapi-fetch) on a loopback panel stand-in, printed as one table; the figures go to
// bench/results/bench.json and the limiter figure to bench/results/requests-over-time.txt.
// The SDK is measured as users run it: the built package in dist/ (npm run build first).
//   npm run bench            (builds dist/ first: sizes and cold starts are measured on it)
//   node --import tsx bench/run.ts [--quick]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { requirePeers } from './peers';

await requirePeers();
if (!existsSync(new URL('../dist/index.js', import.meta.url))) {
  console.error('Cannot benchmark: dist/ is missing; run `npm run build` first (npm run bench does). No figures were printed.');
  process.exit(1);
}

const { startPanelStub } = await import('./panel-stub');
const { pageOfServers } = await import('./server-record');
const { serverRecord } = await import('./server-record');
const { overhead, throughput } = await import('./overhead');
const { validation, caching } = await import('./validation-and-cache');
const { coldStart } = await import('./cold-start');
const { sizes } = await import('./sizes');
const { paging } = await import('./paging');
const { tracingCost } = await import('./otel-cost');
const { firstRequests, saturation, requestsOverTime } = await import('./limiter');
const { printTable } = await import('./report');

const quick = process.argv.includes('--quick');
const TOKEN = 'bench-token-0123456789abcdef';
const TOTAL_SERVERS = 100_000;

const one = JSON.stringify({ data: serverRecord(1) });
let arrivals: number[] = [];
const { origin, server } = await startPanelStub(
  TOKEN,
  (url) => {
    if (url.startsWith('/api/v1/servers?')) {
      const query = new URLSearchParams(url.slice(url.indexOf('?') + 1));
      return pageOfServers(Number(query.get('page') ?? 1), Number(query.get('results') ?? 15), TOTAL_SERVERS);
    }
    if (url.startsWith('/api/v1/connect')) return '[]';
    return one;
  },
  () => arrivals.push(performance.now()),
);
const panel = { origin, token: TOKEN };
const limiterPanel = { ...panel, arrivals: () => arrivals, reset: () => (arrivals = []) };

const rows = [];
const section = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
  process.stderr.write(`measuring: ${name}…\n`);
  return run();
};
rows.push(...(await section('bundle sizes', () => sizes())));
rows.push(...(await section('cold starts', () => coldStart(quick))));
rows.push(...(await section('validation', () => validation(panel, quick))));
rows.push(...(await section('cache', () => caching(panel, quick))));
rows.push(...(await section('per-request overhead', () => overhead(panel, quick))));
rows.push(...(await section('throughput', () => throughput(panel, quick))));
rows.push(...(await section('OpenTelemetry', () => tracingCost(panel, quick))));
rows.push(...(await section('paging 100 000 servers', () => paging(origin, TOKEN))));
rows.push(...(await section('first requests', () => firstRequests(limiterPanel))));
rows.push(...(await section('limiter saturation', () => saturation(limiterPanel, quick))));
const figure = await section('requests over time', () => requestsOverTime(limiterPanel));

server.closeAllConnections();
server.close();

printTable(rows, `virtfusion-sdk benchmarks, Node ${process.version}, ${quick ? 'quick run' : 'full run'}; ratios are medians of per-round ratios`);
console.log(`\n${figure}`);
const missed = rows.filter((row) => row.met === false);
console.log(`\n${rows.filter((row) => row.met === true).length} targets met, ${missed.length} not met${missed.length ? `: ${missed.map((row) => row.what).join('; ')}` : ''}.`);

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/bench.json', import.meta.url), JSON.stringify({ date: new Date().toISOString(), node: process.version, quick, rows }, null, 2));
writeFileSync(new URL('./results/requests-over-time.txt', import.meta.url), `${figure}\n`);
