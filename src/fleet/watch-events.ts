import type { ServerFacts, ServerResources } from './panel-server';

/** Power as the hypervisor reports it; known only for built servers. */
export type PowerState = 'running' | 'stopped';

/** What a watch remembers of one server (and what a snapshot holds): the compared fields, and power when known. */
export interface WatchedServer extends Omit<ServerFacts, 'ownerRef'> {
  /** Only for servers named in `serverIds`, or reported by power webhooks. */
  power?: PowerState | undefined;
}

/** Where an event was found: a polling pass, or a webhook delivery merged into the watch. */
export type ChangeSource = 'poll' | 'webhook';

interface EventBase {
  serverId: number;
  /** The server as the watch now knows it (before deletion, for `deleted`). */
  server: WatchedServer;
  source: ChangeSource;
  /** Epoch ms when the watch noticed the change. */
  at: number;
}

/** A server the watch had not seen. `initial` is true for servers found by the first pass of a watch started without a snapshot. */
export interface CreatedEvent extends EventBase {
  type: 'created';
  initial: boolean;
}
export interface DeletedEvent extends EventBase {
  type: 'deleted';
}
export interface StateChangedEvent extends EventBase {
  type: 'stateChanged';
  from: string;
  to: string;
}
export interface SuspendedEvent extends EventBase {
  type: 'suspended';
}
export interface UnsuspendedEvent extends EventBase {
  type: 'unsuspended';
}
export interface AddressesChangedEvent extends EventBase {
  type: 'addressesChanged';
  from: string[];
  to: string[];
  added: string[];
  removed: string[];
}
/** The server's resources changed (the panel's record does not name the package; its resources tell). */
export interface PackageChangedEvent extends EventBase {
  type: 'packageChanged';
  from: ServerResources;
  to: ServerResources;
}
/** Power changed. `from` is undefined when a webhook reported a power action on a server whose power the watch had not read. */
export interface PowerChangedEvent extends EventBase {
  type: 'powerChanged';
  from: PowerState | undefined;
  to: PowerState;
}

/** A change {@link watchServers} announces. */
export type ServerChangeEvent =
  | CreatedEvent
  | DeletedEvent
  | StateChangedEvent
  | SuspendedEvent
  | UnsuspendedEvent
  | AddressesChangedEvent
  | PackageChangedEvent
  | PowerChangedEvent;

/** What a watch knew at one moment: save it, and pass it as `since` to resume without repeats. JSON-safe. */
export interface WatchSnapshot {
  version: 1;
  /** Epoch ms of the last completed pass or merged webhook. */
  takenAt: number;
  servers: WatchedServer[];
}
