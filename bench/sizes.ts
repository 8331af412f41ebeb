// The bundle-size budgets of size-budgets.json, measured as CI checks them.
import { readFileSync } from 'node:fs';
// @ts-expect-error: a plain .mjs script without types
import { measure } from '../scripts/check-size.mjs';
import { atMost, type Row } from './report';

interface Budget {
  name: string;
  app: string;
  limitBytes: number;
  todayBytes?: number;
}

export async function sizes(): Promise<Row[]> {
  const budgets = JSON.parse(readFileSync(new URL('../size-budgets.json', import.meta.url), 'utf8')) as Budget[];
  const rows: Row[] = [];
  for (const budget of budgets) {
    const { entryBytes, lazyBytes } = (await measure(budget.app)) as { entryBytes: number; lazyBytes: number };
    rows.push({
      what: `${budget.name} (esbuild, minified, gzip)`,
      measured: `${(entryBytes / 1000).toFixed(1)} kB${lazyBytes > 0 ? ` (+${(lazyBytes / 1000).toFixed(1)} kB loaded on first request)` : ''}`,
      ratio: undefined,
      target: `≤ ${budget.limitBytes / 1000} kB`,
      met: atMost(entryBytes, budget.limitBytes),
    });
  }
  return rows;
}
