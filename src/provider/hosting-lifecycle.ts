import { z } from 'zod';
import type { VirtFusion } from '../client';
import { ExtRelationId } from '../resources/ids';
import { ProviderError, toProviderError } from './errors';
import { validationError } from './input';
import type { InstanceStatus } from './types';
import type { VirtFusionProviderOptions } from './virtfusion/options';
import { createVirtFusionProvider, type VirtFusionProvider } from './virtfusion/provider';

const PROVIDER = 'virtfusion';

/** Package settings a billing product may override on create: the allow-list billing modules share. */
export const HOSTING_OVERRIDES = ['memory', 'storage', 'cpuCores', 'traffic', 'networkSpeedInbound', 'networkSpeedOutbound', 'networkProfile', 'storageProfile', 'ipv4'] as const;
export type HostingOverride = (typeof HOSTING_OVERRIDES)[number];

/** The schema `createAccount` checks a service against (errors name the field, such as `user.email`). */
export const hostingServiceSchema = z.object({
  /** Your service (order line) id: the server is named `service-<id>` unless `name` is given. */
  serviceId: z.union([z.string().min(1), z.number().int().positive()]),
  name: z.string().min(1).max(255).optional(),
  user: z.object({ extRelationId: z.number().int().positive(), name: z.string().min(1), email: z.email() }),
  packageId: z.number().int().positive(),
  hypervisorGroupId: z.number().int().positive(),
  imageId: z.number().int().positive(),
  hostname: z.string().min(1).optional(),
  sshKeyIds: z.array(z.number().int().positive()).optional(),
  overrides: z.partialRecord(z.enum(HOSTING_OVERRIDES), z.number().int().min(0)).optional(),
});

/** A billing service to provision: who, which package where, built from which template. */
export type HostingService = z.input<typeof hostingServiceSchema>;

/** What billing panels store to find the account again: the server id (and the owner, for sign-on). */
export interface AccountRef {
  serverId: number;
  extRelationId?: number | undefined;
}

export interface HostingAccount {
  serverId: number;
  userId: number;
  name: string;
  status: InstanceStatus;
  ipv4: string[];
  ipv6: string[];
  /** The root password, when this call built the server; not enumerable, so it never reaches a log by accident. */
  readonly password?: string | undefined;
  /** false when the service's server already existed (a re-run). */
  created: boolean;
}

/** One billing cycle of a server's traffic and resources. */
export interface HostingUsage {
  periodStart: string | undefined;
  periodEnd: string | undefined;
  rxBytes: number;
  txBytes: number;
  totalBytes: number;
  /** 0 means unlimited. */
  limitGb: number | undefined;
}

/** The provider's options, without `owner`: billing services name their user themselves. */
export type HostingLifecycleOptions = VirtFusionProviderOptions extends infer Each ? (Each extends unknown ? Omit<Each, 'owner'> : never) : never;

export interface HostingLifecycle {
  /** `{ ok: true }` when the panel answers and the token may manage servers; never throws. */
  testConnection(): Promise<{ ok: true } | { ok: false; code: string; message: string }>;
  createAccount(service: HostingService, options?: { signal?: AbortSignal }): Promise<HostingAccount>;
  /** Resolves with whether this call changed anything. */
  suspendAccount(ref: AccountRef): Promise<{ changed: boolean }>;
  unsuspendAccount(ref: AccountRef): Promise<{ changed: boolean }>;
  /** Resolves also when the server is already gone. */
  terminateAccount(ref: AccountRef): Promise<void>;
  changePackage(ref: AccountRef, packageId: number): Promise<void>;
  /** A single sign-on URL (valid about a minute) that opens the server in the panel. Needs `ref.extRelationId`. */
  loginUrl(ref: AccountRef): Promise<string>;
  /** Traffic of the billing cycle that contains `at` (default: now). */
  usage(ref: AccountRef, period?: { at?: Date | undefined }): Promise<HostingUsage>;
}

function refId(ref: AccountRef): number {
  if (!ref || !Number.isSafeInteger(ref.serverId) || ref.serverId < 1) {
    throw new ProviderError({ code: 'VALIDATION_ERROR', provider: PROVIDER, field: 'serverId', message: 'ref.serverId must be the server id stored when the account was created.' });
  }
  return ref.serverId;
}

function parseDate(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const value = Date.parse(text.includes('T') ? text : `${text.replace(' ', 'T')}Z`);
  return Number.isNaN(value) ? undefined : value;
}

/**
 * The account lifecycle billing panels (WHMCS, Paymenter, FOSSBilling, Blesta) run against
 * VirtFusion. Every method is safe to call twice: a re-run cron never doubles a user, a server,
 * a suspension or a deletion.
 *
 * @example
 * ```ts
 * const hosting = createHostingLifecycle({ url: process.env.VIRTFUSION_URL!, token: process.env.VIRTFUSION_TOKEN! });
 * const account = await hosting.createAccount({
 *   serviceId: 7001, user: { extRelationId: 42, name: 'Ada', email: 'ada@example.com' },
 *   packageId: 1, hypervisorGroupId: 2, imageId: 46, overrides: { memory: 2048 },
 * });
 * await hosting.suspendAccount({ serverId: account.serverId });
 * ```
 */
