import { describe, expectTypeOf, it } from 'vitest';
import { createVirtFusionProvider, SkyPanelError, toSkyPanelProvider, type ComputeProvider, type SkyPanelInstanceStatus } from '../../src/provider';
import type * as Gvps from './skypanel-forks/gvps-cloud-skypanelv2';
import type * as SkyPanelV2 from './skypanel-forks/skyvps360-skypanelv2';
import type * as SkyPanelDo from './skypanel-forks/skyvps360-skypanel-digitalocean';

// Each fork's IProviderService as the panel declares it (test/types/skypanel-forks), with only
// 'virtfusion' added to its ProviderType. The adapter must be assignable to all three unchanged.
const service = toSkyPanelProvider(createVirtFusionProvider({ url: 'https://panel.example.com', token: 'x' }), { owner: '1042' });

describe('toSkyPanelProvider fits the panels as they are', () => {
  it('is an IProviderService of skyvps360/skypanelv2', () => {
    const registered: SkyPanelV2.IProviderService = service;
    expectTypeOf(registered).toEqualTypeOf<SkyPanelV2.IProviderService>();
  });

  it('is an IProviderService of skyvps360/SkyPANELv2 (with DigitalOcean)', () => {
    const registered: SkyPanelDo.IProviderService = service;
    expectTypeOf(registered).toEqualTypeOf<SkyPanelDo.IProviderService>();
  });

  it('is an IProviderService of gvps-cloud/skypanelv2, all 54 members', () => {
    const registered: Gvps.IProviderService = service;
    expectTypeOf(registered).toEqualTypeOf<Gvps.IProviderService>();
  });

  it('names its type as a literal', () => {
    expectTypeOf(service.getProviderType()).toEqualTypeOf<'virtfusion'>();
    // @ts-expect-error a VirtFusion service is not a Linode one
    const linode: 'linode' = service.getProviderType();
    void linode;
  });

  it('a provider whose type is only `string` does not pass as any of the panel’s types', () => {
    const loose = toSkyPanelProvider({} as ComputeProvider, { owner: '1' });
    // @ts-expect-error getProviderType(): string is not ProviderType
    const registered: Gvps.IProviderService = loose;
    void registered;
  });

  it('resolves getInstance with an instance, never null', () => {
    expectTypeOf(service.getInstance).returns.resolves.toExtend<SkyPanelV2.ProviderInstance>();
    expectTypeOf<null>().not.toExtend<Awaited<ReturnType<typeof service.getInstance>>>();
  });

  it('throws Errors of the panel’s ProviderError shape', () => {
    expectTypeOf<SkyPanelError<'virtfusion'>>().toExtend<Gvps.ProviderError>();
    expectTypeOf<SkyPanelError<'virtfusion'>>().toExtend<SkyPanelDo.ProviderError>();
    expectTypeOf<SkyPanelError<'virtfusion'>>().toExtend<Error>();
    expectTypeOf<SkyPanelError<'virtfusion'>['response']['status']>().toEqualTypeOf<number>();
  });

  it('takes only the panel’s six statuses', () => {
    expectTypeOf<SkyPanelInstanceStatus>().toEqualTypeOf<SkyPanelV2.ProviderInstance['status']>();
  });
});
