/** The runtime smoke's checks, by id, worded as the README's table shows them. */
export const CHECKS = {
  connect: 'connect to the panel',
  paging: 'list with paging (3 pages of 2)',
  get: 'get one server',
  build: 'create, build, wait for the build',
  typedError: 'typed errors (404, bad input)',
  webhookVerify: 'webhooks: verify a delivery from `createTestDelivery`',
  webhookForged: 'webhooks: reject a forged delivery',
  signed: 'webhooks: Standard Webhooks sign, verify, reject a re-serialised body',
  fetchHandler: 'webhooks: `toFetchHandler` answers 200, duplicate, 401',
  worker: 'the Cloudflare Worker example (examples/cloudflare-worker) receives deliveries over HTTP',
  start: 'the runtime started',
} as const;

export type CheckId = keyof typeof CHECKS;

/** Where the emulator listens, and the tokens to use; written by the harness. */
export interface SmokeConfig {
  emulatorUrl: string;
  emulatorToken: string;
  webhookToken: string;
}

export interface CheckResult {
  id: CheckId;
  ok: boolean;
  error?: string;
}

/** What the harness writes for one runtime, and scripts/runtime-table.mjs reads. */
export interface RuntimeResult {
  runtime: string;
  label: string;
  version: string;
  checks: (CheckResult & { name: string })[];
}
