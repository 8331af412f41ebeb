import type { components } from '../generated/openapi';
import type { Invoker, ResourceCallOptions } from './invoker';
import type { Package } from './models';
import { unwrap } from './unwrap';

/**
 * Server packages (plans): default resources for new servers.
 *
 * @example
 * ```ts
 * const packages = await vf.packages.list();
 * const enabled = packages.filter((p) => p.enabled);
 * ```
 */
export class Packages {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  async list(options: ResourceCallOptions = {}): Promise<Package[]> {
    return unwrap(await this.#invoker.call('GET /packages', options), 'GET /packages') as Package[];
  }

  async get(packageId: number, options: ResourceCallOptions = {}): Promise<Package> {
    return unwrap(await this.#invoker.call('GET /packages/{packageId}', { ...options, path: { packageId } }), 'GET /packages/{packageId}') as Package;
  }

  /** Deletes a package; `confirm: true` is required by the panel. @since 7.1.0 */
  async delete(packageId: number, body: components['schemas']['DeletePackageRequest'], options: ResourceCallOptions = {}): Promise<unknown> {
    return this.#invoker.call('DELETE /packages/{packageId}', { ...options, path: { packageId }, body });
  }
}
