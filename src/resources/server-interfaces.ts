import type { Invoker, ResourceCallOptions } from './invoker';
import type { ServerInterface, ServerInterfaceVlan } from './models';
import type { InterfaceRef } from './server-firewall';
import { unwrap } from './unwrap';

/**
 * A server's network interfaces (panel 7.1 and later). Each has a ten-digit `tag` that every
 * interface parameter of the SDK accepts besides `'primary'` and `'secondary'`.
 *
 * @example
 * ```ts
 * const [first] = await vf.servers.interfaces.list(42);
 * const rules = await vf.servers.firewall.rules(42, first.tag);
 * ```
 */
export class ServerInterfaces {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  /** @since 7.1.0 */
  async list(serverId: number, options: ResourceCallOptions = {}): Promise<ServerInterface[]> {
    return unwrap(await this.#invoker.call('GET /servers/{serverId}/interfaces', { ...options, path: { serverId } }), 'GET /servers/{serverId}/interfaces');
  }

  /** @since 7.1.0 */
  async get(serverId: number, iface: InterfaceRef, options: ResourceCallOptions = {}): Promise<ServerInterface> {
    return unwrap(
      await this.#invoker.call('GET /servers/{serverId}/interfaces/{interface}', { ...options, path: { serverId, interface: iface } }),
      'GET /servers/{serverId}/interfaces/{interface}',
    );
  }

  /** The VLANs tagged on the interface. @since 7.1.0 */
  async vlans(serverId: number, iface: InterfaceRef, options: ResourceCallOptions = {}): Promise<ServerInterfaceVlan[]> {
    return unwrap(
      await this.#invoker.call('GET /servers/{serverId}/interfaces/{interface}/vlans', { ...options, path: { serverId, interface: iface } }),
      'GET /servers/{serverId}/interfaces/{interface}/vlans',
    );
  }
}
