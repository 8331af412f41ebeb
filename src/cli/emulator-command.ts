import { startEmulator, type EmulatorOptions, type EmulatorSeed } from '../testing/emulator';
import { UsageError } from './errors';

export const EMULATOR_HELP = `virtfusion emulator: a local stand-in for a VirtFusion panel (every API operation, seeded data)

Usage:
  virtfusion emulator [--port 4010] [--host 127.0.0.1] [--seed default|empty] [--servers N]
                      [--random SEED] [--token T] [--build-duration MS] [--rate-limit N]
                      [--webhook URL] [--webhook-token T]

  --port            TCP port (default 4010; 0 picks a free one)
  --host            loopback address: 127.0.0.1 (default), ::1 or localhost
  --seed            'default' (a small installation) or 'empty' (catalogue only)
  --servers         number of servers to seed (for paging benchmarks: --servers 10000)
  --random          seed of the random generator (default 1)
  --token           the API token to accept (default: derived from the seed)
  --build-duration  milliseconds from a build request to state "complete" (default 5000)
  --rate-limit      requests per minute per token (default: no limit)
  --webhook         deliver webhook events to this URL (repeatable)
  --webhook-token   token for the webhook deliveries (sent as Bearer base64(token))

Open the inspector address it prints (/_emulator/) in a browser to see the servers, requests,
webhook deliveries, faults and clock. Stops on Ctrl+C (SIGINT) or SIGTERM.
`;

const VALUE_OPTIONS = new Set(['port', 'host', 'seed', 'servers', 'random', 'token', 'build-duration', 'rate-limit', 'webhook', 'webhook-token']);

function parse(argv: readonly string[]): Map<string, string[]> {
  const options = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i += 1) {
    const word = argv[i]!;
    if (word === '--help' || word === '-h') {
      options.set('help', []);
      continue;
    }
    if (!word.startsWith('--')) throw new UsageError(`emulator takes no positional argument (got ${JSON.stringify(word)})`);
    const [name, inline] = word.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (!VALUE_OPTIONS.has(name)) throw new UsageError(`unknown emulator option --${name}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    options.set(name, [...(options.get(name) ?? []), value]);
  }
  return options;
}

function whole(options: Map<string, string[]>, name: string): number | undefined {
  const text = options.get(name)?.at(-1);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} takes a whole number (got ${JSON.stringify(text)})`);
  return Number(text);
}

/** Reads the command line into emulator options. */
export function emulatorOptions(argv: readonly string[]): EmulatorOptions | 'help' {
  const options = parse(argv);
  if (options.has('help')) return 'help';
  const name = options.get('seed')?.at(-1);
  if (name !== undefined && name !== 'default' && name !== 'empty') throw new UsageError(`--seed is 'default' or 'empty' (got ${JSON.stringify(name)})`);
  const seed: EmulatorSeed = { ...(name ? { name } : {}) };
  const servers = whole(options, 'servers');
  if (servers !== undefined) seed.servers = servers;
  const random = options.get('random')?.at(-1);
  if (random !== undefined) seed.random = /^\d+$/.test(random) ? Number(random) : random;
  const token = options.get('token')?.at(-1);
  const perMinute = whole(options, 'rate-limit');
  const buildDuration = whole(options, 'build-duration');
  const webhookToken = options.get('webhook-token')?.at(-1);
  const webhooks = (options.get('webhook') ?? []).map((url) => ({ url, ...(webhookToken ? { token: webhookToken } : {}) }));
  return {
    port: whole(options, 'port') ?? 4010,
    host: options.get('host')?.at(-1) ?? '127.0.0.1',
    seed,
    ...(token ? { tokens: [token] } : {}),
    ...(perMinute === undefined ? {} : { rateLimit: { perMinute } }),
    ...(buildDuration === undefined ? {} : { buildDuration }),
    ...(webhooks.length > 0 ? { webhooks } : {}),
  };
}

/** `virtfusion emulator ...`: runs until SIGINT or SIGTERM, then stops cleanly. */
export async function runEmulatorCommand(argv: readonly string[]): Promise<number> {
  const options = emulatorOptions(argv);
  if (options === 'help') {
    process.stdout.write(EMULATOR_HELP);
    return 0;
  }
  let emu;
  try {
    emu = await startEmulator(options);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${options.port} is in use; pick another with --port (0 for any free port)`);
    if (error instanceof TypeError || error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  const counts = emu.state.counts();
  process.stdout.write(
    [
      'VirtFusion emulator running',
      `  url       ${emu.url}`,
      `  api       ${emu.apiUrl}`,
      `  inspector ${emu.inspectorUrl}`,
      `  token     ${emu.token}`,
      `  seed      ${emu.seed.name} (random ${emu.seed.random}): ${counts.servers} servers, ${counts.users} users`,
      '',
      'Try it:',
      `  VIRTFUSION_URL=${emu.url} VIRTFUSION_TOKEN=${emu.token} virtfusion servers list`,
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  await emu.stop();
  process.stdout.write(`Stopped (${signal}); ${emu.journalStats().total} requests served.\n`);
  return 0;
}
