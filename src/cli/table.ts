/** One column of a table: its header and how to read a cell from a row. */
export interface Column<T> {
  header: string;
  cell: (row: T) => unknown;
}

const MAX_CELL = 80;

/** A cell as text: absent values as `-`, lists joined, long text cut with an ellipsis. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null || value === '') return '-';
  const text = Array.isArray(value) ? value.map((v) => cellText(v)).join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const line = text.replace(/\s+/g, ' ');
  return line.length > MAX_CELL ? `${line.slice(0, MAX_CELL - 1)}…` : line;
}

/** Rows under a header, columns padded to their widest cell. */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) => columns.map((column) => cellText(column.cell(row))));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((line) => line[i]!.length)));
  const format = (line: readonly string[]) => line.map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return `${[format(columns.map((c) => c.header)), ...cells.map(format)].join('\n')}\n`;
}

/** Field/value pairs of one record, one per line. */
export function renderFields(fields: readonly [string, unknown][]): string {
  const width = Math.max(...fields.map(([name]) => name.length));
  return `${fields.map(([name, value]) => `${name.padEnd(width)}  ${cellText(value)}`).join('\n')}\n`;
}
