import { NotFoundError, ResponseValidationError } from '../core/errors';
import type { ExtRelationId } from './ids';
import type { Invoker, ResourceCallOptions } from './invoker';
import type { CreateUserInput, LoginTokens, UpdateUserInput, User } from './models';
import { unwrap } from './unwrap';

/**
 * How a user is looked up: your numeric {@link ExtRelationId}, or your string id (`relStr`).
 * A string selects the `relStr` lookup unless `relStr: false` is passed.
 */
export type UserKey = ExtRelationId | string;

/** Options of lookups by {@link UserKey}. */
export interface UserLookupOptions extends ResourceCallOptions {
  /** Look up by `relStr` instead of `extRelationId`. Defaults to true for a string key. */
  relStr?: boolean | undefined;
}

function lookup(key: UserKey, options: UserLookupOptions): { extRelationId: number | string; relStr: true | undefined } {
  const relStr = options.relStr ?? typeof key === 'string';
  return { extRelationId: key, relStr: relStr ? true : undefined };
}

/**
 * Panel users. There is no user list and no lookup by the panel's own id: users are found by
 * your external id, and `data.id` of the answer is the panel's {@link UserId} that servers,
 * ssh keys and ownership changes need.
 *
 * @example
 * ```ts
 * const user = await vf.users.ensure({ extRelationId: ExtRelationId(1042), name: 'Ada', email: 'ada@example.com' });
 * const url = await vf.users.loginUrl(ExtRelationId(1042));
 * ```
 */
export class Users {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  /** Creates a user. A duplicate email is a `ConflictError` (409). */
  async create(body: CreateUserInput, options: ResourceCallOptions = {}): Promise<User> {
    return unwrap(await this.#invoker.call('POST /users', { ...options, body }), 'POST /users') as User;
  }

  async get(key: UserKey, options: UserLookupOptions = {}): Promise<User> {
    const { relStr: _relStr, ...call } = options;
    const { extRelationId, relStr } = lookup(key, options);
    return unwrap(
      await this.#invoker.call('GET /users/{extRelationId}/byExtRelation', { ...call, path: { extRelationId }, query: { relStr } }),
      'GET /users/{extRelationId}/byExtRelation',
    ) as User;
  }

  /**
   * The user with `body.extRelationId` (or `body.relStr`), created from `body` when there is none.
   * Looks up first, so calling it twice never creates two users.
   */
  async ensure(body: CreateUserInput & ({ extRelationId: ExtRelationId } | { relStr: string }), options: ResourceCallOptions = {}): Promise<User> {
    const key: UserKey = body.extRelationId ?? (body as { relStr: string }).relStr;
    try {
      return await this.get(key, { ...options, relStr: body.extRelationId === undefined });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
    return this.create(body, options);
  }

  /** Changes a user's name, email or self-service settings; resolves with the changed fields. */
  async update(key: UserKey, body: UpdateUserInput, options: UserLookupOptions = {}) {
    const { relStr: _relStr, ...call } = options;
    const { extRelationId, relStr } = lookup(key, options);
    return unwrap(
      await this.#invoker.call('PUT /users/{extRelationId}/byExtRelation', { ...call, path: { extRelationId }, query: { relStr }, body }),
      'PUT /users/{extRelationId}/byExtRelation',
    );
  }

  /** Deletes a user. The panel refuses while the user still owns servers. */
  async delete(key: UserKey, options: UserLookupOptions = {}): Promise<void> {
    const { relStr: _relStr, ...call } = options;
    const { extRelationId, relStr } = lookup(key, options);
    await this.#invoker.call('DELETE /users/{extRelationId}/byExtRelation', { ...call, path: { extRelationId }, query: { relStr } });
  }

  /** Sets a new panel password for the user and resolves with it. */
  async resetPassword(key: UserKey, options: UserLookupOptions = {}) {
    const { relStr: _relStr, ...call } = options;
    const { extRelationId, relStr } = lookup(key, options);
    return unwrap(
      await this.#invoker.call('POST /users/{extRelationId}/byExtRelation/resetPassword', { ...call, path: { extRelationId }, query: { relStr } }),
      'POST /users/{extRelationId}/byExtRelation/resetPassword',
    );
  }

  /** Single sign-on tokens for the panel's dashboard (valid about 60 s). */
  async loginTokens(key: UserKey, options: UserLookupOptions = {}): Promise<LoginTokens> {
    const { relStr: _relStr, ...call } = options;
    const { extRelationId, relStr } = lookup(key, options);
    return unwrap(
      await this.#invoker.call('POST /users/{extRelationId}/authenticationTokens', { ...call, path: { extRelationId }, query: { relStr } }),
      'POST /users/{extRelationId}/authenticationTokens',
    ) as LoginTokens;
  }

  /** Single sign-on tokens that open one server's page. */
  async serverLoginTokens(key: UserKey, serverId: number, options: UserLookupOptions = {}): Promise<LoginTokens> {
    const { relStr: _relStr, ...call } = options;
    const { extRelationId, relStr } = lookup(key, options);
    return unwrap(
      await this.#invoker.call('POST /users/{extRelationId}/serverAuthenticationTokens/{serverId}', {
        ...call,
        path: { extRelationId, serverId },
        query: { relStr },
      }),
      'POST /users/{extRelationId}/serverAuthenticationTokens/{serverId}',
    ) as LoginTokens;
  }

  /**
   * A single sign-on URL to send the user's browser to, on the configured panel origin only:
   * an answer that points anywhere else is refused (an open-redirect defence).
   */
  async loginUrl(key: UserKey, options: UserLookupOptions & { serverId?: number } = {}): Promise<string> {
    const { serverId, ...rest } = options;
    const tokens = serverId === undefined ? await this.loginTokens(key, rest) : await this.serverLoginTokens(key, serverId, rest);
    const path = tokens.authentication.endpoint_complete;
    const origin = this.#invoker.panelOrigin;
    let url: URL | undefined;
    if (typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') && !path.includes('\\')) {
      url = new URL(path, origin);
    }
    if (url === undefined || url.origin !== origin) {
      throw new ResponseValidationError({
        message: `The panel's login endpoint ${JSON.stringify(path)} is not a path on ${origin}; refusing to build a login URL to another host.`,
        details: ['authentication.endpoint_complete: must be a path on the panel origin'],
      });
    }
    return url.href;
  }
}
