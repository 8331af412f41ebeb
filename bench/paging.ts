// Heap growth while paging through 100 000 servers (500 pages of 200), each walk in a child
// process of its own; three walks, the median reported (the peak depends on when V8 collects).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { atMost, type Row } from './report';

const child = fileURLToPath(new URL('./paging-child.mjs', import.meta.url));
const WALKS = 3;

interface Walk {
  servers: number;
  heapGrowth: number;
  rssGrowth: number;
}

export async function paging(origin: string, token: string): Promise<Row[]> {
  const walks: Walk[] = [];
  for (let i = 0; i < WALKS; i += 1) {
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', child, origin, token], { maxBuffer: 1 << 20 });
    walks.push(JSON.parse(stdout) as Walk);
  }
  walks.sort((a, b) => a.heapGrowth - b.heapGrowth);
  const { servers, heapGrowth, rssGrowth } = walks[Math.floor(WALKS / 2)]!;
  const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
  return [
    {
      what: `paging ${servers} servers with for await: heap peak growth (median of ${WALKS} walks)`,
      measured: `${mb(heapGrowth)} heap (RSS +${mb(rssGrowth)}; walks ${walks.map((walk) => mb(walk.heapGrowth)).join(', ')})`,
      ratio: undefined,
      target: '≤ 25 MB',
      met: atMost(heapGrowth, 25_000_000),
    },
  ];
}
