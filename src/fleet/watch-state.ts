import type { ServerFacts, ServerResources } from './panel-server';
import type { ChangeSource, PowerState, ServerChangeEvent, WatchedServer } from './watch-events';

const RESOURCE_KEYS: readonly (keyof ServerResources)[] = ['memory', 'cpuCores', 'storage', 'traffic'];

export function watched(facts: ServerFacts, power: PowerState | undefined): WatchedServer {
  const { id, uuid, name, hostname, state, suspended, ownerId, resources, addresses } = facts;
  return { id, uuid, name, hostname, state, suspended, ownerId, resources: { ...resources }, addresses: [...addresses], ...(power === undefined ? {} : { power }) };
}

/**
 * The events between what the watch knew of a server and what it reads now, in a fixed order:
 * state, suspension, package, addresses, power. Each event carries the server as it is once that
 * event (and the ones before it) are applied, so a snapshot taken after handling any one of them
 * resumes exactly after it. A server whose uuid changed under the same id is another server: the
 * old one is deleted and the new one created.
 */
export function diffServer(before: WatchedServer | undefined, after: WatchedServer, source: ChangeSource, at: number, initial = false): ServerChangeEvent[] {
  const base = { serverId: after.id, source, at };
  if (before === undefined) return [{ type: 'created', ...base, server: after, initial }];
  if (before.uuid !== after.uuid) return [{ type: 'deleted', ...base, server: before }, { type: 'created', ...base, server: after, initial: false }];
  const events: ServerChangeEvent[] = [];
  // Fields without events of their own (name, hostname, owner) travel with the first event.
  let current: WatchedServer = { ...after, state: before.state, suspended: before.suspended, resources: before.resources, addresses: before.addresses, power: before.power };
  const step = (patch: Partial<WatchedServer>): WatchedServer => (current = { ...current, ...patch });
  if (before.state !== after.state) events.push({ type: 'stateChanged', ...base, server: step({ state: after.state }), from: before.state, to: after.state });
  if (before.suspended !== after.suspended) events.push({ type: after.suspended ? 'suspended' : 'unsuspended', ...base, server: step({ suspended: after.suspended }) });
  if (RESOURCE_KEYS.some((key) => before.resources[key] !== after.resources[key])) {
    events.push({ type: 'packageChanged', ...base, server: step({ resources: after.resources }), from: before.resources, to: after.resources });
  }
  if (before.addresses.join(',') !== after.addresses.join(',')) {
    const added = after.addresses.filter((a) => !before.addresses.includes(a));
    const removed = before.addresses.filter((a) => !after.addresses.includes(a));
    events.push({ type: 'addressesChanged', ...base, server: step({ addresses: after.addresses }), from: before.addresses, to: after.addresses, added, removed });
  }
  // A power reading is news when it differs from a known one, or when a webhook reports an action.
  if (after.power !== undefined && before.power !== after.power && (before.power !== undefined || source === 'webhook')) {
    events.push({ type: 'powerChanged', ...base, server: step({ power: after.power }), from: before.power, to: after.power });
  }
  // The last event leaves the server exactly as read (a power reading that is new, not changed, included).
  const last = events.at(-1);
  if (last !== undefined) last.server = after;
  return events;
}
