/**
 * A billing panel's account lifecycle on VirtFusion, as a WHMCS or Paymenter module runs it: test
 * the connection, create the account (twice, as a re-run cron would), suspend, unsuspend, change
 * package, single sign-on, usage for the billing cycle, terminate (twice).
 *
 *   VIRTFUSION_URL=https://panel.example.com VIRTFUSION_TOKEN=… npx tsx examples/billing-lifecycle.ts
 *
 * examples/run-all.ts runs it against the emulator. On a real panel it creates and deletes a server
 * for the user with extRelationId VIRTFUSION_EXAMPLE_OWNER (default 910002, created if absent).
 */
import { createHostingLifecycle, isProviderError } from '../src/provider/index';
import { VirtFusion } from '../src/index';

const extRelationId = Number(process.env.VIRTFUSION_EXAMPLE_OWNER ?? 910002);
const client = new VirtFusion({ url: process.env.VIRTFUSION_URL ?? '', token: process.env.VIRTFUSION_TOKEN ?? '' });
const hosting = createHostingLifecycle({ client, wait: { interval: 1000 } });

try {
  const connection = await hosting.testConnection();
  console.log(`connection: ${connection.ok ? 'ok' : `${connection.code} ${connection.message}`}`);
  if (!connection.ok) throw new Error('cannot reach the panel');

  // A billing product names a package, a group and a template; here, the first that fit.
  const packages = (await client.packages.list()).filter((p) => p.enabled);
  const group = (await client.hypervisors.groups.list().toArray({ limit: 200 })).find((g) => g.enabled)!;
  const [first, second] = packages;
  const template = (await client.media.templates(first!.id)).flatMap((g) => g.templates).find((t) => !t.eol)!;

  const service = {
    serviceId: 5001,
    user: { extRelationId, name: 'Billing Example', email: `billing-${extRelationId}@example.com` },
    packageId: first!.id,
    hypervisorGroupId: group.id,
    imageId: template.id,
    overrides: { memory: (first!.memory ?? 1024) * 2 },
  };
  const account = await hosting.createAccount(service);
  console.log(`created server ${account.serverId} (${account.name}) for user ${account.userId}: ${account.status}, ${account.ipv4.join(', ')}`);
  console.log(`root password shown once: ${account.password ? `${account.password.slice(0, 3)}… (${account.password.length} chars)` : 'none'}`);
  const rerun = await hosting.createAccount(service);
  console.log(`re-run of the cron: same server ${rerun.serverId === account.serverId}, created ${rerun.created}`);

  const ref = { serverId: account.serverId, extRelationId };
  console.log(`suspend: changed ${(await hosting.suspendAccount(ref)).changed}; again: changed ${(await hosting.suspendAccount(ref)).changed}`);
  console.log(`unsuspend: changed ${(await hosting.unsuspendAccount(ref)).changed}`);
  if (second) {
    await hosting.changePackage(ref, second.id);
    console.log(`package changed to ${second.name}`);
  }
  const url = await hosting.loginUrl(ref);
  console.log(`single sign-on: ${new URL(url).origin}/… (valid about a minute)`);
  const usage = await hosting.usage(ref);
  console.log(`usage ${usage.periodStart} → ${usage.periodEnd}: ${(usage.totalBytes / 1e9).toFixed(3)} GB of ${usage.limitGb || 'unlimited'} GB`);

  await hosting.terminateAccount(ref);
  await hosting.terminateAccount(ref);
  console.log('terminated (twice: the second call finds it gone and resolves)');
} catch (error) {
  console.error(isProviderError(error) ? `failed: ${error.code} ${error.message}` : error);
  process.exitCode = 1;
}
