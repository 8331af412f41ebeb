import { OPERATIONS, type Route } from '../../generated/operations';
import { readJsonArgument } from '../body';
import { parseDuration } from '../durations';
import { renderTable } from '../table';
import { resolveCall } from '../route-args';
import { openSession, outputFor, type GlobalFlags } from '../session';

export interface CallFlags extends GlobalFlags {
  path?: string[] | undefined;
  query?: string[] | undefined;
  body?: string | undefined;
}

/** `virtfusion call "METHOD /path" key=value… [--query k=v] [--body JSON|@file|-]`: any route. */
export async function call(words: string[], flags: CallFlags): Promise<void> {
  // Everything the command line says is checked before the client exists, so nothing is sent on a mistake.
  const target = resolveCall(words, OPERATIONS, { path: flags.path, query: flags.query });
  const body = flags.body === undefined ? undefined : await readJsonArgument(flags.body);
  const session = await openSession({ ...flags, timeout: undefined });
  const timeout = flags.timeout === undefined ? undefined : parseDuration(flags.timeout, '--timeout');
  try {
    const answer = await session.vf.request(target.route as Route, {
      path: target.path,
      query: target.query,
      ...(body === undefined ? {} : { body }),
      ...(timeout === undefined ? {} : { timeout }),
      signal: session.signal,
    } as never);
    if (answer === undefined || session.out.format === 'quiet') return;
    const data = (answer as { data?: unknown } | null)?.data;
    if (session.out.format === 'ndjson' && Array.isArray(data)) {
      await session.out.list(data, []);
      return;
    }
    await session.out.json(answer);
  } finally {
    await session.vf.close();
  }
}

/** `virtfusion routes [filter]`: every operation, or those whose route or id contains the filter. */
export async function routes(filterWords: string[], flags: GlobalFlags): Promise<void> {
  const out = outputFor(flags);
  const filter = filterWords.join(' ').toLowerCase();
  const rows = Object.entries(OPERATIONS)
    .filter(([route, info]) => filter === '' || route.toLowerCase().includes(filter) || info.operationId.toLowerCase().includes(filter))
    .map(([route, info]) => ({
      route,
      operationId: info.operationId,
      pathParams: Object.keys(info.pathParams),
      queryParams: Object.keys(info.queryParams),
      body: info.body,
      paged: info.paged,
      ...(info.since ? { since: info.since } : {}),
    }));
  if (out.format === 'table') {
    await out.write(rows.length === 0 ? `no route contains ${JSON.stringify(filter)}\n` : renderTable(rows, [
      { header: 'ROUTE', cell: (r) => r.route },
      { header: 'OPERATION', cell: (r) => r.operationId },
      { header: 'SINCE', cell: (r) => r.since },
    ]));
    return;
  }
  if (out.format === 'quiet') {
    for (const row of rows) await out.write(`${row.route}\n`);
    return;
  }
  await out.list(rows, []);
}
