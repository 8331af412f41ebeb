import type { Invoker, ResourceCallOptions } from './invoker';
import type { DnsService } from './models';
import { unwrap } from './unwrap';

/**
 * DNS services configured in the panel.
 *
 * @example
 * ```ts
 * const service = await vf.dns.get(3);
 * ```
 */
export class Dns {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  async get(serviceId: number, options: ResourceCallOptions = {}): Promise<DnsService> {
    return unwrap(await this.#invoker.call('GET /dns/services/{serviceId}', { ...options, path: { serviceId } }), 'GET /dns/services/{serviceId}') as DnsService;
  }
}
