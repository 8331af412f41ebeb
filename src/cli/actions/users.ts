import { ExtRelationId } from '../../resources/ids';
import type { User } from '../../resources/models';
import { parsePositiveInt } from '../durations';
import { UsageError } from '../errors';
import type { GlobalFlags } from '../session';
import { withSession } from './servers';

function userFields(user: User): [string, unknown][] {
  return [
    ['id', user.id],
    ['ext relation id', user.extRelationId],
    ['rel str', user.relStr],
    ['name', user.name],
    ['email', user.email],
    ['suspended', user.suspended ? 'yes' : 'no'],
    ['created', user.created],
  ];
}

/** A user key: a number is your extRelationId; with --rel-str it is your string id. */
function keyOf(key: string, relStr: boolean | undefined): ExtRelationId | string {
  if (relStr) return key;
  return ExtRelationId(parsePositiveInt(key, 'the user key (your extRelationId; pass --rel-str for a string id)'));
}

export async function get(key: string, flags: GlobalFlags & { relStr?: boolean }): Promise<void> {
  const userKey = keyOf(key, flags.relStr);
  await withSession(flags, async ({ vf, out, signal }) => {
    const user = await vf.users.get(userKey, { signal, relStr: flags.relStr === true });
    await out.record(user, () => userFields(user));
  });
}

export interface EnsureFlags extends GlobalFlags {
  ext?: string;
  relStr?: string;
  name?: string;
  email?: string;
  sendMail?: boolean;
}

/** `users ensure`: the user with this external id, created when missing. Safe to run twice. */
export async function ensure(flags: EnsureFlags): Promise<void> {
  if ((flags.ext === undefined) === (flags.relStr === undefined)) throw new UsageError('users ensure needs --ext <extRelationId> or --rel-str <id> (one of them)');
  if (flags.name === undefined || flags.email === undefined) throw new UsageError('users ensure needs --name and --email (used when the user is created)');
  const body = {
    name: flags.name,
    email: flags.email,
    ...(flags.ext === undefined ? { relStr: flags.relStr! } : { extRelationId: ExtRelationId(parsePositiveInt(flags.ext, '--ext')) }),
    ...(flags.sendMail ? { sendMail: true } : {}),
  };
  await withSession(flags, async ({ vf, out, signal }) => {
    const user = await vf.users.ensure(body as Parameters<typeof vf.users.ensure>[0], { signal });
    await out.record(user, () => userFields(user));
  });
}

/** `users login-url <key>`: a single sign-on link to the panel (valid about a minute). */
export async function loginUrl(key: string, flags: GlobalFlags & { relStr?: boolean; server?: string }): Promise<void> {
  const userKey = keyOf(key, flags.relStr);
  const serverId = flags.server === undefined ? undefined : parsePositiveInt(flags.server, '--server');
  await withSession(flags, async ({ vf, out, signal }) => {
    const url = await vf.users.loginUrl(userKey, { signal, relStr: flags.relStr === true, ...(serverId === undefined ? {} : { serverId }) });
    if (out.format === 'json' || out.format === 'ndjson') await out.json({ url });
    else await out.write(`${url}\n`);
  });
}
