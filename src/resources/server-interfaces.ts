import type { components } from '../generated/openapi';
import type { Invoker, ResourceCallOptions } from './invoker';
import type { ServerInterface, ServerInterfaceVlan } from './models';
import type { InterfaceRef } from './server-firewall';
import { unwrap, unwrapOptional } from './unwrap';

type Schemas = components['schemas'];
/** Any subset of an interface's settings (panel 7.1); `apply` pushes bandwidth, filter and isolation changes. */
export type UpdateServerInterfaceInput = Schemas['UpdateServerInterfaceRequest'];
/** A VLAN to tag: `vlanId` 1–4094 and an optional `nativeMode`. */
export type AddVlanInput = Schemas['AddVlanRequest'];
/** Changes to a VLAN entry: its `nativeMode`, the interface's `trunk`, or both. */
export type UpdateVlanInput = Schemas['UpdateVlanRequest'];

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

  /** Changes any subset of the interface's settings. @since 7.1.0 */
  async update(serverId: number, iface: InterfaceRef, input: UpdateServerInterfaceInput, options: ResourceCallOptions = {}): Promise<unknown> {
    return unwrapOptional(
      await this.#invoker.call('PUT /servers/{serverId}/interfaces/{interface}', { ...options, path: { serverId, interface: iface }, body: input }),
    );
  }

  /** Tags a VLAN on the interface; it reaches the server at its next start or push. @since 7.1.0 */
  async addVlan(serverId: number, iface: InterfaceRef, input: AddVlanInput, options: ResourceCallOptions = {}): Promise<unknown> {
    return unwrapOptional(
      await this.#invoker.call('POST /servers/{serverId}/interfaces/{interface}/vlans', { ...options, path: { serverId, interface: iface }, body: input }),
    );
  }

  /**
   * Changes a VLAN entry (`entryId` is the `id` from {@link ServerInterfaces.vlans}, not the VLAN
   * number). `trunk` is the interface's and applies to all its VLANs. @since 7.1.0
   */
  async updateVlan(serverId: number, iface: InterfaceRef, entryId: number, input: UpdateVlanInput, options: ResourceCallOptions = {}): Promise<unknown> {
    return unwrapOptional(
      await this.#invoker.call('PUT /servers/{serverId}/interfaces/{interface}/vlans/{vlanId}', {
        ...options,
        path: { serverId, interface: iface, vlanId: entryId },
        body: input,
      }),
    );
  }

  /** Untags a VLAN entry; the server's configuration changes at its next start or push. @since 7.1.0 */
  async removeVlan(serverId: number, iface: InterfaceRef, entryId: number, options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('DELETE /servers/{serverId}/interfaces/{interface}/vlans/{vlanId}', { ...options, path: { serverId, interface: iface, vlanId: entryId } });
  }

  /** The VLANs tagged on the interface. @since 7.1.0 */
  async vlans(serverId: number, iface: InterfaceRef, options: ResourceCallOptions = {}): Promise<ServerInterfaceVlan[]> {
    return unwrap(
      await this.#invoker.call('GET /servers/{serverId}/interfaces/{interface}/vlans', { ...options, path: { serverId, interface: iface } }),
      'GET /servers/{serverId}/interfaces/{interface}/vlans',
    );
  }
}
