import { VirtFusion, cache } from '../src/index';
import { startPanelStub } from './panel-stub';
import { serverRecord } from './server-record';
const one = JSON.stringify({ data: serverRecord(1) });
const { origin, server } = await startPanelStub('tok-0123456789abcdef', () => one);
const vf = new VirtFusion({ url: origin, token: 'tok-0123456789abcdef', middleware: [cache({ ttl: { 'GET /servers/{serverId}': 1e9 } })] });
await vf.servers.get(1);
for (let r = 0; r < 3; r++) {
  const s = performance.now();
  for (let i = 0; i < 20000; i++) await vf.servers.get(1);
  console.log(((performance.now() - s) / 20000 * 1000).toFixed(1), 'µs per hit');
}
server.close();
