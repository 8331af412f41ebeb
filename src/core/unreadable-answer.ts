import { ResponseUnreadableError } from './errors';
import { redactText } from './redact';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BODY_KEPT = 500;

/** Whether a request only reads, so that an answer lost on the way can be asked for again. */
export function isReadMethod(method: string): boolean {
  return READ_METHODS.has(method);
}

interface Sent {
  path?: Record<string, unknown> | undefined;
  query?: Record<string, unknown> | undefined;
  body?: unknown;
}

type Lookup = (sent: Sent) => string | undefined;

const field = (value: unknown, name: string): unknown => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined);
const serverLookup = (what: string): Lookup => ({ path }) => `vf.servers.get(${String(path?.serverId)}) shows ${what}`;

/** How to find the result of a write whose answer was lost, by route. */
const LOOKUPS: Record<string, Lookup> = {
  'POST /users': ({ body }) => {
    const ext = field(body, 'extRelationId');
    return ext === undefined ? 'vf.users.get(<extRelationId>) finds the user, when you gave one' : `vf.users.get(${JSON.stringify(ext)}) returns the user that was created`;
  },
  'POST /servers': ({ body }) => `vf.servers.listByUser(${String(field(body, 'userId'))}) lists the new server (the highest id)`,
  'POST /servers/{serverId}/build': serverLookup('the build (commissionStatus)'),
  'DELETE /servers/{serverId}': ({ path }) => `vf.servers.get(${String(path?.serverId)}) answers 404 once the server is deleted`,
  'POST /servers/{serverId}/power/boot': serverLookup('the power state'),
  'POST /servers/{serverId}/power/shutdown': serverLookup('the power state'),
  'POST /servers/{serverId}/power/restart': serverLookup('the power state'),
  'POST /servers/{serverId}/power/poweroff': serverLookup('the power state'),
  'POST /servers/{serverId}/suspend': serverLookup('`suspended`'),
  'POST /servers/{serverId}/unsuspend': serverLookup('`suspended`'),
  'PUT /servers/{serverId}/modify/name': serverLookup('the new name'),
  'PUT /users/{extRelationId}/byExtRelation': ({ path }) => `vf.users.get(${JSON.stringify(path?.extRelationId)}) shows the change`,
  'POST /ssh_keys': ({ body }) => `vf.sshKeys.listByUser(${String(field(body, 'userId'))}) lists the new key`,
};

export interface UnreadableAnswer {
  method: string;
  url: string;
  route: string;
  status: number;
  text: string;
  cause: unknown;
  sent: Sent;
  secrets: readonly string[];
}

/**
 * The error for a 2xx whose body could not be read. A write was applied (the panel said so with
 * its status), so the message says not to send it again and, where known, how to look it up.
 */
export function unreadableAnswerError(answer: UnreadableAnswer): ResponseUnreadableError {
  const { method, route, status, secrets } = answer;
  const dryRun = answer.sent.query?.dryRun === true || answer.sent.query?.dryRun === 'true';
  // A dry run only checks: like a read, it changed nothing whatever its method.
  const read = isReadMethod(method) || dryRun;
  const lookup = read ? undefined : LOOKUPS[route]?.(answer.sent);
  const message = dryRun
    ? `The panel answered ${status} to a dry run of ${route}, but the body could not be read (cut short or not JSON); a proxy may be rewriting answers. Nothing was created or changed (a dry run only checks): sending it again is safe.`
    : read
    ? `The panel answered ${status} to ${route}, but the body could not be read (cut short or not JSON); a proxy may be rewriting answers. Nothing was changed: reading again is safe.`
    : `The panel answered ${status} to ${route}: the change WAS applied, but its answer was lost on the way (cut short or not JSON; a proxy may be rewriting answers). Do not send it again${lookup ? `; ${lookup}` : '; look the result up instead'}.`;
  return new ResponseUnreadableError({
    method,
    url: answer.url,
    route,
    status,
    message,
    // Redact before cutting, so that no prefix of a secret survives the cut.
    body: redactText(answer.text, secrets).slice(0, BODY_KEPT),
    retryable: read,
    applied: !read,
    lookup,
    cause: answer.cause,
  });
}
