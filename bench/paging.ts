// Heap growth while paging through 100 000 servers (500 pages of 200), in a child process.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { atMost, type Row } from './report';

const child = fileURLToPath(new URL('./paging-child.ts', import.meta.url));

export async function paging(origin: string, token: string): Promise<Row[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', child, origin, token], { maxBuffer: 1 << 20 });
  const { servers, heapGrowth, rssGrowth } = JSON.parse(stdout) as { servers: number; heapGrowth: number; rssGrowth: number };
  const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
  return [{ what: `paging ${servers} servers with for await: heap peak growth`, measured: `${mb(heapGrowth)} heap (RSS +${mb(rssGrowth)})`, ratio: undefined, target: '≤ 25 MB', met: atMost(heapGrowth, 25_000_000) }];
}
