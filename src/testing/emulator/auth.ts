import type { Route } from '../../generated/operations';
import { OPERATIONS } from '../../generated/operations';

/**
 * A permission of an emulator token: the first segment of the operation's path, so `servers`
 * allows every `/servers/...` operation and `compute` every `/compute/...` one. `GET /connect`
 * answers for every valid token, as on a panel, whatever its scopes.
 */
export type EmulatorScope =
  | 'backups'
  | 'compute'
  | 'connect'
  | 'connectivity'
  | 'dns'
  | 'firewall'
  | 'media'
  | 'packages'
  | 'queue'
  | 'selfService'
  | 'servers'
  | 'ssh_keys'
  | 'status'
  | 'users';

/**
 * An API token the emulator accepts, and what it may do.
 *
 * @example
 * ```ts
 * const tokens: EmulatorToken[] = [
 *   { token: 'admin-token' },                          // everything
 *   { token: 'monitoring', scopes: ['connect', 'status'] },
 * ];
 * ```
 */
export interface EmulatorToken {
  token: string;
  /** What the token may call; `'*'` (the default) is everything. */
  scopes?: readonly EmulatorScope[] | '*';
}

/** The scope an operation needs. */
export function scopeOf(route: Route): EmulatorScope {
  return OPERATIONS[route].path.split('/')[1] as EmulatorScope;
}

export class TokenRegistry {
  readonly #tokens = new Map<string, { scopes: ReadonlySet<EmulatorScope> | '*'; id: string }>();

  constructor(tokens: readonly (string | EmulatorToken)[]) {
    tokens.forEach((entry, index) => {
      const { token, scopes } = typeof entry === 'string' ? { token: entry, scopes: '*' as const } : entry;
      if (typeof token !== 'string' || token.trim() === '' || /\s/.test(token)) {
        throw new TypeError('Emulator tokens must be non-empty strings without spaces');
      }
      this.#tokens.set(token, { scopes: scopes === undefined || scopes === '*' ? '*' : new Set(scopes), id: `token-${index + 1}` });
    });
  }

  /** The token's id (for rate-limit keys, never the token itself), or undefined when unknown. */
  identify(authorization: string | undefined): { id: string; allows: (route: Route) => boolean } | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    const known = match ? this.#tokens.get(match[1]!) : undefined;
    if (known === undefined) return undefined;
    const { scopes, id } = known;
    return { id, allows: (route) => route === 'GET /connect' || scopes === '*' || scopes.has(scopeOf(route)) };
  }
}
