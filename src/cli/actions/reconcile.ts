import type { ReconcileEntry, ReconcileSummary } from '../../fleet/reconcile-entries';
import type { LocalServerRecord } from '../../fleet/local-records';
import { parseJson, readFileArgument } from '../body';
import { UsageError } from '../errors';
import type { GlobalFlags } from '../session';
import { cellText, renderTable } from '../table';
import { withSession } from './servers';

export interface ReconcileFlags extends GlobalFlags {
  local?: string;
  ownerBy?: string;
  all?: boolean;
}

/** A JSON array of records (or `{ "records": [...] }`), or NDJSON: one record a line. */
async function readRecords(source: string): Promise<LocalServerRecord[]> {
  const { text, where } = await readFileArgument(source, '--local');
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    const lines = text.split('\n').map((line, i) => ({ line: line.trim(), i })).filter(({ line }) => line !== '');
    if (lines.length === 0) throw new UsageError(`${where} is empty; give a JSON array of records or NDJSON`);
    return lines.map(({ line, i }) => parseJson(line, `${where}, line ${i + 1},`) as LocalServerRecord);
  }
  if (Array.isArray(whole)) return whole as LocalServerRecord[];
  const records = (whole as { records?: unknown } | null)?.records;
  if (Array.isArray(records)) return records as LocalServerRecord[];
  throw new UsageError(`${where} must hold a JSON array of records, an object with "records", or NDJSON (one record a line)`);
}

function detail(entry: ReconcileEntry): string {
  switch (entry.kind) {
    case 'changed':
      return entry.changes.map((c) => `${c.field}: ${cellText(c.local)} -> ${cellText(c.panel)}`).join('; ');
    case 'external':
      return `${entry.server.name} (owner ${entry.server.ownerRef ?? entry.server.ownerId}) is not in your records`;
    case 'missing':
      return entry.reason === 'id-reused' ? 'the id now belongs to another server' : 'gone from the panel';
    case 'matched':
      return 'as recorded';
    default:
      return '';
  }
}

function serverOf(entry: Exclude<ReconcileEntry, ReconcileSummary>): unknown {
  if (entry.kind === 'missing') return entry.local.serverId ?? entry.local.uuid;
  return entry.server.id;
}

/** `reconcile --local records.json|-`: what differs between your records and the panel. */
export async function reconcile(flags: ReconcileFlags): Promise<void> {
  if (flags.local === undefined) throw new UsageError('reconcile needs --local records.json (or - for standard input)');
  if (flags.ownerBy !== undefined && flags.ownerBy !== 'extRelationId' && flags.ownerBy !== 'relStr') throw new UsageError('--owner-by is extRelationId or relStr');
  const local = await readRecords(flags.local);
  const { reconcile: run } = await import('../../fleet/reconcile');
  await withSession(flags, async (session) => {
    const { out } = session;
    const drift: Exclude<ReconcileEntry, ReconcileSummary>[] = [];
    let summary: ReconcileSummary | undefined;
    await session.withProgress('reading your records', async (progress) => {
      for await (const entry of run({
        client: session.vf,
        local,
        signal: session.signal,
        ...(flags.ownerBy ? { owner: flags.ownerBy as 'extRelationId' | 'relStr' } : {}),
        onProgress: (p) => progress.update(p.stage === 'confirming' ? `confirming missing servers: ${p.candidatesChecked} of ${p.candidates}` : `reading pages: ${p.pagesRead} of ${p.lastPage ?? '?'}`),
      })) {
        if (entry.kind === 'summary') summary = entry;
        else if (entry.kind !== 'matched' || flags.all) {
          if (out.format === 'ndjson') await out.json(strip(entry));
          else drift.push(entry);
        }
      }
    });
    if (out.format === 'ndjson') return out.json(summary);
    if (out.format === 'json') return out.json({ drift: drift.map(strip), summary });
    if (out.format === 'quiet') {
      for (const entry of drift) await out.write(`${entry.kind} ${String(serverOf(entry))}\n`);
      return;
    }
    if (drift.length > 0) {
      await out.write(renderTable(drift, [
        { header: 'KIND', cell: (e) => e.kind },
        { header: 'SERVER', cell: (e) => serverOf(e) },
        { header: 'DETAILS', cell: (e) => detail(e) },
      ]));
    }
    const s = summary!;
    await out.write(`${s.matched} matched, ${s.changed} changed, ${s.external} only in the panel, ${s.missing} missing (${s.pagesRead} pages, ${Math.round(s.durationMs)} ms)\n`);
  });
}

/** An entry without the whole panel record (`server` keeps the compared facts). */
function strip(entry: ReconcileEntry): unknown {
  if (entry.kind === 'summary' || entry.kind === 'missing') return entry;
  const { record: _record, ...rest } = entry;
  return rest;
}
