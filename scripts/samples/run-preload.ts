// Loaded before a sample marked `run` (scripts/check-samples.ts): points the panel address the
// samples are written with (https://panel.example.com) at the emulator, and defines the names of
// scripts/samples/prelude.d.ts with real values from the emulator.
import { ExtRelationId, VirtFusion } from '../../dist/index.js';

const emulator = process.env.SAMPLE_EMULATOR_URL;
if (emulator === undefined) throw new Error('run-preload: SAMPLE_EMULATOR_URL is not set (run samples through scripts/check-samples.ts)');
const PANEL = 'https://panel.example.com';

const realFetch = globalThis.fetch;
globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
  const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (!href.startsWith(PANEL)) return realFetch(input, init);
  const moved = `${emulator}${href.slice(PANEL.length)}`;
  return realFetch(input instanceof Request ? new Request(moved, input) : moved, init);
};

const vf = new VirtFusion({ url: PANEL, token: process.env.VIRTFUSION_TOKEN as string, middleware: [] });
const server = await vf.servers.get(42);
// The customer the guides call 1042 (Ada), with an SSH key of hers.
const user = await vf.users.ensure({ extRelationId: ExtRelationId(1042), name: 'Ada', email: 'ada.1042@example.com' });
const key = await vf.sshKeys.create({
  userId: user.id,
  name: 'laptop',
  publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ada@laptop',
});
const globals: Record<string, unknown> = {
  vf,
  url: PANEL,
  token: process.env.VIRTFUSION_TOKEN,
  server,
  user,
  customer: { id: 9001, name: 'Sample Customer', email: 'sample@example.com' },
  key,
  markBuilt: async () => undefined,
  suspendLocally: async () => undefined,
  forget: async () => undefined,
  metrics: { histogram: () => undefined },
};
Object.assign(globalThis, globals);
