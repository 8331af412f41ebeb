import type { InstanceStatus } from '../types';

/** The parts of a VirtFusion server record (full or overview) that decide its status. */
export interface ServerStateFields {
  state?: unknown;
  commissionStatus?: unknown;
  suspended?: unknown;
  buildFailed?: unknown;
  /** `GET /servers/{id}?remoteState=true` gives an object with `state` (libvirt's) and `running`. */
  remoteState?: unknown;
}

/** What the provider knows beyond the record. */
export interface StateHints {
  /** The provider scheduled this server's deletion. */
  pendingDeletion?: boolean | undefined;
  /** A restart the provider queued has not finished. */
  rebooting?: boolean | undefined;
  /** The last power state the provider saw its own action reach (when no remote state was read). */
  power?: 'running' | 'stopped' | undefined;
}

const REMOTE_RUNNING = new Set(['running', 'blocked', 'idle']);
const REMOTE_STOPPED = new Set(['shutoff', 'shutdown', 'paused', 'pmsuspended', 'stopped']);
const REMOTE_ERROR = new Set(['crashed']);

function remotePower(remote: unknown): 'running' | 'stopped' | 'error' | undefined {
  if (remote === null || typeof remote !== 'object') return undefined;
  const { state, running } = remote as { state?: unknown; running?: unknown };
  if (typeof state === 'string') {
    const s = state.toLowerCase();
    if (REMOTE_RUNNING.has(s)) return 'running';
    if (REMOTE_STOPPED.has(s)) return 'stopped';
    if (REMOTE_ERROR.has(s)) return 'error';
  }
  if (typeof running === 'boolean') return running ? 'running' : 'stopped';
  return undefined;
}

/**
 * The neutral status of a VirtFusion server, by the table in docs/provider.md, first match wins:
 * pending deletion → `terminating`; failed build → `error`; suspended → `suspended`; not yet
 * built (`allocated`/0, `queued`/1) → `provisioning`; built (`complete`/3) → `rebooting` while a
 * restart runs, else the remote power state (`running`/`stopped`, `crashed` → `error`), else the
 * last power state the provider saw, else `running`; anything else → `unknown`.
 */
export function instanceStatus(server: ServerStateFields, hints: StateHints = {}): InstanceStatus {
  if (hints.pendingDeletion) return 'terminating';
  if (server.buildFailed === true || server.state === 'failed') return 'error';
  if (server.suspended === true) return 'suspended';
  const commission = typeof server.commissionStatus === 'string' ? Number(server.commissionStatus) : server.commissionStatus;
  if (server.state === 'allocated' || server.state === 'queued' || commission === 0 || commission === 1 || commission === 2) {
    if (server.state !== 'complete') return 'provisioning';
  }
  if (server.state === 'complete' || commission === 3) {
    if (hints.rebooting) return 'rebooting';
    const remote = remotePower(server.remoteState);
    if (remote !== undefined) return remote;
    return hints.power ?? 'running';
  }
  return 'unknown';
}
