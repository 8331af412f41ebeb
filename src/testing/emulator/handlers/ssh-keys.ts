import type { Route } from '../../../generated/operations';
import { created, invalid, noContent, notFound, ok } from '../answers';
import { presentSshKey } from '../present/users';
import type { SshKeyRecord } from '../state/records';
import { isoMicros } from '../time';
import { BodyReader } from './body';
import { idParam, requireUserById, type Handler, type HandlerContext } from './context';

const PUBLIC_KEY = /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+={0,3}( [^\r\n]*)?$/;

function requireKey(ctx: HandlerContext): SshKeyRecord {
  const key = ctx.store.sshKeys.get(idParam(ctx, 'keyId'));
  if (key === undefined) throw notFound('ssh key not found');
  return key;
}

export const sshKeyHandlers = {
  'POST /ssh_keys': (ctx) => {
    const { store } = ctx;
    const reader = new BodyReader(ctx.body);
    const userId = reader.integer('userId', { required: true, min: 1 });
    const name = reader.string('name', { required: true, max: 255 });
    const publicKey = reader.string('publicKey', { required: true, pattern: PUBLIC_KEY, message: 'The public key field must be an OpenSSH public key.' });
    reader.finish();
    const user = store.users.get(userId!);
    if (user === undefined) throw notFound('user not found');
    const text = publicKey!.trim();
    const material = text.split(' ').slice(0, 2).join(' ');
    if ([...store.sshKeys.values()].some((k) => k.userId === user.id && k.publicKey.split(' ').slice(0, 2).join(' ') === material)) {
      throw invalid('This key is already on the account.');
    }
    const id = store.nextId('sshKey');
    const key: SshKeyRecord = { id, userId: user.id, name: name!, publicKey: text, enabled: true, created: ctx.now, updated: ctx.now };
    store.sshKeys.set(id, key);
    return created({ data: { id, name: key.name, type: 'OpenSSH', createdAt: isoMicros(ctx.now) } });
  },

  'GET /ssh_keys/{keyId}': (ctx) => ok({ data: presentSshKey(requireKey(ctx)) }),

  'DELETE /ssh_keys/{keyId}': (ctx) => {
    const key = requireKey(ctx);
    ctx.store.sshKeys.delete(key.id);
    for (const server of ctx.store.servers.values()) server.sshKeyIds = server.sshKeyIds.filter((id) => id !== key.id);
    return noContent();
  },

  'GET /ssh_keys/user/{userId}': (ctx) => {
    const user = requireUserById(ctx, 'userId');
    return ok({ data: [...ctx.store.sshKeys.values()].filter((k) => k.userId === user.id).map(presentSshKey) });
  },
} satisfies Partial<Record<Route, Handler>>;
