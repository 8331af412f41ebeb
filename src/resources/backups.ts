import type { Invoker, ResourceCallOptions } from './invoker';
import type { Backup } from './models';
import { unwrap } from './unwrap';

/**
 * Backups of servers. The API cannot create or restore backups; the panel schedules them.
 *
 * @example
 * ```ts
 * const backups = await vf.backups.list(42);
 * ```
 */
export class Backups {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  /** The backups of a server (not paged). */
  async list(serverId: number, options: ResourceCallOptions = {}): Promise<Backup[]> {
    return unwrap(await this.#invoker.call('GET /backups/server/{serverId}', { ...options, path: { serverId } }), 'GET /backups/server/{serverId}') as Backup[];
  }
}
