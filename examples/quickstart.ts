/**
 * The SDK end to end, against a local VirtFusion emulator started for this run: connect, look at
 * the catalogue, ensure a customer by external id, dry-run, create, build and wait, restart,
 * suspend, unsuspend, delete.
 *
 *   npm run demo                                   # or: npx tsx examples/quickstart.ts
 *   npx tsx examples/quickstart.ts --use-env       # a real panel from VIRTFUSION_URL / VIRTFUSION_TOKEN
 *
 * With --use-env the script creates, builds and deletes a real server on that panel.
 */
import { ExtRelationId, isVirtFusionError, NotFoundError, rateLimit, retry, VirtFusion, type BuildProgress } from '../src/index';
import { startEmulator, type Emulator } from '../src/testing';

const CUSTOMER = { extRelationId: ExtRelationId(424242), name: 'Quickstart Customer', email: 'quickstart@example.com' };
const BUILD_MS = 3000;
const tty = process.stdout.isTTY === true;
const started = performance.now();

const step = (n: number, title: string) => console.log(`\n${n}. ${title}`);
const row = (label: string, value: string) => console.log(`   ${label.padEnd(20)}${value}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function progressLine(state: string, elapsed: number, expected: number | undefined): string {
  if (expected === undefined) return `${state.padEnd(10)}${seconds(elapsed)}`;
  const share = state === 'complete' ? 1 : Math.min(0.99, elapsed / expected);
  const filled = Math.round(share * 24);
  return `[${'#'.repeat(filled)}${'.'.repeat(24 - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ${state.padEnd(9)} ${seconds(elapsed)}`;
}

async function main(): Promise<void> {
  const useEnv = process.argv.includes('--use-env');
  let emu: Emulator | undefined;
  let vf: VirtFusion;
  if (useEnv) {
    vf = VirtFusion.fromEnv();
    console.log(`VirtFusion SDK quickstart, against ${vf.baseUrl} (this creates and deletes a real server)`);
  } else {
    emu = await startEmulator({ buildDuration: BUILD_MS, taskDuration: 1000 });
    // The emulator has no panel rate limit, so the client's limiter may allow more than the
    // default 60 requests a minute that suits a real panel.
    vf = new VirtFusion({ url: emu.url, token: emu.token, middleware: [retry(), rateLimit({ perMinute: 1200 })] });
    console.log(`VirtFusion SDK quickstart, against a local emulator at ${emu.url}`);
  }
  const interval = useEnv ? 5000 : 250;

  try {
    step(1, 'Connect');
    await vf.connect();
    row('panel', vf.baseUrl);
    row('token', 'accepted');

    step(2, 'Look at the catalogue');
    const groups = (await vf.hypervisors.groups.list().toArray({ limit: 200 })).filter((g) => g.enabled);
    const packages = (await vf.packages.list()).filter((p) => p.enabled);
    const group = groups.find((g) => g.default) ?? groups[0];
    const pkg = packages.find((p) => p.cpuCores === 2) ?? packages[0];
    if (group === undefined || pkg === undefined) throw new Error('The panel has no enabled hypervisor group or package.');
    row('hypervisor groups', groups.map((g) => g.name).join(', '));
    row('packages', packages.map((p) => p.name).join(', '));
    row('chosen group', `#${group.id} ${group.name}`);
    row('chosen package', `#${pkg.id} ${pkg.name}: ${pkg.cpuCores} cores, ${pkg.memory} MB, ${pkg.primaryStorage} GB`);
    const templates = (await vf.media.templates(pkg.id)).flatMap((g) => g.templates).filter((t) => t.eol !== true);
    const template = templates.filter((t) => t.name === 'Debian').at(-1) ?? templates[0];
    if (template === undefined) throw new Error(`Package ${pkg.name} has no OS template.`);
    row('template', `#${template.id} ${[template.name, template.version, template.variant].filter(Boolean).join(' ')}`);

    step(3, `Ensure the customer with external id ${CUSTOMER.extRelationId}`);
    let user;
    try {
      user = await vf.users.get(CUSTOMER.extRelationId);
      row('lookup', 'found');
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      row('lookup', 'not found (404), creating');
      user = await vf.users.create(CUSTOMER);
    }
    row('user', `#${user.id} ${user.name} <${user.email}>`);

    // hypervisorId is a hypervisor GROUP id and userId the panel's id (user.id), not ours.
    const order = { packageId: pkg.id, userId: user.id, hypervisorId: group.id, ipv4: 1 };
    step(4, 'Dry run');
    await vf.servers.create(order, { dryRun: true });
    row('POST /servers', 'valid (dryRun=true, nothing created)');

    step(5, 'Create');
    const created = await vf.servers.create(order);
    row('server', `#${created.id} on hypervisor #${created.hypervisorId}`);
    row('state', `${created.state} (commissionStatus ${created.commissionStatus})`);

    step(6, 'Build and wait');
    const queued = await vf.servers.build(created.id, { operatingSystemId: template.id, name: 'quickstart', hostname: 'quickstart.example.net' });
    const password = queued.settings?.decryptedPassword ?? '(not returned)';
    let lastState = '';
    const show = (p: BuildProgress) => {
      if (tty) process.stdout.write(`\r   ${progressLine(p.state, p.elapsedMs, useEnv ? undefined : BUILD_MS)}`);
      else if (p.state !== lastState) row('state', `${p.state} at ${seconds(p.elapsedMs)}`);
      lastState = p.state;
    };
    const server = await vf.servers.waitForBuild(created.id, { interval, timeout: useEnv ? 30 * 60_000 : 60_000, onProgress: show });
    if (tty) process.stdout.write('\n');
    row('ipv4', server.network?.interfaces?.[0]?.ipv4?.[0]?.address ?? '(none yet)');
    row('root password', password);

    step(7, 'Restart');
    const { queueId } = await vf.servers.power.restart(server.id);
    const seen: number[] = [];
    const task = await vf.queue.wait(queueId, {
      interval,
      onProgress: (item) => {
        if (seen.at(-1) !== item.progress) seen.push(item.progress);
      },
    });
    row('queue item', `#${queueId} ${task.action ?? ''}: ${seen.map((p) => `${p}%`).join(' → ')}, finished`);

    step(8, 'Suspend and unsuspend');
    await vf.servers.suspend(server.id);
    row('suspended', (await vf.servers.get(server.id)).suspended ? 'yes' : 'no');
    await vf.servers.unsuspend(server.id);
    row('unsuspended', (await vf.servers.get(server.id)).suspended ? 'no' : 'yes');

    step(9, 'Delete');
    await vf.servers.delete(server.id, { delay: 0 });
    try {
      await vf.servers.get(server.id);
      row('server', 'still there (deletion is scheduled)');
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      row('server', `#${server.id} deleted (GET now answers 404)`);
    }

    const requests = emu ? `, ${emu.requests().length} requests` : '';
    console.log(`\nDone in ${seconds(performance.now() - started)}${requests}. Next: examples/, docs/resources.md and docs/emulator.md.`);
  } finally {
    await vf.close();
    await emu?.stop();
  }
}

main().catch((error: unknown) => {
  if (tty) process.stdout.write('\n');
  const message = isVirtFusionError(error) || error instanceof Error ? error.message : String(error);
  console.error(`\nThe quickstart stopped: ${message}`);
  process.exitCode = 1;
});
