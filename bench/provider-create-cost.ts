// What one createInstance costs in requests, and what the name lookup reads, when the owner
// already has 10 or 100 000 servers. Runs against the emulator; prints a table and writes
// bench/results/provider-create-cost.json.
//   node --import tsx bench/provider-create-cost.ts [--quick]
import { mkdirSync, writeFileSync } from 'node:fs';
import { VirtFusion } from '../src/index';
import { createVirtFusionProvider } from '../src/provider';
import { startEmulator } from '../src/testing';

const sizes = process.argv.includes('--quick') ? [10, 10_000] : [10, 100_000];
const rows: Record<string, unknown>[] = [];

for (const servers of sizes) {
  // One user (extRelationId 1001) owns every seeded server.
  const emu = await startEmulator({ seed: { servers, users: 1 }, buildDuration: 20, taskDuration: 10 });
  let listBytes = 0;
  const counting: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (new URL(typeof input === 'string' || input instanceof URL ? input : input.url).pathname.includes('/servers/user/')) {
      const body = await response.clone().arrayBuffer();
      listBytes += body.byteLength;
    }
    return response;
  };
  const client = new VirtFusion({ url: emu.url, token: emu.token, middleware: [], fetch: counting, timeout: 600_000 });
  const provider = createVirtFusionProvider({ client, wait: { interval: 10 } });
  // The seeded address blocks run out long before 100 000 servers: bench servers take no IPv4.
  const input = { planId: '1', imageId: '46', regionId: '2', owner: '1001', providerOptions: { ipv4: 0 } };
  const owned = (await client.servers.listByUser((await provider.resolveOwner('1001')) as never)).length;
  emu.clearRequests();
  listBytes = 0;

  const measure = async (name: string) => {
    emu.clearRequests();
    const started = performance.now();
    await provider.createInstance({ ...input, name });
    const ms = performance.now() - started;
    const routes = emu.requests().map((r) => (r.route === 'POST /servers' && r.query.dryRun ? 'POST /servers?dryRun' : r.route ?? r.path));
    const polls = routes.filter((r) => r === 'GET /servers/{serverId}').length;
    return { requests: routes.length - polls, polls, ms: Math.round(ms), routes: [...new Set(routes)].filter((r) => r !== 'GET /servers/{serverId}') };
  };
  const cold = await measure('bench-cold');
  const coldListBytes = listBytes;
  const warm = await measure('bench-warm');
  const repeat = await measure('bench-warm');
  rows.push({ ownerServers: owned, coldRequests: cold.requests, coldRoutes: cold.routes.join(', '), listBytes: coldListBytes, coldMs: cold.ms, warmRequests: warm.requests, warmRoutes: warm.routes.join(', '), repeatRequests: repeat.requests });
  await emu.stop();
}

console.table(rows.map(({ coldRoutes: _c, warmRoutes: _w, ...row }) => row));
for (const row of rows) console.log(`${row.ownerServers} servers: cold = ${row.coldRoutes}; warm = ${row.warmRoutes}`);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/provider-create-cost.json', import.meta.url), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`);
