/** One line of the benchmark table: a measured ratio against its target. */
export interface Row {
  what: string;
  /** What was measured, in words and numbers (e.g. "38.1 kB" or "412 µs vs 398 µs"). */
  measured: string;
  ratio: number | undefined;
  /** e.g. "≤ 1.05×" */
  target: string;
  met: boolean | undefined;
}

export const atMost = (value: number, limit: number) => value <= limit;
export const atLeast = (value: number, limit: number) => value >= limit;
export const us = (ms: number) => `${Math.round(ms * 1000)} µs`;

export function printTable(rows: Row[], title: string): void {
  const width = Math.max(...rows.map((row) => row.what.length));
  const measuredWidth = Math.max(...rows.map((row) => row.measured.length));
  console.log(`\n${title}`);
  console.log(`${'what'.padEnd(width)}  ${'measured'.padEnd(measuredWidth)}  ${'ratio'.padStart(8)}  ${'target'.padEnd(9)}  met`);
  for (const row of rows) {
    const ratio = row.ratio === undefined ? '' : `${row.ratio.toFixed(row.ratio >= 100 ? 0 : 2)}×`;
    const met = row.met === undefined ? '' : row.met ? 'yes' : 'NO';
    console.log(`${row.what.padEnd(width)}  ${row.measured.padEnd(measuredWidth)}  ${ratio.padStart(8)}  ${row.target.padEnd(9)}  ${met}`);
  }
}
