import type { JournalEntry } from '../journal';
import { presentQueueItem } from '../present/catalog';
import { intToIpv4 } from '../state/ip-pool';
import type { ServerRecord } from '../state/records';
import type { EmulatorStore } from '../state/store';
import type { WebhookDelivery } from '../webhooks';

/** A server as the inspector lists it: who owns it, what it runs, how far its build is. */
export interface ServerView {
  id: number;
  name: string;
  hostname: string | null;
  owner: { id: number; name: string | null; extRelationId: number | null };
  package: { id: number; name: string | null };
  state: string;
  power: string;
  suspended: boolean;
  buildFailed: boolean;
  /** 0-99 while a build runs, null otherwise. */
  buildProgress: number | null;
  ipv4: string[];
  ipv6: string[];
  /** When a delayed deletion runs (emulator clock, ms), or null. */
  deleteAt: number | null;
}

export function serverView(store: EmulatorStore, server: ServerRecord, now: number): ServerView {
  const owner = store.users.get(server.ownerId);
  const pkg = store.packages.get(server.packageId);
  const build = server.buildQueueId === null ? undefined : store.queue.get(server.buildQueueId);
  const nics = server.secondary ? [server.primary, server.secondary] : [server.primary];
  return {
    id: server.id,
    name: server.name,
    hostname: server.hostname,
    owner: { id: server.ownerId, name: owner?.name ?? null, extRelationId: owner?.extRelationId ?? null },
    package: { id: server.packageId, name: pkg?.name ?? null },
    state: server.state,
    power: server.power,
    suspended: server.suspended,
    buildFailed: server.buildFailed,
    buildProgress: build ? (presentQueueItem(build, now).progress as number) : null,
    ipv4: nics.flatMap((nic) => nic.ipv4.map((ip) => intToIpv4(ip.address))),
    ipv6: nics.flatMap((nic) => nic.ipv6.map((net) => `${net.subnet}/${net.cidr}`)),
    deleteAt: server.deleteAt,
  };
}

/** A journal row without its bodies. */
export function journalRow(entry: JournalEntry): Omit<JournalEntry, 'query' | 'body' | 'answer'> {
  const { query: _query, body: _body, answer: _answer, ...row } = entry;
  return row;
}

/** A delivery row without its body and headers. */
export function deliveryRow(delivery: WebhookDelivery): Omit<WebhookDelivery, 'body' | 'headers'> {
  const { body: _body, headers: _headers, ...row } = delivery;
  return row;
}
