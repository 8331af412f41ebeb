import type { VirtFusion } from '../../client';
import { ValidationError } from '../../core/errors';
import type { CreateServerInput, HypervisorGroup, Package } from '../../resources/models';
import { HypervisorId } from '../../resources/ids';
import { ProviderError } from '../errors';

/** One network profile tried for a create, and what the panel said. */
export interface ProfileAttempt {
  source: 'caller' | 'package' | 'in use in the group';
  /** undefined: the body carried no `networkProfile`, so the package's applied. */
  profile: number | undefined;
  refusal: string;
}

const PROFILE_REFUSAL = /network profile/i;

/** The panel's refusal of a create's network profile, if `error` is one. */
export function refusalOf(error: unknown): string | undefined {
  if (!(error instanceof ValidationError)) return undefined;
  const text = [...error.messages, ...Object.values(error.fieldErrors).flat()].find((m) => PROFILE_REFUSAL.test(m));
  return text;
}

function describe(attempt: ProfileAttempt, pkg: Package): string {
  const which =
    attempt.profile === undefined ? `the package's profile (${pkg.primaryNetworkProfile ? String(pkg.primaryNetworkProfile) : '0, the default'})` : `profile ${attempt.profile}`;
  return `${which} [${attempt.source}]: "${attempt.refusal}"`;
}

/** Network profiles that servers on the group's nodes use, most used first. */
async function profilesInUse(client: VirtFusion, group: HypervisorGroup, signal: AbortSignal | undefined): Promise<{ profiles: number[]; looked: number }> {
  const nodes: HypervisorId[] = [];
  for await (const hv of client.hypervisors.list({ signal })) if (hv.group?.id === group.id && hv.enabled && !hv.maintenance) nodes.push(HypervisorId(hv.id));
  if (nodes.length === 0) return { profiles: [], looked: 0 };
  const page = await client.servers.list({ type: 'full', hypervisorId: nodes, results: 200, signal });
  const counts = new Map<number, number>();
  for (const server of page.data) {
    for (const nic of server.network?.interfaces ?? []) {
      const profile = (nic as { networkProfile?: unknown }).networkProfile;
      if (typeof profile === 'number') counts.set(profile, (counts.get(profile) ?? 0) + 1);
    }
  }
  return { profiles: [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([profile]) => profile), looked: page.data.length };
}

/**
 * Picks the network profile of a create after the panel refused the one sent (`refused`, the
 * reason a real create gave), trying each other candidate with a dry run so nothing is created on
 * a wrong guess: a refused caller's profile is final; a refused package profile gives way to one
 * that servers on the group's nodes use. Resolves with the profile to send (undefined: send none,
 * the package's applies). Throws `VALIDATION_ERROR` naming every attempt.
 */
export async function chooseNetworkProfile(
  client: VirtFusion,
  body: CreateServerInput,
  context: { pkg: Package; group: HypervisorGroup; requested: number | undefined; signal: AbortSignal | undefined; refused?: string | undefined },
): Promise<number | undefined> {
  const { pkg, group, requested, signal, refused } = context;
  const attempts: ProfileAttempt[] = [];
  if (refused !== undefined) attempts.push({ source: requested === undefined ? 'package' : 'caller', profile: requested, refusal: refused });
  const attempt = async (source: ProfileAttempt['source'], profile: number | undefined): Promise<boolean> => {
    try {
      await client.servers.create({ ...body, ...(profile === undefined ? {} : { networkProfile: profile as never }) }, { dryRun: true, signal });
      return true;
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal === undefined) throw error;
      attempts.push({ source, profile, refusal });
      return false;
    }
  };
  const fail = (extra: string) =>
    new ProviderError({
      code: 'VALIDATION_ERROR',
      provider: 'virtfusion',
      field: 'networkProfile',
      message: `No network profile works in region ${group.id} (${group.name}) for plan ${pkg.id} (${pkg.name}). Tried ${attempts.map((a) => describe(a, pkg)).join('; ')}.${extra}`,
    });

  if (requested !== undefined) {
    if (refused === undefined && (await attempt('caller', requested))) return requested;
    throw fail(' The profile you gave is a network profile id (Configuration → Network Profiles), not a hypervisor network (bridge) id.');
  }
  if (refused === undefined && (await attempt('package', undefined))) return undefined;
  const tried = new Set<number>([pkg.primaryNetworkProfile ?? 0]);
  const { profiles, looked } = await profilesInUse(client, group, signal);
  const others = profiles.filter((p) => !tried.has(p));
  for (const profile of others) {
    if (await attempt('in use in the group', profile)) return profile;
  }
  const seen = profiles.length === 0 ? 'none' : profiles.join(', ');
  throw fail(
    others.length === 0
      ? ` No other profile is in use in the group (read ${looked} server(s) on its nodes; profiles seen: ${seen}). Give one with providerOptions.networkProfile.`
      : ` Give one with providerOptions.networkProfile.`,
  );
}
