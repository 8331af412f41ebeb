import type { UserId } from './ids';
import type { Invoker, ResourceCallOptions } from './invoker';
import type { CreateSshKeyInput, SshKey } from './models';
import { unwrap } from './unwrap';

/**
 * SSH keys stored on users. `vf.servers.build()` takes their ids in `sshKeys`.
 *
 * @example
 * ```ts
 * const key = await vf.sshKeys.create({ userId: user.id, name: 'laptop', publicKey: 'ssh-ed25519 AAAA…' });
 * await vf.servers.build(serverId, { operatingSystemId: 46, sshKeys: [key.id] });
 * ```
 */
export class SshKeys {
  readonly #invoker: Invoker;
  constructor(invoker: Invoker) {
    this.#invoker = invoker;
  }

  /** Stores a public key for a user (the panel's user id). */
  async create(body: CreateSshKeyInput, options: ResourceCallOptions = {}): Promise<SshKey> {
    return unwrap(await this.#invoker.call('POST /ssh_keys', { ...options, body }), 'POST /ssh_keys') as SshKey;
  }

  async get(keyId: number, options: ResourceCallOptions = {}): Promise<SshKey> {
    return unwrap(await this.#invoker.call('GET /ssh_keys/{keyId}', { ...options, path: { keyId } }), 'GET /ssh_keys/{keyId}') as SshKey;
  }

  async delete(keyId: number, options: ResourceCallOptions = {}): Promise<void> {
    await this.#invoker.call('DELETE /ssh_keys/{keyId}', { ...options, path: { keyId } });
  }

  /** A user's keys (not paged). */
  async listByUser(userId: UserId, options: ResourceCallOptions = {}): Promise<SshKey[]> {
    return unwrap(await this.#invoker.call('GET /ssh_keys/user/{userId}', { ...options, path: { userId } }), 'GET /ssh_keys/user/{userId}') as SshKey[];
  }
}
