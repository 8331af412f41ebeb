import type { CreateProgress } from '../../provider/types';
import type { ProvisionedInstance } from '../../provider/provision-file';
import { readJsonFile } from '../body';
import { parseDuration } from '../durations';
import { UsageError } from '../errors';
import type { GlobalFlags } from '../session';
import { withSession } from './servers';

export interface ProvisionFlags extends GlobalFlags {
  owner?: string;
  plan?: string;
  region?: string;
  skipOtherProviders?: boolean;
  interval?: string;
  waitTimeout?: string;
  parallel?: string;
}

/** The flags that set provisionFile's options, for the messages that name an option. */
const OPTION_FLAGS: Record<string, string> = { owner: '--owner', planId: '--plan', regionId: '--region', skipOtherProviders: '--skip-other-providers' };

/** A provider message in the command line's words: `--owner` rather than `options.owner`. */
function inFlagTerms(text: string): string {
  return text
    .replace(/\boptions\.(\w+)(?: \((?:CLI )?--[\w-]+\))?/g, (whole, name: string) => OPTION_FLAGS[name] ?? whole)
    .replace(/^(\w+): /, (whole, name: string) => (OPTION_FLAGS[name] === undefined ? whole : `${OPTION_FLAGS[name]}: `));
}

function describe(progress: CreateProgress): string {
  switch (progress.step) {
    case 'validate':
      return 'checking';
    case 'found':
      return `exists (server ${progress.instanceId})`;
    case 'create':
      return 'creating';
    case 'created':
      return `created (server ${progress.instanceId})`;
    case 'build':
      return `building (server ${progress.instanceId})`;
    case 'waiting':
      return `${progress.status} (server ${progress.instanceId}, ${Math.round(progress.elapsedMs / 1000)} s)`;
    case 'ready':
      return `ready (server ${progress.instanceId})`;
  }
}

function parseParallel(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || Number(text) > 100) throw new UsageError(`--parallel takes how many servers to create at once, 1 to 100 (got ${JSON.stringify(text)})`);
  return Number(text);
}

/**
 * `provision <file.json> --owner <extRelationId>`: creates every instance of a provisioning file
 * (talis's request file, in either of its shapes, or ours). Names are the idempotency keys: a second run creates nothing again and
 * prints the same instances.
 */
export async function provision(file: string, flags: ProvisionFlags): Promise<void> {
  const json = await readJsonFile(file, 'the provisioning file');
  if (flags.owner !== undefined && flags.owner.trim() === '') throw new UsageError('--owner needs the extRelationId of the panel user who will own the servers');
  const interval = flags.interval === undefined ? undefined : parseDuration(flags.interval, '--interval');
  const timeout = flags.waitTimeout === undefined ? undefined : parseDuration(flags.waitTimeout, '--wait-timeout');
  const parallel = flags.parallel === undefined ? undefined : parseParallel(flags.parallel);
  const { createVirtFusionProvider, provisionFile } = await import('../../provider/index');
  await withSession(flags, async (session) => {
    const provider = createVirtFusionProvider({
      client: session.vf,
      ...(interval === undefined && timeout === undefined ? {} : { wait: { ...(interval === undefined ? {} : { interval }), ...(timeout === undefined ? {} : { timeout }) } }),
    });
    const lines = new Map<string, string>();
    const result = await session.withProgress('reading the provisioning file', (progress) =>
      provisionFile(provider, json, {
        ...(flags.owner === undefined ? {} : { owner: flags.owner.trim() }),
        ...(flags.plan === undefined ? {} : { planId: flags.plan }),
        ...(flags.region === undefined ? {} : { regionId: flags.region }),
        ...(flags.skipOtherProviders ? { skipOtherProviders: true } : {}),
        ...(parallel === undefined ? {} : { parallel }),
        signal: session.signal,
        // One line per instance, redrawn in place.
        onProgress: ({ name, progress: step }) => {
          lines.set(name, describe(step));
          progress.update([...lines].map(([instance, state]) => `${instance}  ${state}`).join('\n'));
        },
      }).catch((error: unknown) => {
        if ((error as { name?: unknown } | null)?.name === 'ProviderError') (error as Error).message = inFlagTerms((error as Error).message);
        throw error;
      }),
    );
    for (const note of result.notes) session.warn(`note: ${inFlagTerms(note)}`);
    const { out } = session;
    if (out.format === 'json') {
      await out.json(result);
      return;
    }
    await out.list<ProvisionedInstance>(result.instances, [
      { header: 'NAME', cell: (i) => i.name },
      { header: 'ID', cell: (i) => i.id },
      { header: 'STATUS', cell: (i) => i.status },
      { header: 'IPV4', cell: (i) => i.ipv4 },
      { header: 'IPV6', cell: (i) => i.ipv6 },
      { header: 'NEW', cell: (i) => (i.created ? 'yes' : 'no (existed)') },
    ]);
  });
}
