/**
 * Request forms that an earlier release of the SDK documented and the panel's reference names
 * differently. Each is accepted for one minor version, sent in the documented form, and reported
 * once per client through its logger.
 */

/** The release that stops accepting the forms below. */
export const LEGACY_FORMS_REMOVED_IN = '0.3.0';

const DISK_ROUTES = new Set(['POST /servers/{serverId}/disks', 'PUT /servers/{serverId}/disks/{diskRef}']);

/** Disk QoS keys of 0.1 and the names of the createServerDisk and updateServerDisk reference pages. */
const DISK_QOS_RENAMES: readonly (readonly [old: string, current: string])[] = [
  ['readBytesSec', 'readBytes'],
  ['writeBytesSec', 'writeBytes'],
];

/** A legacy form met in a body: the key to report once, and what to say. */
export interface LegacyNotice {
  key: string;
  message: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The body to send for `route`: `body` itself when it holds no legacy form, else a copy in the
 * documented form, with a notice for each legacy key. A key given in both forms is left as it is,
 * so that the body check refuses the old one instead of the SDK picking one.
 */
export function upgradeLegacyBody(route: string, body: unknown): { body: unknown; notices: LegacyNotice[] } {
  if (!DISK_ROUTES.has(route) || !isRecord(body) || !isRecord(body.qos)) return { body, notices: [] };
  const qos = body.qos;
  const renames = DISK_QOS_RENAMES.filter(([old, current]) => Object.hasOwn(qos, old) && !Object.hasOwn(qos, current));
  if (renames.length === 0) return { body, notices: [] };
  const upgraded: Record<string, unknown> = { ...qos };
  const notices: LegacyNotice[] = [];
  for (const [old, current] of renames) {
    upgraded[current] = upgraded[old];
    delete upgraded[old];
    notices.push({
      key: `qos.${old}`,
      message: `qos.${old} is deprecated: the panel's reference names it qos.${current}, which the SDK now sends. Rename it; qos.${old} is refused from virtfusion-sdk ${LEGACY_FORMS_REMOVED_IN}.`,
    });
  }
  return { body: { ...body, qos: upgraded }, notices };
}
