// Memory and time of reconcile() at 100 000 panel servers and 100 000 local records, against a
// loopback panel that serves full server records 200 a page (and 404 for ids it does not have).
// Prints a table and writes bench/results/fleet-reconcile.json (not for a run with --servers).
// The SDK is measured as users run it: the built package in dist/.
//   npm run bench:fleet      (builds dist/ first)
//   node --expose-gc --import tsx bench/fleet-reconcile.ts [--servers 100000]
import { once } from 'node:events';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalServerRecord, ReconcileSummary } from '../src/fleet';
import { serverRecord } from './server-record';

if (!existsSync(new URL('../dist/fleet.js', import.meta.url))) {
  console.error('Cannot benchmark: dist/ is missing; run `npm run build` first (npm run bench:fleet does). No figures were printed.');
  process.exit(1);
}
const { VirtFusion } = (await import(new URL('../dist/index.js', import.meta.url).href)) as typeof import('../src/index');
const { reconcile } = (await import(new URL('../dist/fleet.js', import.meta.url).href)) as typeof import('../src/fleet');

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('Run with node --expose-gc --import tsx bench/fleet-reconcile.ts');
const arg = process.argv.indexOf('--servers');
const TOTAL = arg > 0 ? Number(process.argv[arg + 1]) : 100_000;
const DRIFT = Math.max(1, Math.floor(TOTAL / 1000));
const TOKEN = 'bench-token-0123456789abcdef';
const uuid = (id: number) => `0f8a4c1e-1b7d-4f33-9e2a-${String(id).padStart(12, '0')}`;

// ---------------------------------------------------------------------------------------------
// The panel: records made on demand, so that it holds nothing itself.
const panel = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://panel');
  const one = /^\/api\/v1\/servers\/(\d+)$/.exec(url.pathname);
  let body: string;
  if (one) {
    const id = Number(one[1]);
    if (id > TOTAL) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"msg":"server not found"}');
      return;
    }
    body = JSON.stringify({ data: serverRecord(id) });
  } else {
    const perPage = Number(url.searchParams.get('results') ?? 20);
    const page = Number(url.searchParams.get('page') ?? 1);
    const first = (page - 1) * perPage + 1;
    const data = [];
    for (let id = first; id < first + perPage && id <= TOTAL; id += 1) data.push(serverRecord(id));
    const last = Math.ceil(TOTAL / perPage);
    body = JSON.stringify({ current_page: page, data, last_page: last, per_page: perPage, total: TOTAL, from: first, to: first + data.length - 1, path: '', links: [], first_page_url: '', last_page_url: '', next_page_url: null, prev_page_url: null });
  }
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
});
panel.keepAliveTimeout = 60_000;
panel.listen(0, '127.0.0.1');
await once(panel, 'listening');
const origin = `http://127.0.0.1:${(panel.address() as AddressInfo).port}`;

// ---------------------------------------------------------------------------------------------
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

// One request first: the SDK loads its HTTP layer and answer checks on first use, which is not
// what reconcile holds.
const client = new VirtFusion({ url: origin, token: TOKEN, middleware: [], validate: 'off' });
await client.servers.list({ type: 'full', results: 1 });
const before = heap();
// Your records: all but the last DRIFT panel servers, plus DRIFT that the panel no longer has.
const local: LocalServerRecord[] = [];
for (let id = 1; id <= TOTAL - DRIFT; id += 1) local.push({ serverId: id, uuid: uuid(id), hostname: `bench-${id}.example.net`, state: 'complete' });
for (let id = TOTAL + 1; id <= TOTAL + DRIFT; id += 1) local.push({ serverId: id, uuid: uuid(id), hostname: `gone-${id}.example.net` });
const withRecords = heap();

let peak = withRecords;
let pages = 0;
const started = performance.now();
let summary: ReconcileSummary | undefined;
const counts: Record<string, number> = {};
for await (const entry of reconcile({
  client,
  local,
  onProgress: (p) => {
    if (p.stage === 'listing' && p.pagesRead !== pages) {
      pages = p.pagesRead;
      if (pages % 25 === 0) peak = Math.max(peak, heap());
    }
  },
})) {
  counts[entry.kind] = (counts[entry.kind] ?? 0) + 1;
  if (entry.kind === 'summary') summary = entry;
}
const seconds = (performance.now() - started) / 1000;
peak = Math.max(peak, heap());
panel.close();

const result = {
  panelServers: TOTAL,
  localRecords: local.length,
  seconds: Number(seconds.toFixed(2)),
  localRecordsMb: Number(mb(withRecords - before)),
  /** What reconcile itself held at its largest, beyond your records (sampled after a full GC every 25 pages). */
  reconcileGrowthMb: Number(mb(peak - withRecords)),
  /** The records and reconcile together. */
  totalGrowthMb: Number(mb(peak - before)),
  summary,
  node: process.version,
};
console.log(`reconcile: ${TOTAL.toLocaleString('en')} panel servers, ${local.length.toLocaleString('en')} local records, ${DRIFT} external, ${DRIFT} missing`);
console.table({
  'duration (s)': result.seconds,
  'your records (MB)': result.localRecordsMb,
  'reconcile growth beyond them (MB)': result.reconcileGrowthMb,
  'total growth (MB)': result.totalGrowthMb,
  'pages read': summary?.pagesRead,
  'confirmations (GET /servers/{id})': summary?.confirmations,
});
if (summary?.external !== DRIFT || summary.missing !== DRIFT || summary.matched !== TOTAL - DRIFT) throw new Error(`unexpected summary ${JSON.stringify(summary)}`);
if (arg < 0) {
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/fleet-reconcile.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
}
