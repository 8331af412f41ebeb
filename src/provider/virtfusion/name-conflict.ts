import type { HypervisorGroup, Package, Server } from '../../resources/models';
import { ProviderError } from '../errors';
import type { Instance } from '../types';
import { PROVIDER, type ProviderContext } from './context';
import { num } from './json';
import type { VirtFusionCreateOptions } from './options';
import { toInstance } from './records';

interface Requested {
  name: string;
  pkg: Package;
  group: HypervisorGroup;
  templateId: number;
  extras: VirtFusionCreateOptions;
  isOurs: ((instance: Instance) => boolean | Promise<boolean>) | undefined;
}

/** What the server's own record says that the request contradicts, one phrase per fact. */
function contradictions(server: Server, wanted: Requested): string[] {
  const record = server as unknown as Record<string, Record<string, unknown> | undefined>;
  const found: string[] = [];
  const groupId = num(record.hypervisor?.groupId);
  if (groupId !== undefined && groupId !== wanted.group.id) found.push(`it is in region ${groupId}, not ${wanted.group.id}`);
  const templateId = num(record.settings?.osTemplateInstallId);
  if (templateId !== undefined && templateId > 0 && templateId !== wanted.templateId) found.push(`it runs image ${templateId}, not ${wanted.templateId}`);
  const resources = (record.settings?.resources ?? {}) as Record<string, unknown>;
  const expected: Array<[string, unknown, number | undefined]> = [
    ['vCPUs', resources.cpuCores, wanted.extras.cpuCores ?? wanted.pkg.cpuCores],
    ['MB of memory', resources.memory, wanted.extras.memory ?? wanted.pkg.memory],
    ['GB of disk', resources.storage, wanted.extras.storage ?? wanted.pkg.primaryStorage],
  ];
  for (const [unit, has, wants] of expected) {
    const actual = num(has);
    if (actual !== undefined && wants !== undefined && actual !== wants) found.push(`it has ${actual} ${unit}, the plan ${wants}`);
  }
  return found;
}

/**
 * A server already carrying the requested name is resumed or returned only when it can be the one
 * this request asked for: its record agrees on region, image (once built) and size, and the
 * caller's `isOurs` (when given) accepts it. Anything else is a `CONFLICT`, never someone else's server.
 */
export async function refuseOtherServer(context: ProviderContext, server: Server, wanted: Requested): Promise<void> {
  const conflict = (reason: string) =>
    new ProviderError({
      code: 'CONFLICT',
      provider: PROVIDER,
      field: 'name',
      serverId: String(server.id),
      status: 409,
      message: `An instance named ${JSON.stringify(wanted.name)} already exists for this owner (server ${server.id}), but ${reason}; choose another name, or destroy that server first.`,
    });
  const found = contradictions(server, wanted);
  if (found.length > 0) throw conflict(found.join(', '));
  if (wanted.isOurs !== undefined && !(await wanted.isOurs(toInstance(server, context.known.get(server.id))))) {
    throw conflict('isOurs() says it was not made by this system');
  }
}
