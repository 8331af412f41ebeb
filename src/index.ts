export { VirtFusion, type FromEnvOptions, type VirtFusionOptions } from './client';
export * from './errors';
export { compose, type CallOptions, type Handler, type Middleware, type Next, type RequestContext, type Transport } from './core/middleware';
export type { FetchLike, TransportOptions } from './core/transport';
export { kyTransport } from './core/ky-transport';
export { fetchTransport } from './core/fetch-transport';
export type { PathParams, QueryParams, RequestArgs, RequestBody, RequestOptions, ResponseBody } from './core/request-types';
export type { RawOptions, RawScalar } from './core/raw-route';
export type { OperationInfo, ParamRule } from './core/operation-info';
export { OPERATIONS, type Route, type RouteOperations } from './generated/operations';
export type { components, operations, paths } from './generated/openapi';
export { parseRetryAfter } from './core/retry-after';
export { TOKEN_VARIABLES, URL_VARIABLES } from './core/env';
export { VERSION } from './version';
export type { LogMethod, Logger } from './core/logger';
export {
  ExtRelationId,
  HypervisorGroupId,
  HypervisorId,
  HypervisorNetworkId,
  NetworkProfileId,
  UserId,
  type Brand,
} from './resources/ids';
export type * from './resources/models';
export { PagePromise, MAX_PAGE_SIZE, type Page, type PageFetcher, type PagePromiseOptions } from './resources/page';
export type { ResourceCallOptions, ValidateMode } from './resources/invoker';
export type { WaitOptions } from './resources/poll';
export type {
  BuildProgress,
  ListServersOptions,
  ProvisionInput,
  ProvisionProgress,
  ProvisionResult,
  Servers,
  WaitForBuildOptions,
} from './resources/servers';
export type { AddedFirewallRule, ApplyOption, FirewallRuleInput, InterfaceName, InterfaceRef, ServerFirewall, SyncOption } from './resources/server-firewall';
export type { AddVlanInput, ServerInterfaces, UpdateServerInterfaceInput, UpdateVlanInput } from './resources/server-interfaces';
export type {
  QueuedAction,
  ServerBackups,
  ServerIpv4,
  ServerModify,
  ServerPower,
  ServerTraffic,
  ServerTrafficBlocks,
  ServerVnc,
  ServerWhitelist,
} from './resources/server-parts';
export type { CreateDiskInput, DeleteDiskOptions, DiskQosInput, DiskRef, ServerDisks, ServerHypervisorAssets, ServerRescue, StartRescueInput, UpdateDiskInput } from './resources/server-extras';
export type { HypervisorGroups, HypervisorNetworks, Hypervisors, PagingOptions, UpdateHypervisorInput } from './resources/hypervisors';
export type { HypervisorIpBlocks } from './resources/hypervisor-ip-blocks';
export type { UserKey, UserLookupOptions, Users } from './resources/users';
export type {
  Billing,
  BillingCredit,
  BillingGroupProfiles,
  BillingResourcePacks,
} from './resources/billing';
export type { Packages } from './resources/packages';
export type { Media } from './resources/media';
export type { SshKeys } from './resources/ssh-keys';
export type { AddIpv4Input, CreateIpBlockInput, IpBlockIpv4Options, IpBlockIpv6Options, IpBlocks, SetReverseDnsInput } from './resources/ip-blocks';
export type { Dns } from './resources/dns';
export type { Backups } from './resources/backups';
export type { FirewallRulesets } from './resources/firewall-rulesets';
export type { QueueWaitOptions, Queue } from './resources/queue';
export type { CallRetryOptions } from './core/middleware';
export { retry, RETRY_DEFAULTS, type RetryOptions } from './middleware/retry';
export { rateLimit, RATE_LIMIT_DEFAULTS, type RateLimitMiddleware, type RateLimitOptions, type RedisClientLike } from './middleware/rate-limit';
export type { LimiterSettings } from './middleware/limiter';
export { cache, type CacheMiddleware, type CacheOptions, type CacheStats } from './middleware/cache';
export { DEFAULT_CACHE_TTLS, type ReadRoute } from './middleware/cache-ttl';
export { defaultMiddleware } from './middleware/defaults';
export type {
  ErrorEvent,
  RateLimitedEvent,
  Reporter,
  RequestEventBase,
  RequestEventFields,
  RequestEventListener,
  RequestEventMap,
  RequestEventName,
  RequestStartEvent,
  ResponseEvent,
  RetryEvent,
} from './middleware/events';
export { WebhookVerificationError, isWebhookVerificationError, type WebhookVerificationReason } from './webhooks/errors';
