/**
 * VirtFusion as one more provider of a SkyPanelV2-style panel: wraps the VirtFusion provider in the
 * panel's provider-service shape, reads the catalogue, creates an instance (answered once accepted,
 * with the generated root password), powers it off and on, and deletes it, printing what the panel
 * would show.
 *
 *   VIRTFUSION_URL=https://panel.example.com VIRTFUSION_TOKEN=… npx tsx examples/provider-skypanel.ts
 *
 * examples/run-all.ts runs it against the emulator. On a real panel it creates and deletes a server
 * owned by the user with extRelationId VIRTFUSION_EXAMPLE_OWNER (default 910001, created if absent).
 */
import { createVirtFusionProvider, SkyPanelError, toSkyPanelProvider } from '../src/provider/index';

const owner = process.env.VIRTFUSION_EXAMPLE_OWNER ?? '910001';
const provider = createVirtFusionProvider({
  url: process.env.VIRTFUSION_URL ?? '',
  token: process.env.VIRTFUSION_TOKEN ?? '',
  wait: { interval: 1000 },
  owner: { by: 'extRelationId', profile: (ref) => ({ name: `SkyPanel customer ${ref}`, email: `skypanel-${ref}@example.com` }) },
});
const service = toSkyPanelProvider(provider, { owner, pricing: (plan) => ({ hourly: (plan.memoryMb ?? 0) / 150_000, monthly: (plan.memoryMb ?? 0) / 200 }) });

/** Reads the instance until it leaves `provisioning`, as a panel's status poll would. */
async function whenBuilt(id: string) {
  for (;;) {
    const instance = await service.getInstance(id);
    if (instance.status !== 'provisioning') return instance;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

try {
  const type: 'virtfusion' = service.getProviderType();
  console.log(`provider ${type}, credentials ${(await service.validateCredentials()) ? 'valid' : 'rejected'}`);
  const plans = await service.getPlans();
  const regions = (await service.getRegions()).filter((r) => r.available);
  const plan = plans.find((p) => p.regions.includes(regions[0]?.id ?? ''));
  if (plan === undefined) throw new Error('No plan is offered in an available region.');
  const images = await provider.getImages({ planId: plan.id });
  const image = images.find((i) => i.distribution === 'Debian') ?? images[0]!;
  console.log(`plan ${plan.label}: ${plan.vcpus} vCPU, ${plan.memory} MB, ${plan.disk} GB, $${plan.price.monthly.toFixed(2)}/month`);
  console.log(`region ${regions[0]!.label}, image ${image.name}`);

  const params = { label: 'skypanel-example-1', type: plan.id, region: regions[0]!.id, image: image.id, rootPassword: 'not-settable-on-virtfusion' };
  const instance = await service.createInstance(params);
  console.log(`accepted ${instance.id} "${instance.label}": ${instance.status}, ${instance.ipv4.join(', ') || 'no IPv4'}; store rootPassword (${instance.rootPassword ? 'generated' : 'absent'})`);
  const again = await service.createInstance(params);
  console.log(`the same create again returns the same instance: ${again.id === instance.id}`);
  const other = await service.createInstance({ ...params, type: plans.find((p) => p.id !== plan.id)?.id ?? plan.id }).catch((error: SkyPanelError) => error);
  if (other instanceof SkyPanelError) console.log(`the label with another plan → ${other.code} (${other.response.status})`);

  console.log(`built: ${(await whenBuilt(instance.id)).status}`);
  await service.performAction(instance.id, 'shutdown');
  console.log('shutdown accepted');
  await service.performAction(instance.id, 'power_on');
  console.log('power_on accepted');
  console.log(`listed: ${(await service.listInstances()).map((i) => `${i.id} ${i.label}`).join('; ')}`);
  console.log(`disks: ${(await service.listDisks(instance.id)).map((d) => `${d.id} ${d.size} MB`).join('; ')}`);
  await service.listFirewalls().catch((error: SkyPanelError) => console.log(`listFirewalls → ${error.code} (${error.response.status})`));

  await service.performAction(instance.id, 'explode').catch((error: SkyPanelError) => console.log(`unknown action → ${error.code} (${error.field})`));
  await service.performAction(instance.id, 'delete');
  const gone = await service.getInstance(instance.id).catch((error: SkyPanelError) => error);
  console.log(`deleted; getInstance → ${gone instanceof SkyPanelError ? `${gone.code} (${gone.response.status})` : 'still there'}`);
} catch (error) {
  const e = error as SkyPanelError;
  console.error(`failed: ${e.code ?? ''} ${e.message ?? String(error)}`);
  process.exitCode = 1;
}
