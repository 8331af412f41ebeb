// What the SDK core costs a call with no network at all: a stand-in global fetch answers at once,
// so the figures are the SDK's own work (checks, context, transport, parse), without the noise of
// a socket. Not a target of the issue; a steadier view of the same code as the per-request rows.
//   node --import tsx bench/core-cost.ts [path to the SDK entry, default dist/index.js]
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { serverRecord } from './server-record';
import { interleave } from './timing';

const entry = process.argv[2] ?? new URL('../dist/index.js', import.meta.url).pathname;
if (!existsSync(entry)) {
  console.error(`Cannot measure: ${entry} is missing; run \`npm run build\` first. No figures were printed.`);
  process.exit(1);
}
const { VirtFusion, fetchTransport } = (await import(pathToFileURL(entry).href)) as typeof import('../dist/index.js');

const body = JSON.stringify({ data: serverRecord(1) });
globalThis.fetch = (async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } })) as typeof fetch;
const url = 'http://127.0.0.1:9/api/v1/servers/1';
const headers = { authorization: 'Bearer bench-token-0123456789abcdef', accept: 'application/json' };
const vf = new VirtFusion({ url: 'http://127.0.0.1:9', token: 'bench-token-0123456789abcdef', middleware: [], transport: fetchTransport() });

const result = await interleave(
  {
    'fetch + JSON.parse': async () => JSON.parse(await (await fetch(url, { headers })).text()),
    'SDK core, fetchTransport': () => vf.request('GET /servers/{serverId}', { path: { serverId: 1 } }),
  },
  { rounds: 30, perRound: 2_000, warmup: 5_000 },
);
const base = result.meanMs['fetch + JSON.parse']! * 1000;
const sdk = result.meanMs['SDK core, fetchTransport']! * 1000;
console.log(`GET one server with a stand-in fetch, Node ${process.version}, ${entry}`);
console.log(`fetch + JSON.parse        ${base.toFixed(2)} µs`);
console.log(`SDK core, fetchTransport  ${sdk.toFixed(2)} µs  (+${(sdk - base).toFixed(2)} µs a call; ratio ${result.ratio('SDK core, fetchTransport', 'fetch + JSON.parse').toFixed(2)}×)`);
