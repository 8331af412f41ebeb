import type { Writable } from 'node:stream';
import { masked } from './redaction';
import { renderFields, renderTable, type Column } from './table';

/** How results are printed: a table for people, JSON or NDJSON for scripts, or ids only. */
export type OutputFormat = 'table' | 'json' | 'ndjson' | 'quiet';

export interface OutputFlags {
  json?: boolean | undefined;
  ndjson?: boolean | undefined;
  quiet?: boolean | undefined;
}

export function outputFormat(flags: OutputFlags): OutputFormat {
  if (flags.ndjson) return 'ndjson';
  if (flags.json) return 'json';
  if (flags.quiet) return 'quiet';
  return 'table';
}

function idOf(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? (value as { id?: unknown }).id : undefined;
}

/**
 * Writes results to standard output in the chosen format, waiting for the stream to drain so a
 * long NDJSON list never piles up in memory.
 */
export class Output {
  readonly format: OutputFormat;
  readonly #stream: Writable;

  constructor(format: OutputFormat, stream: Writable = process.stdout) {
    this.format = format;
    this.#stream = stream;
  }

  /** Text as is, but for the API token, which is masked wherever it appears. */
  async write(text: string): Promise<void> {
    if (this.#stream.write(masked(text))) return;
    await new Promise<void>((resolve) => this.#stream.once('drain', resolve));
  }

  /** A JSON document: indented for a person, one line for NDJSON. */
  async json(value: unknown): Promise<void> {
    await this.write(this.format === 'ndjson' ? `${JSON.stringify(value)}\n` : `${JSON.stringify(value, null, 2)}\n`);
  }

  /** One record: its fields as a two-column table, the whole record as JSON, or its id. */
  async record(value: unknown, fields: () => [string, unknown][]): Promise<void> {
    if (this.format === 'json' || this.format === 'ndjson') return this.json(value);
    if (this.format === 'quiet') {
      const id = idOf(value);
      return id === undefined ? undefined : this.write(`${String(id)}\n`);
    }
    return this.write(renderFields(fields()));
  }

  /**
   * A list, consumed as it arrives: NDJSON prints each row at once; JSON prints one array at the
   * end; a table waits for every row to size its columns; quiet prints ids.
   */
  async list<T>(rows: AsyncIterable<T> | Iterable<T>, columns: readonly Column<T>[], options: { limit?: number | undefined } = {}): Promise<number> {
    const all: T[] = [];
    let count = 0;
    for await (const row of rows) {
      if (options.limit !== undefined && count >= options.limit) break;
      count += 1;
      if (this.format === 'ndjson') await this.write(`${JSON.stringify(row)}\n`);
      else if (this.format === 'quiet') await this.write(`${String(idOf(row) ?? '')}\n`);
      else all.push(row);
      if (options.limit !== undefined && count >= options.limit) break;
    }
    if (this.format === 'json') await this.write(`${JSON.stringify(all, null, 2)}\n`);
    if (this.format === 'table') await this.write(all.length === 0 ? '(none)\n' : renderTable(all, columns));
    return count;
  }

  /** A message for people (a table-mode confirmation); silent in JSON, NDJSON and quiet modes. */
  async note(text: string): Promise<void> {
    if (this.format === 'table') await this.write(`${text}\n`);
  }
}
