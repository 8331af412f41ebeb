// Walks every server of a large panel with `for await` and reports the heap's peak growth.
// Run by bench/paging.ts in a process of its own (node --expose-gc) so that nothing else counts.
import { VirtFusion } from '../dist/index.js';

const [origin, token] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');
const vf = new VirtFusion({ url: origin!, token: token!, middleware: [] });
await vf.connect(); // the transport and the schemas in place before the baseline
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
