import type { SshKeyRecord, UserRecord } from '../state/records';
import { isoMicros, isoOffset } from '../time';

type Json = Record<string, unknown>;

export function presentUser(user: UserRecord): Json {
  return {
    id: user.id,
    admin: user.admin,
    extRelationId: user.extRelationId,
    ...(user.relStr === null ? {} : { relStr: user.relStr }),
    selfService: user.selfService,
    selfServiceHourlyGroupProfiles: [...user.hourlyGroupProfiles],
    selfServiceResourceGroupProfiles: [...user.resourceGroupProfiles],
    selfServiceHourlyResourcePack: user.hourlyResourcePack,
    name: user.name,
    email: user.email,
    timezone: user.timezone,
    suspended: !user.enabled,
    twoFactorAuth: user.twoFactorAuth,
    created: isoMicros(user.created),
    updated: isoMicros(user.updated),
  };
}

export function presentSshKey(key: SshKeyRecord): Json {
  return {
    id: key.id,
    name: key.name,
    publicKey: key.publicKey,
    type: 'OpenSSH',
    enabled: key.enabled,
    created: isoOffset(key.created),
    updated: isoOffset(key.updated),
  };
}

/** A key as embedded in a server record. */
export function presentServerSshKey(key: SshKeyRecord): Json {
  return { id: key.id, ownerId: key.userId, type: 'OpenSSH', name: key.name, public: key.publicKey, enabled: key.enabled, created: isoOffset(key.created) };
}
