import { describe, expectTypeOf, it } from 'vitest';
import {
  ExtRelationId,
  HypervisorGroupId,
  HypervisorId,
  NetworkProfileId,
  UserId,
  type HypervisorNetworkId,
  type PagePromise,
  type Server,
  type ServerListItem,
  type User,
  type VirtFusion,
} from '../../src/index';

declare const vf: VirtFusion;
declare const user: User;
declare const networkId: HypervisorNetworkId;

describe('branded ids', () => {
  it('keep UserId and ExtRelationId apart', () => {
    expectTypeOf(user.id).toEqualTypeOf<UserId>();
    void vf.servers.listByUser(user.id);
    // @ts-expect-error an ExtRelationId is not a UserId
    void vf.servers.listByUser(ExtRelationId(1042));
    // @ts-expect-error a UserId is not an ExtRelationId
    void vf.users.get(user.id);
    // @ts-expect-error a bare number is neither
    void vf.servers.listByUser(11);
  });

  it('keep HypervisorGroupId and HypervisorId apart', () => {
    void vf.servers.create({ packageId: 1, userId: user.id, hypervisorId: HypervisorGroupId(2) });
    // @ts-expect-error POST /servers takes a hypervisor GROUP id
    void vf.servers.create({ packageId: 1, userId: user.id, hypervisorId: HypervisorId(2) });
    // @ts-expect-error a group id is not a hypervisor id
    void vf.hypervisors.get(HypervisorGroupId(2));
    // @ts-expect-error a hypervisor id is not a group id
    void vf.hypervisors.groups.get(HypervisorId(2));
  });

  it('keep NetworkProfileId apart from hypervisor network ids', () => {
    void vf.servers.create({ packageId: 1, userId: user.id, hypervisorId: HypervisorGroupId(2), networkProfile: NetworkProfileId(4) });
    // @ts-expect-error a hypervisor network (bridge) id is not a network profile id
    void vf.servers.create({ packageId: 1, userId: user.id, hypervisorId: HypervisorGroupId(2), networkProfile: networkId });
    // @ts-expect-error the user id must be a UserId
    void vf.servers.create({ packageId: 1, userId: ExtRelationId(3), hypervisorId: HypervisorGroupId(2) });
  });
});

describe('resource results', () => {
  it('are the unwrapped models', () => {
    expectTypeOf(vf.servers.get(1)).resolves.toEqualTypeOf<Server>();
    expectTypeOf(vf.servers.list()).toEqualTypeOf<PagePromise<ServerListItem>>();
    expectTypeOf(vf.servers.list({ type: 'full' })).toEqualTypeOf<PagePromise<Server>>();
    expectTypeOf(vf.servers.delete(1)).resolves.toBeVoid();
    expectTypeOf(vf.servers.power.restart(1)).resolves.toEqualTypeOf<{ queueId: number }>();
    expectTypeOf(vf.connect()).resolves.toEqualTypeOf<true>();
  });
});
