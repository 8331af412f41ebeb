import type { Invoker, ResourceCallOptions } from './invoker';
import type { Iso, TemplateGroup } from './models';
import { unwrap } from './unwrap';

/**
 * Operating-system templates and ISO images.
 *
 * @example
 * ```ts
 * const groups = await vf.media.templates(packageId);
 * const debian = groups.flatMap((g) => g.templates).find((t) => t.name.startsWith('Debian'));
 * ```
 */
export class Media {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  /** Templates a server of this package can be built with, in the panel's groups. */
  async templates(packageId: number, options: ResourceCallOptions = {}): Promise<TemplateGroup[]> {
    return unwrap(
      await this.#invoker.call('GET /media/templates/fromServerPackageSpec/{serverPackageId}', { ...options, path: { serverPackageId: packageId } }),
      'GET /media/templates/fromServerPackageSpec/{serverPackageId}',
    ) as TemplateGroup[];
  }

  async iso(isoId: number, options: ResourceCallOptions = {}): Promise<Iso> {
    return unwrap(await this.#invoker.call('GET /media/iso/{isoId}', { ...options, path: { isoId } }), 'GET /media/iso/{isoId}') as Iso;
  }
}
