import type { VirtFusion } from '../../client';
import { NotFoundError } from '../../core/errors';
import { ExtRelationId, UserId } from '../../resources/ids';
import type { CreateUserInput } from '../../resources/models';
import { ProviderError, toProviderError } from '../errors';

/** The details of a panel user to create on first use of an owner reference. */
export type OwnerProfile = Omit<CreateUserInput, 'extRelationId' | 'relStr'>;

/**
 * How an owner reference (your account id) becomes a VirtFusion user:
 * - `{ by: 'extRelationId' }` (the default): the reference is a positive integer, your
 *   `extRelationId`; with `profile` the user is created on first use (`vf.users.ensure`), without
 *   it an unknown reference is a `NOT_FOUND` error.
 * - `{ by: 'relStr' }`: the same with your string id (`relStr`).
 * - a function of yours that returns the panel's user id.
 */
export type OwnerResolution =
  | { by?: 'extRelationId' | 'relStr' | undefined; profile?: ((ref: string) => OwnerProfile | Promise<OwnerProfile>) | undefined }
  | ((ref: string, client: VirtFusion) => Promise<number>);

const PROVIDER = 'virtfusion';

/** Resolves owner references to panel user ids, once per reference per provider. */
export class Owners {
  readonly #client: VirtFusion;
  readonly #resolution: OwnerResolution;
  readonly #cache = new Map<string, Promise<UserId>>();

  constructor(client: VirtFusion, resolution: OwnerResolution = {}) {
    this.#client = client;
    this.#resolution = resolution;
  }

  /** The panel user id of `ref`; `VALIDATION_ERROR` or `NOT_FOUND` with `field: 'owner'` when there is none. */
  resolve(ref: string): Promise<UserId> {
    if (typeof ref !== 'string' || ref.trim() === '') {
      return Promise.reject(new ProviderError({ code: 'VALIDATION_ERROR', provider: PROVIDER, field: 'owner', message: 'owner must be a non-empty account reference.' }));
    }
    let pending = this.#cache.get(ref);
    if (pending === undefined) {
      pending = this.#lookup(ref);
      this.#cache.set(ref, pending);
      pending.catch(() => this.#cache.delete(ref));
    }
    return pending;
  }

  async #lookup(ref: string): Promise<UserId> {
    const resolution = this.#resolution;
    try {
      if (typeof resolution === 'function') return UserId(await resolution(ref, this.#client));
      const byRelStr = resolution.by === 'relStr';
      let ext: ExtRelationId | undefined;
      if (!byRelStr) {
        if (!/^\d+$/.test(ref) || Number(ref) < 1 || !Number.isSafeInteger(Number(ref))) {
          throw new ProviderError({
            code: 'VALIDATION_ERROR',
            provider: PROVIDER,
            field: 'owner',
            message: `owner ${JSON.stringify(ref)} is not an extRelationId (a positive integer); use owner: { by: 'relStr' } or a function for other references.`,
          });
        }
        ext = ExtRelationId(ref);
      }
      if (resolution.profile) {
        const profile = await resolution.profile(ref);
        const user = await this.#client.users.ensure(byRelStr ? { ...profile, relStr: ref } : { ...profile, extRelationId: ext! });
        return user.id;
      }
      try {
        return (await this.#client.users.get(byRelStr ? ref : ext!, { relStr: byRelStr })).id;
      } catch (error) {
        if (error instanceof NotFoundError) {
          throw new ProviderError({
            code: 'NOT_FOUND',
            provider: PROVIDER,
            field: 'owner',
            message: `No panel user has ${byRelStr ? 'relStr' : 'extRelationId'} ${JSON.stringify(ref)}; create it first or give owner.profile to create users on first use.`,
            cause: error,
          });
        }
        throw error;
      }
    } catch (error) {
      throw toProviderError(error, { provider: PROVIDER, field: 'owner', doing: `Resolving owner ${JSON.stringify(ref)}` });
    }
  }
}