export function createHostingLifecycle(options: HostingLifecycleOptions): HostingLifecycle {
  const pendingUsers = new Map<string, { name: string; email: string }>();
  const provider: VirtFusionProvider = createVirtFusionProvider({
    ...options,
    owner: {
      by: 'extRelationId',
      profile: (ref) => {
        const user = pendingUsers.get(ref);
        if (user === undefined) throw new ProviderError({ code: 'NOT_FOUND', provider: PROVIDER, field: 'user', message: `No user details for ${ref}.` });
        return user;
      },
    },
  } as VirtFusionProviderOptions);
  const client: VirtFusion = provider.client;
  const guard = async <T>(doing: string, run: () => Promise<T>, serverId?: number): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw toProviderError(error, { provider: PROVIDER, doing, serverId: serverId === undefined ? undefined : String(serverId) });
    }
  };
  const setSuspended = (ref: AccountRef, suspended: boolean) =>
    guard(`${suspended ? 'Suspending' : 'Unsuspending'} server ${ref?.serverId}`, async () => {
      const id = refId(ref);
      const server = await client.servers.get(id);
      if (server.suspended === suspended) return { changed: false };
      await (suspended ? client.servers.suspend(id) : client.servers.unsuspend(id));
      return { changed: true };
    }, ref?.serverId);

  return {
    async testConnection() {
      try {
        await provider.validateCredentials();
        return { ok: true };
      } catch (error) {
        const failure = toProviderError(error, { provider: PROVIDER, credentialsCheck: true });
        return { ok: false, code: failure.code, message: failure.message };
      }
    },

    createAccount: (service, callOptions = {}) =>
      guard('Creating the account', async () => {
        const parsed = hostingServiceSchema.safeParse(service);
        if (!parsed.success) throw validationError(PROVIDER, parsed.error);
        const s = parsed.data;
        const ref = String(s.user.extRelationId);
        pendingUsers.set(ref, { name: s.user.name, email: s.user.email });
        const name = s.name ?? `service-${s.serviceId}`;
        const userId = await provider.resolveOwner(ref);
        const before = await provider.findInstance({ name, owner: ref });
        const instance =
          before ??
          (await provider.createInstance(
            {
              name,
              owner: ref,
              planId: String(s.packageId),
              regionId: String(s.hypervisorGroupId),
              imageId: String(s.imageId),
              ...(s.hostname === undefined ? {} : { hostname: s.hostname }),
              ...(s.sshKeyIds === undefined ? {} : { sshKeyIds: s.sshKeyIds.map(String) }),
              providerOptions: { ...s.overrides },
            },
            { signal: callOptions.signal },
          ));
        const account: HostingAccount = { serverId: Number(instance.id), userId, name, status: instance.status, ipv4: instance.ipv4, ipv6: instance.ipv6, created: before === undefined };
        const password = (instance as { password?: string }).password;
        if (password !== undefined) Object.defineProperty(account, 'password', { value: password, enumerable: false });
        return account;
      }),

    suspendAccount: (ref) => setSuspended(ref, true),
    unsuspendAccount: (ref) => setSuspended(ref, false),

    terminateAccount: (ref) => guard(`Terminating server ${ref?.serverId}`, async () => provider.destroyInstance(String(refId(ref))), ref?.serverId),

    changePackage: (ref, packageId) =>
      guard(`Changing the package of server ${ref?.serverId}`, async () => {
        await provider.resizeInstance(String(refId(ref)), String(packageId));
      }, ref?.serverId),

    loginUrl: (ref) =>
      guard(`Signing in to server ${ref?.serverId}`, async () => {
        const id = refId(ref);
        if (ref.extRelationId === undefined) {
          throw new ProviderError({ code: 'VALIDATION_ERROR', provider: PROVIDER, field: 'extRelationId', message: 'loginUrl needs ref.extRelationId, the owner the URL signs in.' });
        }
        return client.users.loginUrl(ExtRelationId(ref.extRelationId), { serverId: id });
      }, ref?.serverId),

    usage: (ref, period = {}) =>
      guard(`Reading the usage of server ${ref?.serverId}`, async () => {
        const id = refId(ref);
        const at = (period.at ?? new Date()).getTime();
        const traffic = (await client.servers.traffic.get(id)) as { monthly?: { start?: string; end?: string; rx?: number; tx?: number; total?: number; limit?: number }[] };
        const cycles = traffic.monthly ?? [];
        const cycle = cycles.find((m) => {
          const start = parseDate(m.start);
          const end = parseDate(m.end);
          return start !== undefined && end !== undefined && start <= at && at <= end;
        });
        if (cycle === undefined) {
          throw new ProviderError({ code: 'NOT_FOUND', provider: PROVIDER, field: 'period', serverId: String(id), message: `No billing cycle of server ${id} contains ${new Date(at).toISOString()} (the panel keeps the last ${cycles.length}).` });
        }
        const rx = Number(cycle.rx ?? 0);
        const tx = Number(cycle.tx ?? 0);
        return { periodStart: cycle.start, periodEnd: cycle.end, rxBytes: rx, txBytes: tx, totalBytes: Number(cycle.total ?? rx + tx), limitGb: cycle.limit };
      }, ref?.serverId),
  };
}

