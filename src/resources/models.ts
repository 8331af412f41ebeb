import type { components } from '../generated/openapi';
import type { ExtRelationId, HypervisorGroupId, HypervisorId, HypervisorNetworkId, NetworkProfileId, UserId } from './ids';

type Schemas = components['schemas'];
type With<T, Overrides> = Omit<T, keyof Overrides> & Overrides;

/** A panel user. `id` is the panel's {@link UserId}; `extRelationId` is yours. */
export type User = With<Schemas['User'], { id: UserId; extRelationId?: ExtRelationId | null }>;
/** A group of hypervisors: where servers are placed. */
export type HypervisorGroup = With<Schemas['HypervisorGroup'], { id: HypervisorGroupId }>;
/** A hypervisor network (bridge). Its id is not a network profile id. */
export type HypervisorNetwork = With<Schemas['HypervisorNetwork'], { id: HypervisorNetworkId }>;
/** A hypervisor (node). */
export type Hypervisor = With<Schemas['Hypervisor'], { id: HypervisorId; group: HypervisorGroup; networks?: HypervisorNetwork[] }>;
/** A server's full record. `ownerId` is a {@link UserId}; `hypervisorId` is the node it runs on. */
export type Server = With<Schemas['Server'], { ownerId: UserId; hypervisorId: HypervisorId; owner?: User }>;
/** A row of `GET /servers` with `type: 'simple'` (the default). */
export type ServerListItem = With<Schemas['ServerListItem'], { owner: UserId; hypervisorId: HypervisorId }>;
/** A row of `GET /servers/user/{userId}`. */
export type ServerOverview = With<Schemas['ServerOverview'], { ownerId: UserId }>;
/** What `POST /servers` takes. `hypervisorId` is a hypervisor GROUP id. */
export type CreateServerInput = With<
  Schemas['CreateServerRequest'],
  { userId: UserId; hypervisorId: HypervisorGroupId; networkProfile?: NetworkProfileId }
>;
/** What `POST /servers/{id}/build` takes. `sshKeys` are ssh key ids, not key text. */
export type BuildServerInput = Schemas['BuildServerRequest'];
/** What `POST /users` takes. */
export type CreateUserInput = With<Schemas['CreateUserRequest'], { extRelationId?: ExtRelationId }>;
/** What `PUT /users/{extRelationId}/byExtRelation` takes. */
export type UpdateUserInput = Schemas['UpdateUserRequest'];
/** What `POST /ssh_keys` takes. */
export type CreateSshKeyInput = With<Schemas['CreateSshKeyRequest'], { userId: UserId }>;

export type Package = Schemas['Package'];
export type TemplateGroup = Schemas['TemplateGroup'];
export type OsTemplate = Schemas['OsTemplate'];
export type QueueItem = Schemas['QueueItem'];
export type SshKey = Schemas['SshKey'];
export type IpBlock = Schemas['IpBlock'];
export type Backup = Schemas['Backup'];
export type DnsService = Schemas['DnsService'];
export type Iso = Schemas['Iso'];
export type Vnc = Schemas['Vnc'];
export type Firewall = Schemas['Firewall'];
export type TrafficBlock = Schemas['TrafficBlock'];
export type LoginTokens = Schemas['LoginTokens'];
export type Currency = Schemas['Currency'];
export type HourlyStats = Schemas['HourlyStats'];
export type SelfServiceReport = Schemas['SelfServiceReport'];
export type SelfServiceUsage = Schemas['SelfServiceUsage'];
export type ResourcePack = Schemas['ResourcePack'];
export type HypervisorGroupResourceEntry = Schemas['HypervisorGroupResourceEntry'];
export type ServerDisk = Schemas['ServerDisk'];
export type ServerState = Schemas['ServerState'];
export type FirewallRule = Schemas['FirewallRule'];
export type FirewallRuleset = Schemas['FirewallRuleset'];
export type ServerInterface = Schemas['ServerInterface'];
export type ServerInterfaceVlan = Schemas['ServerInterfaceVlan'];
export type HypervisorIpBlock = Schemas['HypervisorIpBlock'];
export type IpBlockHypervisorBinding = Schemas['IpBlockHypervisorBinding'];
export type IpBlockIpv4Address = Schemas['IpBlockIpv4Address'];
export type HypervisorMetrics = Schemas['HypervisorMetrics'];
