/**
 * VirtFusion as one more provider of a SkyPanelV2-style panel: wraps the VirtFusion provider in the
 * panel's provider-service shape, reads the catalogue, creates an instance, powers it off and on,
 * and destroys it, printing what the panel would show.
 *
 *   VIRTFUSION_URL=https://panel.example.com VIRTFUSION_TOKEN=… npx tsx examples/provider-skypanel.ts
 *
 * examples/run-all.ts runs it against the emulator. On a real panel it creates and deletes a server
 * owned by the user with extRelationId VIRTFUSION_EXAMPLE_OWNER (default 910001, created if absent).
 */
import { createVirtFusionProvider, toSkyPanelProvider, type SkyPanelProviderError } from '../src/provider/index';

const owner = process.env.VIRTFUSION_EXAMPLE_OWNER ?? '910001';
const provider = createVirtFusionProvider({
  url: process.env.VIRTFUSION_URL ?? '',
  token: process.env.VIRTFUSION_TOKEN ?? '',
  wait: { interval: 1000 },
  owner: { by: 'extRelationId', profile: (ref) => ({ name: `SkyPanel customer ${ref}`, email: `skypanel-${ref}@example.com` }) },
});
const service = toSkyPanelProvider(provider, { owner, pricing: (plan) => ({ hourly: (plan.memoryMb ?? 0) / 150_000, monthly: (plan.memoryMb ?? 0) / 200 }) });

try {
  console.log(`provider ${service.getProviderType()}, credentials ${(await service.validateCredentials()) ? 'valid' : 'rejected'}`);
  const plans = await service.getPlans();
  const regions = (await service.getRegions()).filter((r) => r.available);
  const plan = plans.find((p) => p.regions.includes(regions[0]?.id ?? ''));
  if (plan === undefined) throw new Error('No plan is offered in an available region.');
  const images = await provider.getImages({ planId: plan.id });
  const image = images.find((i) => i.distribution === 'Debian') ?? images[0]!;
  console.log(`plan ${plan.label}: ${plan.vcpus} vCPU, ${plan.memory} MB, ${plan.disk} GB, $${plan.price.monthly.toFixed(2)}/month`);
  console.log(`region ${regions[0]!.label}, image ${image.name}`);

  const instance = await service.createInstance({ label: 'skypanel-example-1', type: plan.id, region: regions[0]!.id, image: image.id, rootPassword: 'ignored-by-virtfusion' });
  console.log(`created ${instance.id} "${instance.label}": ${instance.status}, ${instance.ipv4.join(', ') || 'no IPv4'}, ${instance.specs.memory} MB`);
  const again = await service.createInstance({ label: 'skypanel-example-1', type: plan.id, region: regions[0]!.id, image: image.id, rootPassword: 'ignored-by-virtfusion' });
  console.log(`the same label again returns the same instance: ${again.id === instance.id}`);

  await service.performAction(instance.id, 'shutdown');
  console.log(`after shutdown: ${(await service.getInstance(instance.id))?.status}`);
  await service.performAction(instance.id, 'power_on');
  console.log(`after power_on: ${(await service.getInstance(instance.id))?.status}`);
  console.log(`listed: ${(await service.listInstances()).map((i) => `${i.id} ${i.label} ${i.status}`).join('; ')}`);

  await service.performAction(instance.id, 'explode').catch((error: SkyPanelProviderError) => console.log(`unknown action → ${error.code} (${error.field})`));
  await provider.destroyInstance(instance.id);
  console.log(`destroyed; getInstance → ${JSON.stringify(await service.getInstance(instance.id))}`);
} catch (error) {
  const e = error as SkyPanelProviderError;
  console.error(`failed: ${e.code ?? ''} ${e.message ?? String(error)}`);
  process.exitCode = 1;
}
