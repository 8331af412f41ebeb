import { z } from 'zod';
import type { VirtFusion, VirtFusionOptions } from '../../client';
import type { BuildServerInput, CreateServerInput } from '../../resources/models';
import { validationError } from '../input';
import type { OwnerResolution } from './owners';
import type { BuildWaiter, WebhookEventSource } from '../waiter/waiter';

/**
 * Settings of a VirtFusion create that the neutral input does not carry, given per call in
 * `input.providerOptions` or for every call in `defaults`. The create overrides are the billing
 * panels' allow-list; anything else is refused.
 */
export const virtFusionCreateOptionsSchema = z
  .object({
    /** A network profile id (not a hypervisor network id). */
    networkProfile: z.number().int().min(0).optional(),
    storageProfile: z.number().int().min(0).optional(),
    /** Number of IPv4 addresses (0 for none). */
    ipv4: z.number().int().min(0).max(64).optional(),
    memory: z.number().int().min(1).optional(),
    storage: z.number().int().min(1).optional(),
    cpuCores: z.number().int().min(1).optional(),
    traffic: z.number().int().min(0).optional(),
    networkSpeedInbound: z.number().int().min(0).optional(),
    networkSpeedOutbound: z.number().int().min(0).optional(),
    /** Up to two extra disks, in GB. */
    extraDisksGb: z.array(z.number().int().min(1)).max(2, 'VirtFusion creates at most two extra disks').optional(),
    /** Build settings. */
    ipv6: z.boolean().optional(),
    vnc: z.boolean().optional(),
    email: z.boolean().optional(),
    swap: z.union([z.literal(256), z.literal(512), z.literal(768), z.literal(1), z.literal(1.5), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6), z.literal(8)]).optional(),
  })
  .strict();

export type VirtFusionCreateOptions = z.infer<typeof virtFusionCreateOptionsSchema>;

export function parseCreateOptions(value: unknown, field: string): VirtFusionCreateOptions {
  const parsed = virtFusionCreateOptionsSchema.safeParse(value ?? {});
  if (!parsed.success) throw validationError('virtfusion', parsed.error, [field]);
  return parsed.data;
}

/** The `POST /servers` and build fields of the options. */
export function splitCreateOptions(options: VirtFusionCreateOptions): { server: Partial<CreateServerInput>; build: Partial<BuildServerInput> } {
  const { networkProfile: _profile, extraDisksGb, ipv6, vnc, email, swap, ...server } = options;
  const disks: Record<string, unknown> = {};
  extraDisksGb?.forEach((size, index) => {
    disks[`additionalStorage${index + 1}Enable`] = true;
    disks[`additionalStorage${index + 1}Capacity`] = size;
  });
  const build: Partial<BuildServerInput> = {};
  if (ipv6 !== undefined) build.ipv6 = ipv6;
  if (vnc !== undefined) build.vnc = vnc;
  if (email !== undefined) build.email = email;
  if (swap !== undefined) build.swap = swap;
  return { server: { ...server, ...disks } as Partial<CreateServerInput>, build };
}

/** Options of {@link createVirtFusionProvider}: a client, or a URL and token to make one. */
export type VirtFusionProviderOptions = (
  | { client: VirtFusion; url?: undefined; token?: undefined }
  | ({ client?: undefined; url: string; token: string } & Partial<Omit<VirtFusionOptions, 'url' | 'token'>>)
) & {
  /** How owner references become panel users. Default: `{ by: 'extRelationId' }`, no creation. */
  owner?: OwnerResolution | undefined;
  /** Create settings applied to every create (`input.providerOptions` wins field by field). */
  defaults?: VirtFusionCreateOptions | undefined;
  /**
   * Waiting for builds and power tasks, for up to `timeout` ms (default 15 min). Builds are read
   * every third of `expectedBuildMs` (default 60 000; then what this process sees builds take),
   * all pending builds of a client in one loop; `interval` fixes the ms between reads instead.
   */
  wait?: { interval?: number | undefined; expectedBuildMs?: number | undefined; timeout?: number | undefined } | undefined;
  /**
   * A webhook receiver (`createWebhookReceiver()`) that the panel's `server.build` deliveries reach:
   * each ends its server's wait at once, and reads become a rare safety net.
   */
  webhooks?: WebhookEventSource | undefined;
  /** A waiter of your own (default: the one of the client and `wait` settings, see `buildWaiterFor`). */
  waiter?: BuildWaiter | undefined;
  /** Which plans each region offers (region id → plan ids). Without it every plan is offered everywhere. */
  plansByRegion?: Record<string, readonly string[]> | undefined;
  /** How long plans, regions and images are kept. Default 5 minutes. */
  catalogTtlMs?: number | undefined;
  /** How long an owner's name index is trusted before it is read again. Default 5 minutes. */
  nameIndexMaxAgeMs?: number | undefined;
  /**
   * Creates sent when a create failed without an answer and the owner's list proved nothing was
   * created. Default 2.
   */
  createAttempts?: number | undefined;
  /**
   * Minutes the panel waits before deleting a destroyed instance (0–43800, default 0). Until then
   * the instance reads as `terminating`.
   */
  destroyDelayMinutes?: number | undefined;
  /** Read the live power state with `getInstance` (`?remoteState=true`, slower). Default true. */
  remoteState?: boolean | undefined;
};
