// Walks every server of a large panel with `for await` and reports the heap's peak growth.
// Run by bench/paging.ts in a process of its own (node --expose-gc), as plain JavaScript on the
// built package, as users run it: a TypeScript loader in this process would count its own heap.
import { VirtFusion } from '../dist/index.js';

const [origin, token] = process.argv.slice(2);
const gc = globalThis.gc;
if (gc === undefined) throw new Error('run with --expose-gc');
const vf = new VirtFusion({ url: origin, token, middleware: [] });
await vf.connect(); // the transport and the answer checks in place before the baseline
await vf.servers.list({ results: 1 });
gc();
const baseline = process.memoryUsage();
let peakHeap = baseline.heapUsed;
let peakRss = baseline.rss;
let servers = 0;
for await (const server of vf.servers.list()) {
  servers += server.id > 0 ? 1 : 0;
  if (servers % 200 === 0) {
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed);
    peakRss = Math.max(peakRss, now.rss);
  }
}
process.stdout.write(JSON.stringify({ servers, heapGrowth: peakHeap - baseline.heapUsed, rssGrowth: peakRss - baseline.rss }));
