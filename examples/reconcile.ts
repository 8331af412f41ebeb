/**
 * Reconciles your records of servers with the panel, and prints what differs. Read-only: it sends
 * only GET requests, so it is safe against a real panel.
 *
 *   VIRTFUSION_URL=... VIRTFUSION_TOKEN=... npx tsx examples/reconcile.ts [records.json]
 *
 * `records.json` is an array of `{ serverId, uuid, ownerRef, hostname, state }` (your database,
 * exported). Without it, the example makes a stand-in database from the panel's first page and
 * changes it a little (one server forgotten, one owner changed, one server that no longer exists),
 * so that every kind of entry shows up.
 */
import { readFileSync } from 'node:fs';
import { VirtFusion, retry } from '../src/index';
import { ReconcileIncompleteError, reconcile, type LocalServerRecord } from '../src/fleet';

const vf = VirtFusion.fromEnv(process.env.VIRTFUSION_EMULATOR === '1' ? { middleware: [retry()] } : {});

async function standInDatabase(): Promise<LocalServerRecord[]> {
  const { data } = await vf.servers.list({ type: 'full', results: 200 });
  const records: LocalServerRecord[] = data.map((server) => ({
    serverId: server.id,
    uuid: String(server.uuid),
    ownerRef: server.owner?.extRelationId ?? undefined,
    hostname: server.hostname ?? null,
    state: String(server.state),
  }));
  records.pop(); // a server your database never heard of
  if (records[0]) records[0] = { ...records[0], ownerRef: 999_999 }; // sold to someone else in your books
  records.push({ serverId: 987_654, uuid: 'a0000000-0000-4000-8000-000000000001' }); // deleted in the panel
  return records;
}

const file = process.argv[2];
const local: LocalServerRecord[] = file ? JSON.parse(readFileSync(file, 'utf8')) : await standInDatabase();

try {
  for await (const entry of reconcile({ client: vf, local, onProgress: (p) => p.stage === 'confirming' && console.log(`  checking ${p.candidates} missing candidate(s)…`) })) {
    switch (entry.kind) {
      case 'matched':
        break;
      case 'changed':
        console.log(`changed   server ${entry.server.id}: ${entry.changes.map((c) => `${c.field} ${JSON.stringify(c.local)} → ${JSON.stringify(c.panel)}`).join(', ')}`);
        break;
      case 'external':
        console.log(`external  server ${entry.server.id} (${entry.server.name}) is in the panel only`);
        break;
      case 'missing':
        console.log(`missing   server ${entry.local.serverId ?? entry.local.uuid}: ${entry.reason} (confirmed by ${entry.confirmedBy})`);
        break;
      case 'summary':
        console.log(
          `\n${entry.matched} matched, ${entry.changed} changed, ${entry.external} external, ${entry.missing} missing; ` +
            `${entry.pagesRead} page(s), ${entry.confirmations} confirmation(s), ${entry.durationMs} ms`,
        );
    }
  }
} catch (error) {
  if (!(error instanceof ReconcileIncompleteError)) throw error;
  // Nothing was reported missing: try again later rather than acting on half a picture.
  console.error(`${error.message} (progress: ${JSON.stringify(error.progress)})`);
  process.exitCode = 1;
}
