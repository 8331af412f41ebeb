// The emulator's journal and inspector under a long run: 100 000 real HTTP requests (GET of a
// server record, one in ten a 404), then the heap, the journal's counts and the time the
// inspector's JSON API takes to answer a page; then 300 large answers (pages of 200 servers,
// about 46 kB each, cut to 8 kB in the journal) and the heap, which the cap must keep small.
// Prints a table and writes bench/results/emulator-journal.json. The emulator is measured as users run it: dist/.
//   npm run bench:inspector     (builds dist/ first)
//   node --expose-gc --import tsx bench/emulator-journal.ts [--requests 100000] [--limit 5000]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

if (!existsSync(new URL('../dist/testing.js', import.meta.url))) {
  console.error('Cannot benchmark: dist/ is missing; run `npm run build` first (npm run bench:inspector does). No figures were printed.');
  process.exit(1);
}
const { startEmulator, createManualClock } = (await import(new URL('../dist/testing.js', import.meta.url).href)) as typeof import('../src/testing');
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('Run with node --expose-gc --import tsx bench/emulator-journal.ts');

const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const TOTAL = option('requests', 100_000);
const LIMIT = option('limit', 5000);
const CONCURRENCY = 8;
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1048576;
};

const emu = await startEmulator({ clock: createManualClock(), journal: { limit: LIMIT }, seed: { servers: 400 } });
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const get = (path: string, auth = true) =>
  new Promise<string>((resolve, reject) => {
    const call = request({ host: '127.0.0.1', port: emu.port, path, agent, headers: auth ? { authorization: `Bearer ${emu.token}` } : {} }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve(text));
    });
    call.on('error', reject);
    call.end();
  });

const before = heapMb();
const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < TOTAL) {
      const i = (next += 1);
      await get(i % 10 === 0 ? `/api/v1/servers/${900_000 + i}` : `/api/v1/servers/${(i % 6) + 1}`);
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
const after = heapMb();
const stats = emu.journalStats();

async function timed(path: string, rounds = 30): Promise<{ medianMs: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < rounds; i += 1) {
    const t = performance.now();
    bytes = Buffer.byteLength(await get(path, false));
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { medianMs: Math.round(times[Math.floor(rounds / 2)]! * 100) / 100, bytes };
}
const pages = {
  'journal, newest 50': await timed('/_emulator/api/journal?limit=50'),
  'journal, 4xx filter': await timed('/_emulator/api/journal?limit=50&status=4xx'),
  'journal, page 50 deep': await timed(`/_emulator/api/journal?limit=50&before=${stats.total - 2500}`),
  'one entry with bodies': await timed(`/_emulator/api/journal/${stats.total}`),
  'servers, first 50': await timed('/_emulator/api/servers?limit=50'),
  overview: await timed('/_emulator/api'),
};
emu.clearRequests();
const bigBefore = heapMb();
let bigBytes = 0;
for (let i = 0; i < 300; i += 1) bigBytes += Buffer.byteLength(await get('/api/v1/servers?results=200'));
const bigAfter = heapMb();
await emu.stop();
agent.destroy();

const result = {
  requests: TOTAL,
  journalLimit: LIMIT,
  seconds: Math.round(seconds * 10) / 10,
  requestsPerSecond: Math.round(TOTAL / seconds),
  heapBeforeMb: Math.round(before * 10) / 10,
  heapAfterMb: Math.round(after * 10) / 10,
  journal: stats,
  pages,
  largeAnswers: { requests: 300, answerKb: Math.round(bigBytes / 300 / 1024), heapBeforeMb: Math.round(bigBefore * 10) / 10, heapAfterMb: Math.round(bigAfter * 10) / 10 },
  node: process.version,
};
console.log(`${TOTAL} requests in ${result.seconds} s (${result.requestsPerSecond}/s), journal limit ${LIMIT}`);
console.log(`heap after gc: ${result.heapBeforeMb} MB before, ${result.heapAfterMb} MB after`);
console.log(`journal: total ${stats.total}, kept ${stats.kept}, dropped ${stats.dropped}, by status ${JSON.stringify(stats.byStatus)}`);
console.log('inspector API answer                median ms     bytes');
for (const [name, { medianMs, bytes }] of Object.entries(pages)) console.log(`${name.padEnd(34)}${String(medianMs).padStart(10)}${String(bytes).padStart(10)}`);
console.log(`300 answers of ${result.largeAnswers.answerKb} kB each: heap after gc ${result.largeAnswers.heapBeforeMb} MB before, ${result.largeAnswers.heapAfterMb} MB after`);
if (!process.argv.includes('--requests') && !process.argv.includes('--limit')) {
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/emulator-journal.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
}
